from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from site_pages.models.base import SitePage, body_field, image_field
from site_pages.sites import site_for_request


class HomePage(SitePage):
    """The root of each locale's tree: a hero, editors' picks and the next events."""

    hero_heading = models.CharField(
        _("hero heading"),
        max_length=200,
        blank=True,
        help_text=_(
            "The big line at the top of the home page. Short is best; up to 200 characters."
        ),
    )
    hero_text = models.TextField(
        _("hero text"), blank=True, help_text=_("One or two sentences under the big line.")
    )
    hero_image = image_field(
        _("hero image"),
        help_text=_("A wide picture at the top, cut to a strip (12:5). At least 1200 pixels wide."),
    )
    body = body_field()

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "site_pages.ChapterIndexPage",
        "site_pages.EventIndexPage",
        "site_pages.MentorColumnIndexPage",
        "site_pages.MemberVoiceIndexPage",
        "site_pages.YearbookIndexPage",
        "site_pages.ProgramIndexPage",
        "site_pages.StandardPage",
    ]

    content_panels = [
        *SitePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        InlinePanel(
            "featured_items", heading=_("Featured items"), label=_("Featured item"), max_num=6
        ),
        FieldPanel("body"),
    ]

    search_fields = [
        *SitePage.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """An address in the reader's language whose page is not translated (/ja/about/), or
        whose version there has expired, serves the page at the same address in the nearest
        fallback language that has it (its canonical link names its own address, and the page
        says it is a fallback); only an address that no language has is not found."""
        from site_pages.fallback import Reader
        from site_pages.visibility import on_schedule

        reader = Reader.for_request(request)
        site = site_for_request(request)
        homes = reader.homes(site) if site is not None else []
        tried = set()
        for home in [*homes, self]:
            if home.pk in tried:
                continue
            tried.add(home.pk)
            try:
                # SitePage's route, not this one: each home routes only in its own tree.
                result = SitePage.route(home.specific, request, path_components)
            except Http404:
                continue
            # Wagtail routes to any live page; the visibility rule also keeps expired and
            # not-yet-live ones from readers (before the scheduler unpublishes them), and the
            # address then falls back like an untranslated one.
            if on_schedule(result[0]):
                return result
        raise Http404

    def upcoming_events(self, reader, limit=3):
        from site_pages.models.events import EventPage, not_ended_q

        events = reader.pages(EventPage.objects.filter(not_ended_q()))
        return events.order_by("start_date", "path")[:limit]

    def visible_featured(self, reader):
        """The editors' picks readers may see, in the editors' order, each in the reader's
        language where it has a version: the shared visibility rule (live, not expired or
        scheduled, unrestricted) and fallback rule in one query per page type."""
        from wagtail.models import Page

        ids = [item.page_id for item in self.featured_items.all()]
        visible = {
            page.pk: page for page in reader.visible(Page.objects.filter(pk__in=ids)).specific()
        }
        return reader.in_reader_language(visible[pk] for pk in ids if pk in visible)

    def get_context(self, request, *args, **kwargs):
        from site_pages.fallback import Reader

        reader = Reader.for_request(request)
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_events"] = self.upcoming_events(reader)
        context["featured"] = self.visible_featured(reader)
        return context


class HomeFeaturedItem(Orderable):
    """A page the secretariat puts on the home page by hand."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A page to show on the home page, in this order. Up to six."),
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured item")
