"""Cursor connections (``edges``, ``pageInfo``, ``totalCount``) over querysets and lists.

Strawberry's relay connections need every node type to implement ``Node`` with global IDs;
clients of this API address pages by their Wagtail id and path, so the connection is ours:
offset cursors, a page-size cap from settings, and a count run only when it is asked for.
"""

import base64
import binascii
from collections.abc import Callable
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from django.conf import settings
from django.db.models import QuerySet

from graphql_api.core.errors import InvalidArgumentError, LimitExceededError

Node = TypeVar("Node")

CURSOR_PREFIX = "offset:"
# No list comes near this many items, and the database still takes it plus a page size: a
# larger offset was never given out (issue 14: a forged one answered "Unexpected error.").
MAX_OFFSET = 2**31 - 1


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(CURSOR_PREFIX):
            raise ValueError(text)
        offset = int(text[len(CURSOR_PREFIX) :])
        # Only the exact text ``encode_cursor`` writes: int() also reads " 5", "1_0" and other
        # scripts' digits, which no answer holds.
        if not 0 <= offset <= MAX_OFFSET or encode_cursor(offset) != cursor:
            raise ValueError(offset)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise InvalidArgumentError(
            f"The cursor “{cursor}” is not one this API gave out: pass the `endCursor` of "
            "the previous page as `after`."
        ) from error
    return offset


First = Annotated[
    int | None,
    strawberry.argument(
        description="How many items to return: 20 when left out, at most the page-size limit "
        "(100 unless the server sets another; more is LIMIT_EXCEEDED). 0 returns none, e.g. to "
        "read only `totalCount`."
    ),
]
After = Annotated[
    str | None,
    strawberry.argument(
        description="Return the items after this cursor: the `endCursor` of the previous page. "
        "A cursor the API did not give out is INVALID_ARGUMENT."
    ),
]


def page_size_limit() -> int:
    return settings.SAKURA_GRAPHQL["MAX_PAGE_SIZE"]


def check_first(first: int | None) -> int:
    limit = page_size_limit()
    if first is None:
        return min(settings.SAKURA_GRAPHQL["DEFAULT_PAGE_SIZE"], limit)
    if first < 0:
        raise InvalidArgumentError("`first` must be zero or more.")
    if first > limit:
        raise LimitExceededError(
            f"`first` may be at most {limit} (the page-size limit); ask for the next page "
            "with `after`.",
            limit="pageSize",
            max=limit,
        )
    return first


@strawberry.type(description="Where a page of results sits in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether more items follow this page.")
    has_previous_page: bool = strawberry.field(description="Whether items come before it.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first edge.")
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last edge: pass it as `after` for the next page."
    )


@strawberry.type(description="One item of a list, with its cursor.")
class Edge(Generic[Node]):
    cursor: str = strawberry.field(description="Opaque position of this item in the list.")
    node: Node = strawberry.field(description="The item.")


def page_info_for(edges: list[Edge[Any]], offset: int, has_next: bool) -> PageInfo:
    """Where ``edges``, a window that starts ``offset`` items into its list, sits in it. Every
    connection, whatever its cursors hold (``sync.py``'s also carry a moment), says it so."""
    return PageInfo(
        has_next_page=has_next,
        has_previous_page=offset > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )


@strawberry.type(description="A page of a list, with its edges, position and total size.")
class Connection(Generic[Node]):
    edges: list[Edge[Node]] = strawberry.field(description="The items of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits in the list.")
    _source: strawberry.Private[QuerySet[Any] | list[Any]]

    @strawberry.field(description="How many items the whole list holds, across all pages.")
    def total_count(self) -> int:
        source = self._source
        # A queryset counts in SQL; len() would load every row.
        return len(source) if isinstance(source, list) else source.count()


def paginate(
    source: QuerySet[Any] | list[Any],
    first: int | None = None,
    after: str | None = None,
    prepare: Callable[[list[Any]], object] | None = None,
) -> Connection[Any]:
    """A Connection over ``source`` (a queryset or list). ``prepare`` receives the sliced
    nodes before they are returned, to batch-load what the selection needs."""
    first = check_first(first)
    offset = decode_cursor(after) + 1 if after else 0
    window = list(source[offset : offset + first + 1])
    has_next = len(window) > first
    nodes = window[:first]
    if prepare and nodes:
        prepare(nodes)
    edges = [Edge(cursor=encode_cursor(offset + i), node=node) for i, node in enumerate(nodes)]
    return Connection(
        edges=edges,
        page_info=page_info_for(edges, offset, has_next),
        _source=source,
    )
