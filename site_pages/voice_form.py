"""The one set of rules for a Members' Voice submission: the site's form and the API's
``submitMemberVoice`` both validate through ``MemberVoiceForm`` (anti-abuse fields:
``submission_form.py``; photo checks: ``uploads.py``, those of the media library)."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from site_pages.models import MemberVoicePage
from site_pages.models.snippets import programme_year_validators
from site_pages.submission_form import SubmissionForm, past_programme_year
from site_pages.uploads import SafeImageField

MESSAGE_MAX_LENGTH = 3000


def page_field(name, **kwargs):
    """The form field of a MemberVoicePage field: its length limit and choices (model validators
    are not carried over: the page's are given again where it has any)."""
    return MemberVoicePage._meta.get_field(name).formfield(**kwargs)


class MemberVoiceForm(SubmissionForm):
    name = page_field("member_name", label=_("Your name"), required=True)
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_(
            "Only the Secretariat sees it, to ask you about your message if needed. "
            "It is never published."
        ),
    )
    country = page_field("country", label=_("Country"))
    programme = page_field(
        "programme",
        label=_("Programme (optional)"),
        help_text=_("For example: Sakura Science High School Program."),
    )
    programme_year = page_field(
        "programme_year",
        validators=programme_year_validators,
        label=_("Programme year (optional)"),
        help_text=_("The year you visited Japan with the Sakura Science Program."),
    )
    affiliation = page_field(
        "affiliation",
        label=_("Affiliation (optional)"),
        help_text=_("Your university, institute or employer."),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the Sakura Science Club publishes my message with my name, country, "
            "programme, affiliation and photo once the Secretariat has approved it."
        ),
        error_messages={
            "required": _("We can publish your message only with your consent to publication.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built here, not at import, so that the upload limits are read from the settings of now.
        self.fields["photo"] = SafeImageField(
            label=_("Photo (optional)"),
            required=False,
            widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
            help_text=gettext("JPEG, PNG, GIF or WebP, at most %(size)s.")
            % {"size": filesizeformat(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)},
        )
        # Texts with numbers are made here, in the reader's language (a lazy text formatted at
        # import would be frozen in the default one).
        self.fields["message"].help_text = gettext(
            "Plain text, at most %(limit)s characters. Leave a blank line between paragraphs."
        ) % {"limit": MESSAGE_MAX_LENGTH}
        # The honeypot stays last, after the photo, where a person never reaches it.
        self.order_fields([name for name in self.fields if name != "website"])

    def clean_programme_year(self):
        return past_programme_year(self.cleaned_data.get("programme_year"))
