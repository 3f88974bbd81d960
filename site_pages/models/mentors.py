from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from site_pages.models.base import IndexPage, SitePage, body_field


class MentorColumnIndexPage(IndexPage):
    """'Sakura Mentor': columns by researchers working in Japan."""

    subpage_types = ["site_pages.MentorColumnPage"]

    content_panels = [*IndexPage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("mentor column index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = context["children"].order_by("-mentorcolumnpage__date")
        return context


class MentorColumnTopic(TaggedItemBase):
    content_object = ParentalKey(
        "site_pages.MentorColumnPage", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class MentorColumnPage(SitePage):
    mentor = models.ForeignKey(
        "site_pages.Mentor",
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="columns",
    )
    date = models.DateField(_("column date"), default=timezone.localdate)
    topics = ClusterTaggableManager(verbose_name=_("topics"), through=MentorColumnTopic, blank=True)
    body = body_field()

    parent_page_types = ["site_pages.MentorColumnIndexPage"]
    subpage_types = []

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("mentor"),
        FieldPanel("date"),
        FieldPanel("topics"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = [
        *SitePage.search_fields,
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("mentor"),
    ]

    class Meta:
        verbose_name = _("mentor column")
