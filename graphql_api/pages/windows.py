"""Lists of pages cut to the window a client is shown before their pages load in full: a
chapter with 200 events pages through outline rows, and loads only the events it shows.

An outline is a named tuple of a few columns, not a model instance: a list of every event of
every chapter is thousands of rows at scale, and only the shown few become pages."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from wagtail.models import Page

# The columns a list of pages is windowed and grouped by before its pages load in full.
OUTLINE_FIELDS = ("id", "path", "depth", "translation_key", "locale_id", "content_type_id")


def outlines(queryset: QuerySet, *fields: str) -> QuerySet:
    """``queryset`` as outline rows (named tuples of ``OUTLINE_FIELDS`` and ``fields``): a
    page list is cut to the window a client asked for before its pages, with their
    StreamFields, are loaded."""
    return queryset.values_list(*OUTLINE_FIELDS, *fields, named=True)


def load_specific(rows: Iterable[Any]) -> dict[int, Page]:
    """{pk: specific page} for outline rows, in one query per page type (as Wagtail's
    ``specific()``, but only for the rows a client will be shown)."""
    by_type = defaultdict(list)
    for row in rows:
        by_type[row.content_type_id].append(row.id)
    found: dict[int, Page] = {}
    for type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class() or Page
        found.update(model._default_manager.in_bulk(pks))
    return found


def windowed(groups: Sequence[list[Any]], start: int, end: int | None) -> list[Page]:
    """Each group (a parent's children, a chapter's events) of outline rows with the rows from
    ``start`` to ``end`` swapped for their full pages; the others stay outlines, counted
    (`totalCount`) or read for a next page (`hasNextPage`), but never shown. A page deleted
    between the two queries leaves the window. Returns the full pages."""
    groups = list({id(rows): rows for rows in groups}.values())
    shown = list({row.id: row for rows in groups for row in rows[start:end]}.values())
    full = load_specific(shown)
    for rows in groups:
        rows[start:end] = [full[row.id] for row in rows[start:end] if row.id in full]
    return [full[row.id] for row in shown if row.id in full]
