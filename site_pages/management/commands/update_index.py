"""Wagtail's ``update_index``, which also rebuilds readers' search (site_pages/search.py), so
that the one command operators know rebuilds every search index of the site."""

from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from site_pages.search import rebuild_index


class Command(WagtailUpdateIndex):
    def handle(self, **options):
        super().handle(**options)
        count = rebuild_index()
        if options.get("verbosity", 1):
            self.stdout.write(f"Readers' search: {count} live pages indexed.")
