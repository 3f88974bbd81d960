from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from site_pages.models.base import IndexPage, SitePage, body_field, image_field
from site_pages.models.snippets import programme_year_validators


class MemberVoiceIndexPage(IndexPage):
    """'Members' Voice': messages that members send to the network."""

    subpage_types = ["site_pages.MemberVoicePage"]

    content_panels = [*IndexPage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("member voice index page")


class MemberVoicePage(SitePage):
    """A member's message, with who they are and when they visited Japan."""

    member_name = models.CharField(_("member's name"), max_length=200)
    country = CountryField(_("country"))
    programme_year = models.PositiveSmallIntegerField(
        _("programme year"), null=True, blank=True, validators=programme_year_validators
    )
    affiliation = models.CharField(_("affiliation"), max_length=255, blank=True)
    photo = image_field(_("photo"))
    body = body_field(verbose_name=_("message"))

    parent_page_types = ["site_pages.MemberVoiceIndexPage"]
    subpage_types = []

    content_panels = [
        *SitePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("member_name"),
                FieldRowPanel([FieldPanel("country"), FieldPanel("programme_year")]),
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
