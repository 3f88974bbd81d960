"""The language versions of a page that readers (and search engines) can be sent to.

The public site's language switcher, its ``hreflang`` alternates and the sitemap share these
rules, and like the API they only ever name pages that ``site_pages.visibility`` lets readers
see.
"""

from collections import defaultdict
from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.utils.translation import get_language_info
from wagtail.models import Page

from site_pages.locales import content_language_codes
from site_pages.visibility import visible_pages


def versions_by_key(pages, site, visibility=None):
    """{translation_key: {language code: visible page}} for every page given, in one query.
    ``visibility``: the request's (``Reader.visibility``), so that its condition is not built
    again for each tag of the page."""
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    versions = visible_pages(
        Page.objects.filter(translation_key__in=keys), site=site, visibility=visibility
    )
    found: defaultdict[UUID, dict[str, Page]] = defaultdict(dict)

    for version in versions.select_related("locale").only(
        "id", "title", "path", "depth", "url_path", "translation_key", "locale"
    ):
        found[version.translation_key][version.locale.language_code] = version
    return found


def ordered(versions):
    """Versions in the order of ``WAGTAIL_CONTENT_LANGUAGES``."""
    return [(code, versions[code]) for code in content_language_codes() if code in versions]


def x_default(versions, fallback):
    """The version for readers whose language has none: the default language's."""
    return versions.get(settings.LANGUAGE_CODE, fallback)


@dataclass
class LanguageLink:
    code: str
    url: str
    current: bool = False
    exact: bool = True  # False when the page has no version in that language: a page above it

    @property
    def name(self):
        """The language's name in that language (日本語, Bahasa Indonesia ...)."""
        return get_language_info(self.code)["name_local"]


def nearest_version(lineage, versions, code):
    """The first page of ``lineage`` (the page, then the pages above it) that has a visible
    version in ``code``, and whether that was the page itself."""
    for level, candidate in enumerate(lineage):
        version = versions.get(candidate.translation_key, {}).get(code)
        if version is not None:
            return version, level == 0
    return None, False


def language_links(page, site, request=None, reading=None, visibility=None):
    """For each language that has a home page: the page's own version in it, else the nearest
    page above it that has one (ultimately that language's home page). ``reading`` is the
    reader's language when it is not the page's own (a page served as a fallback): that
    language's link is the address being read."""
    if page is None or page.pk is None:
        return []
    lineage = list(page.get_ancestors(inclusive=True).filter(depth__gte=2).order_by("-depth"))
    versions = versions_by_key(lineage, site, visibility)
    own = page.locale.language_code
    current = reading or own
    links = []
    for code in content_language_codes():
        if code == own:
            # The page itself, even when it is a draft seen in the editor's preview.
            links.append(LanguageLink(code, page.get_url(request), current=code == current))
            continue
        version, exact = nearest_version(lineage, versions, code)
        if version is None:
            continue
        if code == current and request is not None:
            links.append(LanguageLink(code, request.path, current=True))
        else:
            links.append(LanguageLink(code, version.get_url(request), exact=exact))
    return links
