"""The shared response cache: anonymous answers are kept, spacing does not split them, every
change readers could see drops them on every app server (they share the cache), and a cache
that is down only costs speed."""

import logging
import uuid
from datetime import timedelta
from unittest import mock

import pytest
import redis
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from graphql_api import response_cache
from site_pages import models as m
from site_pages.content_changes import GENERATION_KEY
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
    # Finding the request's site is all that is left (no content query runs).
    assert warm <= 1, warm
    assert client.get("/graphql/", {"query": QUERY}).json()["data"] == first


def test_other_variables_or_documents_are_other_answers(client, network):
    query = "query($slug: String!) { chapter(slug: $slug) { title } }"
    india, _ = run(client, query, slug="india")
    indonesia, _ = run(client, query, slug="indonesia")
    assert india["chapter"]["title"] == "India"
    assert indonesia["chapter"]["title"] == "Indonesia"


def change_title(tree):
    tree.india.title = "India (ISCA)"
    tree.india.save_revision().publish()
    return lambda data: "India (ISCA)" in titles(data)


def unpublish(tree):
    tree.india.unpublish()
    return lambda data: "India" not in titles(data)


def delete(tree):
    tree.india.delete()
    return lambda data: "India" not in titles(data)


def move(tree):
    elsewhere = f.StandardPageFactory(parent=tree.home, title="Archive")
    tree.india.move(elsewhere, pos="last-child")
    return lambda data: any(
        "/archive/india/" in edge["node"]["url"] for edge in data["chapters"]["edges"]
    )


def restrict(tree):
    PageViewRestriction.objects.create(
        page=tree.india, restriction_type=PageViewRestriction.PASSWORD, password="sesame"
    )
    return lambda data: "India" not in titles(data)


def rename_snippet(tree):
    mentor = m.Mentor.objects.get(name="Aiko Tanaka")
    mentor.name = "Aiko Tanaka-Sato"
    mentor.save()
    return lambda data: data["mentors"]["edges"][0]["node"]["name"] == "Aiko Tanaka-Sato"


def change_setting(tree):
    settings = m.NetworkSettings.for_site(tree.home.get_site())
    settings.newsletter_url = "https://lists.example.org/alumni"
    settings.save()
    return lambda data: data["settings"]["newsletterUrl"] == "https://lists.example.org/alumni"


def change_contact(tree):
    contact = m.NetworkSettings.for_site(tree.home.get_site()).contact
    contact.contact_email = "alumni@example.org"
    contact.save()
    return lambda data: data["settings"]["contactEmail"] == "alumni@example.org"


def change_image(tree):
    image = wagtail_factories.ImageFactory(title="Old title")
    tree.india.hero_image = image
    tree.india.save_revision().publish()
    return image


@pytest.mark.parametrize(
    "change",
    [
        change_title,
        unpublish,
        delete,
        move,
        restrict,
        rename_snippet,
        change_setting,
        change_contact,
    ],
    ids=lambda change: change.__name__,
)
def test_every_change_readers_could_see_drops_kept_answers(client, network, change):
    run(client)
    shows_change = change(network)
    data, queries = run(client)
    assert shows_change(data), data
    assert queries > 1


def test_an_image_edit_drops_kept_answers(client, network):
    image = change_image(network)
    run(client)
    image.description = "Alumni at the 2nd reunion"
    image.save()
    data, _ = run(client)
    alts = [(edge["node"]["heroImage"] or {}).get("alt") for edge in data["chapters"]["edges"]]
    assert "Alumni at the 2nd reunion" in alts


def test_a_scheduled_expiry_bounds_how_long_an_answer_is_kept(client, network, settings):
    network.indonesia.expire_at = timezone.now() + timedelta(seconds=90)
    network.indonesia.save()
    cache = response_cache.response_cache()
    with mock.patch.object(cache, "set", wraps=cache.set) as kept:
        run(client)
    ((_key, _content), options) = kept.call_args
    assert 0 < options["timeout"] <= 90
    assert settings.SAKURA_RESPONSE_CACHE["TIMEOUT"] > 90


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


@pytest.fixture
def shared_redis(settings):
    """The responses cache on the machine's real Redis, as several app servers share it."""
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "responses": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
            "KEY_PREFIX": prefix,
        },
    }
    client = redis.Redis.from_url("redis://127.0.0.1:6379/14")
    yield client, prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_app_servers_sharing_redis_see_a_change_at_once(client, network, shared_redis):
    server, prefix = shared_redis
    _first, cold = run(client)
    _again, warm = run(client)
    assert warm < cold
    kept = f"{prefix}:1:graphql-response:".encode()
    assert any(key.startswith(kept) for key in server.scan_iter())
    before = int(server.get(f"{prefix}:1:{GENERATION_KEY}"))

    change_title(network)
    # The generation every server reads moved in Redis itself.
    assert int(server.get(f"{prefix}:1:{GENERATION_KEY}")) > before
    data, _ = run(client)
    assert "India (ISCA)" in titles(data)


def test_a_cache_that_is_down_costs_speed_not_answers(client, network, settings, caplog):
    settings.CACHES = {
        **settings.CACHES,
        "responses": {
            "BACKEND": "django_redis.cache.RedisCache",
            # Nothing listens on port 1.
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        },
    }
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
