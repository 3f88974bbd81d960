"""The one set of rules for a question to the Sakura Mentors: the site's form and the API's
``askMentor`` both validate through ``MentorQuestionForm`` (anti-abuse fields:
``submission_form.py``)."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from site_pages.fallback import localized
from site_pages.locales import get_locale
from site_pages.models import Mentor, MentorQuestion
from site_pages.submission_form import SubmissionForm, past_programme_year


class MentorQuestionForm(SubmissionForm, forms.ModelForm):
    # Required: the mentors answer in published columns, which quote the question.
    consent_to_quote = forms.BooleanField(
        label=_("A mentor may quote my question in a published column, with my country"),
        help_text=_("Mentors answer in their columns, for every member to read."),
        error_messages={
            "required": _(
                "The mentors answer in published columns: please agree that your question may "
                "be quoted there."
            )
        },
    )
    mentor = forms.ModelChoiceField(
        label=_("Mentor you would like to answer (optional)"),
        queryset=Mentor.objects.none(),
        to_field_name="slug",
        required=False,
    )

    class Meta:
        model = MentorQuestion
        fields = [
            "question",
            "topic",
            "mentor",
            "name",
            "consent_to_quote",
            "show_name",
            "email",
            "country",
            "programme_year",
        ]
        labels = {"show_name": _("You may show my name with the answer")}
        help_texts = {
            # The model's help text speaks to the Secretariat; the asker is told what it means.
            "show_name": _(
                "Tick this to add your first name to the quoted question; your e-mail address "
                "is never shown."
            ),
            "email": _(
                "Only the Secretariat sees it; we write to you when your question is answered."
            ),
            "programme_year": _("The year you visited Japan with the Sakura Science Program."),
        }
        widgets = {"question": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The form field Django makes for the mentor foreign key.
        mentor = cast(forms.ModelChoiceField, self.fields["mentor"])
        mentor.queryset = localized(Mentor.objects.all(), get_locale(self.language)).order_by(
            "name"
        )

    def clean_programme_year(self):
        return past_programme_year(self.cleaned_data.get("programme_year"))

    def save(self, commit=True):
        question = super().save(commit=False)
        question.mentor_asked = self.cleaned_data.get("mentor")
        question.language = self.language
        if commit:
            question.save()
        return question
