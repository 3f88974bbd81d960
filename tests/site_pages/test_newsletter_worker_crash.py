"""The Done-when of the newsletter, end to end over SMTP: subscribe, confirm, a digest built in
two languages, the Secretariat approves, the worker is killed (SIGKILL) in the middle of a batch
and started again, every subscriber receives the issue exactly once, and one click on the mail's
List-Unsubscribe address ends the subscription.

The worker is ``manage.py run_worker`` in a process of its own, on the test database (a file
copy of it for SQLite, the database itself for PostgreSQL); the SMTP server on loopback kills
it while it hands over the third mail, before accepting that mail."""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale, Page

from site_pages.models import IssueStatus, NewsletterIssue, Subscriber
from site_pages.newsletter import build_content
from site_pages.newsletter_links import CONFIRM, link
from site_pages.newsletter_sending import approve
from tests import factories as f
from tests.conftest import WORKER_DB, publish
from tests.graphql_api.conftest import post_query
from tests.mailbox import LoopbackSMTPServer, Mailbox
from tests.process_database import database_url

pytestmark = [WORKER_DB, pytest.mark.skipif(os.name != "posix", reason="sends SIGKILL")]

KILL_AT = 3


class KillingMailbox(Mailbox):
    """Kills ``victim`` when the ``KILL_AT``-th message is handed over, and refuses that
    message: the worker dies before the server accepted it, mid-batch."""

    def __init__(self):
        super().__init__()
        self.victim = None
        self.handed_over = 0

    async def handle_DATA(self, server, session, envelope):
        self.handed_over += 1
        if self.handed_over == KILL_AT and self.victim is not None:
            os.kill(self.victim, signal.SIGKILL)
            return "451 4.3.0 The sender went away"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def smtp():
    server = LoopbackSMTPServer()
    server.mailbox = server.handler = KillingMailbox()
    server.start()
    yield server
    server.stop()


def worker(url, smtp_port):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": url,
        "TASKS_BACKEND": "database",
        # The links it signs are followed by the test's client.
        "SECRET_KEY": settings.SECRET_KEY,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "NEWSLETTER_BATCH_SIZE": "2",
        # The killed worker's claim on the mail it was sending lapses soon.
        "NEWSLETTER_CLAIM_SECONDS": "2",
    }
    env.pop("REDIS_URL", None)
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def issue_status(url, issue_id):
    """The issue's status as the worker left it (read from the file it used, for SQLite)."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            row = db.execute(
                "SELECT status FROM site_pages_newsletterissue WHERE id = ?", [issue_id]
            ).fetchone()
        return row[0]
    return NewsletterIssue.objects.get(pk=issue_id).status


def wait_for(condition, timeout=120):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


def translate(page, code, title):
    copy = Page.objects.get(pk=page.pk).specific.copy_for_translation(
        Locale.objects.get(language_code=code), copy_parents=True
    )
    copy.title = title
    copy.save_revision().publish()
    return copy


def subscribe_and_confirm(client, email, locale):
    response = post_query(
        client,
        "mutation($input: SubscribeNewsletterInput!) { subscribeNewsletter(input: $input) "
        "{ errors { code } } }",
        {"input": {"locale": locale, "email": email}},
    )
    assert response.json()["data"]["subscribeNewsletter"]["errors"] == []
    subscriber = Subscriber.objects.get(email=email)
    confirm = re.sub(r"^http://[^/]+", "", link(subscriber, CONFIRM))
    assert client.post(confirm).status_code == 302


def test_sent_once_to_everyone_though_the_worker_is_killed_mid_batch(
    client, site_tree, task_worker, smtp, tmp_path, settings
):
    settings.SAKURA_SUBMISSION_RATES = {"per_address": "100/h", "per_email": "100/h"}
    event = publish(f.EventPageFactory(parent=site_tree.india, title="Delhi reunion"))
    publish(f.MentorColumnPageFactory(parent=site_tree.mentors, title="Finding a lab"))
    translate(site_tree.home, "ja", "さくらサイエンスクラブ")
    translate(event, "ja", "デリー同窓会")
    english = [f"member{n}@example.org" for n in range(5)]
    for email in english:
        subscribe_and_confirm(client, email, "en")
    subscribe_and_confirm(client, "aiko@example.com", "ja")
    task_worker()  # the confirmation mails (through the in-process worker) are not counted
    smtp.mailbox.clear()

    month = timezone.localdate()
    issues = {
        language: NewsletterIssue.objects.create(language=language, month=month, intro=intro)
        for language, intro in (("en", "News of the month."), ("ja", "今月のお知らせです。"))
    }
    assert [s["kind"] for s in build_content("en", month)["sections"]] == ["chapters", "columns"]
    assert build_content("ja", month)["sections"][0]["items"][0]["title"] == "デリー同窓会"
    for issue in issues.values():
        approve(issue, None)  # queued in the database, for the worker process

    url = database_url(tmp_path)
    first = worker(url, smtp.port)
    smtp.mailbox.victim = first.pid
    try:
        first.wait(timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGKILL
    assert len(smtp.mailbox.messages) == KILL_AT - 1

    second = worker(url, smtp.port)
    try:
        wait_for(
            lambda: all(
                issue_status(url, issue.pk) == IssueStatus.SENT for issue in issues.values()
            )
        )
    finally:
        second.terminate()
        second.wait(timeout=30)

    received = sorted(rcpt for rcpts, _message in smtp.mailbox.messages for rcpt in rcpts)
    assert received == sorted([*english, "aiko@example.com"])  # each exactly once
    [japanese] = smtp.mailbox.to("aiko@example.com")
    assert "デリー同窓会" in japanese.get_body(("plain",)).get_content()
    assert "今月のお知らせです。" in japanese.get_body(("plain",)).get_content()

    # One click in the mail client: a POST to the List-Unsubscribe address, no session.
    [mail] = smtp.mailbox.to("member0@example.org")
    unsubscribe = re.sub(r"^<http://[^/]+|>$", "", mail["List-Unsubscribe"].strip())
    response = client.post(
        unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    # For SQLite the worker had a copy of the database; the link acts on the test's own.
    assert not Subscriber.objects.filter(email="member0@example.org").exists()
    assert Subscriber.objects.count() == 5
