"""The API's face of readers' search: arguments in, a connection out. Matching, scope and
ranking are site_pages/search.py's, shared with the site's search page. The `PageType` enum
of the page types a client may narrow a search (or `changes`) to is made from the page models."""

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info
from strawberry.utils.str_converters import to_snake_case
from wagtail.models import Page, get_page_models

from graphql_api.core.connection import After, Connection, First
from graphql_api.core.enums import generated_enum
from graphql_api.core.errors import InvalidArgumentError
from graphql_api.core.limits import check_list_size
from graphql_api.core.locale import LocaleArgument, requested_locale
from graphql_api.pages.interface import PageInterface
from graphql_api.pages.query import page_connection
from site_pages import search as site_search


def searchable_types() -> dict[str, type[Page]]:
    """Page model name -> model, for every page type readers may get (not Wagtail's root)."""
    return {model.__name__: model for model in get_page_models() if model is not Page}


def page_type_name(model_name: str) -> str:
    """The `PageType` value of a page type: ``EventPage`` is ``EVENT_PAGE``."""
    return to_snake_case(model_name).upper()


def page_type_enum() -> type[Enum]:
    return generated_enum(
        "PageType",
        {
            page_type_name(name): strawberry.enum_value(
                name, description=f"Pages of the type `{name}`."
            )
            for name in sorted(searchable_types())
        },
        description="A page type, to narrow a list to: the `__typename` (and `pageType`) of its "
        "pages in upper case with underscores, EVENT_PAGE for EventPage.",
    )


if TYPE_CHECKING:
    # Made from the page models at import: to the type checker it is any Enum.
    PageType = Enum
else:
    PageType = page_type_enum()

TypesArgument = Annotated[
    list[PageType] | None,
    strawberry.argument(
        description="Only pages of these types, e.g. [EVENT_PAGE, CHAPTER_PAGE]; every type when "
        "left out or empty. Each type once: a longer list than there are types is "
        "LIMIT_EXCEEDED."
    ),
]


def page_models(types: list[Enum] | None) -> list[type[Page]] | None:
    """The page models `types` names (None for every type), after the list's cap."""
    if not types:
        return None
    check_list_size("types", types, len(PageType))
    known = searchable_types()
    return [known[page_type.value] for page_type in types]


@strawberry.type
class SearchQuery:
    @strawberry.field(
        description="Published pages whose text contains every word of `query` (words are "
        "found inside sentences in any script: Japanese, Chinese and Thai too), in the requested "
        "language or its fallback. Best match first: the requested language before fallback "
        "pages (`isFallback`), then title matches."
    )
    def search(
        self,
        info: Info,
        query: Annotated[
            str,
            strawberry.argument(
                description="The words to find: at least one, at most "
                f"{site_search.MAX_QUERY_WORDS} words and {site_search.MAX_QUERY_LENGTH} "
                "characters (else INVALID_ARGUMENT)."
            ),
        ],
        locale: LocaleArgument = None,
        types: TypesArgument = None,
        first: First = None,
        after: After = None,
    ) -> Connection[PageInterface]:
        language = requested_locale(locale)
        try:
            words = site_search.checked_words(query)
        except site_search.SearchQueryError as error:
            raise InvalidArgumentError(str(error)) from error
        pages = Page.objects.filter(depth__gt=1)
        models = page_models(types)
        if models:
            pages = pages.type(*models)
        results = site_search.search(info.context.reader(language), words, pages)
        return page_connection(results, info, language, first, after)
