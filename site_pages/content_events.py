"""Writing the record of content events (``ContentEvent``) from Wagtail's signals.

Every way a page reaches readers or leaves them goes through one of these signals: an editor's
publish, a workflow approval, a translation synced and published by wagtail-localize, the
scheduler's go-live (all ``page_published``); unpublishing by hand or at expiry
(``page_unpublished``); deletion (``post_delete``, for the page and each page below it); moves and
slug changes (every page below gets a new address). A view restriction added or removed changes
who may read a whole subtree, so it is recorded as a change of each page in it; the reader of the
record decides from the page's current state whether it is still public.

Events are rows in the same transaction as the change, so a change rolled back leaves no event.
Delta sync (``graphql_api/sync.py``) and webhooks (``site_pages/webhooks.py``) read them.
"""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from site_pages.models import ContentEvent, ContentEventKind
from site_pages.models.content_events import LIVE_KINDS

# Called with the list of events just written; site_pages/webhooks.py subscribes to announce them.
listeners: list[Callable[[list[ContentEvent]], object]] = []


def address(page):
    """The page's full address; empty for a page outside every site."""
    return page.get_full_url() or ""


def event_for(kind, page, at):
    return ContentEvent(
        kind=kind,
        page_id=page.pk,
        translation_key=page.translation_key,
        locale_id=page.locale_id,
        content_type_id=page.content_type_id,
        url_path=page.url_path or "",
        url=address(page),
        at=at,
    )


def record(kind, pages):
    """Write one event of ``kind`` for each of ``pages`` (one insert) and tell the listeners."""
    now = timezone.now()
    events = ContentEvent.objects.bulk_create([event_for(kind, page, now) for page in pages])
    for listener in listeners:
        listener(events)
    return events


def publish_kind(page):
    """PUBLISHED when the page was not live for readers before (first publish, or again after
    being unpublished), CHANGED for a new version of a live page."""
    previous = ContentEvent.objects.filter(page_id=page.pk).order_by("-at", "-pk").first()
    if previous is not None:
        live_before = previous.kind in LIVE_KINDS
        return ContentEventKind.CHANGED if live_before else ContentEventKind.PUBLISHED
    if page.first_published_at is None or page.first_published_at == page.last_published_at:
        return ContentEventKind.PUBLISHED
    # Live since before events were recorded.
    return ContentEventKind.CHANGED


def on_published(sender, instance, **kwargs):
    # Wagtail sends the signal for a publication scheduled for later too, with the page not
    # live; the scheduler's publish sends it again when the page goes live.
    if instance.live:
        record(publish_kind(instance), [instance])


def on_unpublished(sender, instance, **kwargs):
    record(ContentEventKind.UNPUBLISHED, [instance])


def on_deleted(sender, instance, **kwargs):
    # Deleting a specific page deletes its Page row too, and a subtree's pages go as Page rows:
    # listening to the base model alone sees each deleted page exactly once.
    record(ContentEventKind.DELETED, [instance])


def subtree(page):
    return Page.objects.filter(path__startswith=page.path, depth__gte=page.depth)


def on_moved(sender, instance, **kwargs):
    """A page moved, and every page below it, has a new address."""
    record(ContentEventKind.MOVED, subtree(instance))


def on_slug_changed(sender, instance, **kwargs):
    """The page itself was published with its new slug (a publish event); the pages below it
    have new addresses without being published."""
    record(ContentEventKind.MOVED, subtree(instance).exclude(pk=instance.pk))


def on_restriction_changed(sender, instance, raw=False, **kwargs):
    """Every language version of the restricted page and everything below them (the rule of
    ``site_pages/visibility.py``) may have changed who reads it."""
    if raw:
        return
    # On a page's deletion its restriction goes with it: the page's own events say so.
    keys = Page.objects.filter(pk=instance.page_id).values("translation_key")
    versions = Page.objects.filter(translation_key__in=keys).only("path", "depth")
    pages = []
    for version in versions:
        pages.extend(subtree(version))
    record(ContentEventKind.CHANGED, pages)


def retention():
    return timedelta(days=settings.SAKURA_SYNC_RETENTION_DAYS)


def oldest_kept(now=None):
    """The earliest time from which the record is complete."""
    return (now or timezone.now()) - retention()


def prune(now=None):
    """Delete events (tombstones too) older than the retention; returns how many."""
    deleted, _by_model = ContentEvent.objects.filter(at__lt=oldest_kept(now)).delete()
    return deleted


@task()
def prune_content_events():
    """The events past the retention, and the webhook deliveries that reported them."""
    from site_pages.webhooks import prune_deliveries

    return {"events": prune(), "deliveries": prune_deliveries()}


def connect():
    page_published.connect(on_published, dispatch_uid="content-events-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="content-events-unpublished")
    post_delete.connect(on_deleted, sender=Page, dispatch_uid="content-events-deleted")
    post_page_move.connect(on_moved, dispatch_uid="content-events-moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="content-events-slug")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="content-events-private"
    )
    post_delete.connect(
        on_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="content-events-public",
    )
