"""The ``page`` query, and ``page_connection`` for the lists of pages of every domain."""

from typing import Annotated, Any, TypeVar

import strawberry
from django.db.models import QuerySet
from strawberry.types import Info
from wagtail.models import Locale
from wagtail.models import Page as WagtailPage

from graphql_api.core.connection import Connection, paginate
from graphql_api.core.errors import InvalidArgumentError
from graphql_api.core.locale import LocaleArgument, requested_locale
from graphql_api.pages.interface import PageInterface
from graphql_api.pages.lookup import find_page
from graphql_api.pages.preview import preview_page
from graphql_api.pages.relations import serve_pages
from site_pages import cache_tags


def page_connection(
    pages: QuerySet[WagtailPage] | list[WagtailPage],
    info: Info,
    locale: Locale | None,
    first: int | None = None,
    after: str | None = None,
) -> Connection[Any]:
    """A connection over a page queryset whose nodes are served as one batch: each relation
    any of them asks for loads for all of them."""
    # Search results are not a queryset: any page may enter them.
    cache_tags.used_listing(getattr(pages, "model", WagtailPage))
    return paginate(
        pages,
        first,
        after,
        prepare=lambda nodes: serve_pages(nodes, locale, info.context),
    )


FoundPage = TypeVar("FoundPage", bound=WagtailPage)


def first_page(pages: QuerySet[FoundPage], info: Info, locale: Locale | None) -> FoundPage | None:
    """The first of ``pages``, for a root query that names one page of a model (a chapter by
    its slug, a yearbook by its year), served. When there is none, the answer (null) depends on
    the model's listing: a page published later that the query names makes it stale."""
    page = pages.first()
    if page is None:
        cache_tags.used_listing(pages.model)
    else:
        serve_pages([page], locale, info.context)
    return page


@strawberry.type
class PageQuery:
    @strawberry.field(
        description=(
            "One published page, by `id` or by `path` (relative to the home page, without the "
            'language prefix, e.g. "chapters/india"). Where the requested locale has no '
            "version of it, the fallback language's version is served with `isFallback`. "
            "With `previewToken` (from the editor's preview in the web app), the draft the "
            "token names instead, published or not; `id` and `path` may then be left out."
        )
    )
    def page(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="The page's id, as answers give it (`Page.id`)."),
        ] = None,
        path: Annotated[
            str | None,
            strawberry.argument(
                description="The page's address below the home page without the language prefix, "
                'e.g. "chapters/india"; "" is the home page.'
            ),
        ] = None,
        locale: LocaleArgument = None,
        preview_token: Annotated[
            str | None,
            strawberry.argument(
                description=(
                    "A token from the editor's preview in the web app. It names one page's "
                    "latest draft and expires (after an hour by default)."
                )
            ),
        ] = None,
    ) -> PageInterface | None:
        if preview_token is not None:
            return preview_page(info, preview_token, id=id, path=path, locale=locale)
        if (id is None) == (path is None):
            raise InvalidArgumentError("Give exactly one of `id` or `path`.")
        language = requested_locale(locale)
        page = find_page(info.context, language, id=id, path=path)
        if page is None:
            return None
        serve_pages([page], language, info.context)
        return page
