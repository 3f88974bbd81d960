"""The language fallback rule: what a reader of one language is shown, on the site, in the
API, the feeds, the sitemap and search alike.

Every page exists once per language (one Wagtail tree per locale, the versions linked by
``translation_key``). A reader of language L is shown, for each translation key, the version
in L where readers may see it (``site_pages.visibility``), else the first visible version along
``SAKURA_LOCALE_FALLBACKS`` (``site_pages.locales.locale_chain``). Visibility is applied before
the choice: a draft or private translation never stands in for its visible fallback, and a
hidden source is never shown through a fallback either.

What a reader gets in another language is marked: ``is_fallback`` for clients, and on the site
a label and a ``lang`` attribute (``site_pages/templatetags/fallback_tags.py``).

A section is the same section in every language: its listing gathers the children of every
language version of the section page, one per translation key, so that /ja/events/ lists an
event that exists only in English (in English, marked) beside the Japanese ones.
"""

from functools import cached_property

from django.conf import settings
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from site_pages import cache_tags
from site_pages.locales import LocaleTable, locale_chain
from site_pages.sites import site_for_request
from site_pages.visibility import Visibility


def tree_order(queryset):
    """``queryset`` (pages from several language trees, e.g. a Japanese section's children with
    English-only ones among them) in one tree's order: by the path of each page's version in the
    default language, whose tree the translations copy, else by its own path. Ordering by
    ``path`` alone would list one language's tree after the other."""
    source_path = Page.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale__language_code=settings.LANGUAGE_CODE,
    ).values("path")[:1]
    return queryset.annotate(tree_position=Coalesce(Subquery(source_path), F("path"))).order_by(
        "tree_position", "path"
    )


def localized(queryset, locale, chain=None):
    """One object per translation key: the requested locale's where it exists, otherwise the
    first fallback's. Works for pages and translatable snippets in one SQL query. Filter for
    visibility first, so that only what readers may see takes part in the choice. ``chain``:
    ``locale_chain(locale)`` when the caller has it already (a Reader)."""
    chain = chain or locale_chain(locale)
    condition = Q(locale=chain[0])
    covered = queryset.filter(locale=chain[0]).values("translation_key")
    for fallback in chain[1:]:
        condition |= Q(locale=fallback) & ~Q(translation_key__in=covered)
        covered = queryset.filter(Q(locale=fallback) | Q(translation_key__in=covered)).values(
            "translation_key"
        )
    return queryset.filter(condition)


def children_q(pages):
    """Pages directly below any of ``pages``."""
    condition = Q(pk__in=[])
    for page in pages:
        condition |= Q(path__startswith=page.path, depth=page.depth + 1)
    return condition


class Reader:
    """A reader of one language on one site: what they are shown of any set of pages.

    Built once per request (``for_request``) or per API query and reused: the locale chain and
    the visibility condition are each loaded once.
    """

    def __init__(self, locale, site=None, visibility=None, locales=None):
        self.locale = locale
        self.visibility = visibility or Visibility(site)
        self.locales = LocaleTable() if locales is None else locales

    @classmethod
    def for_request(cls, request):
        """The reader of the site's request in the active language, cached on the request."""
        reader = getattr(request, "_sakura_reader", None) if request is not None else None
        if reader is None:
            reader = cls(Locale.get_active(), site_for_request(request))
            if request is not None:
                request._sakura_reader = reader
        return reader

    @cached_property
    def chain(self):
        return locale_chain(self.locale, self.locales)

    def language_of(self, obj):
        return self.locales.language_of(obj)

    def is_fallback(self, obj):
        """True when ``obj`` is shown to this reader in another language than theirs."""
        return obj.locale_id != self.locale.pk

    def fallback_label(self, obj):
        """ "in English" (in the reader's language) for an item shown in a fallback
        language, else the empty string."""
        if not self.is_fallback(obj):
            return ""
        name = get_language_info(self.language_of(obj))["name_translated"]
        return _("in %(language)s") % {"language": name}

    def visible(self, queryset):
        return self.visibility.filter(queryset)

    def pages(self, queryset):
        """``queryset`` as this reader sees it: visible, one version per translation key."""
        if queryset.model is not Page:
            # A listing of one type: a page of that type published, changed or removed changes
            # it. (Pages looked up by translation key name themselves when read.)
            cache_tags.used_listing(queryset.model)
        return localized(self.visible(queryset), self.locale, self.chain)

    def children(self, parents, model=Page):
        """The children of ``parents`` in every language, as this reader sees them, and a
        function giving a child's parent's translation key (to group them by parent). A
        section or a chapter is one place whatever the language: its children may live under
        any version of it. Two queries, whatever the number of parents."""
        cache_tags.used_children(parents)
        keys = {parent.translation_key for parent in parents}
        versions = list(
            Page.objects.filter(translation_key__in=keys).only("path", "depth", "translation_key")
        )
        key_by_path = {version.path: version.translation_key for version in versions}

        def parent_key(child):
            return key_by_path.get(child.path[: -Page.steplen])

        return self.pages(model.objects.filter(children_q(versions))), parent_key

    def children_of(self, page, model=Page):
        """The children of ``page`` in every language, as this reader sees them."""
        return self.children([page], model)[0]

    def listed_children(self, page, order=()):
        """The children a page lists (a section's index, a standard page's cards, a
        programme's programmes): ``children_of`` as specific pages, in the tree's order unless
        ``order`` (order_by arguments: a date, the title) says otherwise; the API lists a
        page's children in the tree's order too."""
        children = tree_order(self.children_of(page)).specific()
        return children.order_by(*order) if order else children

    def versions(self, pages):
        """{pk: the reader's version of that page} for ``pages`` (visible pages of any
        language), in one query; a page without a better version stays itself."""
        pages = list(pages)
        if all(page.locale_id == self.locale.pk for page in pages):
            return {page.pk: page for page in pages}
        keys = {page.translation_key for page in pages}
        found = self.pages(Page.objects.filter(translation_key__in=keys)).specific()
        by_key = {version.translation_key: version for version in found}
        return {page.pk: by_key.get(page.translation_key, page) for page in pages}

    def in_reader_language(self, pages):
        """``pages`` in the same order, each swapped for the reader's version."""
        pages = list(pages)
        swapped = self.versions(pages)
        return [swapped[page.pk] for page in pages]

    def snippet_versions(self, model, ids):
        """{id: the reader's version} of translatable snippets (e.g. the mentor of a column),
        in two queries: a page shown as a fallback may name a snippet that is translated."""
        originals = {obj.pk: obj for obj in model.objects.filter(pk__in=ids)}
        keys = {obj.translation_key for obj in originals.values()}
        versions = localized(
            model.objects.filter(translation_key__in=keys), self.locale, self.chain
        )
        by_key = {obj.translation_key: obj for obj in versions}
        return {pk: by_key.get(obj.translation_key, obj) for pk, obj in originals.items()}

    def version_of(self, page):
        """The reader's version of ``page``; None when no version of it is visible."""
        if page is None:
            return None
        chosen = self.pages(Page.objects.filter(translation_key=page.translation_key)).first()
        return chosen.specific if chosen else None

    def homes(self, site):
        """The visible home pages of ``site`` along the reader's chain, the reader's first."""
        versions = self.visible(Page.objects.filter(translation_key=site.root_page.translation_key))
        by_locale = {home.locale_id: home for home in versions}
        return [by_locale[loc.pk] for loc in self.chain if loc.pk in by_locale]

    def page_at(self, site, relative):
        """The page at ``relative`` (a path below the home page, e.g. "chapters/india/") in
        the reader's language, else at the same address in the nearest fallback language that
        has one; then that page's version for this reader. None where no language has it."""
        relative = "".join(f"{segment}/" for segment in relative.strip("/").split("/") if segment)
        homes = self.homes(site)
        for home in homes:
            found = self.visible(Page.objects.filter(url_path=home.url_path + relative)).first()
            if found is not None:
                return self.version_of(found)
        # Nothing there yet: a page published at one of these addresses fills it.
        cache_tags.use(*(cache_tags.path_tag(home.url_path + relative) for home in homes))
        return None
