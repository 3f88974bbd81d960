"""The exact SQL count of every main query, the same when the result is ten times larger:
relations, images, renditions and stream-field references load in batches. Each test also
checks how many items the answer holds, so that a count cannot hold on an empty answer."""

import datetime
import re

import pytest
from django.core.management import call_command

from site_pages import models as m
from tests import factories as f
from tests.bulk_content import ContentBuilder

pytestmark = pytest.mark.django_db

IMAGE_FIELDS = """
    id url width height alt focalPoint { x y }
    rendition(preset: CARD, width: 240, format: WEBP) { url width height }
    srcSet(preset: PORTRAIT)
"""

PAGE_FIELDS = """
    id title slug url locale isFallback seoTitle searchDescription pageType
    firstPublishedAt lastPublishedAt
    parent { id title url }
    ancestors { title url }
    translations { locale url title }
"""

BODY = f"""
    __typename
    ... on ParagraphBlock {{ html }}
    ... on ImageBlock {{ caption image {{ {IMAGE_FIELDS} }} }}
    ... on GalleryBlock {{ images {{ caption image {{ {IMAGE_FIELDS} }} }} }}
    ... on CallToActionBlock {{ text url }}
    ... on DocumentBlock {{ title document {{ url fileExtension }} }}
"""

EVENT_FIELDS = f"""
    {PAGE_FIELDS}
    ... on EventPage {{
        startDate endDate format kind edition editionLabel city venue country {{ name }}
        start {{ date precision iso display }} end {{ iso display }} datesDisplay
        kindLabel formatLabel
        heroImage {{ {IMAGE_FIELDS} }}
        gallery {{ caption image {{ {IMAGE_FIELDS} }} }}
        chapter {{ title url }}
        body {{ {BODY} }}
        outcome {{ {BODY} }}
    }}
"""


@pytest.fixture(autouse=True)
def unlimited_renditions(settings):
    """These tests measure the loading path once every rendition exists (the warm-up makes
    them); the per-request rendition budget has its own tests (test_image_budget.py)."""
    settings.SAKURA_IMAGE_RENDITION_BUDGET = 10_000


def edges(*path):
    """The number of edges of the connection at ``path`` in an answer."""

    def count(body):
        node = body["data"]
        for key in path:
            node = node[key]
        return len(node["edges"])

    return count


def listed(*path):
    """The length of the list at ``path`` in an answer."""

    def count(body):
        node = body["data"]
        for key in path:
            node = node[key]
        return len(node)

    return count


@pytest.fixture
def build(site_tree):
    return ContentBuilder(site_tree)


def test_events(build, query_count):
    query = f"{{ events(first: 50) {{ totalCount edges {{ node {{ {EVENT_FIELDS} }} }} }} }}"
    query_count.compare(build.event, query, 21, edges("events"), (1, 10))


CHAPTER_FIELDS = f"""{PAGE_FIELDS}
    ... on ChapterPage {{
        acronym country {{ code name }} heroImage {{ {IMAGE_FIELDS} }}
        founded {{ date precision iso display }}
        coordinators {{
            id role roleLabel termStart person {{ name photo {{ {IMAGE_FIELDS} }} }}
        }}
        socialLinks {{ id platform url }}
        events(first: 5) {{ totalCount edges {{ node {{ {EVENT_FIELDS} }} }} }}
    }}"""


def test_chapters_with_coordinators_links_and_events(build, query_count):
    query = f"{{ chapters(first: 50) {{ totalCount edges {{ node {{ {CHAPTER_FIELDS} }} }} }} }}"
    # India and Indonesia are there from the start.
    query_count.compare(build.chapter, query, 36, edges("chapters"), (3, 12))


def test_chapter_events_beyond_the_window(build, site_tree, query_count):
    """A chapter with many events: `events(first: 5)` loads five of them in full."""
    chapter = build.chapter()
    query = f"""{{ chapters(first: 50) {{ edges {{ node {{ {CHAPTER_FIELDS} }} }} }} }}"""

    def events_shown(body):
        [node] = [
            edge["node"]
            for edge in body["data"]["chapters"]["edges"]
            if edge["node"]["title"] == chapter.title
        ]
        return len(node["events"]["edges"]), node["events"]["totalCount"]

    query_count.compare(lambda: build.event(chapter), query, 35, events_shown, ((2, 2), (5, 11)))


def test_chapter_by_slug_with_many_events(build, query_count):
    query = f"""{{ chapter(slug: "india") {{ title
        events(first: 50) {{ totalCount edges {{ node {{ {EVENT_FIELDS} }} }} }} }} }}"""
    query_count.compare(build.event, query, 23, edges("chapter", "events"), (1, 10))


def test_page_children(build, query_count):
    query = f"""{{ page(path: "chapters/india") {{ {PAGE_FIELDS}
        children(first: 50) {{ {EVENT_FIELDS} children {{ title }} }} }} }}"""
    query_count.compare(build.event, query, 34, listed("page", "children"), (1, 10))


def ids_in(sql, column):
    """The ids an ``IN (...)`` (or ``=``) condition on ``column`` names in a query's SQL."""
    found = set()
    for match in re.finditer(rf'{re.escape(column)}" (?:IN \(([\d, ]+)\)|= (\d+))', sql):
        found.update(int(pk) for pk in (match.group(1) or match.group(2)).split(","))
    return found


def test_children_window_is_all_that_loads(build, query_count):
    """`children(first: 1)` loads one child in full, with its gallery: the others are counted
    by their place in the tree, never read with their bodies and pictures."""
    events = build.times(10, build.event)
    query = """{ page(path: "chapters/india") { children(first: 1) { title
        ... on EventPage { body { __typename } gallery { image { url } } } } } }"""
    _count, sql, body = query_count.measure(query)
    assert [child["title"] for child in body["data"]["page"]["children"]] == [events[0].title]
    read = {
        table: set().union(*(ids_in(q, column) for q in sql if f'FROM "{table}"' in q))
        for table, column in [
            ("site_pages_eventpage", "page_ptr_id"),
            ("site_pages_eventgalleryimage", "event_id"),
        ]
    }
    assert read == {
        "site_pages_eventpage": {events[0].pk},
        "site_pages_eventgalleryimage": {events[0].pk},
    }


def test_home_page_with_featured_and_upcoming(build, site_tree, query_count):
    def add():
        event = build.event()
        event.start_date = datetime.date.today() + datetime.timedelta(days=build.count)
        event.save()
        m.HomeFeaturedItem.objects.create(home=site_tree.home, page=event)

    query = f"""{{ page(path: "") {{ ... on HomePage {{ heroImage {{ url }}
        featured {{ {EVENT_FIELDS} }} upcomingEvents {{ {EVENT_FIELDS} }} }} }} }}"""

    def items(body):
        home = body["data"]["page"]
        return len(home["featured"]), len(home["upcomingEvents"])

    query_count.compare(add, query, 35, items, ((1, 1), (10, 3)))


def test_mentor_columns_and_mentors(build, query_count):
    query = f"""{{
        mentorColumns(first: 50) {{ totalCount edges {{ node {{ {PAGE_FIELDS}
            ... on MentorColumnPage {{ date topics body {{ {BODY} }}
                mentor {{ name slug photo {{ {IMAGE_FIELDS} }} }} }} }} }} }}
        mentors(first: 50) {{ totalCount edges {{ node {{ name photo {{ {IMAGE_FIELDS} }} }} }} }}
    }}"""

    def items(body):
        return edges("mentorColumns")(body), edges("mentors")(body)

    query_count.compare(build.column, query, 25, items, ((1, 1), (10, 10)))


def test_member_voices(build, query_count):
    query = f"""{{ memberVoices(first: 50) {{ totalCount edges {{ node {{ {PAGE_FIELDS}
        ... on MemberVoicePage {{ memberName country {{ name }} photo {{ {IMAGE_FIELDS} }}
            body {{ {BODY} }} }} }} }} }} }}"""
    query_count.compare(build.voice, query, 17, edges("memberVoices"), (1, 10))


def test_yearbooks(build, query_count):
    query = f"""{{ yearbooks(first: 50) {{ totalCount edges {{ node {{ {PAGE_FIELDS} fiscalYear
        entries {{ id role roleLabel photo {{ {IMAGE_FIELDS} }} person {{ name photo {{ url }} }}
            chapter {{ title url }} }} }} }} }} }}"""
    query_count.compare(build.yearbook, query, 17, edges("yearbooks"), (1, 10))


def test_programs(build, query_count):
    query = f"""{{ programs(first: 50) {{ totalCount edges {{ node {{ {PAGE_FIELDS}
        ... on ProgramPage {{ acronym category categoryLabel participantCount
        heroImage {{ {IMAGE_FIELDS} }}
        body {{ {BODY} }} children {{ title }} }} }} }} }} }}"""
    query_count.compare(build.program, query, 19, edges("programs"), (1, 10))


def test_search(build, query_count):
    def add():
        build.event()
        call_command("update_index", verbosity=0)

    query = f"""{{ search(query: "reunion", first: 50) {{ totalCount
        edges {{ node {{ {EVENT_FIELDS} }} }} }} }}"""
    query_count.compare(add, query, 23, edges("search"), (1, 10))


def test_one_yearbook_with_many_entries(build, site_tree, query_count):
    yearbook = f.YearbookPageFactory(parent=site_tree.yearbooks, fiscal_year=2021)
    query = f"""{{ yearbook(fiscalYear: 2021) {{ {PAGE_FIELDS}
        entries {{ id role roleLabel photo {{ {IMAGE_FIELDS} }} person {{ name country {{ name }}
            photo {{ {IMAGE_FIELDS} }} }} chapter {{ title url }} }} }} }}"""
    query_count.compare(
        lambda: build.yearbook_entry(yearbook),
        query,
        16,
        listed("yearbook", "entries"),
        (1, 10),
    )


def test_settings_and_page_by_id(build, site_tree, query_count):
    query = f"""query($id: ID) {{ settings {{ facebookUrl contactEmail }}
        page(id: $id) {{ {PAGE_FIELDS} children {{ {EVENT_FIELDS} }} }} }}"""
    query_count.compare(
        build.event,
        query,
        33,
        listed("page", "children"),
        (1, 10),
        {"id": str(site_tree.india.pk)},
    )


def test_newsletter_issues(query_count):
    months = iter(range(1, 13))

    def add():
        m.NewsletterIssue.objects.create(
            language="en",
            month=datetime.date(2025, next(months), 1),
            intro="News of the month.",
            status=m.IssueStatus.SENT,
        )

    query = """{ newsletterIssues(first: 50) { totalCount
        edges { node { month monthLabel locale subject intro url } } } }"""
    query_count.compare(add, query, 4, edges("newsletterIssues"), (1, 10))


def test_a_mixed_list_with_intro_and_listing_image(build, site_tree, query_count):
    """`intro` and `listingImage` on the Page interface: no fragment per type, and the images of
    every type of page in the list load together."""

    def add():
        build.event()
        build.count += 1
        f.MemberVoicePageFactory(
            parent=site_tree.voices, title=f"Reunion voice {build.count}", photo=build.image()
        )
        call_command("update_index", verbosity=0)

    query = """{ search(query: "reunion", first: 50) { edges { node {
        __typename intro listingImage { alt rendition(preset: CARD) { url } } } } } }"""

    def types_with_pictures(body):
        nodes = [edge["node"] for edge in body["data"]["search"]["edges"]]
        assert all(node["listingImage"]["rendition"]["url"] for node in nodes)
        return len(nodes), sorted({node["__typename"] for node in nodes})

    both = ["EventPage", "MemberVoicePage"]
    query_count.compare(add, query, 11, types_with_pictures, ((2, both), (20, both)))
