from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from site_pages.models.base import IndexPage, SitePage, image_field
from site_pages.models.chapters import ChapterPage, CoordinatorRole
from site_pages.models.snippets import programme_year_validators
from site_pages.pictures import group


class YearbookIndexPage(IndexPage):
    subpage_types = ["site_pages.YearbookPage"]

    children_order = ("-yearbookpage__fiscal_year",)

    class Meta:
        verbose_name = _("yearbook index page")


class YearbookPage(SitePage):
    """The coordinators of every chapter in one fiscal year (April to March)."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        validators=programme_year_validators,
        help_text=_("The year the fiscal year starts in: 2021 for April 2021 to March 2022."),
    )

    parent_page_types = ["site_pages.YearbookIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("fiscal_year"),
        FieldPanel("intro"),
        InlinePanel("entries", heading=_("Coordinators"), label=_("Coordinator")),
    ]

    search_fields = [*SitePage.search_fields, index.FilterField("fiscal_year")]

    class Meta:
        verbose_name = _("yearbook")

    def get_context(self, request, *args, **kwargs):
        from site_pages.fallback import Reader

        context = super().get_context(request, *args, **kwargs)
        reader = Reader.for_request(request)
        entries = list(self.entries.select_related("person__photo", "photo"))
        group(entry.portrait for entry in entries)
        # Each chapter named in the reader's language where it has a version, hidden ones not.
        ids = {entry.chapter_id for entry in entries if entry.chapter_id}
        visible = list(reader.visible(ChapterPage.objects.filter(pk__in=ids))) if ids else []
        chapters = reader.versions(visible)
        # (entry, its chapter as this reader sees it, or None): the entry rows stay as loaded.
        context["entries"] = [(entry, chapters.get(entry.chapter_id)) for entry in entries]
        return context

    def clean(self):
        super().clean()
        if self.fiscal_year is None:
            return
        clash = (
            YearbookPage.objects.filter(fiscal_year=self.fiscal_year, locale_id=self.locale_id)
            .exclude(translation_key=self.translation_key)
            .first()
        )
        if clash:
            raise ValidationError(
                {
                    "fiscal_year": _(
                        "There is already a yearbook for fiscal year %(year)s: “%(title)s”."
                    )
                    % {"year": self.fiscal_year, "title": clash.title}
                }
            )


class YearbookEntry(Orderable):
    """One coordinator in a yearbook, with the chapter and role they served in that year."""

    yearbook = ParentalKey(YearbookPage, on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey(
        "site_pages.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    chapter = models.ForeignKey(
        "site_pages.ChapterPage",
        verbose_name=_("chapter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=CoordinatorRole.choices, default="coordinator"
    )
    photo = image_field(_("photo"), help_text=_("Leave empty to use the person's own photo."))

    panels = [FieldPanel("person"), FieldPanel("chapter"), FieldPanel("role"), FieldPanel("photo")]

    class Meta(Orderable.Meta):
        verbose_name = _("yearbook entry")
        verbose_name_plural = _("yearbook entries")

    @property
    def portrait(self):
        return self.photo or self.person.photo
