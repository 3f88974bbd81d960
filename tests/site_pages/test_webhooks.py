"""Publish webhooks (site_pages/webhooks.py): content events delivered by the real worker to a
real HTTP receiver on loopback, signed, retried with backoff, logged; the admin only for the
Secretariat and superusers; addresses inside the server's network refused in production."""

import hashlib
import hmac
import json
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale, Page

from site_pages.models import DeliveryStatus, Webhook, WebhookDelivery
from site_pages.webhooks import retry_delay
from tests import factories as f
from tests.conftest import WORKER_DB, make_user, publish
from tests.webhook_receiver import LoopbackReceiver

SECRET = "receiver-shared-secret"


def verify(secret, headers, body):
    """What the docs tell receivers to do (docs/graphql.md, "Webhooks")."""
    timestamp = headers["X-Sakura-Timestamp"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return hmac.compare_digest("sha256=" + expected.hexdigest(), headers["X-Sakura-Signature"])


def webhook(url, **fields):
    locales = fields.pop("locales", [])
    hook = Webhook.objects.create(name="Mobile app", url=url, secret=SECRET, **fields)
    hook.locales.set(locales)
    return hook


@WORKER_DB
def test_a_publish_is_delivered_signed_and_logged(site_tree, task_worker):
    with LoopbackReceiver(answers=[(200, b'{"thanks": true}')]) as receiver:
        hook = webhook(receiver.url)
        page = publish(f.EventPageFactory(parent=site_tree.india, title="Private title words"))
        task_worker()

    [delivery] = receiver.received
    assert delivery.path == "/hooks/sakura"
    assert verify(SECRET, delivery.headers, delivery.body)
    assert not verify("another secret", delivery.headers, delivery.body)
    assert abs(int(delivery.headers["X-Sakura-Timestamp"]) - timezone.now().timestamp()) < 60
    body = json.loads(delivery.body)
    assert body["event"] == "published"
    assert body["test"] is False
    assert body["page"] == {
        "id": page.pk,
        "translationKey": str(page.translation_key),
        "locale": "en",
        "type": "EventPage",
        "url": page.full_url,
    }
    assert "Private title words" not in delivery.body.decode()  # no content, only what changed

    [log] = WebhookDelivery.objects.filter(webhook=hook)
    assert (log.status, log.attempt, log.response_code) == (DeliveryStatus.DELIVERED, 1, 200)
    assert log.response_body == '{"thanks": true}'
    assert log.duration_ms is not None
    assert str(log.delivery_id) == delivery.headers["X-Sakura-Delivery"]


@WORKER_DB
def test_a_failed_delivery_is_tried_again_until_it_succeeds(site_tree, task_worker, settings):
    settings.SAKURA_WEBHOOK_RETRY_SECONDS = 0  # due at once, so one worker run does both
    with LoopbackReceiver(answers=[(500, b"database down"), (204, b"")]) as receiver:
        hook = webhook(receiver.url)
        publish(f.EventPageFactory(parent=site_tree.india))
        task_worker()

    first, second = receiver.received
    assert first.headers["X-Sakura-Delivery"] == second.headers["X-Sakura-Delivery"]
    assert first.body == second.body
    assert verify(SECRET, second.headers, second.body)
    logs = list(WebhookDelivery.objects.filter(webhook=hook).order_by("attempt"))
    assert [(log.attempt, log.status, log.response_code) for log in logs] == [
        (1, DeliveryStatus.RETRYING, 500),
        (2, DeliveryStatus.DELIVERED, 204),
    ]
    assert logs[0].response_body == "database down"


@WORKER_DB
def test_retries_back_off_and_stop_after_the_last_attempt(site_tree, task_worker, settings):
    settings.SAKURA_WEBHOOK_RETRY_SECONDS = 30
    settings.SAKURA_WEBHOOK_MAX_ATTEMPTS = 2
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    with LoopbackReceiver(answers=[(503, b"busy")]) as receiver:
        hook = webhook(receiver.url)
        publish(f.EventPageFactory(parent=site_tree.india))
        task_worker()
        assert len(receiver.received) == 1
        [retry] = DBTaskResult.objects.filter(task_path__endswith="deliver_webhook", status="READY")
        wait = retry.run_after - timezone.now()
        assert timedelta(seconds=25) < wait <= timedelta(seconds=30)
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        task_worker()

    assert len(receiver.received) == 2
    statuses = WebhookDelivery.objects.filter(webhook=hook).order_by("attempt")
    assert [log.status for log in statuses] == [DeliveryStatus.RETRYING, DeliveryStatus.FAILED]
    assert not DBTaskResult.objects.filter(task_path__endswith="deliver_webhook", status="READY")


@WORKER_DB
def test_webhooks_get_only_the_events_and_languages_they_chose(site_tree, task_worker):
    japanese = Locale.objects.get(language_code="ja")
    with LoopbackReceiver() as deletions, LoopbackReceiver() as japanese_only:
        webhook(deletions.url, events=["deleted"])
        webhook(japanese_only.url, locales=[japanese])
        page = publish(f.EventPageFactory(parent=site_tree.india, title="Reunion"))
        task_worker()
        assert deletions.received == japanese_only.received == []

        translated = page.copy_for_translation(japanese, copy_parents=True)
        translated.save_revision().publish()
        Page.objects.get(pk=page.pk).delete()
        task_worker()

    kinds = {json.loads(d.body)["event"] for d in deletions.received}
    assert kinds == {"deleted"}
    assert page.pk in {json.loads(d.body)["page"]["id"] for d in deletions.received}
    assert {json.loads(d.body)["page"]["locale"] for d in japanese_only.received} == {"ja"}
    assert translated.pk in {json.loads(d.body)["page"]["id"] for d in japanese_only.received}


@WORKER_DB
def test_an_inactive_webhook_gets_nothing(site_tree, task_worker):
    with LoopbackReceiver() as receiver:
        webhook(receiver.url, active=False)
        publish(f.EventPageFactory(parent=site_tree.india))
        task_worker()
    assert receiver.received == []


@WORKER_DB
def test_a_slow_receiver_times_out_and_is_logged(site_tree, task_worker, settings):
    settings.SAKURA_WEBHOOK_TIMEOUT = 0.3
    settings.SAKURA_WEBHOOK_MAX_ATTEMPTS = 1
    with LoopbackReceiver(delay=1.5) as receiver:
        hook = webhook(receiver.url)
        publish(f.EventPageFactory(parent=site_tree.india))
        task_worker()
    [log] = WebhookDelivery.objects.filter(webhook=hook)
    assert log.status == DeliveryStatus.FAILED
    assert log.response_code is None
    assert "timed out" in log.error


@WORKER_DB
def test_the_send_test_button_delivers_a_test_event(site_tree, task_worker, client, settings):
    secretariat = make_user("secretariat", settings.SAKURA_SECRETARIAT_GROUP)
    client.force_login(secretariat)
    with LoopbackReceiver(answers=[(200, b"pong")]) as receiver:
        hook = webhook(receiver.url, events=["deleted"])
        response = client.post(f"/admin/webhooks/{hook.pk}/send-test/")
        assert response.status_code == 302
        task_worker()

    [delivery] = receiver.received
    body = json.loads(delivery.body)
    assert (body["event"], body["test"], body["page"]) == ("test", True, None)
    assert verify(SECRET, delivery.headers, delivery.body)
    log = client.get(f"/admin/webhooks/{hook.pk}/deliveries/")
    assert log.status_code == 200
    html = log.content.decode()
    assert "pong" in html
    assert "Send test" in html


# --- the admin: who may see webhooks ------------------------------------------------------

ROLES = ["india_editor", "indonesia_editor", "mentor"]


@pytest.fixture
def hook(db):
    return webhook("https://apps.example.org/hooks")


def test_the_secretariat_registers_a_webhook_and_reads_its_secret(users, client, hook):
    client.force_login(users["secretariat"])
    listing = client.get("/admin/snippets/site_pages/webhook/")
    assert listing.status_code == 200
    assert "Mobile app" in listing.content.decode()
    assert f"/admin/webhooks/{hook.pk}/deliveries/" in listing.content.decode()
    assert SECRET not in listing.content.decode()
    edit = client.get(f"/admin/snippets/site_pages/webhook/edit/{hook.pk}/")
    assert edit.status_code == 200
    assert SECRET in edit.content.decode()
    response = client.post(
        "/admin/snippets/site_pages/webhook/add/",
        {
            "name": "Web front end",
            "url": "https://www.example.org/api/revalidate",
            "secret": "another-secret",
            "events": ["published", "changed"],
            "active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    created = Webhook.objects.get(name="Web front end")
    assert created.events == ["published", "changed"]
    assert client.get(f"/admin/webhooks/{hook.pk}/deliveries/").status_code == 200


def test_a_superuser_manages_webhooks(site_tree, client, hook):
    client.force_login(make_user("root", superuser=True))
    assert client.get("/admin/snippets/site_pages/webhook/").status_code == 200
    assert client.get(f"/admin/webhooks/{hook.pk}/deliveries/").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_editors_and_mentors_cannot_see_create_or_read_webhooks(
    users, client, hook, role, django_capture_on_commit_callbacks
):
    client.force_login(users[role])
    pages = [
        "/admin/snippets/site_pages/webhook/",
        "/admin/snippets/site_pages/webhook/add/",
        f"/admin/snippets/site_pages/webhook/edit/{hook.pk}/",
        f"/admin/webhooks/{hook.pk}/deliveries/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert SECRET not in response.content.decode()
    created = client.post(
        "/admin/snippets/site_pages/webhook/add/",
        {
            "name": "Mine",
            "url": "https://evil.example.org/",
            "secret": "x",
            "events": ["published"],
        },
    )
    assert created.status_code in (302, 403)
    assert not Webhook.objects.filter(name="Mine").exists()
    with django_capture_on_commit_callbacks() as queued:
        refused = client.post(f"/admin/webhooks/{hook.pk}/send-test/")
    assert refused.status_code in (302, 403)  # Wagtail's admin turns a refusal into a redirect
    assert queued == []  # no test delivery
    menu = client.get("/admin/").content.decode()
    assert "/admin/snippets/site_pages/webhook/" not in menu


# --- which addresses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
    ],
)
def test_addresses_inside_the_network_are_refused_in_production(db, settings, url):
    from django.core.exceptions import ValidationError

    settings.SAKURA_WEBHOOKS_ALLOW_PRIVATE = False
    hook = Webhook(name="Inside", url=url, events=["published"])
    with pytest.raises(ValidationError) as refused:
        hook.full_clean()
    assert "inside the server's network" in str(refused.value)


@pytest.mark.parametrize("url", ["ftp://example.org/hook", "file:///etc/passwd"])
def test_only_http_and_https_addresses(db, url):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Webhook(name="Odd", url=url, events=["published"]).full_clean()


def test_a_public_address_is_accepted(db, settings):
    settings.SAKURA_WEBHOOKS_ALLOW_PRIVATE = False
    Webhook(name="Public", url="https://93.184.215.14/hook", events=["published"]).full_clean()


@WORKER_DB
def test_a_delivery_to_an_inside_address_is_refused_when_sent(site_tree, task_worker, settings):
    """The address is checked again before sending: a name may point inside later on."""
    with LoopbackReceiver() as receiver:
        hook = webhook(receiver.url)
        settings.SAKURA_WEBHOOKS_ALLOW_PRIVATE = False
        publish(f.EventPageFactory(parent=site_tree.india))
        task_worker()
    assert receiver.received == []
    [log] = WebhookDelivery.objects.filter(webhook=hook)
    assert log.status == DeliveryStatus.FAILED
    assert "inside the server's network" in log.error


def test_the_daily_work_prunes_old_deliveries_and_events(site_tree, settings, hook):
    from site_pages.models import ContentEvent
    from site_pages.scheduling import queue_daily_work

    settings.SAKURA_SYNC_RETENTION_DAYS = 30
    old = timezone.now() - timedelta(days=31)
    page = publish(f.EventPageFactory(parent=site_tree.india))
    ContentEvent.objects.filter(page_id=page.pk).update(at=old)
    fresh = WebhookDelivery.objects.create(
        webhook=hook, delivery_id=uuid.uuid4(), kind="published", attempt=1, status="delivered"
    )
    stale = WebhookDelivery.objects.create(
        webhook=hook, delivery_id=uuid.uuid4(), kind="published", attempt=1, status="delivered"
    )
    WebhookDelivery.objects.filter(pk=stale.pk).update(at=old)

    queue_daily_work()  # the test settings run tasks where they are queued

    assert list(WebhookDelivery.objects.all()) == [fresh]
    assert not ContentEvent.objects.filter(page_id=page.pk).exists()
