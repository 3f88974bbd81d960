"""The shared response cache: anonymous answers are kept, spacing does not split them, every
change readers could see drops them on every app server (they share the cache), and a cache
that is down only costs speed."""

import logging
import pickle
import time
import uuid
from datetime import timedelta
from unittest import mock
from urllib.parse import urlencode

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction, Revision
from wagtail_localize.models import Translation, TranslationSource

from graphql_api import response_cache
from site_pages import cache_tags, scheduling
from site_pages import models as m
from tests import factories as f
from tests.graphql_api.conftest import post_query

QUERY = """
query Network {
  chapters { edges { node { title url heroImage { alt } } } }
  mentors { edges { node { name } } }
  settings { contactEmail newsletterUrl }
}
"""
# The same document, spaced and commented differently.
RESPACED = "# the network\nquery Network{chapters{edges{node{title url heroImage{alt}}}} " + (
    "mentors{edges{node{name}}} settings{contactEmail newsletterUrl}}"
)


def run(client, query=QUERY, **variables):
    with CaptureQueriesContext(connection) as queries:
        response = post_query(client, query, variables)
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body
    return body["data"], len(queries)


@pytest.fixture
def network(site_tree):
    f.MentorFactory(name="Aiko Tanaka")
    # The settings row is made on first read, which counts as a change: make it beforehand.
    settings = m.NetworkSettings.for_site(site_tree.home.get_site())
    settings.contact = m.NetworkContact.objects.create(
        locale=site_tree.home.locale, name="Secretariat", contact_email="office@example.org"
    )
    settings.save()
    return site_tree


def titles(data):
    return [edge["node"]["title"] for edge in data["chapters"]["edges"]]


def test_a_repeated_anonymous_query_is_answered_from_the_cache(client, network):
    first, cold = run(client)
    second, warm = run(client, RESPACED)
    assert second == first
    assert warm < cold
    # No query at all: the host stands for the site in the key.
    assert warm == 0, warm
    assert client.get("/graphql/", {"query": QUERY}).json()["data"] == first


def test_other_variables_or_documents_are_other_answers(client, network):
    query = "query($slug: String!) { chapter(slug: $slug) { title } }"
    india, _ = run(client, query, slug="india")
    indonesia, _ = run(client, query, slug="indonesia")
    assert india["chapter"]["title"] == "India"
    assert indonesia["chapter"]["title"] == "Indonesia"


# Answers that use one part of the content each: a change drops those that used it, and the
# others stay kept.
CHAPTERS = "{ chapters { edges { node { title url heroImage { alt } } } } }"
MENTORS = "{ mentors { edges { node { name } } } }"
SETTINGS = "{ settings { contactEmail newsletterUrl } }"
INDONESIA = '{ page(path: "chapters/indonesia") { title url } }'
INDIA_JA = '{ page(path: "chapters/india", locale: JA) { title locale isFallback } }'


def kept(client, query):
    """Whether ``query`` is answered from the cache, running no query; an answer that is not
    kept reads its content in several queries, so a single query is neither."""
    _data, queries = run(client, query)
    assert queries != 1, f"{query}: one query, neither kept nor run"
    return queries == 0


def change_title(tree):
    tree.india.title = "India (ISCA)"
    tree.india.save_revision().publish()
    return CHAPTERS, lambda data: "India (ISCA)" in titles(data)


def unpublish(tree):
    tree.india.unpublish()
    return CHAPTERS, lambda data: "India" not in titles(data)


def delete(tree):
    tree.india.delete()
    return CHAPTERS, lambda data: "India" not in titles(data)


def move(tree):
    tree.india.move(tree.archive, pos="last-child")
    return CHAPTERS, lambda data: any(
        "/archive/india/" in edge["node"]["url"] for edge in data["chapters"]["edges"]
    )


def new_chapter(tree):
    f.ChapterPageFactory(parent=tree.chapters, title="Nepal", slug="nepal", country="NP")
    return CHAPTERS, lambda data: "Nepal" in titles(data)


def rename_snippet(tree):
    mentor = m.Mentor.objects.get(name="Aiko Tanaka")
    mentor.name = "Aiko Tanaka-Sato"
    mentor.save()
    return MENTORS, lambda data: data["mentors"]["edges"][0]["node"]["name"] == "Aiko Tanaka-Sato"


def new_snippet(tree):
    f.MentorFactory(name="Budi Santoso")
    return MENTORS, lambda data: len(data["mentors"]["edges"]) == 2


def change_setting(tree):
    settings = m.NetworkSettings.for_site(tree.home.get_site())
    settings.newsletter_url = "https://lists.example.org/alumni"
    settings.save()
    return (
        SETTINGS,
        lambda data: data["settings"]["newsletterUrl"] == ("https://lists.example.org/alumni"),
    )


def change_contact(tree):
    contact = m.NetworkSettings.for_site(tree.home.get_site()).contact
    contact.contact_email = "alumni@example.org"
    contact.save()
    return SETTINGS, lambda data: data["settings"]["contactEmail"] == "alumni@example.org"


def change_image(tree):
    tree.hero.description = "Alumni at the 2nd reunion"
    tree.hero.save()
    return CHAPTERS, lambda data: any(
        (edge["node"]["heroImage"] or {}).get("alt") == "Alumni at the 2nd reunion"
        for edge in data["chapters"]["edges"]
    )


def scheduled_go_live(tree):
    """A new title approved for a go-live time that has come, published by the scheduler's
    task (Wagtail's publish_scheduled)."""
    page = m.ChapterPage.objects.get(pk=tree.india.pk)
    page.title = "India (ISCA)"
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()
    past = timezone.now() - timedelta(seconds=1)
    revision = Revision.objects.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    scheduling.publish_scheduled_content.call()
    return CHAPTERS, lambda data: "India (ISCA)" in titles(data)


def scheduled_expiry(tree):
    """An expiry that passed after the answer was kept (set without a save, as the clock
    would), acted on by the scheduler's task."""
    Page.objects.filter(pk=tree.india.pk).update(expire_at=timezone.now() - timedelta(seconds=1))
    scheduling.publish_scheduled_content.call()
    assert not Page.objects.get(pk=tree.india.pk).live
    return CHAPTERS, lambda data: "India" not in titles(data)


def translation_sync(tree):
    """India translated into Japanese by wagtail-localize's sync (a draft, with its language's
    home and section as aliases), then published."""
    japanese = Locale.objects.get(language_code="ja")
    source, _ = TranslationSource.get_or_create_from_instance(tree.india)
    Translation.objects.create(source=source, target_locale=japanese).save_target(publish=True)
    tree.india.get_translation(japanese).specific.save_revision().publish()
    return INDIA_JA, lambda data: data["page"]["locale"] == "ja" and not data["page"]["isFallback"]


EVENTS = [
    (change_title, INDONESIA),
    (unpublish, INDONESIA),
    (delete, INDONESIA),
    (move, INDONESIA),
    (new_chapter, MENTORS),
    (rename_snippet, CHAPTERS),
    (new_snippet, SETTINGS),
    (change_setting, CHAPTERS),
    (change_contact, MENTORS),
    (change_image, MENTORS),
    (scheduled_go_live, INDONESIA),
    (scheduled_expiry, MENTORS),
    (translation_sync, INDONESIA),
]


@pytest.fixture
def tagged(network):
    """The network with a hero image on India and a page to move chapters into."""
    network.hero = wagtail_factories.ImageFactory(title="Reunion")
    network.india.hero_image = network.hero
    network.india.save_revision().publish()
    network.india = m.ChapterPage.objects.get(pk=network.india.pk)
    network.archive = f.StandardPageFactory(parent=network.home, title="Archive")
    return network


@pytest.mark.parametrize(
    ("change", "unrelated"), EVENTS, ids=[change.__name__ for change, _ in EVENTS]
)
def test_a_change_drops_the_answers_that_used_it_and_keeps_the_others(
    client, tagged, change, unrelated
):
    for query in (CHAPTERS, MENTORS, SETTINGS, INDONESIA, INDIA_JA):
        run(client, query)
        assert kept(client, query), query
    query, shows_change = change(tagged)
    data, queries = run(client, query)
    assert shows_change(data), data
    assert queries > 1
    assert kept(client, query)
    assert kept(client, unrelated), f"{unrelated} was dropped by {change.__name__}"


def test_privacy_changes_drop_every_answer(client, tagged):
    """A view restriction hides a whole subtree in every language: the generation moves."""
    run(client, CHAPTERS)
    run(client, MENTORS)
    PageViewRestriction.objects.create(
        page=tagged.india, restriction_type=PageViewRestriction.PASSWORD, password="sesame"
    )
    assert not kept(client, MENTORS)
    data, _ = run(client, CHAPTERS)
    assert titles(data) == ["Indonesia"]


def test_a_scheduled_expiry_bounds_how_long_an_answer_is_kept(client, network, settings):
    network.indonesia.expire_at = timezone.now() + timedelta(seconds=90)
    network.indonesia.save()
    cache = response_cache.response_cache()
    with mock.patch.object(cache, "set", wraps=cache.set) as kept_for:
        run(client)
    ((_key, _entry), options) = kept_for.call_args
    assert 0 < options["timeout"] <= 90
    assert settings.SAKURA_RESPONSE_CACHE["TIMEOUT"] > 90


def test_a_draft_or_a_members_submission_drops_nothing(client, tagged):
    run(client, CHAPTERS)
    draft = m.ChapterPage.objects.get(pk=tagged.india.pk)
    draft.title = "India (draft)"
    draft.save_revision()
    f.MemberVoicePageFactory(parent=tagged.voices, title="A new voice", live=False)
    assert kept(client, CHAPTERS)


def test_an_answer_computed_while_content_changed_is_not_kept(client, tagged):
    """The versions read after computing an answer may be newer than the rows it read."""
    original = response_cache.lookup

    def change_meanwhile(request):
        found = original(request)
        change_title(tagged)
        return found

    with mock.patch.object(response_cache, "lookup", change_meanwhile):
        run(client, INDONESIA)
    assert not kept(client, INDONESIA)


def test_signed_in_readers_are_never_shared(client, network, users):
    client.force_login(users["secretariat"])
    with mock.patch.object(response_cache, "store") as store:
        run(client)
        run(client)
    store.assert_not_called()


def test_only_reads_are_kept():
    assert response_cache.normalised_query("{ chapters { totalCount } }", None)
    assert response_cache.normalised_query("mutation { x }", None) is None
    assert response_cache.normalised_query("query A { a } mutation B { b }", "B") is None
    assert response_cache.normalised_query("{ broken", None) is None


def test_answers_with_errors_are_not_kept(client, network):
    query = "{ chapters(first: -1) { totalCount } }"
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            body = post_query(client, query).json()
        assert body["errors"][0]["extensions"]["code"] == "INVALID_ARGUMENT"
    assert len(queries) >= 1
    assert not any(
        key.startswith(":1:graphql-response:")
        for key in response_cache.response_cache()._cache  # locmem's own store
    )


def test_app_servers_sharing_redis_agree_at_once(client, tagged, two_servers):
    server, serve_from = two_servers
    serve_from("server-a")
    run(client, CHAPTERS)
    run(client, INDONESIA)
    prefix = server.key("graphql-response:").encode()
    assert any(key.startswith(prefix) for key in server.stored())

    serve_from("server-b")
    assert kept(client, CHAPTERS), "kept by server A, found by server B"
    assert kept(client, INDONESIA)

    serve_from("server-a")
    change_title(tagged)
    # The tag versions moved in Redis itself, where every server reads them.
    assert server.client.get(server.key(cache_tags.CHANGES_KEY)) is not None

    serve_from("server-b")
    data, queries = run(client, CHAPTERS)
    assert "India (ISCA)" in titles(data)
    assert queries > 1
    assert kept(client, INDONESIA), "an answer that did not use India stays kept"


@pytest.mark.parametrize(
    ("change", "unrelated"), EVENTS, ids=[change.__name__ for change, _ in EVENTS]
)
def test_every_change_reaches_the_other_app_server_sharing_redis(
    client, tagged, two_servers, change, unrelated
):
    """Answers kept by server A; the change is made on server A; server B, which shares A's
    Redis, answers it fresh and still serves the answer the change did not touch."""
    _server, serve_from = two_servers
    serve_from("server-a")
    for each in (CHAPTERS, MENTORS, SETTINGS, INDONESIA, INDIA_JA):
        run(client, each)
    query, shows_change = change(tagged)
    serve_from("server-b")
    data, queries = run(client, query)
    assert shows_change(data), data
    assert queries > 1
    assert kept(client, unrelated), f"{unrelated} was dropped by {change.__name__}"


@pytest.mark.usefixtures("response_cache_down")
def test_a_cache_that_is_down_costs_speed_not_answers(client, network, caplog):
    with caplog.at_level(logging.WARNING):
        first, _cold = run(client)
        second, again = run(client)
        change_title(network)
    assert second == first
    assert again > 1, "answered by running the query"
    messages = [record.getMessage() for record in caplog.records]
    assert any("Response cache unreachable" in message for message in messages)
    assert any("could not record a content change" in message for message in messages)
    assert "India (ISCA)" in titles(run(client)[0])


def test_the_cache_can_be_switched_off(client, network, settings):
    settings.SAKURA_RESPONSE_CACHE = {**settings.SAKURA_RESPONSE_CACHE, "TIMEOUT": 0}
    with mock.patch.object(response_cache, "store") as store:
        run(client)
        _data, second = run(client)
    store.assert_not_called()
    assert second > 1


def test_a_member_submission_does_not_drop_kept_answers(network):
    from site_pages.content_changes import generation

    before = generation()
    m.MentorQuestion.objects.create(
        question="How do I find a lab in Japan?",
        topic=m.QuestionTopic.values[0],
        name="Ravi",
        email="ravi@example.org",
        language="en",
        idempotency_key=uuid.uuid4().hex,
    )
    assert generation() == before


EVENTS_WITH_GALLERIES = """
{ chapters { edges { node { title events(first: 10) { edges { node {
  title gallery { caption }
} } } } } } }
"""


def test_a_listing_answer_is_checked_against_the_listings_versions(client, tagged):
    """An answer that read the events listing is kept with the listing's version instead of
    every event's: each change of an event moves it, a gallery row saved on its own too."""
    event = f.EventPageFactory(parent=tagged.india, title="2nd ISCA reunion")
    row = m.EventGalleryImage.objects.create(
        event=event, image=tagged.hero, caption="The opening talk"
    )
    run(client, EVENTS_WITH_GALLERIES)
    assert kept(client, EVENTS_WITH_GALLERIES)
    (entry,) = (
        value
        for key, value in response_cache.response_cache()._cache.items()  # locmem's own store
        if key.startswith(":1:graphql-response:") and not key.endswith(":stamp")
    )
    versions = pickle.loads(entry)["versions"]
    assert "list:site_pages.eventpage" in versions
    assert not any(tag.startswith("page:") for tag in versions), versions

    row.caption = "The closing talk"
    row.save()
    data, queries = run(client, EVENTS_WITH_GALLERIES)
    assert queries > 1
    assert "The closing talk" in str(data)


def test_a_hit_reads_three_small_values_while_nothing_changed(client, tagged):
    run(client, CHAPTERS)
    run(client, CHAPTERS)
    cache = response_cache.response_cache()
    with (
        mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many,
        mock.patch.object(cache, "get", wraps=cache.get) as get,
    ):
        assert kept(client, CHAPTERS)
    ((keys,), _options) = get_many.call_args
    assert get_many.call_count == 1
    (stamp,) = (key for key in keys if key.endswith(":stamp"))
    assert len(keys) == 3, keys
    # The entry itself is not read again (locmem's get_many reads each key with get).
    assert stamp.removesuffix(":stamp") not in {call.args[0] for call in get.call_args_list}


def test_a_flushed_cache_drops_what_a_process_remembers(client, tagged):
    run(client, CHAPTERS)
    assert kept(client, CHAPTERS)
    response_cache.response_cache().clear()
    assert not kept(client, CHAPTERS)


@pytest.fixture
def recheck_window(settings):
    """The production setting: an answer checked less than RECHECK_SECONDS ago is served
    without asking the shared cache (long here, so that the test decides when it passes)."""
    settings.SAKURA_RESPONSE_CACHE = {**settings.SAKURA_RESPONSE_CACHE, "RECHECK_SECONDS": 30}


def later(seconds):
    """The monotonic clock ``seconds`` ahead, for kept_answers' recheck window."""
    now = time.monotonic()
    return mock.patch("site_pages.kept_answers.time.monotonic", return_value=now + seconds)


@pytest.mark.usefixtures("recheck_window")
def test_an_answer_checked_lately_is_served_without_asking_the_cache(client, tagged):
    run(client, CHAPTERS)
    assert kept(client, CHAPTERS)
    cache = response_cache.response_cache()
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many:
        assert kept(client, CHAPTERS)
    get_many.assert_not_called()
    with later(31), mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many:
        assert kept(client, CHAPTERS)
    get_many.assert_called_once()


@pytest.mark.usefixtures("recheck_window")
def test_another_servers_change_arrives_within_the_recheck_window(client, tagged, monkeypatch):
    run(client, CHAPTERS)
    assert kept(client, CHAPTERS)
    # Another app server publishes: the shared cache's versions move, and this process has
    # made no change of its own (its note of the last local change stays where it was).
    monkeypatch.setattr(cache_tags, "_last_local_change", cache_tags.last_local_change())
    with mock.patch.object(cache_tags, "note_local_change"):
        change_title(tagged)
    data, _queries = run(client, CHAPTERS)
    assert "India (ISCA)" not in titles(data), "still within the window"
    with later(31):
        data, queries = run(client, CHAPTERS)
    assert "India (ISCA)" in titles(data)
    assert queries > 1


@pytest.mark.usefixtures("recheck_window")
def test_a_change_made_in_this_process_is_seen_at_once(client, tagged):
    run(client, CHAPTERS)
    assert kept(client, CHAPTERS)
    change_title(tagged)
    data, queries = run(client, CHAPTERS)
    assert "India (ISCA)" in titles(data)
    assert queries > 1


def test_a_kept_answer_goes_out_with_the_etag_of_its_bytes(client, tagged):
    url = "/graphql/?" + urlencode({"query": CHAPTERS})
    first = client.get(url)
    with mock.patch("django.middleware.http.set_response_etag") as hashed:
        hit = client.get(url)
    hashed.assert_not_called()
    assert hit.content == first.content
    assert hit["ETag"] == first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
