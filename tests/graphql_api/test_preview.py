"""Headless preview: `page(previewToken:)` serves the draft a token names, and only that.

Tokens (site_pages/preview.py) are signed, carry page, revision and content type, expire after
SAKURA_PREVIEW_TOKEN_MAX_AGE seconds and name the page's latest revision; the admin's "Web app"
preview mode sends the client app a URL carrying one.
"""

import re
import time
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import signing

from site_pages import models as m
from site_pages.preview import SALT, HeadlessPreviewPage, make_preview_token
from tests import factories as f
from tests.block_factories import stream
from tests.conftest import publish
from tests.graphql_api.conftest import post_query

pytestmark = pytest.mark.django_db

CLIENT_URL = "https://app.example.org/preview"

QUERY = """
query Preview($token: String, $id: ID, $path: String, $locale: Locale) {
  page(previewToken: $token, id: $id, path: $path, locale: $locale) {
    id title url locale isFallback
    ... on ChapterPage {
      intro acronym
      coordinators { role person { name } }
      body { ... on ParagraphBlock { html } }
      parent { title }
    }
  }
}
"""

PUBLISHED = """
query Published($id: ID) { page(id: $id) { title } }
"""


@pytest.fixture
def india(site_tree):
    """A published chapter with a later draft that changes its title, intro, acronym, body and
    coordinators."""
    chapter = publish(site_tree.india)
    draft = m.ChapterPage.objects.get(pk=chapter.pk)
    draft.title = "India (draft)"
    draft.intro = "A new introduction."
    draft.acronym = "ISCA"
    draft.body = stream(("paragraph", {"value": "<p>Draft body.</p>"}))
    draft.coordinators = [
        m.ChapterCoordinator(
            person=f.PersonFactory(name="New Chair"), role="chair", term_start=2024
        )
    ]
    draft.save_revision()
    return m.ChapterPage.objects.get(pk=chapter.pk)


def token_for(page, revision=None):
    return make_preview_token(page, revision or page.latest_revision)


def preview(gql, token, **variables):
    return gql(QUERY, token=token, **variables)


def assert_refused(body, code):
    assert body["data"] == {"page": None}, body
    (error,) = body["errors"]
    assert error["extensions"]["code"] == code, error
    assert error["path"] == ["page"]
    return error["message"]


def test_a_valid_token_shows_the_draft_and_the_normal_query_the_published_page(gql, india):
    body = preview(gql, token_for(india))
    assert "errors" not in body, body["errors"]
    page = body["data"]["page"]
    assert page["title"] == "India (draft)"
    assert page["intro"] == "A new introduction."
    assert page["acronym"] == "ISCA"
    assert page["coordinators"] == [{"role": "CHAIR", "person": {"name": "New Chair"}}]
    assert page["body"] == [{"html": "<p>Draft body.</p>"}]
    assert page["parent"] == {"title": "Chapters"}
    assert page["url"] == "/en/chapters/india/"
    assert page["locale"] == "en" and page["isFallback"] is False

    published = gql(PUBLISHED, id=str(india.pk))
    assert published["data"]["page"]["title"] == "India"


def test_the_token_may_come_with_the_same_page_id_or_path(gql, india):
    token = token_for(india)
    assert preview(gql, token, id=str(india.pk))["data"]["page"]["title"] == "India (draft)"
    assert preview(gql, token, path="chapters/india")["data"]["page"]["title"] == "India (draft)"


def test_a_never_published_page_can_be_previewed(gql, site_tree):
    event = f.EventPageFactory(parent=site_tree.india, title="3rd reunion", live=False)
    event.save_revision()
    event.refresh_from_db()
    assert gql(PUBLISHED, id=str(event.pk))["data"]["page"] is None
    assert preview(gql, token_for(event))["data"]["page"]["title"] == "3rd reunion"


def test_a_tampered_token_returns_nothing(gql, india):
    token = token_for(india)
    value, signature = token.rsplit(":", 1)
    forged = signing.dumps(
        {"page": india.pk, "revision": india.latest_revision_id, "type": "site_pages.chapterpage"},
        salt="another-salt",
    )
    for bad in (f"{value}:{signature[::-1]}", f"x{token}", "not-a-token", "", forged):
        message = assert_refused(preview(gql, bad), "PREVIEW_TOKEN_INVALID")
        assert message == "This preview token is not valid."


def signed_ago(monkeypatch, page, seconds):
    """A token for ``page`` as if signed ``seconds`` ago."""
    then = signing.b62_encode(int(time.time() - seconds))
    with monkeypatch.context() as patch:
        patch.setattr(signing.TimestampSigner, "timestamp", lambda self: then)
        return token_for(page)


def test_an_expired_token_returns_nothing(gql, india, monkeypatch, settings):
    settings.SAKURA_PREVIEW_TOKEN_MAX_AGE = 3600
    token = signed_ago(monkeypatch, india, 3601)
    message = assert_refused(preview(gql, token), "PREVIEW_TOKEN_EXPIRED")
    assert "expired" in message


def test_the_lifetime_is_a_setting(gql, india, monkeypatch, settings):
    token = signed_ago(monkeypatch, india, 3000)
    assert preview(gql, token)["data"]["page"]["title"] == "India (draft)"
    settings.SAKURA_PREVIEW_TOKEN_MAX_AGE = 60
    assert_refused(preview(gql, token), "PREVIEW_TOKEN_EXPIRED")


def test_a_token_for_another_page_returns_nothing(gql, india, site_tree):
    indonesia = publish(site_tree.indonesia)
    token = token_for(indonesia)
    for named in ({"id": str(india.pk)}, {"path": "chapters/india"}):
        message = assert_refused(preview(gql, token, **named), "PREVIEW_TOKEN_INVALID")
        assert message == "This preview token is for another page."


def test_a_token_for_an_older_revision_returns_nothing(gql, india):
    token = token_for(india)
    newer = m.ChapterPage.objects.get(pk=india.pk)
    newer.title = "India (second draft)"
    newer.save_revision()
    message = assert_refused(preview(gql, token), "PREVIEW_TOKEN_INVALID")
    assert "older draft" in message
    newer.refresh_from_db()
    assert preview(gql, token_for(newer))["data"]["page"]["title"] == "India (second draft)"


def test_a_token_with_swapped_ids_returns_nothing(gql, india, site_tree):
    """Even signed with our key, a revision of one page with another page's id, or the wrong
    content type, shows nothing."""
    indonesia = publish(site_tree.indonesia)
    swaps = [
        {"page": india.pk, "revision": indonesia.latest_revision_id},
        {"page": india.pk, "revision": india.latest_revision_id, "type": "site_pages.eventpage"},
        {"page": 999_999, "revision": india.latest_revision_id},
    ]
    for payload in swaps:
        payload.setdefault("type", "site_pages.chapterpage")
        token = signing.dumps(payload, salt=SALT)
        assert_refused(preview(gql, token), "PREVIEW_TOKEN_INVALID")


def test_an_unknown_locale_with_a_token_is_refused(gql, india):
    body = preview(gql, token_for(india), locale="XX")
    assert body["errors"][0]["extensions"]["code"] == "UNKNOWN_LOCALE"


def test_preview_answers_are_not_cacheable(client, india):
    response = post_query(client, QUERY, {"token": token_for(india)})
    assert response["Cache-Control"] == "private, no-store"


def test_the_web_app_mode_is_offered_only_with_a_client_url(settings, india):
    assert isinstance(india, HeadlessPreviewPage)
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": ""}}
    assert [mode for mode, _label in india.preview_modes] == [""]
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": CLIENT_URL}}
    assert [mode for mode, _label in india.preview_modes] == ["", "headless"]
    assert india.default_preview_mode == ""


def test_the_admin_preview_sends_the_web_app_our_token(settings, gql, india):
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": CLIENT_URL}}
    response = india.make_preview_request(preview_mode="headless")
    html = response.content.decode()
    url = unescape(re.search(r'<iframe src="([^"]+)"', html).group(1))
    assert url.startswith(CLIENT_URL + "/?")
    query = parse_qs(urlparse(url).query)
    assert query["content_type"] == ["site_pages.chapterpage"]
    assert preview(gql, query["token"][0])["data"]["page"]["title"] == "India (draft)"


def test_the_default_admin_preview_is_still_the_public_site(settings, india):
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": CLIENT_URL}}
    html = india.make_preview_request().content.decode()
    # The in-memory page: here the published version.
    assert '<h1 id="page-title">India</h1>' in html


def test_a_page_without_a_saved_revision_asks_for_a_draft(settings, site_tree):
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": CLIENT_URL}}
    new = m.EventPage(title="Unsaved", slug="unsaved", start_date="2026-01-01", format="online")
    html = new.make_preview_request(preview_mode="headless").content.decode()
    assert "Save a draft first" in html and "<iframe" not in html


IDS = """
query Ids($token: String, $id: ID) {
  page(previewToken: $token, id: $id) {
    id
    ... on ChapterPage { coordinators { id } body { ... on ParagraphBlock { id } } }
  }
}
"""


def test_a_draft_has_ids_of_its_own(gql, india):
    """A client's normalised cache keys objects by type and id: the draft, its blocks and its
    rows must not land on the live page's entries (graphql_api/core/ids.py)."""
    draft = gql(IDS, token=token_for(india))["data"]["page"]
    expected = f"{india.pk}~draft{india.latest_revision.pk}"
    assert draft["id"] == expected
    # The draft's new coordinator has no primary key yet: it is known by its position.
    assert [c["id"] for c in draft["coordinators"]] == [f"{expected}/new.0"]
    assert all(block["id"].startswith(f"{expected}/") for block in draft["body"])
    live = gql(IDS, id=draft["id"])["data"]["page"]
    assert live["id"] == str(india.pk)
    assert all(c["id"].startswith(f"{india.pk}/") for c in live["coordinators"])
    assert all(block["id"].startswith(f"{india.pk}/") for block in live["body"])
    # The draft's own id names its page, with the token.
    assert gql(IDS, token=token_for(india), id=draft["id"])["data"]["page"]["id"] == expected
