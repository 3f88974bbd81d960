"""Chapters: `chapters`, `chapter`, and the ChapterPage type with its coordinators, social
links and events."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

import strawberry
from django.db.models import QuerySet
from strawberry.types import Info
from wagtail.models import Locale as WagtailLocale

from graphql_api.core.connection import (
    After,
    Connection,
    First,
    check_first,
    decode_cursor,
    paginate,
)
from graphql_api.core.context import RequestContext
from graphql_api.core.country import Country, required_country
from graphql_api.core.dates import PartialDateType, partial_date_of
from graphql_api.core.labels import choice_label, reader_language
from graphql_api.core.loading import Batch, Loader
from graphql_api.core.locale import LocaleArgument, requested_locale
from graphql_api.events import EventPageType, Upcoming, filter_upcoming
from graphql_api.pages.interface import PageInterface, listed_row_id, page_image_field, page_type
from graphql_api.pages.query import first_page, page_connection
from graphql_api.pages.relations import rows_listed_by, serve_pages
from graphql_api.pages.windows import outlines, windowed
from graphql_api.people import Person
from graphql_api.streamfield import stream_field
from site_pages import cache_tags, models
from site_pages.social_links import SocialPlatform as SocialPlatformChoices
from site_pages.url_policy import safe_url

# The models' choices are the GraphQL enums (strawberry.enum marks the classes themselves).
CoordinatorRole = models.CoordinatorRole
strawberry.enum(CoordinatorRole, description="A role in a chapter.")
SocialPlatform = SocialPlatformChoices
strawberry.enum(SocialPlatform, description="A social network, or the chapter's own website.")


@strawberry.type(description="A volunteer coordinator of a chapter and their term.")
class Coordinator:
    @strawberry.field(
        description="Identifies this coordinator's entry as listed by the chapter's `id`."
    )
    def id(self, info: Info) -> strawberry.ID:
        return listed_row_id(self, "coordinators", info.context)

    person: Person = strawberry.field(description="Who they are.")
    role: CoordinatorRole = strawberry.field(description="Their role.")
    term_start: int = strawberry.field(description="First year of the term.")
    term_end: int | None = strawberry.field(description="Last year; null while it runs.")

    @strawberry.field(description="Their role, named in the requested language.")
    def role_label(self, info: Info) -> str:
        return choice_label(models.CoordinatorRole, self.role, reader_language(self, info.context))


@strawberry.type(description="Where the chapter talks to its members online.")
class SocialLink:
    @strawberry.field(description="Identifies this link as listed by the chapter's `id`.")
    def id(self, info: Info) -> strawberry.ID:
        return listed_row_id(self, "social_links", info.context)

    platform: SocialPlatform = strawberry.field(description="The network.")
    url: str = strawberry.field(description="Address of the group, page or site.")


@page_type(models.ChapterIndexPage, "The list of chapters.")
class ChapterIndexPageType(PageInterface):
    intro: str = strawberry.field(description="Introduction shown above the list.")


@page_type(models.ChapterPage, "A national chapter of the Sakura Science Club.")
class ChapterPageType(PageInterface):
    local_name: str = strawberry.field(description="The chapter's own name.")
    acronym: str = strawberry.field(description="E.g. ISCA, SAAI; may be empty.")
    founded_on: date | None = strawberry.field(
        description="When it was founded (the 1st of the month when only the month is known).",
        deprecation_reason="Use `founded`, which says how precisely the date is known.",
    )
    member_count: int | None = strawberry.field(description="Approximate number of members.")
    member_count_year: int | None = strawberry.field(description="Year of that figure.")
    intro: str = strawberry.field(description="One or two sentences about the chapter.")
    hero_image = page_image_field("hero_image", "The chapter's main image.")
    body = stream_field("body", "About the chapter.")

    @strawberry.field(description="The chapter's country.")
    def country(self) -> Country:
        return required_country(self.country, self.locale.language_code)

    @strawberry.field(description="When it was founded, as precisely as that is known.")
    def founded(self, info: Info) -> PartialDateType | None:
        return partial_date_of(self.founded, reader_language(self, info.context))

    @strawberry.field(description="Coordinators, current and past, in the order editors set.")
    def coordinators(self, info: Info) -> list[Coordinator]:
        return info.context.loaders.load(COORDINATORS, self, info)

    @strawberry.field(description="The chapter's groups and pages on social networks.")
    def social_links(self, info: Info) -> list[SocialLink]:
        # A link whose address is not allowed (``url_policy``) is left out, as on the site.
        links = info.context.loaders.load(SOCIAL_LINKS, self, info)
        return [link for link in links if safe_url(link.url)]

    @strawberry.field(
        description="The chapter's published events: newest first, or with `upcoming: true` "
        "those not yet ended, soonest first."
    )
    def events(
        self,
        info: Info,
        upcoming: Upcoming = None,
        first: First = None,
        after: After = None,
    ) -> Connection[EventPageType]:
        size = check_first(first)
        start = decode_cursor(after) + 1 if after else 0
        loader = ChapterEvents(upcoming=upcoming, start=start, end=start + size)
        return paginate(info.context.loaders.load(loader, self, info), first, after)


@dataclass(frozen=True)
class Coordinators(Loader[models.ChapterPage, list[models.ChapterCoordinator]]):
    """Each chapter's coordinators with their people, in one query; the people of the whole
    batch are one batch (their photos load together)."""

    parent_type = models.ChapterPage

    def load_batch(self, chapters: Sequence[models.ChapterPage], batch: Batch, info: Any) -> list:
        context = info.context
        rows = rows_listed_by(
            chapters,
            "coordinators",
            "chapter",
            models.ChapterCoordinator.objects.select_related("person").order_by("sort_order"),
            context,
        )
        people = [row.person for listed in rows for row in listed]
        cache_tags.used_objects(people)
        context.loaders.serve(people, batch.locale)
        return rows


@dataclass(frozen=True)
class SocialLinks(Loader[models.ChapterPage, list[models.ChapterSocialLink]]):
    """Each chapter's social links, in one query for the batch."""

    parent_type = models.ChapterPage

    def load_batch(self, chapters: Sequence[models.ChapterPage], batch: Batch, info: Any) -> list:
        links = models.ChapterSocialLink.objects.order_by("sort_order")
        return rows_listed_by(chapters, "social_links", "chapter", links, info.context)


@dataclass(frozen=True)
class ChapterEvents(Loader[models.ChapterPage, list[models.EventPage]]):
    """Each chapter's visible events as ``events(upcoming:)`` lists them, in the reader's
    language, in one query for the batch: a chapter's events are gathered from every language
    version of the chapter, one per translation key, so an event not yet translated is listed
    in its fallback language.

    Only the events from ``start`` to ``end`` (the window ``first`` and ``after`` show) load in
    full; the rest of each list is outlines, enough to count and page through it."""

    parent_type = models.ChapterPage
    upcoming: bool | None
    start: int
    end: int

    def load_batch(self, chapters: Sequence[models.ChapterPage], batch: Batch, info: Any) -> list:
        context = info.context
        locale = batch.locale or context.locales[chapters[0].locale_id]
        cache_tags.used_children(chapters)
        found, parent_key = context.reader(locale).children(chapters, models.EventPage)
        by_chapter = defaultdict(list)
        for event in outlines(filter_upcoming(found, self.upcoming)):
            by_chapter[parent_key(event)].append(event)
        lists = [by_chapter[chapter.translation_key] for chapter in chapters]
        serve_pages(windowed(lists, self.start, self.end), locale, context)
        return lists


COORDINATORS = Coordinators()
SOCIAL_LINKS = SocialLinks()


def chapters_in(locale: WagtailLocale, context: RequestContext) -> QuerySet[models.ChapterPage]:
    return context.reader(locale).pages(models.ChapterPage.objects.all()).order_by("title", "path")


@strawberry.type
class ChapterQuery:
    @strawberry.field(description="Published chapters in the requested language, by title.")
    def chapters(
        self,
        info: Info,
        locale: LocaleArgument = None,
        first: First = None,
        after: After = None,
    ) -> Connection[ChapterPageType]:
        language = requested_locale(locale)
        return page_connection(chapters_in(language, info.context), info, language, first, after)

    @strawberry.field(description='One chapter by its slug, e.g. "india".')
    def chapter(
        self,
        info: Info,
        slug: Annotated[str, strawberry.argument(description='The chapter\'s slug, e.g. "india".')],
        locale: LocaleArgument = None,
    ) -> ChapterPageType | None:
        language = requested_locale(locale)
        keys = models.ChapterPage.objects.filter(slug=slug).values("translation_key")
        chapters = chapters_in(language, info.context).filter(translation_key__in=keys)
        return first_page(chapters, info, language)
