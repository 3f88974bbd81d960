from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from site_pages.models.base import SitePage, body_field, image_field
from site_pages.visibility import visible_pages


class HomePage(SitePage):
    """The root of each locale's tree: a hero, editors' picks and the next events."""

    hero_heading = models.CharField(_("hero heading"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = image_field(_("hero image"))
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
        InlinePanel("featured_items", label=_("Featured items"), max_num=6),
        FieldPanel("body"),
    ]

    search_fields = [*SitePage.search_fields, index.SearchField("hero_text")]

    class Meta:
        verbose_name = _("home page")

    def upcoming_events(self, limit=3):
        from site_pages.models.events import EventPage, not_ended_q

        events = EventPage.objects.descendant_of(self).filter(not_ended_q())
        return visible_pages(events).order_by("start_date", "path")[:limit]

    def visible_featured(self):
        """The editors' picks readers may see, in the editors' order: the shared visibility
        rule (live, not expired or scheduled, unrestricted) in one query per page type."""
        from wagtail.models import Page

        ids = [item.page_id for item in self.featured_items.all()]
        visible = {
            page.pk: page for page in visible_pages(Page.objects.filter(pk__in=ids)).specific()
        }
        return [visible[pk] for pk in ids if pk in visible]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_events"] = self.upcoming_events()
        context["featured"] = self.visible_featured()
        return context


class HomeFeaturedItem(Orderable):
    """A page the secretariat puts on the home page by hand."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured item")
