"""iCalendar feeds of events (site_pages/calendars.py): every event and each chapter's, in the
reader's language with the fallback marked, never a hidden event, text escaped, cost bounded."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from tests import factories as f
from tests.conftest import publish
from tests.factories import translate

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_of(cal):
    return {str(event["SUMMARY"]): event for event in cal.walk("VEVENT")}


@pytest.fixture
def events(site_tree, settings):
    settings.SAKURA_CALENDAR_PAST_DAYS = 365
    soon = TODAY + datetime.timedelta(days=30)
    reunion = publish(
        f.EventPageFactory(
            parent=site_tree.india,
            title="2nd India reunion",
            start_date=soon,
            end_date=soon + datetime.timedelta(days=1),
            venue="IIT Delhi",
            city="New Delhi",
            intro="Talks, posters; and a dinner.",
        )
    )
    jakarta = publish(
        f.EventPageFactory(
            parent=site_tree.indonesia, title="Jakarta meetup", start_date=soon, city="Jakarta"
        )
    )
    translate(site_tree.india, "ja", "インド")
    translate(reunion, "ja", "第2回インド同窓会")
    long_ago = publish(
        f.EventPageFactory(
            parent=site_tree.india,
            title="1st India reunion",
            start_date=TODAY - datetime.timedelta(days=800),
        )
    )
    draft = f.EventPageFactory(parent=site_tree.india, title="Draft event", live=False)
    private = publish(f.EventPageFactory(parent=site_tree.india, title="Private event"))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    return {"reunion": reunion, "jakarta": jakarta, "long_ago": long_ago, "draft": draft}


def test_all_events_in_english(client, events):
    found = events_of(calendar(client, "/en/events.ics"))
    assert set(found) == {"2nd India reunion", "Jakarta meetup"}
    reunion = found["2nd India reunion"]
    assert reunion["DTSTART"].dt == events["reunion"].start_date
    # All-day: DTEND is the day after the last day.
    assert reunion["DTEND"].dt == events["reunion"].end_date + datetime.timedelta(days=1)
    assert str(reunion["LOCATION"]) == "IIT Delhi, New Delhi"
    assert str(reunion["URL"]) == "http://testserver/en/chapters/india/2nd-india-reunion/"
    assert str(reunion["UID"]) == f"{events['reunion'].translation_key}@events.sakura-science-club"


def test_japanese_readers_get_the_japanese_version_and_a_marked_fallback(client, events):
    found = events_of(calendar(client, "/ja/events.ics"))
    assert set(found) == {"第2回インド同窓会", "Jakarta meetup"}
    assert found["第2回インド同窓会"]["SUMMARY"].params["LANGUAGE"] == "ja"
    fallback = found["Jakarta meetup"]
    assert fallback["SUMMARY"].params["LANGUAGE"] == "en"
    assert str(fallback["DESCRIPTION"]).startswith("(英語")
    # One event, one identity in every language: calendar apps update rather than duplicate.
    en = events_of(calendar(client, "/en/events.ics"))
    assert str(found["第2回インド同窓会"]["UID"]) == str(en["2nd India reunion"]["UID"])


def test_a_chapters_calendar_holds_its_events_only(client, events):
    cal = calendar(client, "/ja/chapters/india/events.ics")
    assert set(events_of(cal)) == {"第2回インド同窓会"}
    assert "インド" in str(cal["X-WR-CALNAME"])
    assert set(events_of(calendar(client, "/en/chapters/indonesia/events.ics"))) == {
        "Jakarta meetup"
    }


def test_an_unknown_or_hidden_chapter_is_not_found(client, site_tree, events):
    assert client.get("/en/chapters/atlantis/events.ics").status_code == 404
    draft_chapter = f.ChapterPageFactory(
        parent=site_tree.chapters, title="Draft", slug="draft-chapter", live=False
    )
    assert draft_chapter.pk
    assert client.get("/en/chapters/draft-chapter/events.ics").status_code == 404


def test_text_cannot_add_properties_or_events(client, site_tree):
    publish(
        f.EventPageFactory(
            parent=site_tree.events,
            title="Meetup\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected",
            start_date=TODAY,
        )
    )
    response = client.get("/en/events.ics")
    assert b"\r\nSUMMARY:Injected" not in response.content
    cal = Calendar.from_ical(response.content)
    [event] = cal.walk("VEVENT")
    assert "Injected" in str(event["SUMMARY"])  # kept as text, escaped


def test_the_site_links_the_calendars(client, events):
    chapter = client.get("/en/chapters/india/").content.decode()
    assert 'href="/en/chapters/india/events.ics"' in chapter
    assert 'href="/en/events.ics"' in chapter  # footer


def test_the_calendar_costs_the_same_queries_for_more_events(client, site_tree, events, settings):
    # Rendering is measured: a kept calendar (site_pages/page_cache.py) takes no query at all.
    settings.SAKURA_PAGE_CACHE = {**settings.SAKURA_PAGE_CACHE, "TIMEOUT": 0}
    client.get("/en/events.ics")
    with CaptureQueriesContext(connection) as few:
        small = client.get("/en/events.ics")
    for number in range(8):
        publish(
            f.EventPageFactory(parent=site_tree.events, title=f"Talk {number}", start_date=TODAY)
        )
    with CaptureQueriesContext(connection) as many:
        large = client.get("/en/events.ics")
    sizes = [len(events_of(Calendar.from_ical(r.content))) for r in (small, large)]
    assert sizes == [2, 10]
    assert (len(few), len(many)) == (6, 6), "\n".join(
        [
            "--- few",
            *(q["sql"] for q in few.captured_queries),
            "--- many",
            *(q["sql"] for q in many.captured_queries),
        ]
    )


def test_the_calendar_length_is_capped(client, site_tree, settings):
    settings.SAKURA_CALENDAR_LENGTH = 3
    for number in range(5):
        publish(
            f.EventPageFactory(parent=site_tree.events, title=f"Talk {number}", start_date=TODAY)
        )
    assert len(events_of(calendar(client, "/en/events.ics"))) == 3


def test_an_event_known_to_the_month_spans_its_month(client, site_tree):
    """The seeds know most reunions only to the month: the calendar must not pin them to the
    1st, but give the month, as the site prints it ("May 2021")."""
    month = TODAY.replace(day=1) + datetime.timedelta(days=40)
    first = month.replace(day=1)
    publish(
        f.EventPageFactory(
            parent=site_tree.india,
            title="Reunion some day this month",
            start_date=first,
            date_precision="month",
        )
    )
    event = events_of(calendar(client, "/en/events.ics"))["Reunion some day this month"]
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    assert event["DTSTART"].dt == first
    assert event["DTEND"].dt == following
