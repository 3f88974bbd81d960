"""Readers' views that are not pages: site search."""

import re

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

from site_pages.locales import localized
from site_pages.sites import site_for_request
from site_pages.visibility import visible_pages

MAX_QUERY_LENGTH = 200
# Characters the search backends take for query syntax or refuse: Wagtail's SQLite backend puts
# each word in double quotes without escaping them (FTS5 then fails on `"`), and PostgreSQL
# refuses NUL. Readers search for words, so these become spaces (issue 9).
SEARCH_SYNTAX = re.compile(r'["\x00-\x1f\x7f]')


def search_text(query):
    """The reader's words as the search backends may be given them (the site and the API)."""
    return " ".join(SEARCH_SYNTAX.sub(" ", query).split())


def search_scope(site, locale):
    """Pages readers of ``site`` may see, one per translation key, in ``locale`` or its
    fallback. The search backend filters only on indexed fields, so the visibility and locale
    rules narrow the pages by id in one subquery."""
    pages = visible_pages(Page.objects.filter(depth__gt=1), site=site)
    return Page.objects.filter(id__in=localized(pages, locale).values("id"))


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    locale = Locale.get_active()
    context = {"query": query, "locale": locale, "noindex": True, "switch_same_path": True}
    if query:
        site = site_for_request(request)
        words = search_text(query)
        results = search_scope(site, locale).search(words) if words else Page.objects.none()
        paginator = Paginator(results, settings.SAKURA_SEARCH_PAGE_SIZE)
        found = paginator.get_page(request.GET.get("page"))
        specific = Page.objects.filter(pk__in=[page.pk for page in found]).specific()
        by_id = {page.pk: page for page in specific}
        found.object_list = [by_id[page.pk] for page in found if page.pk in by_id]
        context.update(paginator=paginator, results=found)
    return TemplateResponse(request, "site_pages/search_results.html", context)
