"""Scheduled publishing without anyone running a command by hand.

Wagtail records an editor's "Go live" and "Expiry" dates and leaves acting on them to its
``publish_scheduled`` command. Here a scheduler (``manage.py run_scheduler``, which ``make run``
starts beside the web server and the worker) looks every ``SAKURA_SCHEDULER_INTERVAL`` seconds
for work that has come due and, when there is some, queues ``publish_scheduled_content`` on the
project's task runner; a worker runs Wagtail's command. Publishing through Wagtail's command
keeps its log entries, signals (the response cache's content generation, search index) and
workflow rules.

django-tasks has no periodic tasks of its own, hence the small loop. The check for due work is
two indexed queries, so an idle site queues nothing (no task row a minute). Each slot is claimed
in the database (``ScheduledRun``) before queueing, so several schedulers queue a slot's work
once.

Expiry does not wait for the scheduler: the visibility rule (``site_pages.visibility``) hides a
page whose expiry has passed (or whose go-live date is still ahead) on the site and in the API
alike, and the scheduler makes Wagtail's own state (``live``, the admin's status) catch up. A
scheduled page goes live within one interval of its go-live time.
"""

import io
import logging
from datetime import UTC, datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import DraftStateMixin, Page, Revision

from site_pages.models import ScheduledRun

logger = logging.getLogger(__name__)

KEEP_RUNS = timedelta(days=7)


def scheduled_models():
    """The models ``publish_scheduled`` acts on: pages and every snippet with drafts."""
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def work_is_due(now=None):
    """Whether ``publish_scheduled`` has anything to do at ``now``: a live object past its expiry,
    or an approved revision whose go-live time has come (the command's own two conditions)."""
    now = now or timezone.now()
    if Revision.objects.filter(approved_go_live_at__lt=now).exists():
        return True
    return any(
        model.objects.filter(live=True, expire_at__lt=now).exists() for model in scheduled_models()
    )


def slot_of(now, interval):
    """The start of the ``interval``-second slot holding ``now`` (slots are aligned to the
    epoch, so every scheduler computes the same ones)."""
    seconds = int(now.timestamp()) // interval * interval
    return datetime.fromtimestamp(seconds, tz=UTC)


def claim(slot):
    """Insert the slot's row; False when another scheduler already has."""
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(slot=slot)
    except IntegrityError:
        return False
    ScheduledRun.objects.filter(slot__lt=slot - KEEP_RUNS).delete()
    return True


def tick(now=None):
    """One look at the clock: queue the scheduled publishing if work is due and this slot has
    not been claimed yet. Returns whether it queued the task."""
    now = now or timezone.now()
    if not work_is_due(now):
        return False
    if not claim(slot_of(now, settings.SAKURA_SCHEDULER_INTERVAL)):
        return False
    publish_scheduled_content.enqueue()
    return True


@task()
def publish_scheduled_content():
    """Wagtail's ``publish_scheduled``: unpublish what expired, publish what is due. Returns what
    the command reported, which the task result keeps."""
    output = io.StringIO()
    call_command("publish_scheduled", stdout=output)
    report = output.getvalue().strip()
    if report:
        logger.info("Scheduled publishing: %s", report)
    return report


def queue_daily_work():
    """Work done once a day (each scheduler queues it when it starts and when the date changes;
    it is idempotent, so several schedulers doing it costs nothing): the personal-data retention
    rule (``site_pages/personal_data.py``), e-mails that failed or whose task was lost
    (``site_pages/mail.py``; workers also retry them when they start), newsletter issues whose
    sending stopped (a worker that crashed and was not restarted:
    ``site_pages/newsletter_sending.py``), and pruning the record of content events (delta
    sync's tombstones) past ``SAKURA_SYNC_RETENTION_DAYS`` (``site_pages/content_events.py``)."""
    from site_pages.content_events import prune_content_events
    from site_pages.mail import queue_unsent_email
    from site_pages.newsletter_sending import queue_sending_issues
    from site_pages.personal_data import apply_retention_task

    apply_retention_task.enqueue()
    queue_unsent_email()
    queue_sending_issues()
    prune_content_events.enqueue()
