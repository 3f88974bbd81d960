"""Delta sync (graphql_api/sync.py): `changes(since:)` answers what was published, changed,
moved, unpublished or deleted since a time, one entry per page, with the page as readers get it
now or a tombstone; never a draft or a private page."""

import base64
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from graphql_api.core.ids import wagtail_id
from site_pages.models import ContentEvent
from tests import factories as f
from tests.conftest import publish
from tests.graphql_api.conftest import post_query

pytestmark = pytest.mark.django_db

CHANGES = """
query ($since: DateTime!, $locale: Locale, $types: [PageType!], $first: Int, $after: String) {
  changes(since: $since, locale: $locale, types: $types, first: $first, after: $after) {
    since until totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { kind id translationKey locale pageType at
      page { id title url isFallback ... on EventPage { city } } } }
  }
}
"""


def changes(client, since, **variables):
    body = post_query(client, CHANGES, {"since": since.isoformat(), **variables}).json()
    assert "errors" not in body, body["errors"]
    return body["data"]["changes"]


def entries(answer):
    return [edge["node"] for edge in answer["edges"]]


def by_id(answer):
    """Entries by their page's Wagtail id (a fallback's id adds the reader's language)."""
    return {wagtail_id(node["id"]): node for node in entries(answer)}


@pytest.fixture
def since(site_tree):
    return timezone.now()


def event(site_tree, title="Hanami reunion", **fields):
    return f.EventPageFactory(parent=site_tree.india, title=title, **fields)


def test_a_published_page_comes_with_its_fields_and_a_second_sync_is_empty(
    site_tree, client, since
):
    page = publish(event(site_tree, city="Pune"))
    answer = changes(client, since)
    [node] = entries(answer)
    assert node["kind"] == "PUBLISHED"
    assert node["id"] == str(page.pk)
    assert node["translationKey"] == str(page.translation_key)
    assert (node["locale"], node["pageType"]) == ("en", "EventPage")
    assert node["page"] == {
        "id": str(page.pk),
        "title": "Hanami reunion",
        "url": page.url,
        "isFallback": False,
        "city": "Pune",
    }
    assert answer["totalCount"] == 1

    assert entries(changes(client, timezone.datetime.fromisoformat(answer["until"]))) == []


def test_a_new_version_is_a_change_and_a_draft_never_shows(site_tree, client, since):
    page = publish(event(site_tree))
    middle = timezone.now()
    page.title = "Hanami reunion (moved indoors)"
    page.save_revision().publish()
    draft = Page.objects.get(pk=page.pk).specific
    draft.title = "Secret draft title"
    draft.save_revision()

    [node] = entries(changes(client, middle))
    assert node["kind"] == "CHANGED"
    assert node["page"]["title"] == "Hanami reunion (moved indoors)"
    # From the first time on, the page is still one entry, as it is now.
    [node] = entries(changes(client, since))
    assert node["page"]["title"] == "Hanami reunion (moved indoors)"

    unpublished_draft = event(site_tree, title="Never published", live=False)
    unpublished_draft.save_revision()
    assert [n["page"]["title"] for n in entries(changes(client, since))] == [
        "Hanami reunion (moved indoors)"
    ]


def test_unpublished_and_deleted_pages_are_tombstones(site_tree, client, since):
    kept = publish(event(site_tree, title="Kept"))
    withdrawn = publish(event(site_tree, title="Withdrawn"))
    deleted = publish(event(site_tree, title="Deleted"))
    middle = timezone.now()
    Page.objects.get(pk=withdrawn.pk).unpublish()
    Page.objects.get(pk=deleted.pk).delete()

    found = by_id(changes(client, middle))
    assert set(found) == {withdrawn.pk, deleted.pk}
    assert found[withdrawn.pk]["kind"] == "UNPUBLISHED"
    assert found[deleted.pk]["kind"] == "DELETED"
    for node in found.values():
        assert node["page"] is None
        assert node["pageType"] == "EventPage"

    # Published and deleted within the window: a tombstone, nothing of the page.
    found = by_id(changes(client, since))
    assert found[kept.pk]["kind"] == "PUBLISHED"
    assert found[deleted.pk]["kind"] == "DELETED"
    assert found[deleted.pk]["translationKey"] == str(deleted.translation_key)


def test_deleting_a_section_leaves_a_tombstone_for_every_page_in_it(site_tree, client):
    reunions = [publish(event(site_tree, title=f"Reunion {n}")) for n in range(3)]
    since = timezone.now()
    Page.objects.get(pk=site_tree.india.pk).delete()
    found = by_id(changes(client, since))
    assert set(found) == {site_tree.india.pk, *(page.pk for page in reunions)}
    assert {node["kind"] for node in found.values()} == {"DELETED"}


def test_a_page_made_private_is_a_tombstone_and_never_shows_its_content(site_tree, client, since):
    page = publish(event(site_tree, title="Members only"))
    middle = timezone.now()
    PageViewRestriction.objects.create(page=site_tree.india, restriction_type="login")

    found = by_id(changes(client, middle))
    assert found[page.pk]["kind"] == "UNPUBLISHED"
    assert found[site_tree.india.pk]["kind"] == "UNPUBLISHED"
    assert all(node["page"] is None for node in found.values())
    # Published while private: it never shows either.
    hidden = publish(event(site_tree, title="Also members only"))
    found = by_id(changes(client, since))
    assert found[hidden.pk]["page"] is None
    assert "Members only" not in str(found)


def test_a_moved_page_and_the_pages_below_it_have_their_new_addresses(site_tree, client):
    chapter = publish(f.ChapterPageFactory(parent=site_tree.chapters, slug="nepal", country="NP"))
    reunion = publish(f.EventPageFactory(parent=chapter, slug="first-reunion"))
    since = timezone.now()
    Page.objects.get(pk=chapter.pk).move(site_tree.events, pos="last-child")

    found = by_id(changes(client, since))
    assert {found[chapter.pk]["kind"], found[reunion.pk]["kind"]} == {"MOVED"}
    events_path = site_tree.events.url  # e.g. /en/network-events/
    assert found[reunion.pk]["page"]["url"] == f"{events_path}nepal/first-reunion/"


def test_changes_in_another_language_and_the_fallback(site_tree, client, since):
    japanese = Locale.objects.get(language_code="ja")
    page = publish(event(site_tree, title="Hanami reunion"))
    untranslated = publish(event(site_tree, title="Untranslated reunion"))
    translated = page.copy_for_translation(japanese, copy_parents=True)
    translated.title = "花見の同窓会"
    translated.save_revision().publish()

    found = by_id(changes(client, since, locale="JA"))
    # The English page and its Japanese version are one entry: the Japanese one.
    # (copy_parents made and published Japanese versions of the sections above it too)
    assert {translated.pk, untranslated.pk} <= set(found)
    assert page.pk not in found
    assert found[translated.pk]["page"]["title"] == "花見の同窓会"
    assert found[translated.pk]["locale"] == "ja"
    assert found[untranslated.pk]["page"]["isFallback"] is True
    assert found[untranslated.pk]["id"] == f"{untranslated.pk}@ja"

    # English readers never see the Japanese version.
    assert translated.pk not in by_id(changes(client, since, locale="EN"))

    # The translation withdrawn: Japanese readers get the English page again.
    middle = timezone.now()
    Page.objects.get(pk=translated.pk).unpublish()
    [node] = entries(changes(client, middle, locale="JA"))
    assert node["kind"] == "CHANGED"
    assert node["page"]["id"] == node["id"] == f"{page.pk}@ja"
    assert node["page"]["isFallback"] is True


def test_types_limit_the_page_types(site_tree, client, since):
    reunion = publish(event(site_tree))
    publish(f.StandardPageFactory(parent=site_tree.home, title="About"))
    found = by_id(changes(client, since, types=["EVENT_PAGE"]))
    assert set(found) == {reunion.pk}
    body = post_query(client, CHANGES, {"since": since.isoformat(), "types": ["Nonsense"]}).json()
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "'PageType' enum" in body["errors"][0]["message"]


def test_pages_of_a_sync_come_from_one_window(site_tree, client, since):
    pages = [publish(event(site_tree, title=f"Reunion {n}")) for n in range(5)]
    first = changes(client, since, first=2)
    assert first["totalCount"] == 5
    assert first["pageInfo"]["hasNextPage"] is True
    # Published meanwhile: belongs to the next sync, and does not shift this one's pages.
    pages[0].title = "Reunion 0, revised"
    pages[0].save_revision().publish()
    late = publish(event(site_tree, title="Late reunion"))

    seen, answer = entries(first), first
    while answer["pageInfo"]["hasNextPage"]:
        answer = changes(client, since, first=2, after=answer["pageInfo"]["endCursor"])
        assert answer["until"] == first["until"]
        seen += entries(answer)
    assert [node["page"]["title"] for node in seen][1:] == [f"Reunion {n}" for n in range(1, 5)]
    assert late.pk not in {wagtail_id(node["id"]) for node in seen}

    following = by_id(changes(client, timezone.datetime.fromisoformat(first["until"])))
    assert set(following) == {pages[0].pk, late.pk}


def test_a_since_older_than_the_kept_changes_asks_for_a_full_refresh(site_tree, client, settings):
    settings.SAKURA_SYNC_RETENTION_DAYS = 30
    since = timezone.now() - timedelta(days=31)
    body = post_query(client, CHANGES, {"since": since.isoformat()}).json()
    [error] = body["errors"]
    assert error["extensions"]["code"] == "SYNC_EXPIRED"
    assert "full refresh" in error["message"]
    assert error["extensions"]["oldest"]


def forged(text):
    return base64.urlsafe_b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        "bm90LWEtY3Vyc29y",
        # Past what the database holds: an offset, or a time before the first or after the
        # last datetime once in UTC (each answered "Unexpected error." before).
        forged("changes:2026-01-01T00:00:00+00:00|99999999999999999999"),
        forged("changes:9999-12-31T23:59:59-14:00|1"),
        forged("changes:0001-01-01T00:00:00+14:00|1"),
        # Text no answer holds.
        forged("changes:2026-01-01T00:00:00+00:00| 1"),
        forged("changes:2026-01-01 00:00:00+00:00|1"),
    ],
)
def test_a_bad_cursor_is_refused(site_tree, client, since, cursor):
    body = post_query(client, CHANGES, {"since": since.isoformat(), "after": cursor}).json()
    assert body["errors"][0]["extensions"] == {"code": "INVALID_ARGUMENT"}
    assert "endCursor" in body["errors"][0]["message"]


def test_scheduled_expiry_and_go_live_are_changes(site_tree, client, since):
    expiring = publish(event(site_tree, title="Expiring"))
    scheduled = event(site_tree, title="Scheduled", live=False)
    scheduled.go_live_at = timezone.now() + timedelta(hours=1)
    scheduled.save_revision().publish()
    assert scheduled.pk not in by_id(changes(client, since))

    Page.objects.filter(pk=expiring.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    revision = scheduled.get_latest_revision()
    past = timezone.now() - timedelta(seconds=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    middle = timezone.now()
    call_command("publish_scheduled", verbosity=0)

    found = by_id(changes(client, middle))
    assert found[expiring.pk]["kind"] == "UNPUBLISHED"
    assert found[scheduled.pk]["kind"] == "PUBLISHED"
    assert found[scheduled.pk]["page"]["title"] == "Scheduled"


def test_an_answer_is_cached_until_the_next_change(site_tree, client, since):
    publish(event(site_tree, title="First"))
    assert len(entries(changes(client, since))) == 1
    assert len(entries(changes(client, since))) == 1
    second = publish(event(site_tree, title="Second"))
    assert len(entries(changes(client, since))) == 2
    Page.objects.get(pk=second.pk).unpublish()
    assert by_id(changes(client, since))[second.pk]["kind"] == "UNPUBLISHED"
    Page.objects.get(pk=second.pk).delete()
    assert by_id(changes(client, since))[second.pk]["kind"] == "DELETED"


def test_old_events_are_pruned_daily(site_tree, settings):
    from site_pages.content_events import prune

    settings.SAKURA_SYNC_RETENTION_DAYS = 30
    page = publish(event(site_tree))
    ContentEvent.objects.filter(page_id=page.pk).update(at=timezone.now() - timedelta(days=31))
    recent = publish(event(site_tree, title="Recent"))
    before = ContentEvent.objects.count()
    assert prune() == 1
    assert ContentEvent.objects.count() == before - 1
    assert not ContentEvent.objects.filter(page_id=page.pk).exists()
    assert ContentEvent.objects.filter(page_id=recent.pk).exists()


def test_the_query_count_does_not_grow_with_the_changes(site_tree, query_count, settings):
    from tests.bulk_content import ContentBuilder
    from tests.graphql_api.test_query_counts import EVENT_FIELDS

    settings.SAKURA_IMAGE_RENDITION_BUDGET = 10_000  # measured once every rendition exists
    builder = ContentBuilder(site_tree)
    since = timezone.now()
    query = f"""query ($since: DateTime!) {{ changes(since: $since, first: 50) {{
        until totalCount edges {{ node {{ kind id translationKey locale pageType at
            page {{ {EVENT_FIELDS} }} }} }} }} }}"""
    variables = {"since": since.isoformat()}

    def add():
        publish(builder.event())
        gone = publish(builder.event())
        Page.objects.get(pk=gone.pk).delete()

    def changes(body):
        return len(body["data"]["changes"]["edges"])

    query_count.compare(add, query, 26, changes, (2, 20), variables)
