from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from site_pages.models.base import SitePage, body_field


class StandardPage(SitePage):
    """About, contact, newsletter, the certificate of contribution: plain pages."""

    body = body_field()

    parent_page_types = ["site_pages.HomePage", "site_pages.StandardPage"]
    subpage_types = ["site_pages.StandardPage"]

    content_panels = [*SitePage.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [*SitePage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
