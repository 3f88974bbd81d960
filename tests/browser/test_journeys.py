"""End to end in a real browser: Debian's Chromium, headless, driven by Playwright, against
pytest-django's live server with the demo content.

- A reader goes home, to the chapters, to a chapter, to one of its events, and switches
  language.
- A chapter editor adds an event under their chapter and submits it; the secretariat approves
  it; readers then find it on the chapter page and clients in the API.
- Screenshots of every page type go to tests/output/screenshots/ (ignored by git).

The browser comes from conftest.py: Debian's /usr/bin/chromium, which `make browser-deps`
installs (Playwright cannot download its own here). Without it these tests fail when CI is set
and are skipped otherwise.
"""

import pytest
from wagtail.models import Locale, Page

from site_pages import models as m
from site_pages.visibility import visible_pages
from tests.browser.helpers import log_in, make_user, screenshot

# Transactional, because the live server reads the database from its own thread (and, on
# PostgreSQL, its own connection); serialized rollback gives every test the freshly migrated
# database back (Wagtail's root page and collection, wagtail-localize's permissions come from
# migrations, which the flush after each test erases).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def in_japanese(page):
    """The page's live Japanese version; translated and published here if the demo has none."""
    japanese = Locale.objects.get(language_code="ja")
    existing = page.get_translation_or_none(japanese)
    if existing is not None and existing.live:
        return existing.specific
    copy = page.specific.copy_for_translation(japanese, copy_parents=True)
    copy.title = f"{page.title} (日本語)"
    copy.save_revision().publish()
    return Page.objects.get(pk=copy.pk).specific


def test_reader_goes_from_home_to_an_event_and_switches_language(demo, open_page):
    india = m.ChapterPage.objects.get(slug="india", locale__language_code="en")
    event = m.EventPage.objects.child_of(india).get(slug="1st-india-reunion")
    event_ja = in_japanese(event)

    page = open_page()
    page.goto(demo + "/")
    assert page.url == demo + "/en/"
    assert page.locator("html").get_attribute("lang") == "en"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"

    main_nav = page.get_by_role("navigation", name="Main")
    main_nav.get_by_role("link", name=india.get_parent().title, exact=True).click()
    page.wait_for_url(demo + "/en/chapters/")
    page.get_by_role("main").get_by_role("link", name="India", exact=True).click()
    page.wait_for_url(demo + india.url)
    assert page.get_by_role("heading", level=1).inner_text() == "India"

    page.get_by_role("main").get_by_role("link", name=event.title, exact=True).click()
    page.wait_for_url(demo + event.url)
    assert page.get_by_role("heading", level=1).inner_text() == event.title
    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    assert crumbs.get_by_role("link", name="India", exact=True).get_attribute("href") == india.url

    switcher = page.get_by_role("navigation", name="Language")
    switcher.locator("summary").click()
    switcher.get_by_role("link", name="日本語").click()
    page.wait_for_url(demo + event_ja.url)
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.get_by_role("heading", level=1).inner_text() == event_ja.title
    screenshot(page, "event_page_ja")


def test_screenshots_of_every_page_type(demo, open_page):
    pages = visible_pages(Page.objects.filter(depth__gt=1, locale__language_code="en"))
    first_of_each = {}
    for item in pages.specific().order_by("path"):
        first_of_each.setdefault(type(item).__name__, item)
    assert len(first_of_each) == 14
    page = open_page()
    for name, item in first_of_each.items():
        response = page.goto(demo + item.url)
        assert response.status == 200, item.url
        assert page.get_by_role("heading", level=1).count() == 1, item.url
        # Every image loads (its renditions are served) and has alternative text.
        assert page.evaluate(BROKEN_IMAGES) == [], item.url
        assert page.locator("img:not([alt])").count() == 0, item.url
        screenshot(page, snake(name))
    page.goto(demo + "/en/search/?q=reunion")
    assert page.locator("ol.results li").count() > 0
    screenshot(page, "search_results")
    assert page.goto(demo + "/en/no-such-page/").status == 404
    screenshot(page, "not_found")
    phone = open_page(width=375)
    phone.goto(demo + "/en/chapters/india/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "chapter_page_phone")


BROKEN_IMAGES = """async () => {
    const images = [...document.images];
    images.forEach(image => { image.loading = "eager"; });
    await Promise.all(images.map(image => image.complete ? null : new Promise(done => {
        image.onload = image.onerror = done;
    })));
    return images.filter(image => !image.naturalWidth).map(image => image.src);
}"""


def snake(name):
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


CHAPTER_EVENTS = """
query ($slug: String!) { chapter(slug: $slug) { events { edges { node { title } } } } }
"""


def api_event_titles(page, base):
    response = page.request.post(
        base + "/graphql/", data={"query": CHAPTER_EVENTS, "variables": {"slug": "india"}}
    )
    assert response.ok
    edges = response.json()["data"]["chapter"]["events"]["edges"]
    return {edge["node"]["title"] for edge in edges}


def test_chapter_editor_submits_an_event_and_the_secretariat_approves_it(demo, open_page):
    india = m.ChapterPage.objects.get(slug="india", locale__language_code="en")
    make_user("priya", "India chapter editors")
    make_user("tanaka", "Secretariat")
    title = "4th India reunion"

    editor = open_page()
    log_in(editor, demo, "priya")
    # Signing in lands on the dashboard, where their chapter's panel adds an event in one click.
    panel = editor.locator("#your-chapter-india-section")
    assert "Your chapter: India" in panel.inner_text()
    screenshot(editor, "admin_chapter_editor_dashboard")
    panel.get_by_role("link", name="Add event").click()
    editor.wait_for_url(f"**/admin/pages/add/site_pages/eventpage/{india.pk}/")
    editor.fill("#id_title", title)
    editor.fill("#id_start_date", "2030-11-08")
    editor.keyboard.press("Escape")
    editor.select_option("#id_format", "hybrid")
    editor.fill("#id_city", "New Delhi")
    screenshot(editor, "admin_event_form")
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Secretariat approval").click()
    editor.wait_for_url(demo + f"/admin/pages/{india.pk}/")
    assert "submitted for moderation" in editor.locator(".messages").inner_text()

    event = m.EventPage.objects.get(title=title)
    assert not event.live
    reader = open_page()
    reader.goto(demo + india.url)
    assert reader.get_by_role("link", name=title).count() == 0
    assert title not in api_event_titles(reader, demo)

    secretariat = open_page()
    log_in(secretariat, demo, "tanaka")
    secretariat.goto(demo + f"/admin/pages/{event.pk}/edit/")
    secretariat.get_by_role("button", name="More actions").click()
    secretariat.get_by_role("button", name="Approve", exact=True).click()
    secretariat.wait_for_url(demo + f"/admin/pages/{india.pk}/")
    assert f"Page '{title}' has been updated." in secretariat.locator(".messages").inner_text()

    event.refresh_from_db()
    assert event.live
    reader.goto(demo + india.url)
    reader.get_by_role("main").get_by_role("link", name=title).click()
    reader.wait_for_url(demo + event.url)
    assert reader.get_by_role("heading", level=1).inner_text() == title
    assert title in api_event_titles(reader, demo)
