"""The task runner: tasks queued in the database and run by the real worker (django-tasks-db's
db_worker, through ``manage.py run_worker``), and e-mail delivered through Django's SMTP
backend to a real SMTP server on loopback."""

import os
import uuid
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone
from django_rq.management.commands import rqworker
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from site_pages.mail import deliver_email, queue_email
from site_pages.models import OutgoingEmail
from tests.conftest import WORKER_DB, own_signal_handlers

pytestmark = WORKER_DB

REDIS_DEFAULT = "redis://127.0.0.1:6379/0"


@task()
def add_to_tally(key, amount):
    """A task with a visible effect in the cache the worker shares with the test."""
    cache.set(key, cache.get(key, 0) + amount)
    return cache.get(key)


def test_a_queued_task_waits_for_the_worker_and_then_runs(task_worker):
    result = add_to_tally.enqueue("tally", 5)
    assert DBTaskResult.objects.get(id=result.id).status == "READY"
    assert cache.get("tally") is None

    task_worker()

    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == 5
    assert cache.get("tally") == 5


def test_the_worker_records_a_failing_task(task_worker):
    result = add_to_tally.enqueue("tally-broken", "not a number")
    task_worker()
    result.refresh()
    assert result.status == "FAILED"
    assert result.errors[0].exception_class_path == "builtins.TypeError"


def test_queued_email_arrives_over_smtp_in_the_readers_language(
    task_worker, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(
            key="welcome:1",
            to="ayu@example.org",
            subject="ご質問への回答",
            body="メンターが回答しました。\nhttps://example.org/ja/mentor/",
            language="ja",
        )
    assert smtp_server.mailbox.messages == []  # queued, not sent by the request

    task_worker()

    [message] = smtp_server.mailbox.to("ayu@example.org")
    assert message["Subject"] == "ご質問への回答"
    assert message["Content-Language"] == "ja"
    assert "メンターが回答しました。" in message.get_content()
    assert OutgoingEmail.objects.get(key="welcome:1").sent_at is not None


def test_queueing_the_same_message_twice_sends_it_once(
    task_worker, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            queue_email(key="once:1", to="once@example.org", subject="Hello", body="Once.")
    task_worker()
    assert len(smtp_server.mailbox.to("once@example.org")) == 1
    assert OutgoingEmail.objects.filter(key="once:1").count() == 1


def test_delivering_a_message_again_does_not_send_it_twice(task_worker, smtp_server):
    email = OutgoingEmail.objects.create(
        key="retry:1", to="retry@example.org", subject="Hello", body="Just once."
    )
    first = deliver_email.enqueue(email.pk)
    second = deliver_email.enqueue(email.pk)  # e.g. a retried task, or a second worker
    task_worker()
    first.refresh()
    second.refresh()
    assert [first.return_value, second.return_value] == ["sent", "already sent"]
    assert len(smtp_server.mailbox.to("retry@example.org")) == 1


def test_mail_that_failed_is_sent_when_a_worker_starts_again(task_worker, smtp_server, settings):
    email = OutgoingEmail.objects.create(
        key="down:1", to="down@example.org", subject="Hello", body="Eventually."
    )
    reachable_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nothing listens there: the server is "down"
    result = deliver_email.enqueue(email.pk)
    task_worker()
    result.refresh()
    assert result.status == "FAILED"
    email.refresh_from_db()
    assert email.sent_at is None
    assert email.attempts == 1
    assert email.last_error

    settings.EMAIL_PORT = reachable_port
    task_worker()  # run_worker queues unsent mail again on start
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.last_error == ""
    assert len(smtp_server.mailbox.to("down@example.org")) == 1


def test_erased_mail_is_not_sent(task_worker, smtp_server):
    email = OutgoingEmail.objects.create(
        key="gone:1", to="gone@example.org", subject="Hello", body="Never."
    )
    result = deliver_email.enqueue(email.pk)
    email.delete()
    task_worker()
    result.refresh()
    assert result.return_value == "gone"
    assert smtp_server.mailbox.messages == []


@override_settings(TASKS_BACKEND="immediate")
def test_run_worker_explains_that_immediate_tasks_need_no_worker():
    with pytest.raises(CommandError, match="TASKS_BACKEND is 'immediate'"):
        call_command("run_worker", batch=True)


def test_mail_whose_task_was_lost_is_sent_when_a_worker_starts(task_worker, smtp_server):
    email = OutgoingEmail.objects.create(
        key="lost:1", to="lost@example.org", subject="Hello", body="Late."
    )
    # Queued long ago, and its task lost with a crashed machine: nothing is waiting in the queue.
    OutgoingEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - timedelta(hours=1))
    task_worker()
    assert len(smtp_server.mailbox.to("lost@example.org")) == 1


@pytest.fixture
def rq_queue(settings):
    """The Redis task queue on the shared Redis, under a queue name of this test run's own."""
    import redis

    url = os.environ.get("TASKS_REDIS_URL") or os.environ.get("REDIS_URL") or REDIS_DEFAULT
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {url}")
    name = f"sakura-test-{uuid.uuid4().hex}"
    settings.TASKS_BACKEND = "rq"
    # django-tasks-rq reads results through the "default" connection; nothing is queued there.
    settings.RQ_QUEUES = {name: {"URL": url}, "default": {"URL": url}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [name]}}
    yield name
    connection = redis.Redis.from_url(url)
    for key in connection.scan_iter(f"rq:*{name}*"):
        connection.delete(key)


def test_tasks_queued_in_redis_run_on_an_rq_worker(rq_queue):
    result = add_to_tally.using(queue_name=rq_queue).enqueue("rq-tally", 7)
    assert result.status == "READY"
    # RQ's SimpleWorker runs jobs in this process (the default forks a child per job), so the
    # task's effect lands in the cache the test reads.
    # django-rq's own command; its app is installed only when settings choose RQ, which
    # settings cannot do after start-up (the app registry is fixed).
    # RQ's worker sets SIGINT to be ignored (for its work horse); own_signal_handlers puts the
    # test process's handlers back, or every process it started later would ignore Ctrl-C.
    with own_signal_handlers():
        call_command(
            rqworker.Command(),
            rq_queue,
            job_class="django_tasks_rq.Job",
            worker_class="rq.worker.SimpleWorker",
            burst=True,
            verbosity=0,
        )
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == 7
    assert cache.get("rq-tally") == 7
