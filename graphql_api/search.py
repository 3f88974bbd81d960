"""Site search across published pages in the reader's language."""

import strawberry
from strawberry.types import Info
from wagtail.models import Page

from graphql_api.core.connection import Connection
from graphql_api.core.errors import InvalidArgumentError
from graphql_api.core.locale import requested_locale
from graphql_api.pages import PageInterface, page_connection
from site_pages.views import search_scope, search_text

MAX_QUERY_LENGTH = 200


def searchable_types():
    from wagtail.models import get_page_models

    return {model.__name__: model for model in get_page_models() if model is not Page}


class SpecificResults:
    """Search results turned into specific pages once sliced, in the engine's order."""

    def __init__(self, results):
        self.results = results

    def count(self):
        return self.results.count()

    def __getitem__(self, key):
        pages = list(self.results[key])
        specific = Page.objects.filter(pk__in=[page.pk for page in pages]).specific()
        by_id = {page.pk: page for page in specific}
        return [by_id[page.pk] for page in pages if page.pk in by_id]


@strawberry.type
class SearchQuery:
    @strawberry.field(
        description="Published pages matching the words of `query`, best match first, in the "
        "requested language (or its fallback). `types` limits the page types, e.g. "
        '["EventPage", "MentorColumnPage"].'
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
        query = query.strip()
        if len(query) > MAX_QUERY_LENGTH:
            raise InvalidArgumentError(f"`query` may be at most {MAX_QUERY_LENGTH} characters.")
        query = search_text(query)
        if not query:
            raise InvalidArgumentError("`query` must contain at least one word.")
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
        scope = search_scope(info.context.reader(language), pages)
        results = SpecificResults(scope.search(query))
        return page_connection(results, info, language, first, after)
