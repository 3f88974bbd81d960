"""Chapters: `chapters`, `chapter`, and the ChapterPage type with its coordinators, social
links and events."""

from collections import defaultdict
from datetime import date
from typing import Annotated

import strawberry
from django.db.models import Prefetch, prefetch_related_objects
from strawberry.types import Info

from graphql_api.core.connection import (
    After,
    Connection,
    First,
    check_first,
    decode_cursor,
    paginate,
)
from graphql_api.core.country import Country, country_of
from graphql_api.core.dates import PartialDateType, partial_date_of
from graphql_api.core.errors import ClientError
from graphql_api.core.labels import choice_label, pass_language, reader_language
from graphql_api.core.locale import LocaleArgument, requested_locale
from graphql_api.core.selection import fields_named, path, root_selections, selects
from graphql_api.events import EventPageType, Upcoming, filter_upcoming
from graphql_api.images import load_images
from graphql_api.pages import (
    IMAGE_FIELDS,
    PageInterface,
    argument,
    image_of,
    listed_row_id,
    load_specific,
    outlines,
    page_connection,
    page_type,
    prepare_pages,
    preparer,
    stream_of,
)
from graphql_api.people import Person
from site_pages import cache_tags, models
from site_pages.social_links import SocialPlatform as SocialPlatformChoices
from site_pages.url_policy import safe_url

IMAGE_FIELDS[models.ChapterPage] = {"heroImage": "hero_image"}
# What a chapter's events are filtered and ordered by before the shown ones load in full.
EVENT_DATE_FIELDS = ("start_date", "end_date", "date_precision")

CoordinatorRole = strawberry.enum(models.CoordinatorRole, description="A role in a chapter.")
SocialPlatform = strawberry.enum(
    SocialPlatformChoices, description="A social network, or the chapter's own website."
)


@strawberry.type(description="A volunteer coordinator of a chapter and their term.")
class Coordinator:
    @strawberry.field(
        description="Identifies this coordinator's entry as listed by the chapter's `id`."
    )
    def id(self, info: Info) -> strawberry.ID:
        return listed_row_id(self.chapter, "coordinators", self, info.context)

    person: Person = strawberry.field(description="Who they are.")
    role: CoordinatorRole = strawberry.field(description="Their role.")
    term_start: int = strawberry.field(description="First year of the term.")
    term_end: int | None = strawberry.field(description="Last year; null while it runs.")

    @strawberry.field(description="Their role, named in the requested language.")
    def role_label(self, info: Info) -> str:
        return choice_label(models.CoordinatorRole, self.role, self._api_language)


@strawberry.type(description="Where the chapter talks to its members online.")
class SocialLink:
    @strawberry.field(description="Identifies this link as listed by the chapter's `id`.")
    def id(self, info: Info) -> strawberry.ID:
        return listed_row_id(self.chapter, "social_links", self, info.context)

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
    hero_image = image_of("hero_image", "The chapter's main image.")
    body = stream_of("body", "About the chapter.")

    @strawberry.field(description="The chapter's country.")
    def country(self) -> Country:
        return country_of(self.country, self.locale.language_code)

    @strawberry.field(description="When it was founded, as precisely as that is known.")
    def founded(self, info: Info) -> PartialDateType | None:
        return partial_date_of(self.founded, reader_language(self, info.context))

    @strawberry.field(description="Coordinators, current and past, in the order editors set.")
    def coordinators(self, info: Info) -> list[Coordinator]:
        return pass_language(self.coordinators.all(), reader_language(self, info.context))

    @strawberry.field(description="The chapter's groups and pages on social networks.")
    def social_links(self) -> list[SocialLink]:
        # A link whose address is not allowed (``url_policy``) is left out, as on the site.
        return [link for link in self.social_links.all() if safe_url(link.url)]

    @strawberry.field(
        description="The chapter's published events: newest first, or with `upcoming: true` "
        "those not yet ended, soonest first."
    )
    def events(
        self,
        upcoming: Upcoming = None,
        first: First = None,
        after: After = None,
    ) -> Connection[EventPageType]:
        return paginate(events_listed(self._api_events, upcoming), first, after)


def events_listed(events, upcoming):
    """A chapter's events (newest first) as ``events(upcoming:)`` lists them."""
    if upcoming is not None:
        events = [event for event in events if event.is_upcoming is upcoming]
    if upcoming:
        events = sorted(events, key=lambda event: event.start_date)
    return events


def shown_events(chapters, selections):
    """The events that the chapters' ``events(...)`` fields show (each field's window of its
    list), or None when an argument is malformed (the resolver reports it)."""
    shown = []
    for field in fields_named(selections, "events"):
        try:
            after = field.arguments.get("after")
            offset = decode_cursor(after) + 1 if after else 0
            size = check_first(argument(field, "first"))
        except (ClientError, TypeError, ValueError):
            return None
        for chapter in chapters:
            listed = events_listed(chapter._api_events, field.arguments.get("upcoming"))
            shown += listed[offset : offset + size]
    return shown


@preparer(models.ChapterPage)
def prepare_chapters(chapters, selections, context, locale):
    if selects(selections, "coordinators"):
        prefetch_related_objects(
            chapters,
            Prefetch(
                "coordinators",
                queryset=models.ChapterCoordinator.objects.select_related("person").order_by(
                    "sort_order"
                ),
            ),
        )
        people = [c.person for ch in chapters for c in ch.coordinators.all()]
        cache_tags.used_objects(people)
        photos = {person.photo_id for person in people}
        load_images(photos, path(selections, "coordinators", "person", "photo"), context)
    if selects(selections, "socialLinks"):
        prefetch_related_objects(chapters, "social_links")
    if selects(selections, "events"):
        load_chapter_events(chapters, selections, context, locale)


def load_chapter_events(chapters, selections, context, locale):
    """The visible events of all the chapters, in one query, in the reader's language: a
    chapter's events are gathered from every language version of the chapter, one per
    translation key, so an event not yet translated is listed in its fallback language.

    Only the events the ``events(...)`` fields show are loaded in full and prepared; the rest
    of each list is outlines, enough to count and page through it."""
    if locale is None:
        locale = context.locales[chapters[0].locale_id]
    cache_tags.used_children(chapters)
    found, parent_key = context.reader(locale).children(chapters, models.EventPage)
    rows = list(outlines(filter_upcoming(found, None), *EVENT_DATE_FIELDS))
    by_chapter = defaultdict(list)
    for event in rows:
        by_chapter[parent_key(event)].append(event)
    for chapter in chapters:
        chapter._api_events = by_chapter[chapter.translation_key]
    shown = shown_events(chapters, selections)
    full = load_specific(rows if shown is None else shown)
    for chapter in chapters:
        chapter._api_events = [full.get(event.pk, event) for event in chapter._api_events]
    prepare_pages(list(full.values()), path(selections, "events", "edges", "node"), context, locale)


def chapters_in(locale, context):
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
        chapter = chapters_in(language, info.context).filter(translation_key__in=keys).first()
        if chapter is not None:
            prepare_pages([chapter], root_selections(info), info.context, language)
        else:
            cache_tags.used_listing(models.ChapterPage)
        return chapter
