"""Yearbooks: the coordinators of every chapter, one page per fiscal year."""

from typing import Annotated

import strawberry
from django.db.models import Prefetch, prefetch_related_objects
from strawberry.types import Info

from graphql_api.chapters import ChapterPageType, CoordinatorRole
from graphql_api.core.connection import After, Connection, First
from graphql_api.core.labels import choice_label, pass_language, reader_language
from graphql_api.core.locale import LocaleArgument, requested_locale
from graphql_api.core.selection import path, root_selections, selects
from graphql_api.images import ImageType, cached_image, load_images
from graphql_api.pages import (
    PageInterface,
    in_language,
    listed_row_id,
    page_connection,
    page_type,
    prepare_pages,
    preparer,
)
from graphql_api.people import Person
from site_pages import cache_tags, models


@strawberry.type(description="A coordinator in a yearbook.")
class YearbookEntry:
    @strawberry.field(description="Identifies this entry as listed by the yearbook's `id`.")
    def id(self, info: Info) -> strawberry.ID:
        return listed_row_id(self.yearbook, "entries", self, info.context)

    person: Person = strawberry.field(description="Who they are.")

    @strawberry.field(description="Their role that year.")
    def role(self) -> CoordinatorRole:
        return self.role

    @strawberry.field(description="Their role, named in the requested language.")
    def role_label(self, info: Info) -> str:
        return choice_label(models.CoordinatorRole, self.role, self._api_language)

    @strawberry.field(description="The chapter they served; null if it is not published.")
    def chapter(self) -> ChapterPageType | None:
        return getattr(self, "_api_chapter", None)

    @strawberry.field(description="Portrait: the yearbook's own photo, or the person's.")
    def photo(self, info: Info) -> ImageType | None:
        return cached_image(info.context, self.photo_id or self.person.photo_id)


@page_type(models.YearbookIndexPage, "The list of yearbooks.")
class YearbookIndexPageType(PageInterface):
    intro: str = strawberry.field(description="Introduction shown above the list.")


@page_type(models.YearbookPage, "The coordinators of one fiscal year.")
class YearbookPageType(PageInterface):
    fiscal_year: int = strawberry.field(description="2021 for April 2021 to March 2022.")
    intro: str = strawberry.field(description="One or two sentences about the yearbook.")

    @strawberry.field(description="The coordinators, in order.")
    def entries(self, info: Info) -> list[YearbookEntry]:
        return pass_language(self.entries.all(), reader_language(self, info.context))


@preparer(models.YearbookPage)
def prepare_yearbooks(yearbooks, selections, context, locale):
    if not selects(selections, "entries"):
        return
    prefetch_related_objects(
        yearbooks,
        Prefetch(
            "entries",
            queryset=models.YearbookEntry.objects.select_related("person").order_by("sort_order"),
        ),
    )
    entries = [entry for yearbook in yearbooks for entry in yearbook.entries.all()]
    cache_tags.used_objects(entry.person for entry in entries)
    load_images(
        {entry.photo_id for entry in entries} | {entry.person.photo_id for entry in entries},
        path(selections, "entries", "photo") + path(selections, "entries", "person", "photo"),
        context,
    )
    chapter_ids = {entry.chapter_id for entry in entries if entry.chapter_id}
    visible = (
        list(context.visible(models.ChapterPage.objects.filter(pk__in=chapter_ids)))
        if chapter_ids
        else []
    )
    chapters = in_language(visible, context, locale)
    for entry in entries:
        entry._api_chapter = chapters.get(entry.chapter_id)
    prepare_pages(list(chapters.values()), path(selections, "entries", "chapter"), context, locale)


def yearbooks_in(locale, context):
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
        found = yearbooks_in(language, info.context).filter(fiscal_year=fiscal_year).first()
        if found:
            prepare_pages([found], root_selections(info), info.context, language)
        else:
            cache_tags.used_listing(models.YearbookPage)
        return found
