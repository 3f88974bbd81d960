"""Events: the `events` query and the EventPage and EventIndexPage types."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from django.db.models import Q, QuerySet
from strawberry.types import Info

from graphql_api.core.connection import After, Connection, First
from graphql_api.core.context import RequestContext
from graphql_api.core.country import Country, country_of
from graphql_api.core.dates import PartialDateType, partial_date_of
from graphql_api.core.errors import InvalidArgumentError
from graphql_api.core.labels import choice_label, reader_language
from graphql_api.core.loading import Batch, Loader
from graphql_api.core.locale import LocaleArgument, requested_locale
from graphql_api.images import image_field
from graphql_api.pages.interface import PageInterface, page_image_field, page_type
from graphql_api.pages.query import page_connection
from graphql_api.pages.relations import PARENT, rows_listed_by
from graphql_api.streamfield import stream_field
from site_pages import cache_tags, models
from site_pages.models.events import not_ended_q
from site_pages.url_policy import safe_url

if TYPE_CHECKING:
    from graphql_api.chapters import ChapterPageType

# The models' choices are the GraphQL enums (strawberry.enum marks the classes themselves).
EventFormat = models.EventFormat
strawberry.enum(EventFormat, description="How members take part.")
EventKind = models.EventKind
strawberry.enum(EventKind, description="What sort of event it is.")


# The "upcoming" argument of every event list (here and a chapter's events): one rule, one text.
Upcoming = Annotated[
    bool | None,
    strawberry.argument(
        description="true: only events not ended yet, soonest first; false: only past "
        "ones; left out: all, newest first."
    ),
]


@strawberry.type(description="A photo from an event's gallery.")
class GalleryImage:
    caption: str = strawberry.field(description="Caption shown with the photo.")

    image = image_field("image", "The photo.")


@dataclass(frozen=True)
class Gallery(Loader[models.EventPage, list[models.EventGalleryImage]]):
    """Each event's gallery photos, in order; the photos of the batch are one batch."""

    parent_type = models.EventPage

    def load_batch(self, events: Sequence[models.EventPage], batch: Batch, info: Any) -> list:
        rows = rows_listed_by(
            events,
            "gallery_images",
            "event",
            models.EventGalleryImage.objects.order_by("sort_order"),
            info.context,
        )
        info.context.loaders.serve([row for items in rows for row in items], batch.locale)
        return rows


GALLERY = Gallery()


@page_type(models.EventIndexPage, "Network-wide activities that no single chapter runs.")
class EventIndexPageType(PageInterface):
    intro: str = strawberry.field(description="Introduction shown above the list.")


@page_type(models.EventPage, "A reunion or chapter activity.")
class EventPageType(PageInterface):
    kind: EventKind = strawberry.field(description="What sort of event it is.")
    edition: int | None = strawberry.field(description="2 for the 2nd reunion; null if unnumbered.")
    start_date: date = strawberry.field(
        description=(
            "First day; the 1st of the month or year when only those are known (`start.precision`)."
        )
    )
    end_date: date | None = strawberry.field(
        description="Last day; null for one-day events. Same precision as `start`."
    )
    format: EventFormat = strawberry.field(description="In person, online or hybrid.")
    venue: str = strawberry.field(description="Where it takes place.")
    city: str = strawberry.field(description="City; empty for online events.")
    intro: str = strawberry.field(description="One or two sentences about the event.")
    hero_image = page_image_field("hero_image", "The event's main image.")
    body = stream_field("body", "What the event is about and its programme.")
    outcome = stream_field("outcome", "What came of it: contest winners, figures, a report.")

    @strawberry.field(
        description=(
            "E.g. “2nd reunion”, 「第2回同窓会」, “Reuni ke-2” in the requested language; "
            "empty if unnumbered."
        )
    )
    def edition_label(self, root: models.EventPage, info: Info) -> str:
        return root.edition_label_in(reader_language(root, info.context))

    @strawberry.field(description="The kind of event, named in the requested language.")
    def kind_label(self, info: Info) -> str:
        return choice_label(models.EventKind, self.kind, reader_language(self, info.context))

    @strawberry.field(description="The format, named in the requested language.")
    def format_label(self, info: Info) -> str:
        return choice_label(models.EventFormat, self.format, reader_language(self, info.context))

    @strawberry.field(description="When it starts, as precisely as that is known.")
    def start(self, info: Info) -> PartialDateType:
        return partial_date_of(self.start, reader_language(self, info.context))

    @strawberry.field(description="When it ends; null for one-day events.")
    def end(self, info: Info) -> PartialDateType | None:
        return partial_date_of(self.end, reader_language(self, info.context))

    @strawberry.field(
        description=(
            "Start and end in the requested language, to their precision: “May 2021”, "
            "“May 14, 2021 \N{EN DASH} May 16, 2021”."
        )
    )
    def dates_display(self, root: models.EventPage, info: Info) -> str:
        return root.dates_display_in(reader_language(root, info.context))

    @strawberry.field(description="Country where it takes place.")
    def country(self) -> Country | None:
        return country_of(self.country, self.locale.language_code)

    @strawberry.field(description="Where to register; may be empty.")
    def registration_url(self) -> str:
        return safe_url(self.registration_url)

    @strawberry.field(description="Whether the event has not ended yet.")
    def is_upcoming(self) -> bool:
        return self.is_upcoming

    @strawberry.field(description="Photos from the event.")
    def gallery(self, info: Info) -> list[GalleryImage]:
        return info.context.loaders.load(GALLERY, self, info)

    @strawberry.field(description="The chapter that runs it; null for network-wide events.")
    def chapter(
        self,
        info: Info,
        # chapters.py imports this module: the type is named, and found when the schema is built
        # (imported for the type checker only, so at run time the modules import one way).
    ) -> Annotated["ChapterPageType", strawberry.lazy("graphql_api.chapters")] | None:
        parent = info.context.loaders.load(PARENT, self, info)
        return parent if isinstance(parent, models.ChapterPage) else None


def filter_upcoming(
    events: QuerySet[models.EventPage], upcoming: bool | None
) -> QuerySet[models.EventPage]:
    """Upcoming events soonest first; past ones most recent first."""
    still_on = not_ended_q()
    if upcoming is True:
        return events.filter(still_on).order_by("start_date", "path")
    if upcoming is False:
        return events.exclude(still_on).order_by("-start_date", "path")
    return events.order_by("-start_date", "path")


def chapter_scope(slug: str, context: RequestContext) -> Q:
    """Every visible language version of the chapter with this slug, as a path filter. A
    hidden chapter is as unknown as a slug that never existed."""
    cache_tags.used_listing(models.ChapterPage)
    keys = context.visible(models.ChapterPage.objects.filter(slug=slug)).values("translation_key")
    chapters = list(
        context.visible(models.ChapterPage.objects.filter(translation_key__in=keys)).only("path")
    )
    if not chapters:
        raise InvalidArgumentError(f"No chapter has the slug “{slug}”.", argument="chapter")
    condition = Q(pk__in=[])
    for chapter in chapters:
        condition |= Q(path__startswith=chapter.path)
    return condition


@strawberry.type
class EventQuery:
    @strawberry.field(
        description=(
            "Published events in the requested language (or its fallback), newest first; "
            "`upcoming: true` lists events that have not ended, soonest first."
        )
    )
    def events(
        self,
        info: Info,
        locale: LocaleArgument = None,
        chapter: Annotated[
            str | None,
            strawberry.argument(
                description='Only the events of the chapter with this slug, e.g. "india"; a slug '
                "no published chapter has is INVALID_ARGUMENT."
            ),
        ] = None,
        year: Annotated[
            int | None, strawberry.argument(description="Only events that start in this year.")
        ] = None,
        format: Annotated[
            EventFormat | None, strawberry.argument(description="Only events of this format.")
        ] = None,
        kind: Annotated[
            EventKind | None, strawberry.argument(description="Only events of this kind.")
        ] = None,
        upcoming: Upcoming = None,
        first: First = None,
        after: After = None,
    ) -> Connection[EventPageType]:
        language = requested_locale(locale)
        events = models.EventPage.objects.all()
        if chapter is not None:
            events = events.filter(chapter_scope(chapter, info.context))
        if year is not None:
            events = events.filter(start_date__year=year)
        if format is not None:
            events = events.filter(format=format.value)
        if kind is not None:
            events = events.filter(kind=kind.value)
        events = filter_upcoming(info.context.reader(language).pages(events), upcoming)
        return page_connection(events, info, language, first, after)
