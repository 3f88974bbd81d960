from django.conf import settings
from django.contrib.admin import display as admin_display
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.search import index

from site_pages.models.base import IndexPage, SitePage, body_field, idempotency_key_field
from site_pages.models.snippets import (
    affiliation_field,
    portrait_field,
    programme_year_validators,
)
from site_pages.submission_routes import submission_routes


class MemberVoiceIndexPage(RoutablePageMixin, IndexPage):
    """'Members' Voice': messages that members send to the network, and the form to send one
    (``share/``, in every language the section is served in)."""

    subpage_types = ["site_pages.MemberVoicePage"]

    class Meta:
        verbose_name = _("member voice index page")

    share, share_thanks = submission_routes(
        "share",
        "site_pages.voice_intake.VOICES",
        form_template="site_pages/member_voice_form.html",
        thanks_template="site_pages/member_voice_thanks.html",
    )


class MemberVoicePage(SitePage):
    """A member's message, with who they are and when they visited Japan."""

    member_name = models.CharField(
        _("member's name"),
        max_length=200,
        help_text=_("As the member wants it shown. Up to 200 characters."),
    )
    country = CountryField(_("country"))
    programme_year = models.PositiveSmallIntegerField(
        _("programme year"), null=True, blank=True, validators=programme_year_validators
    )
    programme = models.CharField(
        _("programme"),
        max_length=200,
        blank=True,
        help_text=_("The programme the member came with, e.g. Sakura Science High School Program."),
    )
    affiliation = affiliation_field()
    photo = portrait_field()
    body = body_field(
        verbose_name=_("message"), help_text=_("The member's message, in their words.")
    )

    parent_page_types = ["site_pages.MemberVoiceIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *SitePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("member_name"),
                FieldRowPanel([FieldPanel("country"), FieldPanel("programme_year")]),
                FieldPanel("programme"),
                FieldPanel("affiliation"),
                FieldPanel("photo"),
            ],
            heading=_("Member"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = [
        *SitePage.search_fields,
        index.SearchField("member_name"),
        index.SearchField("body"),
        index.FilterField("country"),
        index.FilterField("programme_year"),
    ]

    class Meta:
        verbose_name = _("member voice")


class MemberVoiceSubmission(models.Model):
    """A message a member sent through the site's form or ``submitMemberVoice``: the draft
    MemberVoicePage it became (in the Secretariat's workflow), and what the Secretariat needs to
    follow it up that readers must never see.

    The e-mail address is personal data: it lives here, not on the page, so no page query, feed
    or search index can reach it, and the admin lists it to the Secretariat only
    (``site_pages/submission_access.py``). Deleting the page deletes this record with it.
    """

    page = models.OneToOneField(
        MemberVoicePage,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="submission",
    )
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language"),
        max_length=20,
        choices=settings.WAGTAIL_CONTENT_LANGUAGES,
        help_text=_("The language the member wrote in; the page may be in a fallback language."),
    )
    consent_to_publish = models.BooleanField(_("consent to publish"), default=False)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    # A digest of the client's idempotency key and the sender's address (submission_intake.py).
    idempotency_key = idempotency_key_field()

    panels = [
        FieldPanel("page", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("language", read_only=True),
        FieldPanel("consent_to_publish", read_only=True),
    ]

    class Meta:
        verbose_name = _("member voice submission")
        verbose_name_plural = _("member voice submissions")
        ordering = ["-created_at"]

    def __str__(self):
        return self.page.title

    @admin_display(description=_("status"))
    def status(self):
        if self.page.live:
            return _("Published")
        state = self.page.current_workflow_state
        if state is not None:
            return state.get_status_display()
        return _("Draft")

    @admin_display(description=_("page"))
    def review_link(self):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("wagtailadmin_pages:edit", args=[self.page_id]),
            _("Review the page"),
        )
