"""The newsletter's forms: subscribing (the site's form and the API's ``subscribeNewsletter``
both validate through ``SubscribeForm``; anti-abuse fields: ``submission_form.py``) and the
preferences a subscriber edits through the signed link in every mail."""

from typing import cast

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from site_pages.fallback import Reader
from site_pages.locales import get_locale
from site_pages.models import ChapterPage
from site_pages.submission_form import SubmissionForm

# A client may send any list; more chapters than exist is a mistake, not a preference.
MAX_CHAPTERS = 50


class ChapterChoiceField(forms.ModelMultipleChoiceField):
    reader: Reader | None = None  # whose chapters: set with the choices by offer_chapters

    def label_from_instance(self, obj):
        """The chapter's title; a fallback's (an English title among Thai labels) says its
        language, as the site marks every fallback's words (WCAG 3.1.2)."""
        if self.reader is not None and self.reader.is_fallback(obj):
            return format_html('<span lang="{}">{}</span>', self.reader.language_of(obj), obj.title)
        return obj.title

    def clean(self, value):
        if value and len(value) > MAX_CHAPTERS:
            raise forms.ValidationError(
                _("Choose at most %(limit)s chapters.") % {"limit": MAX_CHAPTERS}, code="invalid"
            )
        return super().clean(value)


def offer_chapters(field: ChapterChoiceField, language: str) -> None:
    """Let ``field`` offer the chapters a reader of ``language`` may choose: visible, in their
    language where it exists, by slug (the same in every language)."""
    field.reader = Reader(get_locale(language))
    field.queryset = field.reader.pages(ChapterPage.objects.all()).order_by("title")


def chapters_field():
    return ChapterChoiceField(
        label=_("Chapters whose news you want (optional)"),
        help_text=_("Leave all unticked to hear from every chapter."),
        queryset=ChapterPage.objects.none(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class SubscribeForm(SubmissionForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_(
            "We send a link to confirm it first. It is used for the newsletter only and never "
            "shown to anyone."
        ),
    )
    chapters = chapters_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_chapters(cast(ChapterChoiceField, self.fields["chapters"]), self.language)
        self.order_fields(["email", "chapters"])


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the newsletter"), choices=settings.WAGTAIL_CONTENT_LANGUAGES
    )
    chapters = chapters_field()

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        offer_chapters(cast(ChapterChoiceField, self.fields["chapters"]), language)
