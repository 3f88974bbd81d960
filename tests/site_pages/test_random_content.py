"""create_random_content builds the benchmarks' data set: the promised counts in English and
Japanese, live pages that the API serves, the same content from the same seed, and a larger N
adding only what is missing."""

import io
import json

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page

from site_pages import models as m

pytestmark = pytest.mark.django_db


def count(model, language):
    return model.objects.filter(locale__language_code=language, slug__startswith="random-").count()


def fingerprint():
    """What the content says, without ids and times that differ between databases."""
    events = m.EventPage.objects.filter(slug__startswith="random-").order_by("locale", "path")
    return [
        (e.locale.language_code, e.slug, e.title, e.start_date, e.format, e.city, len(e.body))
        for e in events
    ]


@pytest.fixture(scope="module")
def random_content(django_db_setup, django_db_blocker):
    """N=1, made once for the module and rolled back after (request it with ``db``)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("create_random_content", "1", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
    caches["default"].clear()


def test_n1_counts_in_english_and_japanese(random_content):
    assert count(m.ChapterPage, "en") == count(m.ChapterPage, "ja") == 11
    assert count(m.EventPage, "en") == 33
    # Every third event stays English-only: Japanese readers get it as a fallback.
    assert count(m.EventPage, "ja") == 22
    assert count(m.MentorColumnPage, "en") == count(m.MentorColumnPage, "ja") == 2
    assert count(m.MemberVoicePage, "en") == count(m.MemberVoicePage, "ja") == 3
    assert get_image_model().objects.filter(title__startswith="Random picture").count() == 16
    random_pages = Page.objects.filter(slug__startswith="random-")
    assert not random_pages.filter(live=False).exists()
    # Each Japanese version is a translation of its English page.
    chapter = m.ChapterPage.objects.get(slug="random-kh", locale__language_code="en")
    japanese = chapter.get_translation(chapter.locale.__class__.objects.get(language_code="ja"))
    assert japanese.title == "ランダム支部 KH"


def test_pages_have_bodies_pictures_and_relations(random_content):
    event = m.EventPage.objects.filter(slug__startswith="random-", locale__language_code="en")[0]
    kinds = [block.block_type for block in event.body]
    assert kinds[0] == "heading" and "paragraph" in kinds and "image" in kinds
    assert event.hero_image is not None and event.gallery_images.count() >= 1
    chapter = event.get_parent().specific
    assert chapter.coordinators.count() == 2 and chapter.social_links.count() == 1
    picture = event.hero_image
    assert (picture.width, picture.height) == (640, 427)


def test_the_api_serves_the_content(random_content, client):
    query = """
      query ($locale: Locale) {
        chapter(slug: "random-kh", locale: $locale) {
          title isFallback events(first: 50) { totalCount edges { node { isFallback } } }
        }
      }
    """
    answer = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": {"locale": "JA"}}),
        content_type="application/json",
    ).json()
    chapter = answer["data"]["chapter"]
    assert chapter["title"] == "ランダム支部 KH" and chapter["isFallback"] is False
    assert chapter["events"]["totalCount"] == 3
    fallbacks = [edge["node"]["isFallback"] for edge in chapter["events"]["edges"]]
    assert sorted(fallbacks) == [False, False, True]


def test_same_seed_same_content_and_larger_n_adds_only_the_rest(random_content):
    first = fingerprint()
    call_command("create_random_content", "1", stdout=io.StringIO())
    assert fingerprint() == first
    call_command("create_random_content", "2", stdout=io.StringIO())
    assert count(m.EventPage, "en") == 66
    grown = fingerprint()
    # The N=1 events are unchanged; N=2 adds events numbered after them.
    assert set(first) < set(grown)


def test_the_benchmark_documents_run_on_it(random_content, client):
    """bench/queries.py's documents for the project answer without errors (the benchmark
    measures answers, not error messages), with every chapter and its events."""
    from bench import queries

    answer = client.get(queries.graphql_get(queries.PROJECT_CHAPTERS)).json()
    assert "errors" not in answer
    chapters = answer["data"]["chapters"]["edges"]
    assert len(chapters) == 11
    assert all(edge["node"]["events"]["totalCount"] == 3 for edge in chapters)
    chapter = client.get(
        queries.graphql_get(queries.PROJECT_CHAPTER, {"slug": "random-kh", "locale": "EN"})
    ).json()
    assert "errors" not in chapter and chapter["data"]["chapter"]["coordinators"]
