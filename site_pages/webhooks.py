"""Delivering content events to client apps' webhooks through the task runner.

Each content event (``site_pages/content_events.py``) is handed, once its transaction commits,
to ``dispatch_events``, which queues one ``deliver_webhook`` per active webhook subscribed to the
event's kind and language. A delivery POSTs a small JSON body (what happened to which page,
never its content) signed with the webhook's secret:

    X-Sakura-Timestamp: <unix seconds>
    X-Sakura-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>
    X-Sakura-Delivery: <uuid, the same for every attempt of one delivery>

A delivery that fails (a network error, a timeout, any answer but 2xx) is queued again after
``SAKURA_WEBHOOK_RETRY_SECONDS * 2 ** (attempt - 1)`` seconds, up to
``SAKURA_WEBHOOK_MAX_ATTEMPTS`` attempts. Every attempt leaves a ``WebhookDelivery`` row, the
log the admin shows per webhook. Redirects are not followed (the address was checked, where a
redirect would lead was not).
"""

import hashlib
import hmac
import json
import time
import uuid
from datetime import timedelta
from functools import partial
from urllib import error as urlerror
from urllib import request as urlrequest

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from site_pages import content_events
from site_pages.models import ContentEvent, DeliveryStatus, Webhook, WebhookDelivery
from site_pages.models.content_events import LIVE_KINDS, ContentEventKind
from site_pages.visibility import visible_pages
from site_pages.webhook_urls import ForbiddenAddress, check_address

RESPONSE_EXCERPT = 500
USER_AGENT = "SakuraClubCMS-Webhook/1"


def sign(secret, timestamp, body):
    """The signature receivers recompute: HMAC-SHA256 over ``<timestamp>.<body>``."""
    message = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def payload(kind, event=None, page_type="", at=None, test=False):
    page = None
    if event is not None:
        page = {
            "id": event.page_id,
            "translationKey": str(event.translation_key),
            "locale": event.locale.language_code,
            "type": page_type,
            "url": event.url or None,
        }
    return {"event": kind, "page": page, "at": (at or timezone.now()).isoformat(), "test": test}


def announce(events):
    """Hand events to ``dispatch_events`` once the change is committed (a worker must find the
    rows, and a change rolled back announces nothing). Skipped outright while no webhook is
    active, so publishing costs one small query more."""
    if events and Webhook.objects.filter(active=True).exists():
        ids = [event.pk for event in events]
        transaction.on_commit(partial(dispatch_events.enqueue, ids))


def kind_for_receivers(event):
    """A page that is published or changed but not public (private, expired, out of schedule)
    is, to a receiver, gone."""
    if event.kind in LIVE_KINDS and not visible_pages().filter(pk=event.page_id).exists():
        return ContentEventKind.UNPUBLISHED.value
    return event.kind


def subscribers(kind, locale_id):
    return [
        webhook
        for webhook in Webhook.objects.filter(active=True).prefetch_related("locales")
        if kind in webhook.events
        and (not webhook.locales.all() or any(loc.pk == locale_id for loc in webhook.locales.all()))
    ]


@task()
def dispatch_events(event_ids):
    """Queue a delivery of each event to each webhook subscribed to it; returns how many."""
    queued = 0
    events = ContentEvent.objects.filter(pk__in=event_ids).select_related("locale", "content_type")
    for event in events.order_by("at", "pk"):
        kind = kind_for_receivers(event)
        body = payload(kind, event, event.page_type, at=event.at)
        for webhook in subscribers(kind, event.locale_id):
            deliver_webhook.enqueue(webhook.pk, str(uuid.uuid4()), json.dumps(body), 1)
            queued += 1
    return queued


def send_test(webhook):
    """Queue a test delivery (event ``test``, no page) whatever the webhook subscribes to."""
    body = payload("test", test=True)
    delivery_id = str(uuid.uuid4())
    transaction.on_commit(
        partial(deliver_webhook.enqueue, webhook.pk, delivery_id, json.dumps(body), 1)
    )
    return delivery_id


class NoRedirects(urlrequest.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urlrequest.build_opener(NoRedirects)


def post(url, body, headers):
    """POST ``body``; returns (status code, start of the answer). Network errors raise."""
    check_address(url)
    outgoing = urlrequest.Request(url, data=body, headers=headers, method="POST")
    try:
        with OPENER.open(outgoing, timeout=settings.SAKURA_WEBHOOK_TIMEOUT) as response:
            return response.status, response.read(RESPONSE_EXCERPT)
    except urlerror.HTTPError as answer:
        with answer:
            return answer.code, answer.read(RESPONSE_EXCERPT)


def retry_delay(attempt):
    return timedelta(seconds=settings.SAKURA_WEBHOOK_RETRY_SECONDS * 2 ** (attempt - 1))


@task()
def deliver_webhook(webhook_id, delivery_id, body, attempt):
    """One attempt at one delivery; queues the next attempt when it fails and attempts remain.
    Returns the status it logged."""
    webhook = Webhook.objects.filter(pk=webhook_id, active=True).first()
    if webhook is None:
        return "inactive"
    encoded = body.encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Sakura-Timestamp": timestamp,
        "X-Sakura-Signature": sign(webhook.secret, timestamp, encoded),
        "X-Sakura-Delivery": delivery_id,
    }
    data = json.loads(body)
    log = WebhookDelivery(
        webhook=webhook,
        delivery_id=delivery_id,
        kind=data["event"],
        page_id=(data["page"] or {}).get("id"),
        attempt=attempt,
    )
    started = time.monotonic()
    retry = True
    try:
        code, answer = post(webhook.url, encoded, headers)
    except ForbiddenAddress as refused:
        log.error, retry = str(refused), False
    except (OSError, ValueError) as failure:
        # URLError, timeouts and refused connections are OSErrors.
        log.error = str(getattr(failure, "reason", failure))[:RESPONSE_EXCERPT] or repr(failure)
    else:
        log.response_code = code
        log.response_body = answer.decode("utf-8", errors="replace")
    log.duration_ms = int((time.monotonic() - started) * 1000)
    succeeded = log.response_code is not None and 200 <= log.response_code < 300
    if succeeded:
        log.status = DeliveryStatus.DELIVERED
    elif retry and attempt < settings.SAKURA_WEBHOOK_MAX_ATTEMPTS:
        log.status = DeliveryStatus.RETRYING
        deliver_webhook.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            webhook_id, delivery_id, body, attempt + 1
        )
    else:
        log.status = DeliveryStatus.FAILED
    log.save()
    return log.status


def prune_deliveries(now=None):
    """Delete delivery log rows as old as the content events they reported
    (``SAKURA_SYNC_RETENTION_DAYS``); returns how many."""
    deleted, _by_model = WebhookDelivery.objects.filter(
        at__lt=content_events.oldest_kept(now)
    ).delete()
    return deleted


def connect():
    if announce not in content_events.listeners:
        content_events.listeners.append(announce)
