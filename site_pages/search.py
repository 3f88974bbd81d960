"""Readers' search: the one implementation behind the site's /search/ and the API's `search`.

A query is cut into words at spaces and punctuation; a page matches when its live text
contains every word as a substring. Substrings, not tokens, because Japanese, Chinese and
Thai write sentences without spaces between words: 同窓会 inside インド初の同窓会で is a
word no whitespace tokenizer sees. The database's trigram index finds the candidates (SQLite
FTS5 ``tokenize='trigram'``, PostgreSQL ``pg_trgm``; docs/search.md says why). A word of one
or two characters has no trigram: it is matched by scanning the search text (``LIKE``), which
is exact and fast enough for one site's pages.

What is searched is what readers may see: the index holds live pages only (``index_page``,
kept in step by the signal handlers in ``site_pages/signal_handlers.py``), and every query is
narrowed by the visibility and fallback rules (``search_scope``), which also drop private and
expired pages and pages of other sites.

Ranking: pages in the reader's language before fallback pages, then pages whose title holds
more of the words, then more occurrences in the text, then tree order.

With ``SAKURA_SEARCH["ENGINE"] == "wagtail"`` (a deployment on Elasticsearch/OpenSearch,
cms/search_settings.py) the same scope is searched by the Wagtail backend configured for the
reader's language instead, with its analyser and its relevance.
"""

import unicodedata

from django.conf import settings
from django.db import connections, router
from django.db.models import Case, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length, Replace
from wagtail.models import Page

from site_pages.content_changes import content_changed
from site_pages.models import PageSearchText

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10
# The shortest word the trigram indexes can look up; shorter words are scanned for.
TRIGRAM = 3


class SearchQueryError(ValueError):
    """A query that cannot be searched, said in words a client can show."""


def normalise(text):
    """Text as both the index and the query hold it: NFKC folds full-width Latin and
    half-width kana to their usual forms, casefold makes case not matter in any script."""
    return unicodedata.normalize("NFKC", text).casefold()


def separator(character):
    # Punctuation (「」、。, quotes, brackets), controls (NUL) and spaces end a word: readers
    # search for words, never for query syntax, and no database sees a quote from a query.
    return unicodedata.category(character)[0] in "PCZ"


def query_words(query):
    """The distinct words of ``query``, normalised, in order."""
    text = "".join(" " if separator(c) else c for c in normalise(query))
    return list(dict.fromkeys(text.split()))


def reader_words(query):
    """The site's words: an overlong query is cut, as the search box cuts it."""
    return query_words(query.strip()[:MAX_QUERY_LENGTH])[:MAX_QUERY_WORDS]


def checked_words(query):
    """The API's words: a query that cannot be searched as given is refused, saying why."""
    if len(query.strip()) > MAX_QUERY_LENGTH:
        raise SearchQueryError(f"`query` may be at most {MAX_QUERY_LENGTH} characters.")
    words = query_words(query)
    if not words:
        raise SearchQueryError("`query` must contain at least one word.")
    if len(words) > MAX_QUERY_WORDS:
        raise SearchQueryError(f"`query` may have at most {MAX_QUERY_WORDS} words.")
    return words


def search_scope(reader, pages=None):
    """The pages (all, or ``pages``) that ``reader`` may see, one per translation key, in
    their language or its fallback: what the site's and the API's search look in."""
    pages = Page.objects.filter(depth__gt=1) if pages is None else pages
    return Page.objects.filter(id__in=reader.pages(pages).values("id"))


# --- the index ---------------------------------------------------------------------------------


def searchable_text(page):
    """(title, body) of a specific page as Wagtail's search fields declare them: the title,
    then every other SearchField (StreamField blocks, intro, venue ...) and related fields."""
    from wagtail.search import index

    def values(obj, fields):
        for field in fields:
            if isinstance(field, index.SearchField):
                yield field.field_name, field.get_value(obj)
            elif isinstance(field, index.RelatedFields):
                related = field.get_value(obj)
                if related is None:
                    continue
                items = related.all() if hasattr(related, "all") else [related]
                for item in items:
                    for _name, value in values(item, field.fields):
                        yield None, value

    title: list[str] = []
    body: list[str] = []

    for name, value in values(page, page.get_search_fields()):
        (title if name == "title" else body).append(flatten(value))
    return normalise(" ".join(title)), normalise("\n".join(text for text in body if text))


def flatten(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(flatten(item) for item in value.values())
    return str(value)


def index_page(page_id):
    """Bring the index in step with the page's row: its live content when live, else no
    row. Always read from the database, never from an instance in memory: saving a draft
    revision saves the page with the draft's values on the instance but not in the row."""
    page = Page.objects.filter(pk=page_id, live=True).first()
    if page is None:
        PageSearchText.objects.filter(page_id=page_id).delete()
        return
    store(page.specific)


def store(page):
    title, body = searchable_text(page)
    PageSearchText.objects.update_or_create(
        page_id=page.pk, defaults={"title": title, "body": body}
    )


def rebuild_index():
    """Index every live page afresh and drop rows of pages no longer live. Returns the
    number of pages indexed."""
    PageSearchText.objects.exclude(page__live=True).delete()
    count = 0
    for page in Page.objects.filter(live=True, depth__gt=1).specific().iterator(chunk_size=200):
        store(page)
        count += 1
    # Kept API answers would otherwise go on giving the results of the old index.
    content_changed()
    return count


# --- matching and ranking ----------------------------------------------------------------------


def fts_table():
    return f"{PageSearchText._meta.db_table}_fts"


def word_q(word, vendor):
    """Pages whose search text contains ``word``."""
    if vendor == "sqlite" and len(word) >= TRIGRAM:
        # The FTS5 trigram index answers a quoted string as a substring of title or body.
        phrase = '"' + word.replace('"', '""') + '"'
        table = fts_table()
        return Q(pk__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", (phrase,)))
    # PostgreSQL's pg_trgm GIN indexes serve LIKE '%word%' for three characters and more.
    return Q(search_text__title__contains=word) | Q(search_text__body__contains=word)


def ranked(queryset, reader, words):
    in_language = Case(When(locale_id=reader.locale.pk, then=Value(1)), default=Value(0))
    title_hits = sum(
        Case(When(search_text__title__contains=word, then=Value(1)), default=Value(0))
        for word in words
    )
    body = "search_text__body"
    occurrences = sum(
        (Length(body) - Length(Replace(body, Value(word), Value("")))) / len(word) for word in words
    )
    return queryset.annotate(
        in_language=in_language, title_hits=title_hits, occurrences=occurrences
    ).order_by("-in_language", "-title_hits", "-occurrences", "path")


def matching(reader, words, pages=None):
    """Ranked pages of ``reader``'s scope whose text contains every one of ``words``."""
    vendor = connections[router.db_for_read(PageSearchText)].vendor
    scope = search_scope(reader, pages)
    for word in words:
        scope = scope.filter(word_q(word, vendor))
    return ranked(scope, reader, words)


def engine():
    return getattr(settings, "SAKURA_SEARCH", {}).get("ENGINE", "database")


def backend_for(language):
    """The Wagtail search backend that analyses ``language`` (an Elasticsearch deployment
    has one index per analyser), else the default one."""
    by_language = getattr(settings, "SAKURA_SEARCH", {}).get("BACKEND_BY_LANGUAGE", {})
    return by_language.get(language, "default")


def search(reader, words, pages=None):
    """The pages ``reader`` may see that contain ``words`` (from ``reader_words`` or
    ``checked_words``), best first, as specific pages once sliced."""
    if not words:
        return SearchResults(Page.objects.none())
    if engine() == "wagtail":
        scope = search_scope(reader, pages)
        backend = backend_for(reader.locale.language_code)
        return SearchResults(scope.search(" ".join(words), operator="and", backend=backend))
    return SearchResults(matching(reader, words, pages))


class SearchResults:
    """Results that a Paginator or the API's connection slices: a slice is turned into
    specific pages (one query per page type), in the order of the ranking."""

    def __init__(self, results):
        self.results = results

    def count(self):
        return self.results.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        pages = list(self.results[key])
        specific = Page.objects.filter(pk__in=[page.pk for page in pages]).specific()
        by_id = {page.pk: page for page in specific}
        return [by_id[page.pk] for page in pages if page.pk in by_id]
