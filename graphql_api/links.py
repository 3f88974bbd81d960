"""The addresses of pages and documents that content links to, looked up once per response.

Rich text (``richtext``) and StreamField blocks (``streamfield``) both link to pages and
documents by id; each collects the ids of a whole response first, then these fill the
request context's maps in one query per kind.
"""

from wagtail.documents import get_document_model
from wagtail.models import Page

from site_pages import cache_tags


def load_documents(ids, context):
    missing = {pk for pk in ids if pk not in context.documents}
    if missing:
        found = get_document_model().objects.filter(pk__in=missing)
        context.documents.update({document.pk: document for document in found})
        for pk in missing:
            context.documents.setdefault(pk, None)


def document(context, pk):
    """The document with this id, or None when it is gone."""
    if not pk:
        return None
    load_documents({pk}, context)
    return context.documents.get(pk)


def load_page_urls(ids, context):
    ids = {pk for pk in ids if pk not in context.page_urls}
    if not ids:
        return
    found = context.visible(Page.objects.filter(pk__in=ids)).only(
        "id", "url_path", "locale_id", "translation_key"
    )
    for page in found:
        context.attach_locale(page)
        context.page_urls[page.pk] = page.get_url(context.request)
    cache_tags.used_pages(found)
    if len(found) < len(ids):
        # A link to a page readers cannot see yet: it gets an address when that page is.
        cache_tags.used_listing(Page)
    for pk in ids:
        context.page_urls.setdefault(pk, None)


def page_url(context, pk):
    """The page's address for readers, or None for a page they cannot see."""
    load_page_urls({pk}, context)
    return context.page_urls.get(pk)
