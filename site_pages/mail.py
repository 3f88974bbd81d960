"""Sending e-mail through the task runner.

``queue_email`` records the message and queues ``deliver_email`` once the surrounding
transaction commits (a worker on another machine must find the row). ``deliver_email`` is
idempotent: it locks the row, sends only if nothing was sent yet, then records the time.
"""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from site_pages.models import OutgoingEmail


def queue_email(*, key, to, subject, body, language=""):
    """Record a message under ``key`` and queue its delivery; queueing a key twice sends once."""
    email, created = OutgoingEmail.objects.get_or_create(
        key=key,
        defaults={"to": to, "subject": subject, "body": body, "language": language},
    )
    if created:
        transaction.on_commit(partial(deliver_email.enqueue, email.pk))
    return email


def queue_email_in(language, *, key, to, subject, template, context):
    """``queue_email`` of a message written for its reader: the subject (a lazy translation) and
    the body (``template`` rendered with ``context``) in ``language``, which is also what the
    message says it is in. A submission's receipt is in its sender's language, whichever
    language the request that sent it was served in."""
    with translation.override(language):
        return queue_email(
            key=key,
            to=to,
            subject=str(subject),
            body=render_to_string(template, context),
            language=language,
        )


@task()
def deliver_email(email_id):
    """Send one queued message unless it was already sent; returns what happened."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None:
            # Erased (a personal-data request) between queueing and delivery.
            return "gone"
        if email.sent_at is not None:
            return "already sent"
        email.attempts += 1
        message = EmailMessage(
            subject=email.subject,
            body=email.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email.to],
            headers={"Content-Language": email.language} if email.language else None,
        )
        failure: Exception | None
        try:
            message.send()

        except Exception as error:
            # Recorded (not rolled back with the exception) and raised after the commit, so the
            # worker shows the task as failed; queueing the same row again retries it.
            failure = error
            email.last_error = str(error)[:2000]
        else:
            failure = None
            email.sent_at = timezone.now()
            email.last_error = ""
        email.save(update_fields=["sent_at", "attempts", "last_error"])
    if failure is not None:
        raise failure
    return "sent"


def queue_unsent_email(stale_after=timedelta(minutes=15)):
    """Queue delivery again for messages that failed, or that have waited too long (a task lost
    in a crash). A message queued moments ago still has its own task waiting: it is left alone.

    Safe to run while workers are busy: ``deliver_email`` sends each row at most once.
    """
    pending = list(
        OutgoingEmail.objects.filter(sent_at__isnull=True)
        .filter(Q(attempts__gt=0) | Q(created_at__lt=timezone.now() - stale_after))
        .values_list("pk", flat=True)
    )
    for pk in pending:
        deliver_email.enqueue(pk)
    return len(pending)
