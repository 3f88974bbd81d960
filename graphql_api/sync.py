"""Delta sync for offline clients: `changes(since:)`, what happened to pages since a time.

The answer holds one entry per page (per translation key: the page in every language is one
place to a reader, as elsewhere in the API) touched by a content event after ``since``: the page
as the reader now gets it (their language or its fallback, through the `Page` interface, so the
client selects the fields it stores), or a tombstone when no version is visible any more
(unpublished, expired, made private, moved out of the site, deleted). It is computed from the
record of events (``site_pages/content_events.py``) and the pages' current state, so a page
published and then deleted within the window is one tombstone, and the visibility rule is the
one every other query applies.

Entries come oldest change first, paginated; every cursor carries the answer's ``until``, so the
pages of one sync are cut from the same window whatever is published meanwhile. The client keeps
``until`` and passes it as ``since`` next time.
"""

import base64
import binascii
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Annotated
from uuid import UUID

import strawberry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from strawberry.types import Info
from wagtail.models import Locale, Page, Site

from graphql_api.core.connection import (
    MAX_OFFSET,
    After,
    Edge,
    First,
    PageInfo,
    check_first,
    page_info_for,
)
from graphql_api.core.context import RequestContext
from graphql_api.core.errors import ClientError, InvalidArgumentError
from graphql_api.core.ids import served_id, view_id
from graphql_api.core.locale import LocaleArgument, requested_locale
from graphql_api.pages.interface import PageInterface
from graphql_api.pages.relations import serve_pages
from graphql_api.search import TypesArgument, page_models
from site_pages import cache_tags
from site_pages.content_events import oldest_kept
from site_pages.fallback import Reader
from site_pages.models import ContentEvent, ContentEventKind
from site_pages.models.content_events import LIVE_KINDS

# The model's kinds are the GraphQL enum, under the API's name (strawberry.enum marks the class).
ChangeKind = ContentEventKind
strawberry.enum(
    ChangeKind,
    name="ChangeKind",
    description=(
        "What happened to a page. PUBLISHED, CHANGED and MOVED entries carry the page as it "
        "is now; UNPUBLISHED and DELETED ones are tombstones: remove the page."
    ),
)


class SyncExpiredError(ClientError):
    """``since`` is older than the record of events: what happened before it is forgotten, so
    only a full refresh makes the client's copy right again."""

    code = "SYNC_EXPIRED"


@strawberry.type(description="One page that changed since the last sync.")
class Change:
    kind: ChangeKind = strawberry.field(description="What happened to the page.")
    id: strawberry.ID = strawberry.field(
        description="The id of the page version the entry is about (for a tombstone, the one "
        "the event concerned), in the form of `Page.id`: the requested language is added when "
        "that version is a fallback, so a client's cache keeps each language's entry apart."
    )
    translation_key: str = strawberry.field(
        description=(
            "Shared by every language version of the page: the key to store pages under, "
            "since a reader's version may move from a fallback language to their own."
        )
    )
    locale: str = strawberry.field(description="Language code of that version.")
    page_type: str = strawberry.field(description="The page's type, e.g. EventPage.")
    at: datetime = strawberry.field(description="When the latest change to it happened.")
    page: PageInterface | None = strawberry.field(
        description="The page as readers now get it; null for a tombstone."
    )


@strawberry.type(description="What changed in a window of time, a page of entries at a time.")
class ChangeSet:
    since: datetime = strawberry.field(description="Start of the window (excluded).")
    until: datetime = strawberry.field(
        description=(
            "End of the window (included). Once every page of this answer is read (follow "
            "`pageInfo.endCursor` while `hasNextPage`), pass it as `since` next time."
        )
    )
    edges: list[Edge[Change]] = strawberry.field(description="The entries of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits in the list.")
    # The window's pages, one row each (translation key and last change): counted in SQL.
    _source: strawberry.Private[QuerySet[ContentEvent, Mapping[str, object]]]

    @strawberry.field(description="How many entries the window holds, across all pages.")
    def total_count(self) -> int:
        return self._source.count()


CURSOR_PREFIX = "changes:"


def encode_cursor(until: datetime, offset: int) -> str:
    text = f"{CURSOR_PREFIX}{until.isoformat()}|{offset}"
    return base64.urlsafe_b64encode(text.encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(CURSOR_PREFIX):
            raise ValueError(text)
        until_text, offset_text = text[len(CURSOR_PREFIX) :].split("|")
        until, offset = datetime.fromisoformat(until_text), int(offset_text)

        if not 0 <= offset <= MAX_OFFSET or until.tzinfo is None:
            raise ValueError(offset)
        # Only the exact text ``encode_cursor`` writes, and a time the database can hold in
        # UTC (a forged 9999-12-31T23:59-14:00 is past the last datetime).
        if encode_cursor(until, offset) != cursor:
            raise ValueError(cursor)
        until.astimezone(UTC)
    except (ValueError, OverflowError, binascii.Error, UnicodeDecodeError) as error:
        raise InvalidArgumentError(
            "This cursor is not one `changes` gave out: pass the `endCursor` of the previous "
            "page as `after`."
        ) from error
    return until, offset


def aware(moment: datetime) -> datetime:
    """A time without an offset is read as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def window_end(since: datetime) -> datetime:
    now = timezone.now()
    oldest = oldest_kept(now)
    if since < oldest:
        raise SyncExpiredError(
            f"`since` is older than the {settings.SAKURA_SYNC_RETENTION_DAYS} days of changes "
            "kept: load everything again (a full refresh), then sync from the `until` of a "
            "`changes` answer.",
            oldest=oldest.isoformat(),
        )
    until = now - timedelta(seconds=settings.SAKURA_SYNC_SETTLE_SECONDS)
    return max(until, since)


def content_types(types: list[Enum] | None) -> list[int] | None:
    models = page_models(types)
    if models is None:
        return None
    return [ContentType.objects.get_for_model(model).pk for model in models]


def site_events_q(site: Site) -> Q:
    """Events of pages in the site's trees (one per locale), by their path when recorded."""
    roots = site.root_page.get_translations(inclusive=True).only("url_path")
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Q(url_path__startswith=root.url_path)
    return condition


def events_in(
    context: RequestContext,
    reader: Reader,
    since: datetime,
    until: datetime,
    type_ids: list[int] | None,
) -> QuerySet[ContentEvent]:
    events = ContentEvent.objects.filter(
        at__gt=since, at__lte=until, locale_id__in=[locale.pk for locale in reader.chain]
    ).filter(site_events_q(context.site))
    if type_ids is not None:
        events = events.filter(content_type_id__in=type_ids)
    return events


def entries(
    context: RequestContext,
    reader: Reader,
    events: QuerySet[ContentEvent],
    keys: Sequence[UUID],
    locale: Locale,
) -> list[Change]:
    """The entry of each translation key in ``keys`` (the window's page, oldest first)."""
    latest: dict[UUID, ContentEvent] = {}
    for event in events.filter(translation_key__in=keys).order_by("translation_key", "at", "pk"):
        latest[event.translation_key] = event
    versions = {
        page.translation_key: page
        for page in reader.pages(Page.objects.filter(translation_key__in=keys)).specific()
    }
    remaining = set(
        Page.objects.filter(
            translation_key__in=keys, locale_id__in=[loc.pk for loc in reader.chain]
        ).values_list("translation_key", flat=True)
    )
    serve_pages(list(versions.values()), locale, context)
    found: list[Change] = []
    for key in keys:
        event, page = latest[key], versions.get(key)
        if page is not None:
            language = context.language_of(page)
            if language is None:
                # The reader found it in a locale of the request's table. A page outside it is
                # a broken row, an error to log rather than an entry without a language.
                raise ValueError(f"Page {page.pk} is in a locale the request does not know.")
            found.append(
                Change(
                    kind=(
                        ContentEventKind(event.kind)
                        if event.kind in LIVE_KINDS
                        else ContentEventKind.CHANGED
                    ),
                    id=served_id(page, context),
                    translation_key=str(key),
                    locale=language,
                    page_type=type(page).__name__,
                    at=event.at,
                    page=page,
                )
            )
        else:
            model = ContentType.objects.get_for_id(event.content_type_id).model_class()
            found.append(
                Change(
                    kind=(
                        ContentEventKind.UNPUBLISHED
                        if key in remaining
                        else ContentEventKind.DELETED
                    ),
                    id=view_id(
                        event.page_id,
                        context.locales.language_code(event.locale_id),
                        locale.language_code,
                    ),
                    translation_key=str(key),
                    locale=context.locales.language_code(event.locale_id),
                    page_type=model.__name__ if model else "",
                    at=event.at,
                    page=None,
                )
            )
    return found


@strawberry.type
class SyncQuery:
    @strawberry.field(
        description=(
            "For offline clients: every page published, changed, moved, unpublished or deleted "
            "after `since`, in the requested language (or its fallback), oldest change first, "
            "one entry per page with the page as it is now or a tombstone. Keep `until` and "
            "pass it as `since` next time. Changes are kept for a limited time (30 days by "
            "default): an older `since` is refused with the code SYNC_EXPIRED, and the client "
            "must load everything again."
        )
    )
    def changes(
        self,
        info: Info,
        since: Annotated[
            datetime,
            strawberry.argument(
                description="The `until` of the previous sync (a time without offset is UTC)."
            ),
        ],
        locale: LocaleArgument = None,
        types: TypesArgument = None,
        first: First = None,
        after: After = None,
    ) -> ChangeSet:
        since = aware(since)
        language = requested_locale(locale)
        type_ids = content_types(types)
        first = check_first(first)
        if after:
            until, offset = decode_cursor(after)
            offset += 1
        else:
            until, offset = window_end(since), 0
        context = info.context
        # Any page published, changed, moved, unpublished or deleted anywhere may enter the
        # answer: every such change moves the listing tag of all pages.
        cache_tags.used_listing(Page)
        reader = context.reader(language)
        events = events_in(context, reader, since, until, type_ids)
        keys = (
            events.values("translation_key")
            .annotate(last=Max("at"))
            .order_by("last", "translation_key")
        )
        window = [row["translation_key"] for row in keys[offset : offset + first + 1]]
        has_next = len(window) > first
        window = window[:first]
        nodes = entries(context, reader, events, window, language) if window else []
        edges = [
            Edge(cursor=encode_cursor(until, offset + i), node=node) for i, node in enumerate(nodes)
        ]
        return ChangeSet(
            since=since,
            until=until,
            edges=edges,
            page_info=page_info_for(edges, offset, has_next),
            _source=keys,
        )
