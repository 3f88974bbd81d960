"""Approving a newsletter issue and sending it in batches on the task runner, resumably.

Approving freezes the issue's content and writes one ``NewsletterDelivery`` row per confirmed
subscriber of its language (unique per issue and subscriber), in one transaction that queues
the first batch when it commits. A batch (``send_issue_batch``) sends up to
``SAKURA_NEWSLETTER["BATCH_SIZE"]`` mails over one SMTP connection, then queues the next, so a
long list never holds one task and other work interleaves.

Each recipient goes through three steps, each its own commit:

1. *claim*: one UPDATE that succeeds only while the row is unsent and unclaimed (or its claim
   has lapsed), so two workers never hold the same row, on SQLite as on PostgreSQL;
2. *send* the mail;
3. *mark* it sent.

A worker killed at any point leaves every row it finished marked, and at most the one it was
sending claimed: once that claim lapses (``CLAIM_SECONDS``, above the SMTP timeout) the next
batch sends it. The one window that no database can close is between the SMTP server accepting
the mail and the mark's commit; it is kept to that single commit. A restarted worker queues the
batches of every issue still sending (``queue_sending_issues``, run by ``run_worker`` on start
and by the scheduler daily), so a crash needs no one to resume it by hand.

A recipient the SMTP server refuses is tried in three batches, then left as failed; a server
that cannot be reached stops the batch, which is tried again a minute later.
"""

import logging
import smtplib
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone
from django_tasks import default_task_backend, task
from wagtail.log_actions import log

from site_pages.models import IssueStatus, NewsletterDelivery, NewsletterIssue, Subscriber
from site_pages.newsletter import build_content
from site_pages.newsletter_mail import message_for

logger = logging.getLogger(__name__)

# Wagtail's history of the issue (``register_log_actions`` in wagtail_hooks.py): who approved
# it, and so sent it, and when.
APPROVE_ACTION = "sakura.newsletter.approve"
MAX_ATTEMPTS = 3
SERVER_RETRY = timedelta(minutes=1)
# The SMTP server refused this one message (recipient, content): counted against the row.
RECIPIENT_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)


class NotADraft(Exception):
    """The issue was approved already (by someone else, a moment ago)."""


def recipients(issue):
    return Subscriber.objects.filter(language=issue.language, confirmed_at__isnull=False)


def approve(issue, user):
    """Freeze ``issue``'s content, address it to its language's subscribers, record who approved
    it in the issue's history and queue its first batch. Raises NotADraft for an issue that is
    no longer a draft."""
    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
        if not issue.is_draft:
            raise NotADraft(issue)
        issue.content = build_content(issue.language, issue.month)
        issue.status = IssueStatus.SENDING
        issue.approved_at = timezone.now()
        issue.approved_by = user
        NewsletterDelivery.objects.bulk_create(
            [
                NewsletterDelivery(issue=issue, subscriber=subscriber)
                for subscriber in recipients(issue)
            ],
            ignore_conflicts=True,
        )
        issue.recipient_count = issue.deliveries.count()
        issue.save()
        log(
            instance=issue,
            action=APPROVE_ACTION,
            user=user,
            data={"recipients": issue.recipient_count},
        )
        transaction.on_commit(partial(send_issue_batch.enqueue, issue.pk))
    return issue


def unsent(issue):
    return NewsletterDelivery.objects.filter(issue=issue, sent_at__isnull=True, failed=False)


def claimable_q(now):
    return Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)


def claim(pk, now):
    lease = timedelta(seconds=settings.SAKURA_NEWSLETTER["CLAIM_SECONDS"])
    claimed = (
        NewsletterDelivery.objects.filter(pk=pk, sent_at__isnull=True, failed=False)
        .filter(claimable_q(now))
        .update(claimed_until=now + lease, attempts=F("attempts") + 1)
    )
    return claimed == 1


def mark_sent(pk):
    NewsletterDelivery.objects.filter(pk=pk).update(
        sent_at=timezone.now(), claimed_until=None, last_error=""
    )


def mark_refused(pk, error):
    delivery = NewsletterDelivery.objects.get(pk=pk)
    NewsletterDelivery.objects.filter(pk=pk).update(
        claimed_until=None,
        last_error=str(error)[:2000],
        failed=delivery.attempts >= MAX_ATTEMPTS,
    )


def release(pk, error):
    """The server, not this recipient, failed: the row goes back, its attempt not counted."""
    NewsletterDelivery.objects.filter(pk=pk).update(
        claimed_until=None, attempts=F("attempts") - 1, last_error=str(error)[:2000]
    )


def queue_later(issue_id, delay):
    """Queue a batch after ``delay`` where the backend can defer; an immediate backend has no
    later (and no other worker whose claim could lapse)."""
    if default_task_backend.supports_defer:
        send_issue_batch.using(run_after=timezone.now() + delay).enqueue(issue_id)


def send_batch(issue):
    """Send up to one batch of ``issue``; returns (sent, server_error)."""
    size = settings.SAKURA_NEWSLETTER["BATCH_SIZE"]
    sent = tried = 0
    connection = get_connection()
    try:
        while tried < size:
            now = timezone.now()
            candidates = list(
                unsent(issue)
                .filter(claimable_q(now))
                .order_by("pk")
                .values_list("pk", flat=True)[: size - tried]
            )
            if not candidates:
                break
            for pk in candidates:
                if not claim(pk, now):
                    continue  # another worker took it between the read and the claim
                tried += 1
                delivery = NewsletterDelivery.objects.select_related("subscriber").get(pk=pk)
                try:
                    message_for(issue, delivery.subscriber, connection).send()
                except RECIPIENT_ERRORS as error:
                    mark_refused(pk, error)
                except (smtplib.SMTPException, OSError) as error:
                    release(pk, error)
                    return sent, error
                else:
                    mark_sent(pk)
                    sent += 1
    finally:
        connection.close()
    return sent, None


def finish_or_continue(issue):
    """Mark the issue sent when no row is left to send, else queue what comes next: another
    batch now, or, when every row left is claimed by another worker, a look once the earliest
    claim lapses (that worker may have died)."""
    left = unsent(issue)
    if not left.exists():
        finished = NewsletterIssue.objects.filter(pk=issue.pk, status=IssueStatus.SENDING).update(
            status=IssueStatus.SENT, sent_at=timezone.now()
        )
        if finished:
            from site_pages.newsletter_archive import archive_changed

            archive_changed()  # it is in the archive now
        return "sent"
    now = timezone.now()
    if left.filter(claimable_q(now)).exists():
        send_issue_batch.enqueue(issue.pk)
        return "more"
    lapse = left.aggregate(first=Min("claimed_until"))["first"]
    queue_later(issue.pk, max(lapse - now, timedelta(seconds=1)))
    return "waiting"


@task()
def send_issue_batch(issue_id):
    """One batch of an approved issue; returns what it did (kept in the task's result)."""
    issue = NewsletterIssue.objects.filter(pk=issue_id, status=IssueStatus.SENDING).first()
    if issue is None:
        return {"sent": 0, "then": "nothing to send"}
    sent, server_error = send_batch(issue)
    if server_error is not None:
        logger.warning("Newsletter %s: the mail server failed: %s", issue, server_error)
        queue_later(issue.pk, SERVER_RETRY)
        return {"sent": sent, "then": "server error, retrying"}
    return {"sent": sent, "then": finish_or_continue(issue)}


def queue_sending_issues():
    """Queue a batch for every issue still sending (a worker starting after a crash)."""
    issues = list(
        NewsletterIssue.objects.filter(status=IssueStatus.SENDING).values_list("pk", flat=True)
    )
    for pk in issues:
        send_issue_batch.enqueue(pk)
    return len(issues)
