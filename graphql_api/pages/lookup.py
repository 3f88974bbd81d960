"""Finding one page, by id or by path, as readers of a language may see it."""

import strawberry
from wagtail.models import Locale
from wagtail.models import Page as WagtailPage

from graphql_api.core.context import RequestContext
from graphql_api.core.errors import InvalidArgumentError
from graphql_api.core.ids import wagtail_id
from site_pages import cache_tags


def find_page(
    context: RequestContext,
    locale: Locale,
    id: strawberry.ID | None = None,
    path: str | None = None,
) -> WagtailPage | None:
    """The visible page with this id, or at this path (relative to the home page), in the
    requested language or the nearest fallback that has it."""
    reader = context.reader(locale)
    if id is None:
        # A miss names the addresses it looked at (site_pages/fallback.py).
        return reader.page_at(context.site, path)
    pk = wagtail_id(id)
    if pk is None:
        raise InvalidArgumentError(f"`id` must be a page id the API gave out; got “{id}”.")
    page = reader.version_of(context.visible(WagtailPage.objects.filter(pk=pk)).first())
    if page is None:
        # Nothing readers may see has this id yet: that page's next change may show it.
        cache_tags.use(cache_tags.page_id_tag(pk))
    return page


def relative_path(page: WagtailPage) -> str:
    """A page's path below its home page, as the `path` argument takes it."""
    return "/".join(page.url_path.strip("/").split("/")[1:])
