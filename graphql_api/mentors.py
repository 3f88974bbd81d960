"""Sakura Mentor: mentors and their columns."""

import datetime
from typing import Annotated

import strawberry
from django.db.models import prefetch_related_objects
from strawberry.types import Info

from graphql_api.core.connection import After, Connection, First, paginate
from graphql_api.core.country import Country, country_of
from graphql_api.core.errors import InvalidArgumentError
from graphql_api.core.ids import view_id
from graphql_api.core.locale import LocaleArgument, requested_locale
from graphql_api.core.selection import path, root_selections, selects
from graphql_api.images import ImageType, cached_image, load_images
from graphql_api.pages import PageInterface, page_connection, page_type, preparer, stream_of
from site_pages import cache_tags, models
from site_pages.fallback import localized


@strawberry.type(description="A researcher in Japan who writes columns and answers questions.")
class Mentor:
    @strawberry.field(
        description="Identifies this version of the profile as served here: the Wagtail id "
        'of a profile in its own language ("4"), with the requested language added when it '
        'is a fallback ("4@ja"), so a client\'s cache keeps the two apart.'
    )
    def id(self, info: Info) -> strawberry.ID:
        requested = getattr(self, "_requested_locale_id", None)
        context = info.context
        return view_id(
            self.pk,
            context.language_of(self),
            context.language_of_locale(requested) if requested else None,
        )

    slug: str = strawberry.field(description="Identifier used in addresses and filters.")
    name: str = strawberry.field(description="Full name.")
    position: str = strawberry.field(description="Job title.")
    affiliation: str = strawberry.field(description="University or institute.")
    research_field: str = strawberry.field(description="What they research.")
    bio: str = strawberry.field(description="A short biography.")

    @strawberry.field(description="Country they come from, named in the mentor's language.")
    def country_of_origin(self, info: Info) -> Country | None:
        return country_of(self.country_of_origin, info.context.language_of(self))

    @strawberry.field(description="Portrait photo.")
    def photo(self, info: Info) -> ImageType | None:
        return cached_image(info.context, self.photo_id)

    @strawberry.field(description="Language code of this version of the mentor's profile.")
    def locale(self, info: Info) -> str:
        return info.context.language_of(self)

    @strawberry.field(
        description="True when the profile is served in a fallback language because the "
        "requested one has no version of it."
    )
    def is_fallback(self) -> bool:
        requested = getattr(self, "_requested_locale_id", None)
        return requested is not None and requested != self.locale_id


@page_type(models.MentorColumnIndexPage, "The Sakura Mentor section.")
class MentorColumnIndexPageType(PageInterface):
    intro: str = strawberry.field(description="Introduction shown above the columns.")


@page_type(models.MentorColumnPage, "A column by a Sakura Mentor.")
class MentorColumnPageType(PageInterface):
    date: datetime.date = strawberry.field(description="Date of the column.")
    intro: str = strawberry.field(description="One or two sentences about the column.")
    body = stream_of("body", "The column.")

    @strawberry.field(description="Who wrote it.")
    def mentor(self) -> Mentor:
        return self._api_mentor

    @strawberry.field(description="Topics, such as careers or graduate school.")
    def topics(self) -> list[str]:
        return sorted(tagged.tag.name for tagged in self.tagged_topics.all())


@preparer(models.MentorColumnPage)
def prepare_columns(columns, selections, context, locale):
    if selects(selections, "mentor"):
        mentors = mentors_in_language({c.mentor_id for c in columns}, context, locale)
        for column in columns:
            column._api_mentor = mentors.get(column.mentor_id)
        load_images(
            {mentor.photo_id for mentor in mentors.values()},
            path(selections, "mentor", "photo"),
            context,
        )
    if selects(selections, "topics"):
        prefetch_related_objects(columns, "tagged_topics__tag")


def mentors_in_language(ids, context, locale):
    """Mentor id -> that mentor in the reader's language (or the nearest fallback)."""
    if locale is None:
        chosen = models.Mentor.objects.in_bulk(ids)
    else:
        chosen = context.reader(locale).snippet_versions(models.Mentor, ids)
    cache_tags.used_objects(chosen.values())
    mark_requested(chosen.values(), locale)
    return chosen


def mark_requested(mentors, locale):
    for mentor in mentors:
        mentor._requested_locale_id = locale.pk if locale else None


def mentors_in(locale):
    return localized(models.Mentor.objects.all(), locale).order_by("name", "pk")


@strawberry.type
class MentorQuery:
    @strawberry.field(description="Sakura Mentors, by name, in the requested language.")
    def mentors(
        self,
        info: Info,
        locale: LocaleArgument = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Mentor]:
        language = requested_locale(locale)
        selections = path(root_selections(info), "edges", "node")

        cache_tags.used_listing(models.Mentor)

        def prepare(mentors):
            mark_requested(mentors, language)
            load_images({m.photo_id for m in mentors}, path(selections, "photo"), info.context)

        return paginate(mentors_in(language), first, after, prepare=prepare)

    @strawberry.field(description="Published mentor columns, newest first.")
    def mentor_columns(
        self,
        info: Info,
        locale: LocaleArgument = None,
        mentor: Annotated[
            str | None,
            strawberry.argument(
                description='Only the columns of the mentor with this slug, e.g. "haruka-mori"; '
                "an unknown slug is INVALID_ARGUMENT."
            ),
        ] = None,
        topic: Annotated[
            str | None,
            strawberry.argument(
                description='Only columns with this topic (one of their `topics`, e.g. "careers"), '
                "ignoring case."
            ),
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[MentorColumnPageType]:
        language = requested_locale(locale)
        columns = models.MentorColumnPage.objects.all()
        if mentor is not None:
            cache_tags.used_listing(models.Mentor)
            keys = models.Mentor.objects.filter(slug=mentor).values("translation_key")
            if not keys.exists():
                raise InvalidArgumentError(f"No mentor has the slug “{mentor}”.")
            columns = columns.filter(mentor__translation_key__in=keys)
        if topic is not None:
            columns = columns.filter(tagged_topics__tag__name__iexact=topic).distinct()
        columns = info.context.reader(language).pages(columns).order_by("-date", "path")
        return page_connection(columns, info, language, first, after)
