"""Programmes of the Sakura Science Exchange Program, with their figures."""

import strawberry
from strawberry.types import Info

from graphql_api.core.connection import After, Connection, First
from graphql_api.core.labels import choice_label, reader_language
from graphql_api.core.locale import LocaleArgument, requested_locale
from graphql_api.pages.interface import PageInterface, page_image_field, page_type
from graphql_api.pages.query import page_connection
from graphql_api.streamfield import stream_field
from site_pages import models
from site_pages.fallback import tree_order

# The model's choices are the GraphQL enum (strawberry.enum marks the class itself).
ProgramCategory = models.ProgramCategory
strawberry.enum(ProgramCategory, description="Kind of programme.")


@page_type(models.ProgramIndexPage, "The list of programmes.")
class ProgramIndexPageType(PageInterface):
    intro: str = strawberry.field(description="Introduction shown above the list.")


@page_type(models.ProgramPage, "A programme, such as SSHP, with its headline figures.")
class ProgramPageType(PageInterface):
    acronym: str = strawberry.field(description="E.g. SSHP; may be empty.")
    category: ProgramCategory = strawberry.field(description="Kind of programme.")
    first_year: int | None = strawberry.field(description="First year the figures cover.")
    last_year: int | None = strawberry.field(description="Last year; null while it runs.")
    course_count: int | None = strawberry.field(description="Courses held.")
    participant_count: int | None = strawberry.field(description="People who took part.")
    intro: str = strawberry.field(description="One or two sentences about the programme.")
    hero_image = page_image_field("hero_image", "The programme's main image.")
    body = stream_field("body", "About the programme.")

    @strawberry.field(description="Kind of programme, named in the requested language.")
    def category_label(self, info: Info) -> str:
        return choice_label(
            models.ProgramCategory, self.category, reader_language(self, info.context)
        )


@strawberry.type
class ProgramQuery:
    @strawberry.field(
        description="Published programmes in tree order; officer programmes follow the "
        "Supporters Program they belong to (see `parent`)."
    )
    def programs(
        self,
        info: Info,
        locale: LocaleArgument = None,
        first: First = None,
        after: After = None,
    ) -> Connection[ProgramPageType]:
        language = requested_locale(locale)
        programs = info.context.reader(language).pages(models.ProgramPage.objects.all())
        return page_connection(tree_order(programs), info, language, first, after)
