from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from site_pages import dates
from site_pages.dates import PartialDateAttribute, precision_field
from site_pages.models.base import IndexPage, SitePage, body_field, image_field
from site_pages.models.events import EventPage, not_ended_q
from site_pages.models.snippets import programme_year_validators
from site_pages.pictures import group, with_pictures
from site_pages.social_links import SocialPlatform, validate_platform_url
from site_pages.stored_links import URLPolicyMixin


class ChapterIndexPage(IndexPage):
    subpage_types = ["site_pages.ChapterPage"]

    children_order = ("title",)

    class Meta:
        verbose_name = _("chapter index page")

    def get_context(self, request, *args, **kwargs):
        from site_pages.fallback import Reader

        context = super().get_context(request, *args, **kwargs)
        context["directory"] = self.directory(Reader.for_request(request), context["children"])
        return context

    @staticmethod
    def directory(reader, chapters):
        """[(chapter, its next event or None)] for the chapter directory: each chapter's
        soonest event that has not ended, in the reader's language, in two queries."""
        chapters = with_pictures(chapters)
        events, parent_key = reader.children(chapters, EventPage)
        soonest: dict[UUID, EventPage] = {}

        for event in events.filter(not_ended_q()).order_by("start_date", "path"):
            soonest.setdefault(parent_key(event), event)
        return [(chapter, soonest.get(chapter.translation_key)) for chapter in chapters]


class ChapterPage(SitePage):
    """One national chapter of the Sakura Science Club, e.g. India's ISCA."""

    country = CountryField(_("country"), help_text=_("Each country has one chapter."))
    local_name = models.CharField(
        _("chapter name"),
        max_length=200,
        blank=True,
        help_text=_("The chapter's own name, e.g. India Sakura Science Club Alumni Association."),
    )
    acronym = models.CharField(
        _("acronym"),
        max_length=20,
        blank=True,
        help_text=_("The short name, e.g. ISCA. The same in every language. Up to 20 characters."),
    )
    founded_on = models.DateField(
        _("founded on"),
        null=True,
        blank=True,
        help_text=_(
            "The day the chapter started. If you know only the month or the year, choose it "
            "in “precision”."
        ),
    )
    founded_on_precision = precision_field()
    member_count = models.PositiveIntegerField(
        _("approximate members"),
        null=True,
        blank=True,
        help_text=_("About how many members the chapter has. The chapter list shows it."),
    )
    member_count_year = models.PositiveSmallIntegerField(
        _("members counted in"),
        null=True,
        blank=True,
        validators=programme_year_validators,
        help_text=_("The year the member figure refers to."),
    )
    hero_image = image_field(
        _("hero image"),
        help_text=_(
            "A wide picture under the title, cut to a strip (12:5). The chapter list shows it "
            "too. Use one at least 1200 pixels wide."
        ),
    )
    body = body_field()

    parent_page_types = ["site_pages.ChapterIndexPage"]
    subpage_types = ["site_pages.EventPage"]

    content_panels = [
        *SitePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("country"),
                FieldRowPanel([FieldPanel("local_name"), FieldPanel("acronym")]),
                FieldRowPanel([FieldPanel("founded_on"), FieldPanel("founded_on_precision")]),
                FieldRowPanel([FieldPanel("member_count"), FieldPanel("member_count_year")]),
            ],
            heading=_("Chapter"),
        ),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("coordinators", heading=_("Coordinators"), label=_("Coordinator")),
        InlinePanel("social_links", heading=_("Social links"), label=_("Social link")),
    ]

    search_fields = [
        *SitePage.search_fields,
        index.SearchField("local_name"),
        index.SearchField("acronym"),
        index.SearchField("body"),
        index.AutocompleteField("acronym"),
        index.FilterField("country"),
    ]

    # An acronym (ISCA, SAAI) is the chapter's name in every language; a translator may still
    # give a local form where one exists.
    override_translatable_fields = [
        *SitePage.override_translatable_fields,
        SynchronizedField("acronym"),
    ]

    founded = PartialDateAttribute("founded_on", "founded_on_precision")

    class Meta:
        verbose_name = _("chapter page")

    def clean(self):
        super().clean()
        self.founded_on = dates.truncated(self.founded_on, self.founded_on_precision)
        # Collect every mistake, so that the editor sees them all at once and no check is
        # skipped because another one failed (or because the country is still empty).
        errors: dict[str, str | Promise] = {}
        clash = (
            ChapterPage.objects.filter(country=self.country, locale_id=self.locale_id)
            .exclude(translation_key=self.translation_key)
            .first()
            if self.country
            else None
        )
        if clash:
            # django-stubs types CountryField by its CharField base (str); it holds a Country.
            country = self.country.name  # type: ignore[attr-defined]
            errors["country"] = _(
                "%(country)s already has a chapter page, “%(title)s”. Each country has one chapter."
            ) % {"country": country, "title": clash.title}
        if self.member_count_year and self.member_count is None:
            errors["member_count"] = _("Give the member figure that the year refers to.")

        if errors:
            raise ValidationError(errors)

    def events(self, reader):
        """The chapter's events as ``reader`` sees them: those of every language version of
        the chapter, an untranslated one in its fallback language."""
        return reader.children_of(self, EventPage).order_by("-start_date", "path")

    def get_context(self, request, *args, **kwargs):
        from site_pages.fallback import Reader

        context = super().get_context(request, *args, **kwargs)
        context["events"] = self.events(Reader.for_request(request))
        coordinators = list(self.coordinators.select_related("person__photo"))
        group(coordinator.person.photo for coordinator in coordinators)
        context["coordinators"] = coordinators
        return context


class CoordinatorRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    SECRETARY = "secretary", _("Secretary")
    COORDINATOR = "coordinator", _("Coordinator")


def term_error(start, end):
    """The message for a term or a run of years that ends before it starts, or None."""
    if start and end and end < start:
        return _("The last year (%(end)s) is before the first year (%(start)s).") % {
            "end": end,
            "start": start,
        }
    return None


class ChapterCoordinator(Orderable):
    """A volunteer coordinator of a chapter and their term."""

    chapter = ParentalKey(ChapterPage, on_delete=models.CASCADE, related_name="coordinators")
    person = models.ForeignKey(
        "site_pages.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Choose from People. If the person is missing, add them under People first."),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=CoordinatorRole.choices, default="coordinator"
    )
    term_start = models.PositiveSmallIntegerField(
        _("term from (year)"),
        validators=programme_year_validators,
        help_text=_("The first year of the term, e.g. 2023."),
    )
    term_end = models.PositiveSmallIntegerField(
        _("term until (year)"),
        null=True,
        blank=True,
        validators=programme_year_validators,
        help_text=_("Leave empty while the term runs."),
    )

    panels = [
        FieldPanel("person"),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("coordinator")

    def clean(self):
        super().clean()
        message = term_error(self.term_start, self.term_end)
        if message:
            raise ValidationError({"term_end": message})


class ChapterSocialLink(URLPolicyMixin, Orderable):
    chapter = ParentalKey(ChapterPage, on_delete=models.CASCADE, related_name="social_links")
    platform = models.CharField(_("platform"), max_length=20, choices=SocialPlatform.choices)
    url = models.URLField(
        _("address"),
        help_text=_("The full address on the chosen platform, starting with https://."),
    )

    panels = [FieldPanel("platform"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("social link")

    def clean(self):
        super().clean()
        try:
            validate_platform_url(self.platform, self.url)
        except ValidationError as error:
            raise ValidationError({"url": error.messages}) from error
