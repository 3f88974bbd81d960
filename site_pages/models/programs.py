from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from site_pages.models.base import IndexPage, SitePage, body_field, image_field
from site_pages.models.chapters import term_error
from site_pages.models.snippets import programme_year_validators


class ProgramIndexPage(IndexPage):
    subpage_types = ["site_pages.ProgramPage"]

    class Meta:
        verbose_name = _("programme index page")


class ProgramCategory(models.TextChoices):
    OPEN_APPLICATION = "open_application", _("Open Application Program")
    HIGH_SCHOOL = "high_school", _("High School Program")
    SUPPORTERS = "supporters", _("Supporters Program")
    OFFICERS = "officers", _("Officers invitation")


class ProgramPage(SitePage):
    """A programme of the Sakura Science Exchange Program, with its headline figures.

    Officer programmes sit under the Supporters Program page, so a ProgramPage may hold others.
    """

    acronym = models.CharField(
        _("acronym"),
        max_length=20,
        blank=True,
        help_text=_("The short name, e.g. SSHP. Up to 20 characters."),
    )
    category = models.CharField(_("category"), max_length=30, choices=ProgramCategory.choices)
    first_year = models.PositiveSmallIntegerField(
        _("first year"), null=True, blank=True, validators=programme_year_validators
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        validators=programme_year_validators,
        help_text=_("The last year the figures cover; empty while the programme runs."),
    )
    course_count = models.PositiveIntegerField(
        _("courses held"),
        null=True,
        blank=True,
        help_text=_("How many courses, from the first year to the last year."),
    )
    participant_count = models.PositiveIntegerField(
        _("participants"),
        null=True,
        blank=True,
        help_text=_("How many people took part, from the first year to the last year."),
    )
    hero_image = image_field(
        _("main image"),
        help_text=_(
            "A wide picture under the title, cut to a strip (12:5). Use one at least 1200 "
            "pixels wide."
        ),
    )
    body = body_field()

    parent_page_types = ["site_pages.ProgramIndexPage", "site_pages.ProgramPage"]
    subpage_types = ["site_pages.ProgramPage"]

    content_panels = [
        *SitePage.content_panels,
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("category")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("first_year"), FieldPanel("last_year")]),
                FieldRowPanel([FieldPanel("course_count"), FieldPanel("participant_count")]),
            ],
            heading=_("Figures"),
        ),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]

    search_fields = [
        *SitePage.search_fields,
        index.SearchField("acronym"),
        index.SearchField("body"),
        index.FilterField("category"),
    ]

    # SSHP is SSHP in every language, like a chapter's acronym.
    override_translatable_fields = [
        *SitePage.override_translatable_fields,
        SynchronizedField("acronym"),
    ]

    class Meta:
        verbose_name = _("programme page")

    def clean(self):
        super().clean()
        message = term_error(self.first_year, self.last_year)
        if message:
            raise ValidationError({"last_year": message})
