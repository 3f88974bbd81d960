"""The text readers' search looks in: one row per live page (``site_pages/search.py``)."""

from django.db import models
from wagtail.models import Page


class PageSearchText(models.Model):
    """The live content of one page as search matches it: normalised (NFKC, case-folded) so
    that a substring test finds a word in any script, with or without spaces between words.

    Derived data, rebuilt from the pages at any time (``manage.py rebuild_reader_search``). A
    row exists only while its page is live, so a draft never reaches it. The migration adds a
    trigram index for the database in use (SQLite FTS5, PostgreSQL pg_trgm).
    """

    page = models.OneToOneField(
        Page, on_delete=models.CASCADE, primary_key=True, related_name="search_text"
    )
    title = models.TextField()
    body = models.TextField(blank=True)

    class Meta:
        verbose_name = "page search text"

    def __str__(self):
        return self.title
