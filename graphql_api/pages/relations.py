"""The loaders of a page's place in the tree: its parent, its ancestors, its children.

Each loads the relation for a whole batch of pages (``core/loading.py``) and serves what it
found as the next batch, in the reader's language: a fallback page's parent may well exist in
the reader's language even though the page itself does not."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from wagtail.models import Locale
from wagtail.models import Page as WagtailPage

from graphql_api.core.loading import Batch, Loader
from graphql_api.pages.windows import outlines, windowed
from site_pages import cache_tags
from site_pages.fallback import children_q, tree_order


def serve_pages(pages: Iterable[WagtailPage], locale: Locale | None, context: Any) -> list:
    """Serve ``pages`` as one batch read in ``locale`` (None: each in its own language): their
    relations load together, and the response depends on them (cache tags)."""
    served = context.loaders.serve(pages, locale)
    cache_tags.used_pages(served)
    for page in served:
        context.attach_locale(page)
    return served


def visible_specific(queryset: QuerySet, context: Any) -> list[WagtailPage]:
    return list(context.visible(queryset).specific())


def in_language(pages: list[WagtailPage], context: Any, locale: Locale | None) -> dict:
    """{pk: the reader's version} of visible pages."""
    if locale is None:
        return {page.pk: page for page in pages}
    return context.reader(locale).versions(pages)


def parent_path(page: WagtailPage) -> str:
    return page.path[: -WagtailPage.steplen]


def ancestor_paths(page: WagtailPage) -> list[str]:
    step = WagtailPage.steplen
    # depth 1 is Wagtail's invisible root; a site's tree starts at depth 2.
    return [page.path[: step * depth] for depth in range(2, page.depth)]


def unique(pages: Iterable[WagtailPage]) -> list[WagtailPage]:
    return list({id(page): page for page in pages}.values())


@dataclass(frozen=True)
class Parent(Loader[WagtailPage, WagtailPage]):
    """The page above each page; None for a home page. An event's ``chapter`` is its parent
    seen from another field, and shares these results."""

    def load_batch(self, pages: Sequence[WagtailPage], batch: Batch, info: Any) -> list:
        context = info.context
        paths = {parent_path(page) for page in pages if page.depth > 2}
        found = (
            visible_specific(WagtailPage.objects.filter(path__in=paths), context) if paths else []
        )
        swapped = in_language(found, context, batch.locale)
        parents = {page.path: swapped[page.pk] for page in found}
        serve_pages(unique(parents.values()), batch.locale, context)
        return [parents.get(parent_path(page)) for page in pages]


@dataclass(frozen=True)
class Ancestors(Loader[WagtailPage, list[WagtailPage]]):
    """The pages above each page, from the home page down."""

    def load_batch(self, pages: Sequence[WagtailPage], batch: Batch, info: Any) -> list:
        context = info.context
        paths = {path for page in pages for path in ancestor_paths(page)}
        visible = (
            visible_specific(WagtailPage.objects.filter(path__in=paths), context) if paths else []
        )
        swapped = in_language(visible, context, batch.locale)
        found = {page.path: swapped[page.pk] for page in visible}
        serve_pages(unique(found.values()), batch.locale, context)
        return [[found[p] for p in ancestor_paths(page) if p in found] for page in pages]


@dataclass(frozen=True)
class Children(Loader[WagtailPage, list[WagtailPage]]):
    """Each page's visible children, in menu order; in a language, the children of every
    version of the page as the reader sees them (an untranslated child in its fallback
    language). Only the first ``end`` of each list (what ``children(first:)`` shows) load in
    full; the rest stay outlines."""

    end: int

    def load_batch(self, pages: Sequence[WagtailPage], batch: Batch, info: Any) -> list:
        context = info.context
        locale = batch.locale
        cache_tags.used_children(pages)
        by_parent = defaultdict(list)
        if locale is None:
            found = context.visible(WagtailPage.objects.filter(children_q(pages)))
            for child in outlines(found.order_by("path")):
                by_parent[parent_path(child)].append(child)
            lists = [by_parent[page.path] for page in pages]
        else:
            found, parent_key = context.reader(locale).children(pages)
            for child in outlines(tree_order(found)):
                by_parent[parent_key(child)].append(child)
            lists = [by_parent[page.translation_key] for page in pages]
        serve_pages(windowed(lists, 0, self.end), locale, context)
        return lists


PARENT = Parent()
ANCESTORS = Ancestors()


def rows_listed_by(
    pages: Sequence[Any], relation: str, field: str, queryset: QuerySet, context: Any
) -> list[list[Any]]:
    """The rows each page lists in ``relation`` (a chapter's coordinators, whose ``field``
    points at the chapter), in one query for every live page. A previewed draft's rows come
    from its revision, in memory: they are what the editor changed, and may not be saved."""
    live = [page for page in pages if context.draft_revision(page) is None]
    by_page = defaultdict(list)
    if live:
        for row in queryset.filter(**{f"{field}__in": [page.pk for page in live]}):
            by_page[getattr(row, f"{field}_id")].append(row)
    lists = [
        list(getattr(page, relation).all())
        if context.draft_revision(page) is not None
        else by_page[page.pk]
        for page in pages
    ]
    for page, rows in zip(pages, lists, strict=True):
        context.loaders.mark_listed(rows, page)
    return lists
