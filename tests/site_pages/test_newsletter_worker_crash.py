"""The Done-when of the newsletter, end to end over SMTP on the demo site: readers subscribe in
English through ``subscribeNewsletter`` and in Japanese through the site's form, confirm with
the link of the mail the loopback SMTP server received, the Secretariat writes the demo month's
issue in both languages in the admin and approves them, the worker is killed (SIGKILL) in the
middle of a batch and started again, every confirmed subscriber (the demo's and the test's)
receives their issue exactly once, and one click on the mail's List-Unsubscribe address ends
the subscription.

The worker is ``manage.py run_worker`` in a process of its own, on the test database (a file
copy of it for SQLite, the database itself for PostgreSQL); the SMTP server on loopback kills
it while it hands over the third mail, before accepting that mail. The confirmation mails go
out before, through the in-process worker, to the same server."""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from site_pages.models import ChapterPage, IssueStatus, NewsletterIssue, Subscriber
from site_pages.newsletter_sending import APPROVE_ACTION
from tests.conftest import WORKER_DB, make_user
from tests.graphql_api.conftest import post_query
from tests.mailbox import LoopbackSMTPServer, Mailbox
from tests.process_database import database_url

pytestmark = [WORKER_DB, pytest.mark.skipif(os.name != "posix", reason="sends SIGKILL")]

KILL_AT = 3
# The demo's confirmed readers (site_pages/demo/content.py NEWSLETTER_SUBSCRIBERS).
DEMO_ENGLISH = ["newsletter-reader-1@example.org", "newsletter-reader-2@example.com"]
DEMO_JAPANESE = ["newsletter-reader-3@example.org"]
ENGLISH = ["member0@example.org", "member1@example.org"]
JAPANESE = ["aiko@example.com", "kenji@example.jp"]


class KillingMailbox(Mailbox):
    """Kills ``victim`` when the ``KILL_AT``-th message is handed over, and refuses that
    message: the worker dies before the server accepted it, mid-batch."""

    def __init__(self):
        super().__init__()
        self.victim = None
        self.handed_over = 0

    async def handle_DATA(self, server, session, envelope):
        if self.victim is not None:
            self.handed_over += 1
            if self.handed_over == KILL_AT:
                os.kill(self.victim, signal.SIGKILL)
                return "451 4.3.0 The sender went away"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def smtp(settings):
    """The loopback SMTP server, and Django's SMTP backend (the in-process worker's) on it."""
    server = LoopbackSMTPServer()
    server.mailbox = server.handler = KillingMailbox()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
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


def path_of(url):
    return re.sub(r"^<?https?://[^/]+|>$", "", url.strip())


def text_of(message):
    return message.get_body(("plain",)).get_content()


def subscribe_through_the_api(client, email):
    response = post_query(
        client,
        "mutation($input: SubscribeNewsletterInput!) { subscribeNewsletter(input: $input) "
        "{ errors { field code } subscription { status } } }",
        {"input": {"locale": "EN", "email": email, "clientMutationId": f"app-{email}"}},
    )
    payload = response.json()["data"]["subscribeNewsletter"]
    assert payload == {"errors": [], "subscription": {"status": "CONFIRMATION_SENT"}}


def subscribe_through_the_site(client, email, chapters=()):
    """As a reader of /ja/: the form as served (its fill-time stamp and empty spam trap)."""
    form = client.get("/ja/newsletter/subscribe/").content.decode()
    started = re.search(r'name="started" value="([^"]+)"', form).group(1)
    data = {"started": started, "website": "", "email": email, "chapters": list(chapters)}
    response = client.post("/ja/newsletter/subscribe/", data)
    assert response.status_code == 302, response.content.decode()


def confirm_from_the_mail(client, mailbox, email):
    """Open the link of the confirmation mail the SMTP server received, then press the button
    (confirming takes a POST: a mail scanner opening the link confirms nothing)."""
    [message] = mailbox.to(email)
    confirm = path_of(re.search(r"http://\S+/newsletter/confirm/\S+/", text_of(message)).group(0))
    assert client.get(confirm).status_code == 200
    assert not Subscriber.objects.get(email=email).confirmed
    assert client.post(confirm).status_code == 302
    assert Subscriber.objects.get(email=email).confirmed
    return message


def write_issue(admin, language, intro):
    """The Secretariat adds the month's issue in the admin and checks its preview."""
    data = {"language": language, "month": timezone.localdate().isoformat(), "intro": intro}
    response = admin.post(reverse("wagtailsnippets_site_pages_newsletterissue:add"), data)
    assert response.status_code == 302
    issue = NewsletterIssue.objects.get(language=language)
    preview = admin.get(reverse("newsletter_admin:preview", args=[issue.pk]), {"mode": "text"})
    return issue, preview.content.decode()


def test_demo_month_sent_once_to_everyone_though_the_worker_is_killed_mid_batch(
    client, demo_snapshot, task_worker, smtp, tmp_path, settings
):
    settings.SAKURA_SUBMISSION_RATES = {"per_address": "100/h", "per_email": "100/h"}
    settings.SAKURA_SUBMISSION_MIN_FILL_SECONDS = 0
    # The demo as loaded with tasks run at once: nothing of it waits in the queue for the worker.
    demo_snapshot.restore()
    # The demo holds this month's issues as if sent (English) and waiting (Japanese); the test
    # writes the month again from the start.
    NewsletterIssue.objects.all().delete()

    for email in ENGLISH:
        subscribe_through_the_api(client, email)
    subscribe_through_the_site(client, JAPANESE[0])
    subscribe_through_the_site(client, JAPANESE[1], chapters=["india"])
    task_worker()  # the confirmation mails, in the reader's language
    for email in ENGLISH + JAPANESE:
        message = confirm_from_the_mail(client, smtp.mailbox, email)
        assert message["Content-Language"] == ("ja" if email in JAPANESE else "en")
    smtp.mailbox.clear()

    secretariat = make_user("secretariat", settings.SAKURA_SECRETARIAT_GROUP)
    admin = Client()
    admin.force_login(secretariat)
    english, english_preview = write_issue(admin, "en", "News of the month.")
    japanese, japanese_preview = write_issue(admin, "ja", "今月のお知らせです。")
    # Built from the demo: every chapter's reunions, the AlumniTalks, the mentors' columns and
    # the members' voices; in Japanese, the chapters' Japanese names over the English reports
    # (the demo has no Japanese event), marked as English.
    for heading in ("Chapter news", "Network events", "Sakura Mentor", "Members' Voice"):
        assert f"== {heading} ==" in english_preview
    assert "* 2nd India reunion (India)" in english_preview
    assert "* Choosing a laboratory in Japan" in english_preview
    india_ja = ChapterPage.objects.get(slug="india", locale__language_code="ja").title
    assert india_ja != "India"
    assert "== 支部ニュース ==" in japanese_preview
    assert f"* 2nd India reunion [英語版] ({india_ja})" in japanese_preview
    for issue in (english, japanese):
        response = admin.post(reverse("newsletter_admin:approve", args=[issue.pk]))
        assert response.status_code == 302
        entry = ModelLogEntry.objects.get(object_id=str(issue.pk), action=APPROVE_ACTION)
        assert entry.user_id == secretariat.pk
    # Queued in the database, for the worker process.

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
                issue_status(url, issue.pk) == IssueStatus.SENT for issue in (english, japanese)
            )
        )
    finally:
        second.terminate()
        second.wait(timeout=30)

    received = sorted(rcpt for rcpts, _message in smtp.mailbox.messages for rcpt in rcpts)
    everyone = [*DEMO_ENGLISH, *DEMO_JAPANESE, *ENGLISH, *JAPANESE]
    assert received == sorted(everyone)  # each exactly once
    for email in DEMO_JAPANESE + JAPANESE:
        [mail] = smtp.mailbox.to(email)
        assert mail["Content-Language"] == "ja" and "今月のお知らせです。" in text_of(mail)
    [everything] = smtp.mailbox.to(JAPANESE[0])
    [india_only] = smtp.mailbox.to(JAPANESE[1])
    assert "1st Japan reunion" in text_of(everything)
    assert "1st Japan reunion" not in text_of(india_only)
    assert f"* 2nd India reunion [英語版] ({india_ja})" in text_of(india_only)
    [mail] = smtp.mailbox.to(ENGLISH[0])
    assert "News of the month." in text_of(mail) and "* 2nd India reunion (India)" in text_of(mail)

    # One click in the mail client: a POST to the List-Unsubscribe address, no session.
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    response = Client().post(
        path_of(mail["List-Unsubscribe"]),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    # For SQLite the worker had a copy of the database; the link acts on the test's own.
    assert not Subscriber.objects.filter(email=ENGLISH[0]).exists()
    assert Subscriber.objects.count() == len(everyone) - 1
