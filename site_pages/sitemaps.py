"""sitemap.xml: every page readers may see, in every language, each with its hreflang
alternates (the same page in the other languages, and x-default)."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from site_pages.alternates import ordered, versions_by_key, x_default
from site_pages.visibility import visible_pages


class PageSitemap(Sitemap):
    """Wagtail's sitemap lists the default site's tree in the active language only and applies
    ``live().public()``; this one lists every locale's tree and applies the readers' rule."""

    def items(self):
        site = self.get_wagtail_site()
        pages = visible_pages(Page.objects.filter(depth__gt=1), site=site)
        return pages.order_by("path").defer_streamfields().specific()

    def absolute(self, page):
        return self.request.build_absolute_uri(page.get_url(self.request))

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        versions = versions_by_key(pages, self.get_wagtail_site())
        urls = []
        for item in pages:
            entry = {"item": item, "location": self.absolute(item), "lastmod": self.lastmod(item)}
            alternates = versions.get(item.translation_key, {})
            if len(alternates) > 1:
                entry["alternates"] = [
                    {"lang_code": code, "location": self.absolute(version)}
                    for code, version in ordered(alternates)
                ]
                default = x_default(alternates, item)
                entry["alternates"].append(
                    {"lang_code": "x-default", "location": self.absolute(default)}
                )
            urls.append(entry)
        dates = [entry["lastmod"] for entry in urls]
        if dates and None not in dates:
            self.latest_lastmod = max(dates)
        return urls
