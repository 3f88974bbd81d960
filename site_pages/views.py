"""Readers' views that are not pages: site search."""

import re

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

from site_pages.fallback import Reader

MAX_QUERY_LENGTH = 200
# Characters the search backends take for query syntax or refuse: Wagtail's SQLite backend puts
# each word in double quotes without escaping them (FTS5 then fails on `"`), and PostgreSQL
# refuses NUL. Readers search for words, so these become spaces (issue 9).
SEARCH_SYNTAX = re.compile(r'["\x00-\x1f\x7f]')


def search_text(query):
    """The reader's words as the search backends may be given them (the site and the API)."""
    return " ".join(SEARCH_SYNTAX.sub(" ", query).split())


def search_scope(reader, pages=None):
    """The pages (all, or ``pages``) that ``reader`` may see, one per translation key, in
    their language or its fallback: what the site's and the API's search look in. The search
    backend filters only on indexed fields, so the visibility and fallback rules narrow the
    pages by id in one subquery."""
    pages = Page.objects.filter(depth__gt=1) if pages is None else pages
    return Page.objects.filter(id__in=reader.pages(pages).values("id"))


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    reader = Reader.for_request(request)
    context = {"query": query, "locale": reader.locale, "noindex": True, "switch_same_path": True}
    if query:
        words = search_text(query)
        results = search_scope(reader).search(words) if words else Page.objects.none()
        paginator = Paginator(results, settings.SAKURA_SEARCH_PAGE_SIZE)
        found = paginator.get_page(request.GET.get("page"))
        specific = Page.objects.filter(pk__in=[page.pk for page in found]).specific()
        by_id = {page.pk: page for page in specific}
        found.object_list = [by_id[page.pk] for page in found if page.pk in by_id]
        context.update(paginator=paginator, results=found)
    return TemplateResponse(request, "site_pages/search_results.html", context)
