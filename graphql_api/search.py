"""The API's face of readers' search: arguments in, a connection out. Matching, scope and
ranking are site_pages/search.py's, shared with the site's search page."""

import strawberry
from strawberry.types import Info
from wagtail.models import Page

from graphql_api.core.connection import Connection
from graphql_api.core.errors import InvalidArgumentError
from graphql_api.core.locale import requested_locale
from graphql_api.pages import PageInterface, page_connection
from site_pages import search as site_search


def searchable_types():
    from wagtail.models import get_page_models

    return {model.__name__: model for model in get_page_models() if model is not Page}


@strawberry.type
class SearchQuery:
    @strawberry.field(
        description="Published pages whose text contains every word of `query` (words are "
        "found inside sentences in any script: Japanese, Chinese and Thai too), in the requested "
        "language or its fallback. Best match first: the requested language before fallback "
        "pages (`isFallback`), then title matches. At most 200 characters and 10 words. "
        '`types` limits the page types, e.g. ["EventPage", "MentorColumnPage"].'
    )
    def search(
        self,
        info: Info,
        query: str,
        locale: str | None = None,
        types: list[str] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[PageInterface]:
        language = requested_locale(locale)
        try:
            words = site_search.checked_words(query)
        except site_search.SearchQueryError as error:
            raise InvalidArgumentError(str(error)) from error
        pages = Page.objects.filter(depth__gt=1)
        if types:
            known = searchable_types()
            unknown = sorted(set(types) - set(known))
            if unknown:
                raise InvalidArgumentError(
                    f"Unknown page type {', '.join(unknown)}; known types: "
                    f"{', '.join(sorted(known))}."
                )
            pages = pages.type(*(known[name] for name in types))
        results = site_search.search(info.context.reader(language), words, pages)
        return page_connection(results, info, language, first, after)
