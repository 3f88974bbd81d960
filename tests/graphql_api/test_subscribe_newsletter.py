"""``subscribeNewsletter`` over HTTP: the confirmation mail in the subscriber's language, every
field error with its code, the idempotency key, the honeypot, the rate limit, POST only, and the
same answer whatever the address's state (nothing tells a client who is subscribed)."""

import pytest
from django.utils import timezone

from site_pages.models import Subscriber
from tests.graphql_api import refusals
from tests.graphql_api.conftest import post_query

SUBSCRIBE = """
mutation Subscribe($input: SubscribeNewsletterInput!) {
  subscribeNewsletter(input: $input) {
    subscription { status }
    errors { field message code retryAfter }
    clientMutationId
  }
}
"""


def valid_input(**changes):
    return {"locale": "EN", "email": "Dewi@Example.org", **changes}


@pytest.fixture
def subscribe(site_tree, gql_data, django_capture_on_commit_callbacks):
    def run(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            return gql_data(SUBSCRIBE, input=valid_input(**changes))["subscribeNewsletter"]

    return run


def test_a_subscription_waits_for_the_link_mailed_in_the_readers_language(
    subscribe, site_tree, mailoutbox
):
    payload = subscribe(locale="JA", chapters=["india"])
    assert payload["errors"] == []
    assert payload["subscription"] == {"status": "CONFIRMATION_SENT"}
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "dewi@example.org"
    assert (subscriber.language, subscriber.confirmed) == ("ja", False)
    assert [chapter.slug for chapter in subscriber.chapters.all()] == ["india"]
    [message] = mailoutbox
    assert message.to == ["dewi@example.org"]
    assert message.subject == "さくらサイエンスクラブ・ニュースレターの購読を確認してください"
    assert "http://localhost/ja/newsletter/confirm/" in message.body


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"email": ""}, "email", "REQUIRED"),
        ({"email": "not an address"}, "email", "INVALID"),
        ({"chapters": ["atlantis"]}, "chapters", "INVALID"),
        ({"chapters": ["india"] * 51}, "chapters", "INVALID"),
        ({"clientMutationId": "k" * 101}, "clientMutationId", "TOO_LONG"),
    ],
)
def test_each_field_error_has_its_code(subscribe, changes, field, code, mailoutbox):
    payload = subscribe(**changes)
    assert payload["subscription"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)]
    assert payload["errors"][0]["message"]
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_errors_are_in_the_readers_language(subscribe):
    [error] = subscribe(locale="JA", email="nope")["errors"]
    assert error["message"] == "有効なメールアドレスを入力してください。"


def test_a_retried_request_mails_once(subscribe, mailoutbox):
    first = subscribe(clientMutationId="retry-1")
    again = subscribe(clientMutationId="retry-1")
    assert first == again
    assert Subscriber.objects.count() == 1
    assert len(mailoutbox) == 1


def test_an_address_already_subscribed_gets_the_same_answer_and_a_note(subscribe, mailoutbox):
    subscribe(locale="JA")
    Subscriber.objects.update(confirmed_at=timezone.now())
    mailoutbox.clear()
    payload = subscribe(locale="EN", chapters=["indonesia"])
    assert payload["subscription"] == {"status": "CONFIRMATION_SENT"}
    # A stranger cannot change a confirmed subscriber's language or chapters from here.
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "ja" and not subscriber.chapters.exists()
    [message] = mailoutbox
    assert message.subject == "さくらサイエンスクラブ・ニュースレターはすでに購読中です"
    assert "/ja/newsletter/unsubscribe/" in message.body


def test_the_honeypot_refuses_and_stores_nothing(subscribe, mailoutbox):
    payload = subscribe(website="http://spam.example")
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("website", "REJECTED")]
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_rate_limited_per_email_address_with_retry_after(subscribe, settings, mailoutbox):
    settings.SAKURA_SUBMISSION_RATES = {"per_address": "100/h", "per_email": "2/h"}
    error = refusals.rate_limited_after(subscribe, [{}, {}], {"locale": "JA"}, 3600)
    assert "分後" in error["message"]
    assert len(mailoutbox) == 2


def test_rate_limited_per_client_address(subscribe, settings, mailoutbox):
    settings.SAKURA_SUBMISSION_RATES = {"per_address": "2/m", "per_email": "100/h"}
    accepted = [{"email": f"reader{number}@example.org"} for number in range(2)]
    refusals.rate_limited_after(subscribe, accepted, {"email": "reader3@example.org"}, 60)
    assert Subscriber.objects.count() == 2 and len(mailoutbox) == 2


def test_a_body_over_the_limit_is_refused_with_413(site_tree, client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    big = valid_input(chapters=["india"] * 50, website="x" * 2000)
    refusals.too_large(post_query(client, SUBSCRIBE, {"input": big}))
    assert not Subscriber.objects.exists()


def test_the_mutation_is_refused_over_get(site_tree, client):
    refusals.over_get(client, SUBSCRIBE, {"input": valid_input()})
    assert not Subscriber.objects.exists()


def test_the_address_cannot_be_selected(subscribe, client):
    response = post_query(
        client,
        "mutation($input: SubscribeNewsletterInput!) { subscribeNewsletter(input: $input) "
        "{ subscription { status email } } }",
        {"input": valid_input(clientMutationId="k")},
    )
    assert response.json().get("data") is None
    assert "example.org" not in response.content.decode().lower()
