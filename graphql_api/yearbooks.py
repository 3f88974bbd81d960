"""Yearbooks: the coordinators of every chapter, one page per fiscal year."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

import strawberry
from django.db.models import QuerySet
from strawberry.types import Info
from wagtail.models import Locale as WagtailLocale

from graphql_api.chapters import ChapterPageType, CoordinatorRole
from graphql_api.core.connection import After, Connection, First
from graphql_api.core.context import RequestContext
from graphql_api.core.labels import choice_label, reader_language
from graphql_api.core.loading import Batch, Loader
from graphql_api.core.locale import LocaleArgument, requested_locale
from graphql_api.images import ImageLoader, ImageType, asked_specs
from graphql_api.pages.interface import PageInterface, listed_row_id, page_type
from graphql_api.pages.query import first_page, page_connection
from graphql_api.pages.relations import in_language, rows_listed_by, serve_pages, unique
from graphql_api.people import Person
from site_pages import cache_tags, models


@dataclass(frozen=True)
class Entries(Loader[models.YearbookPage, list[models.YearbookEntry]]):
    """Each yearbook's entries with their people, in one query; the entries of the batch are
    one batch, and so are their people."""

    parent_type = models.YearbookPage

    def load_batch(self, yearbooks: Sequence[models.YearbookPage], batch: Batch, info: Any) -> list:
        context = info.context
        entries = models.YearbookEntry.objects.select_related("person").order_by("sort_order")
        rows = rows_listed_by(yearbooks, "entries", "yearbook", entries, context)
        listed = context.loaders.serve([entry for items in rows for entry in items], batch.locale)
        cache_tags.used_objects(entry.person for entry in listed)
        context.loaders.serve([entry.person for entry in listed], batch.locale)
        return rows


@dataclass(frozen=True)
class EntryChapter(Loader[models.YearbookEntry, models.ChapterPage]):
    """The chapter each entry's coordinator served, in the reader's language; None when it is
    not published."""

    parent_type = models.YearbookEntry

    def load_batch(self, entries: Sequence[models.YearbookEntry], batch: Batch, info: Any) -> list:
        context = info.context
        ids = {entry.chapter_id for entry in entries if entry.chapter_id}
        visible = (
            list(context.visible(models.ChapterPage.objects.filter(pk__in=ids))) if ids else []
        )
        chapters = in_language(visible, context, batch.locale)
        serve_pages(unique(chapters.values()), batch.locale, context)
        return [chapters.get(entry.chapter_id) for entry in entries]


@dataclass(frozen=True)
class EntryPhoto(ImageLoader):
    """The yearbook's own photo of an entry, or the person's; both load with the batch, so
    the people's ``photo`` is already there."""

    parent_type = models.YearbookEntry

    def image_id(self, parent: Any) -> int | None:
        return parent.photo_id or parent.person.photo_id

    def preload_ids(self, parent: Any) -> set[int | None]:
        return {parent.photo_id, parent.person.photo_id}


ENTRIES = Entries()
ENTRY_CHAPTER = EntryChapter()


@strawberry.type(description="A coordinator in a yearbook.")
class YearbookEntry:
    @strawberry.field(description="Identifies this entry as listed by the yearbook's `id`.")
    def id(self, info: Info) -> strawberry.ID:
        return listed_row_id(self, "entries", info.context)

    person: Person = strawberry.field(description="Who they are.")

    @strawberry.field(description="Their role that year.")
    def role(self) -> CoordinatorRole:
        return self.role

    @strawberry.field(description="Their role, named in the requested language.")
    def role_label(self, info: Info) -> str:
        return choice_label(models.CoordinatorRole, self.role, reader_language(self, info.context))

    @strawberry.field(description="The chapter they served; null if it is not published.")
    def chapter(self, info: Info) -> ChapterPageType | None:
        return info.context.loaders.load(ENTRY_CHAPTER, self, info)

    @strawberry.field(description="Portrait: the yearbook's own photo, or the person's.")
    def photo(self, info: Info) -> ImageType | None:
        return info.context.loaders.load(EntryPhoto(specs=asked_specs(info)), self, info)


@page_type(models.YearbookIndexPage, "The list of yearbooks.")
class YearbookIndexPageType(PageInterface):
    intro: str = strawberry.field(description="Introduction shown above the list.")


@page_type(models.YearbookPage, "The coordinators of one fiscal year.")
class YearbookPageType(PageInterface):
    fiscal_year: int = strawberry.field(description="2021 for April 2021 to March 2022.")
    intro: str = strawberry.field(description="One or two sentences about the yearbook.")

    @strawberry.field(description="The coordinators, in order.")
    def entries(self, info: Info) -> list[YearbookEntry]:
        return info.context.loaders.load(ENTRIES, self, info)


def yearbooks_in(locale: WagtailLocale, context: RequestContext) -> QuerySet[models.YearbookPage]:
    yearbooks = context.reader(locale).pages(models.YearbookPage.objects.all())
    return yearbooks.order_by("-fiscal_year")


@strawberry.type
class YearbookQuery:
    @strawberry.field(description="Published yearbooks, newest fiscal year first.")
    def yearbooks(
        self,
        info: Info,
        locale: LocaleArgument = None,
        first: First = None,
        after: After = None,
    ) -> Connection[YearbookPageType]:
        language = requested_locale(locale)
        return page_connection(yearbooks_in(language, info.context), info, language, first, after)

    @strawberry.field(description="The yearbook of one fiscal year.")
    def yearbook(
        self,
        info: Info,
        fiscal_year: Annotated[
            int, strawberry.argument(description="2021 for April 2021 to March 2022.")
        ],
        locale: LocaleArgument = None,
    ) -> YearbookPageType | None:
        language = requested_locale(locale)
        yearbooks = yearbooks_in(language, info.context).filter(fiscal_year=fiscal_year)
        return first_page(yearbooks, info, language)
