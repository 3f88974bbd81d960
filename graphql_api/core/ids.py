"""Object ids that a client's normalised cache may trust.

Apollo Client's InMemoryCache (and Relay, urql's graphcache, Apollo Kotlin and iOS) store every
object under ``__typename`` and ``id`` and merge the fields of answers that share that key. An
id must therefore name what the object *holds*, not only the row it comes from:

- a page or mentor served in its own language is its Wagtail id (``"15"``): Wagtail keeps one
  row per language, so the Japanese version already has another id;
- a version served as a fallback holds the reader's language too (``isFallback: true``,
  labels, dates and surrounding pages in that language), so its id adds the reader's
  language: ``"15@ja"``;
- a draft shown by a preview token holds unpublished content, so its id adds the revision:
  ``"15~draft42"`` (``"15@ja~draft42"``), and the live page keeps its own entry;
- rows a page lists (blocks of its body, coordinators, social links, yearbook entries) carry
  the id of the page version they were read through, then their own: ``"15@ja/3f2a…"``.

``page(id:)`` accepts every form and reads only the Wagtail id from it.
"""

import re
from typing import TYPE_CHECKING

import strawberry

if TYPE_CHECKING:
    from wagtail.models import TranslatableMixin

    from graphql_api.core.context import RequestContext

# <wagtail id>[@<reader language>][~draft<revision id>], as written by ``view_id``.
PAGE_ID = re.compile(r"^(?P<pk>\d+)(?:@[a-z]{2,3}(?:-[a-z0-9]+)*)?(?:~draft\d+)?$")


def view_id(
    pk: int,
    own_language: str | None,
    reader_language: str | None = None,
    revision_id: int | None = None,
) -> strawberry.ID:
    """The id of an object as one reader sees it (see the module's docstring)."""
    value = str(pk)
    if reader_language and reader_language != own_language:
        value += f"@{reader_language}"
    if revision_id is not None:
        value += f"~draft{revision_id}"
    return strawberry.ID(value)


def row_id(owner_id: str, key: object) -> strawberry.ID:
    """A row listed by an object whose id is ``owner_id``; ``key`` tells it from its siblings
    (a primary key, a block's uuid, or a position for rows a draft has not saved yet)."""
    return strawberry.ID(f"{owner_id}/{key}")


def wagtail_id(value: object) -> int | None:
    """The Wagtail id inside an id the API gave out, or None when ``value`` is not one."""
    match = PAGE_ID.match(str(value))
    return int(match["pk"]) if match else None


def served_id(obj: "TranslatableMixin", context: "RequestContext") -> strawberry.ID:
    """The id of a page or snippet as this request serves it: its own language or a fallback
    for the requested one (``context.loaders`` knows which), live or a previewed draft."""
    requested = context.loaders.requested_locale(obj)
    return view_id(
        obj.pk,
        context.language_of(obj),
        requested.language_code if requested is not None else None,
        context.draft_revision(obj),
    )
