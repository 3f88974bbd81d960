"""Sakura Mentor: mentors and their columns."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

import strawberry
from django.db.models import QuerySet
from strawberry.types import Info
from wagtail.models import Locale as WagtailLocale

from graphql_api.core.connection import After, Connection, First, paginate
from graphql_api.core.context import RequestContext
from graphql_api.core.country import Country, country_of
from graphql_api.core.errors import InvalidArgumentError
from graphql_api.core.ids import served_id
from graphql_api.core.loading import Batch, Loader
from graphql_api.core.locale import LocaleArgument, requested_locale
from graphql_api.images import image_field
from graphql_api.pages.interface import PageInterface, page_type
from graphql_api.pages.query import page_connection
from graphql_api.pages.relations import rows_listed_by
from graphql_api.streamfield import stream_field
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
        return served_id(self, info.context)

    slug: str = strawberry.field(description="Identifier used in addresses and filters.")
    name: str = strawberry.field(description="Full name.")
    position: str = strawberry.field(description="Job title.")
    affiliation: str = strawberry.field(description="University or institute.")
    research_field: str = strawberry.field(description="What they research.")
    bio: str = strawberry.field(description="A short biography.")

    @strawberry.field(description="Country they come from, named in the mentor's language.")
    def country_of_origin(self, info: Info) -> Country | None:
        return country_of(self.country_of_origin, info.context.language_of(self))

    photo = image_field("photo", "Portrait photo.")

    @strawberry.field(description="Language code of this version of the mentor's profile.")
    def locale(self, info: Info) -> str:
        return info.context.language_of(self)

    @strawberry.field(
        description="True when the profile is served in a fallback language because the "
        "requested one has no version of it."
    )
    def is_fallback(self, root: models.Mentor, info: Info) -> bool:
        requested = info.context.loaders.requested_locale(root)
        return requested is not None and requested.pk != root.locale_id


@page_type(models.MentorColumnIndexPage, "The Sakura Mentor section.")
class MentorColumnIndexPageType(PageInterface):
    intro: str = strawberry.field(description="Introduction shown above the columns.")


@page_type(models.MentorColumnPage, "A column by a Sakura Mentor.")
class MentorColumnPageType(PageInterface):
    date: datetime.date = strawberry.field(description="Date of the column.")
    intro: str = strawberry.field(description="One or two sentences about the column.")
    body = stream_field("body", "The column.")

    @strawberry.field(description="Who wrote it.")
    def mentor(self, info: Info) -> Mentor:
        return info.context.loaders.load(MENTOR, self, info)

    @strawberry.field(description="Topics, such as careers or graduate school.")
    def topics(self, info: Info) -> list[str]:
        return info.context.loaders.load(TOPICS, self, info)


def mentors_in_language(
    ids: Iterable[int], context: RequestContext, locale: WagtailLocale | None
) -> dict[int, models.Mentor]:
    """Mentor id -> that mentor in the reader's language (or the nearest fallback)."""
    if locale is None:
        chosen = models.Mentor.objects.in_bulk(ids)
    else:
        chosen = context.reader(locale).snippet_versions(models.Mentor, ids)
    cache_tags.used_objects(chosen.values())
    return chosen


@dataclass(frozen=True)
class ColumnMentor(Loader[models.MentorColumnPage, models.Mentor]):
    """Each column's mentor, in the reader's language; the mentors are one batch."""

    parent_type = models.MentorColumnPage

    def load_batch(
        self, columns: Sequence[models.MentorColumnPage], batch: Batch, info: Any
    ) -> list:
        mentors = mentors_in_language({c.mentor_id for c in columns}, info.context, batch.locale)
        info.context.loaders.serve(mentors.values(), batch.locale)
        return [mentors.get(column.mentor_id) for column in columns]


@dataclass(frozen=True)
class Topics(Loader[models.MentorColumnPage, list[str]]):
    """Each column's topic names, sorted, in one query for the batch."""

    parent_type = models.MentorColumnPage

    def load_batch(
        self, columns: Sequence[models.MentorColumnPage], batch: Batch, info: Any
    ) -> list:
        tagged = models.MentorColumnTopic.objects.select_related("tag")
        rows = rows_listed_by(columns, "tagged_topics", "content_object", tagged, info.context)
        return [sorted(item.tag.name for item in items) for items in rows]


MENTOR = ColumnMentor()
TOPICS = Topics()


def mentors_in(locale: WagtailLocale) -> QuerySet[models.Mentor]:
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
        cache_tags.used_listing(models.Mentor)
        return paginate(
            mentors_in(language), first, after, prepare=info.context.loaders.serving(language)
        )

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
