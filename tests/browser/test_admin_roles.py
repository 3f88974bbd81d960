"""The admin as each role uses it, in a real browser at 1280 px, in English and Japanese.

A chapter editor, a mentor and the Secretariat sign in: each lands on a dashboard that shows
their panels, named in their admin language; the chapter editor opens one of their events and
the event form reads whole (labels translated, the venue not cut short, the dates' precision
on a row of its own), and no picture is broken (Wagtail's avatars came from Gravatar).
Screenshots of each dashboard and of the event form go to tests/output/screenshots/ for people
to look at.
"""

import pytest

from site_pages import models as m
from tests.browser.helpers import log_in, make_user, screenshot
from tests.browser.test_journeys import BROKEN_IMAGES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Panel headings each role's dashboard shows, by admin language (the chapter's is a prefix).
PANELS = {
    "priya": {
        "en": ["Your chapter: India"],
        "ja": ["あなたの支部: "],
    },
    "mori": {
        "en": ["Your columns"],
        "ja": ["あなたのコラム"],
    },
    "tanaka": {
        "en": ["Submissions", "Translations out of date"],
        "ja": ["届いた投稿", "更新が必要な翻訳"],
    },
}
# Labels of the event form, by admin language: translated, never the English field name.
EVENT_LABELS = {
    "en": ["When and where", "Venue", "City", "Registration link", "Gallery"],
    "ja": ["日時と場所", "会場", "都市", "申し込みリンク", "ギャラリー"],
}


def set_language(username, code):
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username=username))
    profile.preferred_language = code
    profile.save()


def panel_headings(page):
    return page.locator(".w-panel--dashboard [data-panel-heading-text]").all_inner_texts()


def test_each_role_reads_its_dashboard_and_the_event_form_in_english_and_japanese(demo, open_page):
    make_user("priya", "India chapter editors")
    mentor = m.Mentor.objects.get(slug="haruka-mori", locale__language_code="en")
    mentor.user = make_user("mori", "Mentors")
    mentor.save()
    make_user("tanaka", "Secretariat")
    india = m.ChapterPage.objects.get(slug="india", locale__language_code="en")
    event = m.EventPage.objects.child_of(india).get(slug="1st-india-reunion")

    for code in ("en", "ja"):
        for username, expected in PANELS.items():
            set_language(username, code)
            page = open_page(width=1280)
            log_in(page, demo, username)
            headings = panel_headings(page)
            for heading in expected[code]:
                assert any(text.startswith(heading) for text in headings), (code, headings)
            assert page.evaluate("document.documentElement.scrollWidth") <= 1280
            # Avatars included: none may show as a broken picture.
            assert page.evaluate(BROKEN_IMAGES) == [], (code, username)
            screenshot(page, f"admin_dashboard_{username}_{code}")

        editor = open_page(width=1280)
        log_in(editor, demo, "priya")
        editor.goto(demo + f"/admin/pages/{event.pk}/edit/")
        form = editor.locator("form#page-edit-form")
        text = form.inner_text()
        for label in EVENT_LABELS[code]:
            assert label in text, (code, label)
        # The venue takes the form's width: a long venue reads whole.
        venue = editor.locator("#id_venue").bounding_box()
        title = editor.locator("#id_title").bounding_box()
        assert venue["width"] >= 0.9 * title["width"], (venue, title)
        # The dates' precision has a row of its own, below the dates, where its help reads whole.
        start = editor.locator("#id_start_date").bounding_box()
        precision = editor.locator("#id_date_precision").bounding_box()
        assert precision["y"] > start["y"] + start["height"], (precision, start)
        screenshot(editor, f"admin_event_form_{code}")
