"""Rich text as clients need it: HTML whose internal links are real URLs.

Wagtail stores internal links as ``<a linktype="page" id="12">`` and rewrites them with its
``LinkRewriter``. Its own ``expand_db_html`` gives the rewriter rules that look the pages up
per rich-text value, one query per page of a list; here the same rewriter gets rules that
read the ids of a whole response, collected first with its reference extractors and looked
up together (``links``). The result goes through the URL policy's sanitiser
(``site_pages/url_policy.py``), as on the site: a link or tag that got into the database past
validation never reaches a client.
"""

from collections.abc import Callable

from django.utils.html import escape
from wagtail.rich_text.rewriters import LinkRewriter

from graphql_api import links
from graphql_api.core.context import RequestContext
from site_pages.url_policy import clean_html

LINKED_KINDS = ("page", "document")


def stored_id(attrs: dict[str, str]) -> int | None:
    pk = attrs.get("id", "")
    return int(pk) if pk.isdigit() else None


def referenced_id(kind: str) -> Callable[[dict[str, str]], list[tuple[str, int]]]:
    def extract(attrs: dict[str, str]) -> list[tuple[str, int]]:
        pk = stored_id(attrs)
        return [(kind, pk)] if pk is not None else []

    return extract


# Only reads ids; the rules that rewrite need a request context, so each call builds its own.
REFERENCES = LinkRewriter(reference_extractors={kind: referenced_id(kind) for kind in LINKED_KINDS})


def link_ids(html: str | None) -> tuple[set[int], set[int]]:
    """(page ids, document ids) linked from stored rich text."""
    found: dict[str, set[int]] = {kind: set() for kind in LINKED_KINDS}

    for kind, pk in REFERENCES.extract_references(html or ""):
        found[kind].add(pk)
    return found["page"], found["document"]


def opening_tag(url: str | None) -> str:
    return f'<a href="{escape(url)}">' if url else "<a>"


def expand(html: str | None, context: RequestContext) -> str:
    """Stored rich text with internal links pointed at their URLs. A link to a page readers
    cannot see (a draft, a private page), or to a document that is gone, keeps its text and
    loses its address, as on the Wagtail site; then sanitised."""

    def page_link(attrs: dict[str, str]) -> str:
        pk = stored_id(attrs)
        return opening_tag(links.page_url(context, pk) if pk is not None else None)

    def document_link(attrs: dict[str, str]) -> str:
        document = links.document(context, stored_id(attrs))
        return opening_tag(document.url if document else None)

    rewriter = LinkRewriter(rules={"page": page_link, "document": document_link})
    return clean_html(rewriter(html or ""))
