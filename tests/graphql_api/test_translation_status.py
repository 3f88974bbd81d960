"""`Translation.upToDate`: the API says which language versions lag behind their source.

Translations are made through wagtail-localize (a source snapshot, translated strings, then
``save_target``), the source is edited and published, and the translation is synced, as in the
admin (tests/site_pages/test_translations.py goes through the admin views themselves). Pages
translated by hand and aliases have nothing to lag behind. In a list, the status of every page
costs one query, whatever the number of pages.
"""

import datetime

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from tests import factories as f
from tests.conftest import fresh, publish

pytestmark = pytest.mark.django_db

TRANSLATIONS = """
query($id: ID!) {
  page(id: $id, locale: EN) { translations { locale title upToDate } }
}
"""

EVENTS = """
query($first: Int) {
  events(locale: EN, first: $first) {
    edges { node { id title translations { locale title upToDate } } }
  }
}
"""


def localize(page, code, title, capture):
    """``page`` translated into ``code`` with wagtail-localize and published, as the
    translation editor's "Publish" does; every other string falls back to the source."""
    target = Locale.objects.get(language_code=code)
    source, _created = TranslationSource.get_or_create_from_instance(fresh(page))
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=target)
    title_segment = StringSegment.objects.get(source=source, context__path="title")
    StringTranslation.objects.create(
        translation_of=title_segment.string,
        context=title_segment.context,
        locale=target,
        data=StringValue.from_plaintext(title).data,
    )
    with capture(execute=True):
        translation.save_target(publish=True)
    return translation


def sync(translation, capture):
    """ "Sync translated pages" with "Publish immediately"."""
    translation.source.update_from_db()
    with capture(execute=True):
        translation.save_target(publish=True)


def statuses(gql_data, page):
    data = gql_data(TRANSLATIONS, id=str(page.pk))
    return {item["locale"]: item["upToDate"] for item in data["page"]["translations"]}


@pytest.fixture
def india(site_tree):
    chapter = fresh(site_tree.india)
    chapter.intro = "The India chapter."
    return publish(chapter)


def edit_and_publish(page, intro):
    page = fresh(page)
    page.intro = intro
    return publish(page)


def test_a_fresh_translation_is_up_to_date(gql_data, india, django_capture_on_commit_callbacks):
    localize(india, "ja", "インド", django_capture_on_commit_callbacks)
    data = gql_data(TRANSLATIONS, id=str(india.pk))
    assert data["page"]["translations"] == [
        {"locale": "en", "title": "India", "upToDate": True},
        {"locale": "ja", "title": "インド", "upToDate": True},
    ]


def test_publishing_the_source_makes_it_out_of_date_until_synced(
    gql_data, india, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    translation = localize(india, "ja", "インド", capture)
    edit_and_publish(india, "The India chapter, founded in 2018.")
    assert statuses(gql_data, india) == {"en": True, "ja": False}

    sync(translation, capture)
    assert statuses(gql_data, india) == {"en": True, "ja": True}


def test_a_draft_of_the_source_does_not_count_until_published(
    gql_data, india, django_capture_on_commit_callbacks
):
    localize(india, "ja", "インド", django_capture_on_commit_callbacks)
    draft = fresh(india)
    draft.intro = "Not published yet."
    draft.save_revision()
    assert statuses(gql_data, india) == {"en": True, "ja": True}


def test_synced_but_not_published_is_still_out_of_date(
    gql_data, india, django_capture_on_commit_callbacks
):
    translation = localize(india, "ja", "インド", django_capture_on_commit_callbacks)
    edit_and_publish(india, "A new introduction.")
    translation.source.update_from_db()  # "Sync translated pages" without publishing
    assert statuses(gql_data, india) == {"en": True, "ja": False}


def test_every_version_says_the_same_whatever_language_is_asked_for(
    gql_data, india, django_capture_on_commit_callbacks
):
    localize(india, "ja", "インド", django_capture_on_commit_callbacks)
    edit_and_publish(india, "Changed.")
    query = "query($id: ID!) { page(id: $id, locale: JA) { locale translations { %s } } }"
    data = gql_data(query % "locale upToDate", id=str(india.pk))
    assert data["page"]["locale"] == "ja"
    assert {t["locale"]: t["upToDate"] for t in data["page"]["translations"]} == {
        "en": True,
        "ja": False,
    }


def test_hand_translations_and_aliases_are_up_to_date(gql_data, site_tree, india):
    by_hand = india.copy_for_translation(Locale.objects.get(language_code="ja"), copy_parents=True)
    by_hand.title = "インド (by hand)"
    by_hand.save_revision().publish()
    edit_and_publish(india, "Changed after the hand translation.")
    assert statuses(gql_data, india) == {"en": True, "ja": True}
    # The Japanese home page and chapters index were made as aliases of the English ones.
    assert statuses(gql_data, site_tree.home) == {"en": True, "ja": True}


def test_one_query_for_the_statuses_of_a_whole_list(
    query_count, site_tree, django_capture_on_commit_callbacks
):
    def add_event(number):
        event = publish(
            f.EventPageFactory(
                parent=fresh(site_tree.india),
                title=f"Reunion {number}",
                slug=f"reunion-{number}",
                start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
            )
        )
        localize(event, "ja", f"同窓会 {number}", django_capture_on_commit_callbacks)
        if number % 2:
            edit_and_publish(event, "Changed.")
        return event

    add_event(1)
    query_count.measure(EVENTS, {"first": 20})  # warms Wagtail's cache of site root paths
    small = query_count.measure(EVENTS, {"first": 20})
    for number in range(2, 13):
        add_event(number)
    large = query_count.measure(EVENTS, {"first": 20})
    query_count.assert_count(8, small, large)

    def nodes_of(answer):
        return [edge["node"] for edge in answer[2]["data"]["events"]["edges"]]

    assert len(nodes_of(small)) == 1
    nodes = nodes_of(large)
    assert len(nodes) == 12
    for node in nodes:
        number = int(node["title"].split()[-1])
        versions = {t["locale"]: t["upToDate"] for t in node["translations"]}
        assert versions == {"en": True, "ja": number % 2 == 0}, node["title"]

    without = query_count.measure(EVENTS.replace("upToDate", ""), {"first": 20})
    assert without[0] == large[0] - 1  # nothing is looked up unless asked for
