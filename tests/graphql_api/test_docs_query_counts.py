"""The exact SQL count of every query example in docs/graphql.md, on the demo content and on
the demo grown by nine more of everything the examples list, with the number of items each
answer holds at both sizes (so that a count cannot hold on an empty answer).

The demo is loaded and measured once for the module; each test checks one example. A count
that differs between the two sizes is a query per item; a count that changes at all is a
change in how the API loads content, to be made on purpose (and pinned here again). Counts are
the same on SQLite and PostgreSQL.
"""

import datetime
import io
import itertools
import uuid

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Q
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from graphql_api.schema import schema
from site_pages import models as m
from tests.bulk_content import COUNTRIES
from tests.conftest import publish
from tests.database_snapshot import rolled_back_world
from tests.graphql_api.test_docs_examples import EXAMPLES, answer, example_variables

MUTATIONS = set(schema._schema.mutation_type.fields)
QUERIES = [example for example in EXAMPLES if not example.root_fields & MUTATIONS]

# Example name: (SQL queries at both sizes, items on the demo, items on the grown demo). An
# item is an edge of a connection or an entry of a list, anywhere in the answer. Every demo
# event and programme has a main image, so the examples that show it read the image and its
# renditions (two queries whatever the number of items).
EXPECTED = {
    "images": (8, 0, 0),
    "page-bodies": (9, 5, 5),
    "a-page-by-path-page": (22, 10, 19),
    "a-page-by-id-page": (9, 3, 3),
    "a-page-by-id-page-2": (17, 8, 8),
    "chapters-chapters": (9, 11, 20),
    "one-chapter-chapter": (15, 6, 17),
    "events-with-filters-events": (12, 2, 20),
    "events-with-filters-events-2": (10, 6, 10),
    "events-page-by-page": (7, 10, 10),
    "mentors-mentors": (6, 2, 11),
    "mentor-columns-by-a-mentor-mentorcolumns": (14, 6, 60),
    "mentor-columns-on-a-topic-mentorcolumns": (10, 3, 30),
    "member-voices-membervoices": (9, 2, 20),
    "yearbooks-yearbooks": (7, 1, 10),
    "one-yearbook-yearbook": (10, 2, 20),
    "programmes-programs": (12, 22, 97),
    "search-search": (12, 4, 10),
    "site-settings-settings": (6, 0, 0),
    "reading-in-another-language-fallback": (10, 5, 5),
    "changes-since-the-last-sync-changes": (21, 38, 50),
    "past-newsletter-issues-newsletterissues": (4, 1, 10),
}


def items(value):
    if isinstance(value, list):
        return len(value) + sum(items(entry) for entry in value)
    if isinstance(value, dict):
        return sum(items(entry) for entry in value.values())
    return 0


def measure(client, example):
    variables = example_variables(client, example)
    answer(client, example, variables)  # warm: renditions are made on first use
    with CaptureQueriesContext(connection) as captured:
        data = answer(client, example, variables)
    return len(captured.captured_queries), [q["sql"] for q in captured.captured_queries], data


def english(model, **filters):
    return model.objects.filter(locale__language_code="en", live=True, **filters)


COPY_NUMBERS = itertools.count(1)
EARLIEST = datetime.date(2020, 1, 1)


def copies(pages, **changes):
    """Nine copies of each page beside it, live, with its body, pictures and relations: the
    demo's own items ten times over, so a count compares like with like. ``changes`` maps a
    field to a function of the copy's number."""
    made = []
    for page in pages:
        for number in range(1, 10):
            copy_number = next(COPY_NUMBERS)
            copy = page.copy(
                update_attrs={
                    "slug": f"{page.slug}-{copy_number}",
                    "title": f"{page.title} {number}",
                    "draft_title": f"{page.title} {number}",
                    **{name: value(number) for name, value in changes.items()},
                },
                copy_revisions=False,
                keep_live=True,
                log_action=None,
            ).specific
            copy.source = page
            made.append(copy)
    return made


def rows_again(rows, **changes):
    """Nine copies of each inline row (a coordinator, a yearbook entry)."""
    for row in rows:
        for _ in range(9):
            row.pk = None
            for name, value in changes.items():
                setattr(row, name, value)
            row.save()


def grow_demo():
    """Nine more of each item the examples list, copied from the demo's own."""
    india = english(m.ChapterPage, slug="india").get()
    indonesia = english(m.ChapterPage, slug="indonesia").get()
    # Copied events come after the demo's in every list (dated the earliest day of 2020, titled
    # without the words searched for), so each window keeps the demo's mix of page types: a
    # list loads each page type (an event's parent: a chapter or the network's events) once.
    events = {"start_date": lambda _n: EARLIEST, "title": lambda number: f"Copy {number}"}
    copies(english(m.EventPage, kind="reunion", format="in_person").child_of(india), **events)
    copies(english(m.EventPage, format="online", start_date__year=2020), **events)
    copies(english(m.EventPage).child_of(indonesia), **events)
    countries = iter(COUNTRIES)
    chapters = copies([india], country=lambda _number: next(countries))
    for chapter in chapters:
        publish(chapter)  # what `changes` lists
    rows_again(m.ChapterCoordinator.objects.filter(chapter=indonesia))
    home = english(m.HomePage).get()
    for chapter in chapters:
        m.HomeFeaturedItem.objects.create(home=home, page=chapter)
    haruka = m.Mentor.objects.get(slug="haruka-mori", locale=home.locale)
    columns = english(m.MentorColumnPage).filter(
        Q(mentor=haruka) | Q(topics__name__iexact="careers")
    )
    for column in copies(columns.distinct()):
        # Topics are tags, which a page copy leaves behind.
        column.topics.add(*column.source.topics.names())
        column.save()
    for number in range(1, 10):
        mentor = m.Mentor.objects.get(pk=haruka.pk)
        mentor.pk, mentor.translation_key = None, uuid.uuid4()
        mentor.slug, mentor.name = f"{haruka.slug}-{number}", f"{haruka.name} {number}"
        mentor.save()
    copies(english(m.MemberVoicePage, country="ID"))
    copies(english(m.YearbookPage, fiscal_year=2021), fiscal_year=lambda number: 2090 + number)
    rows_again(m.YearbookEntry.objects.filter(yearbook__fiscal_year=2021, yearbook__live=True))
    copies(english(m.ProgramPage).filter(depth=english(m.ProgramIndexPage).get().depth + 1))
    sent = list(m.NewsletterIssue.objects.filter(language="en", status=m.IssueStatus.SENT))
    for number in range(1, 10):
        for issue in sent:
            issue.pk = None
            issue.month = datetime.date(1990 + number, issue.month.month, 1)
            issue.save()
    call_command("update_index", verbosity=0, stdout=io.StringIO())


@pytest.fixture(scope="module")
def measured(demo_snapshot, django_db_blocker):
    """{example name: (small, large)}, each a (count, SQL, data) of the example's answer."""

    def build():
        demo_snapshot.restore()
        client = Client()
        small = {example.name: measure(client, example) for example in QUERIES}
        grow_demo()
        large = {example.name: measure(client, example) for example in QUERIES}
        return {name: (small[name], large[name]) for name in small}

    # Execution is measured: a kept answer would run no SQL at all.
    kept = {**settings.SAKURA_RESPONSE_CACHE, "TIMEOUT": 0}
    with (
        override_settings(SAKURA_IMAGE_RENDITION_BUDGET=10_000, SAKURA_RESPONSE_CACHE=kept),
        rolled_back_world(django_db_blocker, build) as found,
    ):
        yield found


@pytest.mark.parametrize("example", QUERIES, ids=[example.name for example in QUERIES])
def test_documented_query_count(db, measured, example):
    small, large = measured[example.name]
    found = (small[0], items(small[2]), items(large[2]))
    counts = {"demo": small[0], "grown": large[0]}
    expected = EXPECTED.get(example.name)
    if expected is None or small[0] != large[0] or found != expected:
        listing = "\n".join(
            [f"--- demo ({small[0]} queries)", *small[1], f"--- grown ({large[0]})", *large[1]]
        )
        pytest.fail(
            f"{example.name}: expected {expected} (queries, items on the demo, items grown), "
            f"got {found} with queries {counts}\n{listing}"
        )


def test_every_query_example_is_pinned():
    assert set(EXPECTED) == {example.name for example in QUERIES}
