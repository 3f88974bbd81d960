"""The one set of rules for a question to the Sakura Mentors: the site's form and the API's
``askMentor`` both validate through ``MentorQuestionForm``."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from site_pages.fallback import localized
from site_pages.locales import get_locale
from site_pages.models import Mentor, MentorQuestion

# Named like a field people fill on many forms, so that form-filling bots fill it too.
HONEYPOT_FIELD = "website"


class MentorQuestionForm(forms.ModelForm):
    mentor = forms.ModelChoiceField(
        label=_("Mentor you would like to answer (optional)"),
        queryset=Mentor.objects.none(),
        to_field_name="slug",
        required=False,
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # Rendered once per form, so a double-clicked submit or a reload of the POST finds the
    # question it already sent instead of asking it twice.
    idempotency_key = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    # When the site rendered the form (site_pages/fill_time.py); the API has no such moment.
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = MentorQuestion
        fields = [
            "question",
            "topic",
            "mentor",
            "name",
            "show_name",
            "email",
            "country",
            "programme_year",
        ]
        labels = {"show_name": _("You may show my name with the answer")}
        help_texts = {
            "email": _(
                "Only the Secretariat sees it; we write to you when your question is answered."
            ),
            "programme_year": _("The year you visited Japan with the Sakura Science Program."),
        }
        widgets = {"question": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.fields["mentor"].queryset = localized(
            Mentor.objects.all(), get_locale(language)
        ).order_by("name")

    def honeypot_filled(self):
        return bool(str(self.data.get(HONEYPOT_FIELD) or "").strip())

    def clean_programme_year(self):
        year = self.cleaned_data.get("programme_year")
        if year is not None and year > timezone.localdate().year:
            raise forms.ValidationError(
                _("The programme year cannot be in the future."), code="invalid"
            )
        return year

    def save(self, commit=True):
        question = super().save(commit=False)
        question.mentor_asked = self.cleaned_data.get("mentor")
        question.language = self.language
        if commit:
            question.save()
        return question
