"""Readers' views that are not pages: site search."""

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from site_pages import search as site_search
from site_pages.fallback import Reader


def search(request):
    query = request.GET.get("q", "").strip()[: site_search.MAX_QUERY_LENGTH]
    reader = Reader.for_request(request)
    context = {"query": query, "locale": reader.locale, "noindex": True, "switch_same_path": True}
    if query:
        results = site_search.search(reader, site_search.reader_words(query))
        paginator = Paginator(results, settings.SAKURA_SEARCH_PAGE_SIZE)
        context.update(paginator=paginator, results=paginator.get_page(request.GET.get("page")))
    return TemplateResponse(request, "site_pages/search_results.html", context)
