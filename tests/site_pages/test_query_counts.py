"""The exact SQL count of every kind of public page, measured with one item and with ten, and
the number of items each answer shows (so that a count cannot hold on an empty page).

Each page is fetched once to warm Wagtail's caches (site root paths, renditions), then measured;
kept pages (site_pages/page_cache.py) are off, so the count is the page's rendering. A number
here changes only with a deliberate change in how a page loads its content: a query per item
would show as a different count at ten items.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from site_pages import models as m
from tests.bulk_content import ContentBuilder

pytestmark = pytest.mark.django_db


class SiteCounter:
    def __init__(self, client):
        self.client = client

    def measure(self, url):
        """(SQL count, SQL listing, body) of the second request for ``url``."""
        assert self.client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        assert response.status_code == 200, url
        return (
            len(captured.captured_queries),
            [query["sql"] for query in captured.captured_queries],
            response.content.decode(),
        )

    def pinned(self, url, expected, grow, items, sizes=(1, 10)):
        """Measure ``url``, ``grow()`` the content, measure again: both counts must be
        ``expected``, and ``items(body)`` must be ``sizes`` (small, large)."""
        small = self.measure(url)
        grow()
        large = self.measure(url)
        counts = {"small": small[0], "large": large[0]}
        if set(counts.values()) != {expected}:
            listing = "\n".join(
                [f"--- small ({small[0]} queries)", *small[1], f"--- large ({large[0]})", *large[1]]
            )
            pytest.fail(f"{url}: expected {expected} queries, got {counts}\n{listing}")
        assert (items(small[2]), items(large[2])) == sizes, url


@pytest.fixture
def site(client, settings, site_tree):
    # Rendering is measured: a kept page would take no query at all. The rendition budget has
    # its own tests (tests/graphql_api/test_image_budget.py); here every rendition is made.
    settings.SAKURA_PAGE_CACHE = {**settings.SAKURA_PAGE_CACHE, "TIMEOUT": 0}
    settings.SAKURA_IMAGE_RENDITION_BUDGET = 10_000
    return SiteCounter(client)


@pytest.fixture
def build(site_tree):
    return ContentBuilder(site_tree)


def counting(pattern):
    """The number of matches of ``pattern`` in a page's HTML."""
    return lambda body: len(re.findall(pattern, body))


TODAY = timezone.localdate()


def test_home(site, build, site_tree):
    def add(count):
        for _ in range(count):
            event = build.event(start_date=TODAY + datetime.timedelta(days=build.count + 1))
            m.HomeFeaturedItem.objects.create(home=site_tree.home, page=event)
            build.column()
            build.voice()

    add(1)
    site.pinned(
        "/en/",
        # Two of them for the upcoming events' pictures: the images, then their renditions.
        38,
        lambda: add(5),
        # featured cards, upcoming events (three at most), latest columns and voices (three)
        counting(r">(?:Reunion|Column|Voice) \d+</a>"),
        sizes=(1 + 1 + 1 + 1, 6 + 3 + 3 + 3),
    )
    body = site.measure("/en/")[2]
    assert body.count('class="card event-card has-picture"') == 3


def test_chapter_index(site, build):
    build.chapter()
    site.pinned(
        "/en/chapters/",
        35,
        lambda: build.times(9, build.chapter),
        counting(r'class="chapter-tile"'),
        sizes=(3, 12),  # India and Indonesia too
    )


def test_chapter_page(site, build, site_tree):
    chapter = build.chapter()

    def grow():
        build.times(9, build.event, chapter)
        build.times(9, build.coordinator, chapter)

    site.pinned(
        chapter.url,
        # Two of them for the events' pictures (cards and timeline): images, then renditions.
        41,
        grow,
        lambda body: (len(re.findall(r">Reunion \d+</a>", body)), body.count('class="person"')),
        sizes=((1, 1), (10, 10)),
    )


def test_event_page(site, build):
    event = build.event()
    site.pinned(
        event.url,
        61,
        lambda: build.times(9, build.gallery_image, event),
        # the gallery's pictures, and the body's and outcome's one-image galleries
        counting(r"<figure>"),
        sizes=(1 + 2, 10 + 2),
    )


def test_column_page(site, build):
    mentor = build.mentor()
    column = build.column(mentor)
    site.pinned(
        column.url,
        48,
        lambda: build.times(9, build.column, mentor),
        counting(r"<picture>"),  # the body's image and gallery, the mentor's photo
        sizes=(3, 3),
    )


def test_voice_page(site, build):
    voice = build.voice()
    site.pinned(
        voice.url,
        44,
        lambda: build.times(9, build.voice),
        counting(r"<picture>"),  # the photo, the body's image and gallery
        sizes=(3, 3),
    )


def test_yearbook_page(site, build):
    yearbook = build.yearbook()
    site.pinned(
        yearbook.url,
        36,
        lambda: build.times(9, build.yearbook_entry, yearbook),
        counting(r'class="person"'),
        sizes=(1, 10),
    )


def test_programme_page(site, build):
    programme = build.program()
    build.program(programme)
    site.pinned(
        programme.url,
        49,
        lambda: build.times(9, build.program, programme),
        counting(r'<article class="card"'),  # the officer programmes below it
        sizes=(1, 10),
    )


def test_search(site, build):
    def add(count):
        build.times(count, build.event)
        call_command("update_index", verbosity=0)

    add(1)
    site.pinned(
        "/en/search/?q=reunion",
        19,
        lambda: add(9),
        counting(r">Reunion \d+</a>"),
        sizes=(1, 10),
    )


def calendar_events(body):
    return len(Calendar.from_ical(body).walk("VEVENT"))


def upcoming(build, parent=None):
    """An event from today on, one day later than the one made before it."""
    return build.event(parent, start_date=TODAY + datetime.timedelta(days=build.count))


# Pages that list one kind of item: (where the page is, how one item is made, the pinned count,
# what counts a shown item). Each is measured with one item, then with ten.
LISTINGS = {
    "event_index": (
        lambda tree: tree.events.url,
        lambda build: build.event(build.tree.events),
        33,
        counting(r'<article class="card event-card has-picture"'),
    ),
    "column_index": (
        lambda tree: "/en/" + tree.mentors.slug + "/",
        lambda build: build.column(),
        31,
        counting(r">Column \d+</a>"),
    ),
    "voice_index": (
        lambda tree: tree.voices.url,
        lambda build: build.voice(),
        33,
        counting(r">Voice \d+</a>"),
    ),
    "yearbook_index": (
        lambda tree: tree.yearbooks.url,
        lambda build: build.yearbook(),
        31,
        counting(r">Yearbook \d+</a>"),
    ),
    "programme_index": (
        lambda tree: tree.programs.url,
        lambda build: build.program(),
        33,
        counting(r">Programme \d+</a>"),
    ),
    "events_feed": (
        lambda tree: "/en/feeds/events/",
        lambda build: build.event(),
        7,
        counting(r"<item[ >]"),
    ),
    "columns_feed": (
        lambda tree: "/en/feeds/columns/",
        lambda build: build.column(),
        10,
        counting(r"<entry"),
    ),
    "calendar": (
        lambda tree: "/en/events.ics",
        lambda build: upcoming(build),
        6,
        calendar_events,
    ),
    "chapter_calendar": (
        lambda tree: "/en/chapters/india/events.ics",
        lambda build: upcoming(build, build.tree.india),
        8,
        calendar_events,
    ),
}


@pytest.mark.parametrize(("url", "make", "expected", "items"), LISTINGS.values(), ids=LISTINGS)
def test_listing(site, build, url, make, expected, items):
    make(build)
    site.pinned(url(build.tree), expected, lambda: build.times(9, make, build), items)
