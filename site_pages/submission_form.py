"""What every members' submission form shares (a question for the mentors, a Members' Voice):
the anti-abuse fields and the reader's language. The rules for each kind live in its own form;
``submission_intake.py`` runs them the same way for the site and the API."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Named like a field people fill on many forms, so that form-filling bots fill it too.
HONEYPOT_FIELD = "website"


class SubmissionForm(forms.Form):
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # Rendered once per form, so a double-clicked submit or a reload of the POST finds the
    # submission it already sent instead of sending it twice.
    idempotency_key = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    # When the site rendered the form (site_pages/fill_time.py); the API has no such moment.
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language

    def honeypot_filled(self):
        return bool(str(self.data.get(HONEYPOT_FIELD) or "").strip())


def past_programme_year(year):
    """A programme year as entered, refused when it lies in the future (the model's validators
    only bound it by a fixed range)."""
    if year is not None and year > timezone.localdate().year:
        raise forms.ValidationError(
            _("The programme year cannot be in the future."), code="invalid"
        )
    return year
