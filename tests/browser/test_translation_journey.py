"""A volunteer translates a page, in a real browser, from start to readers.

The India chapter editor translates an English-only reunion into Japanese in wagtail-localize's
editor, is warned that texts are still untranslated, submits it anyway; the Secretariat approves
it from the dashboard and is told it is published; readers of /ja/ and the API get the Japanese
version. Then the English source changes, and the translation status report and the Japanese
page's editor say the translation is out of date.
"""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from site_pages import models as m
from tests.browser.helpers import approve_from_dashboard, log_in, make_user, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

JA_TITLE = "第2回インド同窓会"

PAGE = """
query ($path: String!) { page(path: $path, locale: JA) { title isFallback } }
"""


def api_title(page, base, path):
    response = page.request.post(
        base + "/graphql/", data={"query": PAGE, "variables": {"path": path}}
    )
    assert response.ok
    found = response.json()["data"]["page"]
    return found["title"], found["isFallback"]


def test_a_volunteer_translation_goes_from_the_editor_to_readers_and_falls_out_of_date(
    demo, open_page
):
    event = m.EventPage.objects.get(slug="2nd-india-reunion", locale__language_code="en")
    japanese = Locale.objects.get(language_code="ja")
    assert event.get_translation_or_none(japanese) is None
    relative = event.url.removeprefix("/en")
    make_user("priya", "India chapter editors")
    make_user("tanaka", "Secretariat")

    # The chapter editor starts the Japanese translation and translates the title only.
    editor = open_page()
    log_in(editor, demo, "priya")
    editor.goto(demo + reverse("wagtail_localize:submit_page_translation", args=[event.pk]))
    editor.get_by_label("Japanese").check()
    editor.locator("form button[type=submit], form input[type=submit]").last.click()
    editor.wait_for_url("**/admin/pages/*/edit/")
    ja_page = event.get_translation(japanese)
    editor.get_by_role("button", name="Translate").first.click()
    editor.locator("textarea").first.fill(JA_TITLE)
    editor.get_by_role("button", name="Save").first.click()
    editor.wait_for_load_state("networkidle")
    editor.reload()

    assert "This translation is out of date" not in editor.content()  # a new draft
    warning = editor.locator("#untranslated-warning")
    assert "texts are not translated yet" in warning.inner_text()
    screenshot(editor, "translation_editor_incomplete")
    editor.get_by_role("button", name="Submit for review").click()
    assert "not translated yet" in editor.locator(".messages").inner_text()
    ja_page.refresh_from_db()
    assert ja_page.current_workflow_state is None

    editor.get_by_label("Submit with untranslated texts").check()
    editor.get_by_role("button", name="Submit for review").click()
    assert "has been submitted for review" in editor.locator(".messages").inner_text()
    assert m.EventPage.objects.get(pk=ja_page.pk).current_workflow_state is not None

    # The Secretariat approves it from the dashboard and is told what happened.
    secretariat = open_page()
    log_in(secretariat, demo, "tanaka")
    message = approve_from_dashboard(secretariat, demo, JA_TITLE)
    assert f"You approved “{JA_TITLE}”. It is published." in message
    screenshot(secretariat, "dashboard_after_approval")

    reader = open_page()
    reader.goto(demo + "/ja" + relative)
    assert reader.get_by_role("heading", level=1).inner_text() == JA_TITLE
    assert api_title(reader, demo, relative) == (JA_TITLE, False)

    # The English source changes: the report and the Japanese editor say so.
    source = m.EventPage.objects.get(pk=event.pk)
    source.intro = "The reunion moved to a larger hall."
    source.save_revision().publish()

    secretariat.goto(demo + reverse("site_translations:status_report") + "?locale=ja")
    cell = secretariat.locator("tr", has_text=event.title).locator(".sakura-tstatus--out_of_date")
    assert cell.inner_text() == "Out of date"
    screenshot(secretariat, "translation_report_out_of_date")

    editor.goto(demo + reverse("wagtailadmin_pages:edit", args=[ja_page.pk]))
    assert "This translation is out of date" in editor.locator(".messages").inner_text()
