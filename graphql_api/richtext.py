"""Rich text as clients need it: HTML whose internal links are real URLs.

Wagtail stores internal links as ``<a linktype="page" id="12">``. Its own ``expand_db_html``
looks the pages up once per rich-text value, which is one query per page of a list; here the
ids of a whole response are collected first and looked up together (see ``streamfield``).
The result goes through the URL policy's sanitiser (``site_pages/url_policy.py``), as on the
site: a link or tag that got into the database past validation never reaches a client.
"""

import re

from django.utils.html import escape

from site_pages.url_policy import clean_html

TAG = re.compile(r"<a\b([^>]*)>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def link_ids(html):
    """(page ids, document ids) linked from stored rich text."""
    pages, documents = set(), set()
    for match in TAG.finditer(html or ""):
        attrs = dict(ATTRIBUTE.findall(match.group(1)))
        kind, pk = attrs.get("linktype"), attrs.get("id", "")
        if pk.isdigit():
            if kind == "page":
                pages.add(int(pk))
            elif kind == "document":
                documents.add(int(pk))
    return pages, documents


def expand(html, context):
    """Stored rich text with internal links pointed at their URLs. A link to a page readers
    cannot see (a draft, a private page) keeps its text and loses its address, as on the
    Wagtail site; then sanitised."""

    def rewrite(match):
        attrs = dict(ATTRIBUTE.findall(match.group(1)))
        kind = attrs.pop("linktype", None)
        if kind not in ("page", "document"):
            return match.group(0)
        pk = attrs.pop("id", "")
        pk = int(pk) if pk.isdigit() else None
        from graphql_api.streamfield import document_of, page_url

        if pk is None:
            url = None
        elif kind == "page":
            url = page_url(context, pk)
        else:
            document = document_of(context, pk)
            url = document.url if document else None
        return f'<a href="{escape(url)}">' if url else "<a>"

    return clean_html(TAG.sub(rewrite, html or ""))
