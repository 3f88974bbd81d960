"""Dates to their precision and labels in the reader's language, on the site and in the API
alike (site_pages/dates.py, the edition patterns in site_pages/models/events.py, the choice
labels in graphql_api/core/labels.py)."""

import datetime
import re
from unittest import mock

import pytest
from django.urls import reverse
from wagtail.models import Page

from graphql_api.core.locale import enum_name
from site_pages import dates
from site_pages import models as m
from site_pages.models.events import edition_label, not_ended_q
from tests import factories as f
from tests.conftest import publish
from tests.factories import translate
from tests.graphql_api.conftest import post_query

pytestmark = pytest.mark.django_db


def api(client, query, **variables):
    body = post_query(client, query, variables).json()
    assert "errors" not in body, body
    return body["data"]


def text_of(html):
    """The page's text without tags, so that "<dd>" and "<time>" do not split the facts."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def india(site_tree):
    india = site_tree.india
    india.founded_on = datetime.date(2018, 10, 1)
    india.founded_on_precision = dates.DatePrecision.MONTH
    return publish(india)


@pytest.fixture
def reunion(india):
    return publish(
        f.EventPageFactory(
            parent=india,
            title="2nd India reunion",
            slug="2nd-india-reunion",
            kind="reunion",
            edition=2,
            format="in_person",
            city="New Delhi",
            start_date=datetime.date(2020, 2, 1),
            date_precision=dates.DatePrecision.MONTH,
        )
    )


# --- the formatting rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("precision", "language", "expected"),
    [
        ("day", "en", "May 14, 2021"),
        ("month", "en", "May 2021"),
        ("year", "en", "2021"),
        ("day", "ja", "2021年5月14日"),
        ("month", "ja", "2021年5月"),
        ("year", "ja", "2021年"),
        ("month", "zh-hans", "2021年5月"),
        ("year", "zh-hans", "2021年"),
        ("month", "id", "Mei 2021"),
        ("month", "vi", "Tháng 5 năm 2021"),
    ],
)
def test_a_date_prints_to_its_precision_in_the_locale_format(precision, language, expected):
    assert dates.format_date(datetime.date(2021, 5, 14), precision, language) == expected


@pytest.mark.parametrize(
    ("precision", "iso"), [("day", "2021-05-14"), ("month", "2021-05"), ("year", "2021")]
)
def test_iso_has_the_precision_of_the_date(precision, iso):
    assert dates.PartialDate(datetime.date(2021, 5, 14), precision).iso == iso


def test_a_range_in_one_month_prints_the_month_once():
    may, june = datetime.date(2021, 5, 1), datetime.date(2021, 6, 1)
    assert dates.format_range(may, may, "month", "en") == "May 2021"
    assert dates.format_range(may, june, "month", "ja") == "2021年5月 \N{EN DASH} 2021年6月"


def test_saving_a_month_keeps_the_first_of_the_month(india):
    india.founded_on = datetime.date(2018, 10, 17)
    india.clean()
    assert india.founded_on == datetime.date(2018, 10, 1)
    india.founded_on_precision = dates.DatePrecision.YEAR
    india.clean()
    assert india.founded_on == datetime.date(2018, 1, 1)


def test_an_event_known_to_the_month_is_on_until_the_month_ends(site_tree):
    """The rule behind "upcoming" on the site and in the API: a meeting of "May 2021" may
    still be ahead on 20 May; one of 1 May 2021 is over."""
    may = publish(
        f.EventPageFactory(
            parent=site_tree.india,
            title="May meeting",
            start_date=datetime.date(2021, 5, 1),
            date_precision=dates.DatePrecision.MONTH,
        )
    )
    first = publish(
        f.EventPageFactory(
            parent=site_tree.india, title="May Day", start_date=datetime.date(2021, 5, 1)
        )
    )
    assert may.last_day == datetime.date(2021, 5, 31)
    assert first.last_day == datetime.date(2021, 5, 1)
    on = m.EventPage.objects.filter(not_ended_q(datetime.date(2021, 5, 20)))
    assert list(on.values_list("title", flat=True)) == ["May meeting"]
    assert not m.EventPage.objects.filter(not_ended_q(datetime.date(2021, 6, 1))).exists()


# --- the site and the API agree ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "founded", "held"),
    [("en", "October 2018", "February 2020"), ("ja", "2018年10月", "2020年2月")],
)
def test_month_only_dates_print_as_month_and_year_on_the_site_and_in_the_api(
    client, india, reunion, language, founded, held
):
    if language != "en":
        translate(india, language)
        translate(reunion, language)
    chapter = text_of(client.get(f"/{language}/chapters/india/").content.decode())
    assert f"{founded}" in chapter
    assert f"{held}" in chapter
    assert "Feb. 1, 2020" not in chapter and "10月 2018" not in chapter
    event_html = client.get(f"/{language}/chapters/india/2nd-india-reunion/").content.decode()
    assert f'<time datetime="2020-02">{held}</time>' in event_html

    data = api(
        client,
        """query($locale: Locale) { chapter(slug: "india", locale: $locale) {
            founded { date precision iso display }
            events { edges { node { ... on EventPage {
                start { precision iso display } end { iso } datesDisplay startDate } } } } } }""",
        locale=enum_name(language),
    )
    assert data["chapter"]["founded"] == {
        "date": "2018-10-01",
        "precision": "MONTH",
        "iso": "2018-10",
        "display": founded,
    }
    node = data["chapter"]["events"]["edges"][0]["node"]
    assert node["start"] == {"precision": "MONTH", "iso": "2020-02", "display": held}
    assert node["end"] is None
    assert node["datesDisplay"] == held
    assert node["startDate"] == "2020-02-01"


def test_a_fallback_page_prints_its_dates_in_the_readers_language(client, india, reunion):
    """No Japanese version: the English page is served to Japanese readers, with Japanese
    dates, as the site's interface around it is Japanese too."""
    html = text_of(client.get("/ja/chapters/india/").content.decode())
    assert "2018年10月" in html
    data = api(
        client,
        """{ chapter(slug: "india", locale: JA) { isFallback founded { display } } }""",
    )
    assert data["chapter"] == {"isFallback": True, "founded": {"display": "2018年10月"}}


def test_exact_days_still_print_as_days(client, site_tree):
    publish(
        f.EventPageFactory(
            parent=site_tree.india,
            title="Poster day",
            slug="poster-day",
            start_date=datetime.date(2021, 5, 14),
            end_date=datetime.date(2021, 5, 16),
        )
    )
    html = client.get("/en/chapters/india/poster-day/").content.decode()
    assert '<time datetime="2021-05-14">May 14, 2021</time>' in html
    assert '<time datetime="2021-05-16">May 16, 2021</time>' in html
    data = api(
        client,
        """{ events { edges { node { ... on EventPage {
            start { precision iso } end { precision iso display } } } } } }""",
    )
    node = data["events"]["edges"][0]["node"]
    assert node["start"] == {"precision": "DAY", "iso": "2021-05-14"}
    assert node["end"] == {"precision": "DAY", "iso": "2021-05-16", "display": "May 16, 2021"}


def test_the_events_feed_gives_month_only_dates_as_months(client, reunion):
    feed = client.get(reverse("events_feed")).content.decode()
    assert "February 2020" in feed
    assert "Feb. 1, 2020" not in feed


def test_the_old_founding_date_field_is_deprecated_not_gone(client, india):
    from graphql_api.schema import schema

    field = schema.get_type_by_name("ChapterPage").get_field("founded_on")
    assert "founded" in field.deprecation_reason
    data = api(client, """{ chapter(slug: "india") { foundedOn } }""")
    assert data["chapter"]["foundedOn"] == "2018-10-01"


# --- the edition label ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
    ],
)
def test_english_ordinals(number, expected):
    assert edition_label(number, "reunion", "en") == f"{expected} reunion"


@pytest.mark.parametrize(
    ("language", "kind", "expected"),
    [
        ("en", "reunion", "2nd reunion"),
        ("ja", "reunion", "第2回同窓会"),
        ("id", "reunion", "Reuni ke-2"),
        ("en", "seminar", "2nd seminar"),
        ("ja", "seminar", "第2回セミナー"),
        ("id", "contest", "Kontes ke-2"),
    ],
)
def test_the_edition_reads_naturally_in_each_language(language, kind, expected):
    assert edition_label(2, kind, language) == expected


def test_edition_label_is_empty_without_an_edition():
    assert edition_label(None, "reunion", "ja") == ""


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "2nd reunion"), ("ja", "第2回同窓会"), ("id", "Reuni ke-2")]
)
def test_the_edition_label_on_the_site_and_in_the_api(client, reunion, language, expected):
    html = client.get(f"/{language}/chapters/india/2nd-india-reunion/").content.decode()
    assert f"<dd>{expected}</dd>" in html
    data = api(
        client,
        """query($locale: Locale) { events(locale: $locale) { edges { node {
            ... on EventPage { editionLabel } } } } }""",
        locale=enum_name(language),
    )
    assert data["events"]["edges"][0]["node"]["editionLabel"] == expected


# --- choice labels ------------------------------------------------------------------------------


def test_choice_labels_in_the_requested_language(client, site_tree, reunion):
    india = Page.objects.get(pk=site_tree.india.pk).specific
    india.coordinators = [
        m.ChapterCoordinator(person=f.PersonFactory(), role="chair", term_start=2021)
    ]
    publish(india)
    f.ProgramPageFactory(parent=site_tree.programs, category="supporters")
    query = """query($locale: Locale) {
        events(locale: $locale) { edges { node { ... on EventPage {
            kind kindLabel format formatLabel } } } }
        chapter(slug: "india", locale: $locale) { coordinators { role roleLabel } }
        programs(locale: $locale) { edges { node { ... on ProgramPage {
            category categoryLabel } } } } }"""
    labels = {}
    for language in ("en", "ja"):
        data = api(client, query, locale=enum_name(language))
        event = data["events"]["edges"][0]["node"]
        coordinator = data["chapter"]["coordinators"][0]
        program = data["programs"]["edges"][0]["node"]
        assert (event["kind"], event["format"], coordinator["role"]) == (
            "REUNION",
            "IN_PERSON",
            "CHAIR",
        )
        labels[language] = (
            event["kindLabel"],
            event["formatLabel"],
            coordinator["roleLabel"],
            program["categoryLabel"],
        )
    assert labels["en"] == ("Reunion", "In person", "Chair", "Supporters Program")
    assert labels["ja"] == ("同窓会", "対面", "会長", "サポーターズプログラム")


def test_upcoming_in_python_and_in_sql_agree_day_by_day(site_tree):
    """Listings filter "not ended" in SQL (``not_ended_q``); a loaded event answers
    ``is_upcoming`` in Python (the API's chapter events, the site's timeline). One rule."""
    periods = [
        (datetime.date(2021, 5, 1), None, dates.DatePrecision.DAY),
        (datetime.date(2021, 5, 1), None, dates.DatePrecision.MONTH),
        (datetime.date(2021, 1, 1), None, dates.DatePrecision.YEAR),
        (datetime.date(2021, 4, 28), datetime.date(2021, 5, 2), dates.DatePrecision.DAY),
        (datetime.date(2021, 3, 1), datetime.date(2021, 5, 1), dates.DatePrecision.MONTH),
    ]
    for number, (start, end, precision) in enumerate(periods):
        publish(
            f.EventPageFactory(
                parent=site_tree.india,
                title=f"Event {number}",
                start_date=start,
                end_date=end,
                date_precision=precision,
            )
        )
    events = list(m.EventPage.objects.all())
    for day in [datetime.date(2021, 4, 30), datetime.date(2021, 5, 2), datetime.date(2021, 5, 3)]:
        in_sql = set(m.EventPage.objects.filter(not_ended_q(day)).values_list("pk", flat=True))
        with mock.patch("site_pages.dates.today", return_value=day):
            in_python = {event.pk for event in events if event.is_upcoming}
        assert in_sql == in_python, day
    assert len(in_sql) == 3  # on 3 May: the two known only to the month or year, and "March to May"
