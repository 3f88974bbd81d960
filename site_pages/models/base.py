"""What every page of the site shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from site_pages.blocks import BodyStreamBlock
from site_pages.preview import HeadlessPreviewPage
from site_pages.stored_links import URLPolicyMixin


def body_field(stream_block=BodyStreamBlock, **kwargs):
    """The shared body StreamField: one block set for every page, as readers expect."""
    kwargs.setdefault("blank", True)
    kwargs.setdefault("verbose_name", _("body"))
    return StreamField(stream_block(), **kwargs)


def image_field(verbose_name, **kwargs):
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **kwargs,
    )


def idempotency_key_field():
    """A received submission's idempotency key as stored (``submission_intake.stored_key``, a
    SHA-256 hex digest): unique, so that a retry racing the first request cannot make a second
    row; empty for a submission sent without a key."""
    return models.CharField(max_length=64, unique=True, null=True, blank=True)


class SitePage(URLPolicyMixin, HeadlessPreviewPage, Page):
    """A page with a short introduction used in listings and as a meta description fallback.

    Editors preview it on the public site or, when a client URL is set, in the web app
    (``site_pages/preview.py``). Every address it stores passes the URL policy whenever it is
    saved, by any path (``site_pages/stored_links.py``).
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "One or two sentences under the title. Lists and search results show them too."
        ),
    )

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    # wagtail-localize: text fields translate, and dates, numbers, choices, country codes, URLs
    # and images stay in sync with the source by default; the overrides below change what the
    # defaults get wrong for this site. The slug stays the source's, so that every language has
    # the same addresses under its prefix (/en/chapters/india/, /ja/chapters/india/) and clients
    # find a page by one path in any language.
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.intro


class IndexPage(SitePage):
    """A section's landing page: one per home page, listing its live children."""

    max_count_per_parent = 1
    parent_page_types = ["site_pages.HomePage"]

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]

    # The order of the section's listing (order_by arguments), or () for the tree's order.
    children_order: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from site_pages.fallback import Reader

        context = super().get_context(request, *args, **kwargs)
        # The section in every language: an untranslated page is listed in its fallback.
        reader = Reader.for_request(request)
        context["children"] = reader.listed_children(self, self.children_order)
        return context
