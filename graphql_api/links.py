"""The addresses of pages and documents that content links to, looked up once per response.

Rich text (``richtext``) and StreamField blocks (``streamfield``) both link to pages and
documents by id; each collects the ids of a whole response first, then these fill the
request context's maps in one query per kind.
"""

from collections.abc import Iterable

from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page

from graphql_api.core.context import RequestContext
from site_pages import cache_tags


def load_documents(ids: Iterable[int], context: RequestContext) -> None:
    missing = {pk for pk in ids if pk not in context.documents}
    if missing:
        found = get_document_model().objects.filter(pk__in=missing)
        context.documents.update({document.pk: document for document in found})
        for pk in missing:
            context.documents.setdefault(pk, None)


def document(context: RequestContext, pk: int | None) -> AbstractDocument | None:
    """The document with this id, or None when it is gone."""
    if not pk:
        return None
    load_documents({pk}, context)
    return context.documents.get(pk)


def load_page_urls(ids: Iterable[int], context: RequestContext) -> None:
    wanted = {pk for pk in ids if pk not in context.page_urls}
    if not wanted:
        return
    found = context.visible(Page.objects.filter(pk__in=wanted)).only(
        "id", "url_path", "locale_id", "translation_key"
    )
    for page in found:
        context.attach_locale(page)
        context.page_urls[page.pk] = page.get_url(context.request)
    cache_tags.used_pages(found)
    if len(found) < len(wanted):
        # A link to a page readers cannot see yet: it gets an address when that page is.
        cache_tags.used_listing(Page)
    for pk in wanted:
        context.page_urls.setdefault(pk, None)


def page_url(context: RequestContext, pk: int) -> str | None:
    """The page's address for readers, or None for a page they cannot see."""
    load_page_urls({pk}, context)
    return context.page_urls.get(pk)
