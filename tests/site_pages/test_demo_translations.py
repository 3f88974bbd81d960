"""The demo's translations (site_pages/demo/translations.py) are wagtail-localize
translations, published and up to date."""

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation
from wagtail_localize.strings import StringValue

from site_pages import models as m
from site_pages.demo.translations import INDONESIAN, JAPANESE
from site_pages.translations.status import TranslationState, translation_statuses

# The demo, restored once for the module (tests/conftest.py); each test in a savepoint.
pytestmark = pytest.mark.usefixtures("db", "demo")


def test_japanese_home_sections_chapters_and_programmes():
    ja = m.HomePage.objects.get(locale__language_code="ja")
    assert ja.live and ja.title == "さくらサイエンスクラブ"
    assert m.ChapterPage.objects.filter(locale__language_code="ja", live=True).count() == 11
    assert m.ProgramPage.objects.filter(locale__language_code="ja", live=True).count() == 5
    india = m.ChapterPage.objects.get(locale__language_code="ja", slug="india")
    assert (india.title, india.acronym, india.url) == ("インド", "ISCA", "/ja/chapters/india/")
    sshp = m.ProgramPage.objects.get(locale__language_code="ja", acronym="SSHP")
    figures = sshp.body[-1].value["figures"]
    assert [(item["value"], item["label"]) for item in figures][:2] == [
        ("49", "コース"),
        ("5,539", "人の生徒"),
    ]
    assert not Page.objects.filter(locale__language_code="ja", alias_of__isnull=False).exists()


def test_the_privacy_notice_in_english_and_japanese_linked_from_the_footer_and_forms(client):
    privacy = m.StandardPage.objects.get(locale__language_code="ja", slug="privacy")
    assert privacy.live and privacy.title == "プライバシーに関するお知らせ"
    assert not privacy.show_in_menus
    ja_home = client.get("/ja/").content.decode()
    assert '<a href="/ja/privacy/">プライバシーに関するお知らせ</a>' in ja_home
    en_page = client.get("/en/privacy/").content.decode()
    assert "twelve months" in en_page
    # Readers of a language without its own version are sent to the fallback's address.
    assert '<a href="/en/privacy/">' in client.get("/id/").content.decode()
    form = client.get("/ja/sakura-mentor/ask/").content.decode()
    assert 'href="/ja/privacy/"' in form


def test_an_indonesian_sample_in_the_indonesian_chapter():
    chapter = m.ChapterPage.objects.get(locale__language_code="id", country="ID")
    assert chapter.live and chapter.url == "/id/chapters/indonesia/"
    assert "lima belas" in chapter.intro
    events = m.EventPage.objects.child_of(chapter).live()
    assert events.count() == 3
    assert "Reuni Indonesia ke-1" in {event.title for event in events}


def test_they_are_synced_translations_and_up_to_date():
    english = Page.objects.filter(locale__language_code="en", depth__gt=1)
    statuses = translation_statuses(english)
    translated = [row["ja"] for row in statuses.values() if row["ja"].page_id]
    # Home, sections, chapters, programmes and the privacy notice.
    assert len(translated) == 1 + 6 + 11 + 5 + 1
    assert {status.state for status in translated} == {TranslationState.UP_TO_DATE}
    # The pages above, and the secretariat's contact details (a snippet).
    assert Translation.objects.filter(target_locale__language_code="ja").count() == 25
    assert Translation.objects.filter(target_locale__language_code="id").count() == 6


def test_every_japanese_and_indonesian_page_renders(client):
    # Each request activates its language in this thread; put English back afterwards.
    with translation.override(settings.LANGUAGE_CODE):
        for code in ("ja", "id"):
            home = m.HomePage.objects.get(locale__language_code=code)
            for page in home.get_descendants(inclusive=True).live().specific():
                response = client.get(page.url)
                assert response.status_code == 200, page.url
        assert "さくらサイエンスクラブ" in client.get("/ja/").content.decode()


def test_the_glossaries_hold_no_unused_text():
    used = set(
        StringSegment.objects.filter(source__locale__language_code="en").values_list(
            "string__data", flat=True
        )
    )
    used_text = {StringValue(data).render_text() for data in used}
    assert set(JAPANESE) <= used_text
    assert set(INDONESIAN) <= used_text
