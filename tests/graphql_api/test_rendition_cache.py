"""A repeated uncached answer writes nothing to the renditions cache.

Renditions already made are found (prefetched in one query for the API's images, looked up in
the cache for the site's), and only a rendition made by this request is written to the cache:
re-writing entries that exist cost an uncached "all chapters with their events" a tenth of its
time. The first answer makes the files and writes their entries, so the counting is shown to
see writes."""

from unittest import mock

import pytest
from django.core.cache import caches

from tests.bulk_content import ContentBuilder
from tests.graphql_api.conftest import post_query

pytestmark = pytest.mark.django_db

CHAPTERS_WITH_EVENTS = """{ chapters(first: 50) { edges { node { title
    heroImage { rendition(preset: CARD, format: WEBP) { url } srcSet(preset: HERO) }
    events(first: 30) { edges { node { title
        heroImage { alt rendition(preset: CARD, format: WEBP) { url width height } }
        gallery { image { srcSet(preset: GALLERY) } } } } } } } } }"""


@pytest.fixture
def content(site_tree, settings):
    settings.SAKURA_IMAGE_RENDITION_BUDGET = 10_000
    # Every answer is executed: a kept one would touch no rendition at all.
    settings.SAKURA_RESPONSE_CACHE = {**settings.SAKURA_RESPONSE_CACHE, "TIMEOUT": 0}
    settings.SAKURA_PAGE_CACHE = {**settings.SAKURA_PAGE_CACHE, "TIMEOUT": 0}
    build = ContentBuilder(site_tree)
    chapters = build.times(3, build.chapter)
    for chapter in chapters:
        build.times(2, build.event, chapter)
    return chapters


class CacheWrites:
    """Counts the writes to the renditions cache (Wagtail's ``Rendition.cache_backend``)."""

    def __init__(self):
        self.count = 0

    def __enter__(self):
        backend = caches["renditions"]
        self.patches = [
            mock.patch.object(backend, name, side_effect=self.counted(getattr(backend, name)))
            for name in ("set", "set_many", "add")
        ]
        for patch in self.patches:
            patch.start()
        return self

    def counted(self, write):
        def count_and_write(*args, **kwargs):
            self.count += 1
            return write(*args, **kwargs)

        return count_and_write

    def __exit__(self, *exc):
        for patch in self.patches:
            patch.stop()


def test_a_second_api_answer_writes_no_rendition_entry(client, content):
    with CacheWrites() as first:
        body = post_query(client, CHAPTERS_WITH_EVENTS).json()
    assert "errors" not in body, body["errors"]
    assert first.count > 0
    with CacheWrites() as second:
        body = post_query(client, CHAPTERS_WITH_EVENTS).json()
    edges = body["data"]["chapters"]["edges"]
    assert sum(len(edge["node"]["events"]["edges"]) for edge in edges) == 3 * 3
    assert second.count == 0


@pytest.mark.parametrize("page", ["chapter", "event"])
def test_a_second_site_page_writes_no_rendition_entry(client, content, page):
    chapter = content[0]
    url = chapter.url if page == "chapter" else chapter.get_children().first().url
    with CacheWrites() as first:
        assert client.get(url).status_code == 200
    assert first.count > 0
    with CacheWrites() as second:
        assert client.get(url).status_code == 200
    assert second.count == 0
