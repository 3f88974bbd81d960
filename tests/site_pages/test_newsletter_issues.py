"""Monthly issues: the digest built per language from the month's published content, the
admin's preview, "Approve and send" for the Secretariat only (a permission matrix), sending in
batches over SMTP with each subscriber's chapters and one-click unsubscribe headers, resuming
without sending anyone twice, and the archive of sent issues on the site."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page, Site

from site_pages.models import IssueStatus, NewsletterDelivery, NewsletterIssue, Subscriber
from site_pages.newsletter import build_content
from site_pages.newsletter_links import UNSUBSCRIBE, link
from site_pages.newsletter_mail import preview_context
from site_pages.newsletter_sending import (
    APPROVE_ACTION,
    approve,
    queue_sending_issues,
    send_issue_batch,
)
from tests import factories as f
from tests.conftest import publish
from tests.factories import translate
from tests.mailbox import LoopbackSMTPServer, Mailbox


@pytest.fixture
def month_content(site_tree):
    """This month: in English an event of each chapter, a network event, a column, a voice, a
    draft event; in Japanese the India event; last month, an older event."""
    tree = site_tree
    india = publish(f.EventPageFactory(parent=tree.india, title="India reunion", intro="In Delhi"))
    publish(f.EventPageFactory(parent=tree.indonesia, title="Indonesia reunion"))
    publish(f.EventPageFactory(parent=tree.events, title="AlumniTalk"))
    publish(f.MentorColumnPageFactory(parent=tree.mentors, title="Choosing a lab"))
    publish(f.MemberVoicePageFactory(parent=tree.voices, title="My year in Sendai"))
    f.EventPageFactory(parent=tree.events, title="Draft event", live=False)
    old = publish(f.EventPageFactory(parent=tree.events, title="Older event"))
    Page.objects.filter(pk=old.pk).update(
        first_published_at=timezone.now() - timezone.timedelta(days=70)
    )
    translate(tree.home, "ja", "さくらサイエンスクラブ")
    translate(india, "ja", "インド同窓会")
    return tree


def titles(content):
    return {
        section["kind"]: [item["title"] for item in section["items"]]
        for section in content["sections"]
    }


def this_month():
    return timezone.localdate().replace(day=1)


def subscriber(email, language, *chapters):
    created = Subscriber.objects.create(email=email, language=language, confirmed_at=timezone.now())
    created.chapters.set(chapters)
    return created


def test_each_language_gets_its_own_months_content(month_content):
    english = build_content("en", this_month())
    assert titles(english) == {
        "chapters": ["India reunion", "Indonesia reunion"],
        "events": ["AlumniTalk"],
        "columns": ["Choosing a lab"],
        "voices": ["My year in Sendai"],
    }
    india = english["sections"][0]["items"][0]
    assert india["url"].startswith("http://localhost/en/chapters/india/")
    assert india["chapter_title"] == "India" and india["intro"] == "In Delhi"
    assert build_content("en", this_month().replace(year=2001)) == {"sections": []}


def test_an_issue_in_another_language_shows_the_months_untranslated_pages_marked(month_content):
    # As /ja/ on the site: the Japanese version where there is one, else the English one, in the
    # place its English version was published, marked with its language.
    japanese = build_content("ja", this_month())
    assert titles(japanese) == {
        "chapters": ["インド同窓会", "Indonesia reunion"],
        "events": ["AlumniTalk"],
        "columns": ["Choosing a lab"],
        "voices": ["My year in Sendai"],
    }
    india, indonesia = japanese["sections"][0]["items"]
    assert "language" not in india and india["url"].startswith("http://localhost/ja/")
    assert indonesia["language"] == "en" and indonesia["url"].startswith("http://localhost/en/")
    assert indonesia["chapter_title"] == "Indonesia"
    issue = NewsletterIssue.objects.create(language="ja", month=this_month(), intro="今月号")
    text = preview_context(issue, "text")["text"]
    assert "* Indonesia reunion [英語版] (Indonesia)\n" in text
    assert "* インド同窓会 (India)\n" in text
    html = preview_context(issue, "html")["html"]
    assert 'lang="en" hreflang="en">Indonesia reunion</a> <span class="fallback">(英語版)' in html


def test_without_a_default_site_an_issue_and_its_links_are_an_error_not_another_sites(
    month_content,
):
    # Both are built on the default site (site_pages.sites.default_site). A second site is left
    # standing: falling back to it would fill the issue with its pages and send its host.
    reader = subscriber("reader@example.com", "en")
    assert link(reader, UNSUBSCRIBE).startswith("http://localhost/en/")
    Site.objects.create(hostname="other.example", port=80, root_page=month_content.home)
    Site.objects.filter(hostname="localhost").update(is_default_site=False)
    with pytest.raises(ImproperlyConfigured, match="marked default"):
        build_content("en", this_month())
    with pytest.raises(ImproperlyConfigured, match="marked default"):
        link(reader, UNSUBSCRIBE)


def test_a_single_site_not_marked_default_is_the_default(month_content):
    # Only one site can be meant; a subscription must not fail for the missing tick.
    Site.objects.update(is_default_site=False, hostname="club.example")
    reader = subscriber("reader@example.com", "en")
    assert link(reader, UNSUBSCRIBE).startswith("http://club.example/en/")
    assert build_content("en", this_month())


# --- who may do what in the admin --------------------------------------------------------------


@pytest.fixture
def issue(month_content):
    return NewsletterIssue.objects.create(
        language="en", month=timezone.localdate(), intro="Welcome to this month's news."
    )


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("secretariat", True), ("india_editor", False), ("mentor", False), (None, False)],
)
def test_only_the_secretariat_sees_previews_and_approves(client, users, issue, role, allowed):
    subscriber("an@example.org", "en")
    if role:
        client.force_login(users[role])
    listing = client.get(reverse("wagtailsnippets_site_pages_newsletterissue:list"))
    preview = client.get(reverse("newsletter_admin:preview", args=[issue.pk]))
    approve_page = client.get(reverse("newsletter_admin:approve", args=[issue.pk]))
    approved = client.post(reverse("newsletter_admin:approve", args=[issue.pk]))
    issue.refresh_from_db()
    if allowed:
        assert listing.status_code == preview.status_code == approve_page.status_code == 200
        assert "Approve and send" in listing.content.decode()
        assert approved.status_code == 302
        # Approved and addressed; its first batch is queued when the request's transaction
        # commits (the sending tests below run it).
        assert issue.status == IssueStatus.SENDING
        assert NewsletterDelivery.objects.count() == 1
    else:
        for response in (listing, preview, approve_page, approved):
            assert response.status_code in (302, 403)
            assert "Welcome to this month" not in response.content.decode()
        assert issue.status == IssueStatus.DRAFT
        assert not NewsletterDelivery.objects.exists()


def test_the_approval_is_recorded_in_the_issues_history(client, users, issue):
    client.force_login(users["secretariat"])
    assert client.post(reverse("newsletter_admin:approve", args=[issue.pk])).status_code == 302
    [entry] = ModelLogEntry.objects.filter(object_id=str(issue.pk), action=APPROVE_ACTION)
    assert entry.user == users["secretariat"] and entry.data == {"recipients": 0}
    history = client.get(
        reverse("wagtailsnippets_site_pages_newsletterissue:history", args=[issue.pk])
    ).content.decode()
    assert "Approved and sent" in history and "secretariat" in history


def test_the_secretariat_writes_an_issue_and_previews_it_in_the_editor(
    client, users, month_content
):
    client.force_login(users["secretariat"])
    add = reverse("wagtailsnippets_site_pages_newsletterissue:add")
    assert client.get(add).status_code == 200
    data = {"language": "en", "month": timezone.localdate().isoformat(), "intro": "Hello, all."}
    preview = reverse("wagtailsnippets_site_pages_newsletterissue:preview_on_add")
    assert client.post(preview, data).json()["is_valid"] is True
    shown = client.get(preview, {"mode": "html"}).content.decode()
    assert "Hello, all." in shown and "India reunion" in shown
    assert client.post(add, data).status_code == 302
    issue = NewsletterIssue.objects.get()
    assert (issue.month, issue.status) == (this_month(), IssueStatus.DRAFT)
    # One issue per language and month.
    again = client.post(add, data)
    assert again.status_code == 200 and again.context["form"].errors


def test_the_preview_shows_the_mail_as_built_now(admin_client, issue):
    html = admin_client.get(reverse("newsletter_admin:preview", args=[issue.pk])).content.decode()
    assert "Welcome to this month&#x27;s news." in html
    assert "India reunion" in html and "Choosing a lab" in html
    text = admin_client.get(reverse("newsletter_admin:preview", args=[issue.pk]), {"mode": "text"})
    assert "== Chapter news ==" in text.content.decode()


def test_an_approved_issue_cannot_be_edited_or_approved_again(admin_client, issue):
    approve(issue, None)
    edit = reverse("wagtailsnippets_site_pages_newsletterissue:edit", args=[issue.pk])
    response = admin_client.post(
        edit, {"language": "en", "month": "2026-01-01", "intro": "Changed afterwards"}
    )
    assert response.status_code == 200
    issue.refresh_from_db()
    assert issue.intro == "Welcome to this month's news."
    again = admin_client.post(reverse("newsletter_admin:approve", args=[issue.pk]), follow=True)
    assert "This issue has been approved already." in again.content.decode()


# --- sending ---------------------------------------------------------------------------------


def test_approved_issue_reaches_each_subscriber_of_its_language_once_over_smtp(
    admin_client, issue, smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.SAKURA_NEWSLETTER = {**settings.SAKURA_NEWSLETTER, "BATCH_SIZE": 2}
    everything = subscriber("an@example.org", "en")
    india_only = subscriber("ravi@example.com", "en", english_india())
    others = [subscriber(f"member{n}@example.org", "en") for n in range(3)]
    subscriber("aiko@example.org", "ja")
    Subscriber.objects.create(email="unconfirmed@example.org", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("newsletter_admin:approve", args=[issue.pk]))
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT and issue.recipient_count == 5
    received = [rcpt for rcpts, _message in smtp_server.mailbox.messages for rcpt in rcpts]
    assert sorted(received) == sorted(
        [everything.email, india_only.email, *[other.email for other in others]]
    )
    [message] = smtp_server.mailbox.to("an@example.org")
    assert message["Subject"] == f"Sakura Science Club newsletter, {timezone.localdate():%B %Y}"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(
        r"<(http://localhost/en/newsletter/unsubscribe/\S+/)>", message["List-Unsubscribe"].strip()
    ).group(1)
    text = message.get_body(("plain",)).get_content()
    assert unsubscribe in text
    assert "Indonesia reunion" in text and "Welcome to this month's news." in text
    html = message.get_body(("html",)).get_content()
    assert "India reunion" in html
    [india_mail] = smtp_server.mailbox.to("ravi@example.com")
    india_text = india_mail.get_body(("plain",)).get_content()
    assert "India reunion" in india_text and "Indonesia reunion" not in india_text
    assert "AlumniTalk" in india_text  # network news is for everyone

    # A worker starting again finds nothing left to send.
    smtp_server.mailbox.clear()
    assert queue_sending_issues() == 0
    send_issue_batch.enqueue(issue.pk)
    assert smtp_server.mailbox.messages == []


def english_india():
    return Page.objects.get(slug="india", locale__language_code="en").specific


def test_a_batch_after_a_crash_sends_only_to_those_not_marked_sent(issue, smtp_server, settings):
    sent, claimed_by_the_dead, waiting = (
        subscriber(f"member{n}@example.org", "en") for n in range(3)
    )
    # The test's transaction never commits, so the batch queued on commit never runs: the
    # "crash" comes before it.
    approve(issue, None)
    rows = {row.subscriber_id: row for row in NewsletterDelivery.objects.all()}
    NewsletterDelivery.objects.filter(pk=rows[sent.pk].pk).update(sent_at=timezone.now())
    # A worker died while sending to this one; its claim has lapsed.
    NewsletterDelivery.objects.filter(pk=rows[claimed_by_the_dead.pk].pk).update(
        claimed_until=timezone.now() - timezone.timedelta(seconds=1), attempts=1
    )

    assert queue_sending_issues() == 1

    received = sorted(rcpt for rcpts, _message in smtp_server.mailbox.messages for rcpt in rcpts)
    assert received == sorted([claimed_by_the_dead.email, waiting.email])
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert not NewsletterDelivery.objects.filter(sent_at__isnull=True).exists()


def test_an_unsubscribed_reader_is_not_sent_the_issue_being_sent(issue, smtp_server):
    staying, leaving = subscriber("a@example.org", "en"), subscriber("b@example.org", "en")
    approve(issue, None)  # its batch is queued on commit, which the test never reaches
    leaving.delete()
    send_issue_batch.enqueue(issue.pk)
    assert [rcpts for rcpts, _message in smtp_server.mailbox.messages] == [[staying.email]]


# --- the archive -------------------------------------------------------------------------------


def test_the_archive_shows_sent_issues_of_the_readers_language(client, issue, smtp_server):
    subscriber("an@example.org", "en")
    draft = NewsletterIssue.objects.create(
        language="ja", month=timezone.localdate(), intro="下書き"
    )
    client.get("/en/")  # the site's settings row is made on first read, which is a change
    archive = client.get("/en/newsletter/")
    assert "No issue has been sent in this language yet." in archive.content.decode()
    # Kept for the next anonymous reader, like a page: the issues are not read again ...
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/newsletter/").content == archive.content
    assert not [query for query in queries if "site_pages_newsletterissue" in query["sql"]]
    approve(issue, None)
    assert client.get(f"/en/newsletter/{issue.month:%Y-%m}/").status_code == 404  # sending
    send_issue_batch.enqueue(issue.pk)
    url = f"/en/newsletter/{issue.month:%Y-%m}/"
    archive = client.get("/en/newsletter/").content.decode()
    assert url in archive  # ... until an issue is sent
    page = client.get(url).content.decode()
    assert "Welcome to this month&#x27;s news." in page and "India reunion" in page
    assert "example.org" not in page and "unsubscribe/" not in page
    assert client.get(f"/ja/newsletter/{draft.month:%Y-%m}/").status_code == 404
    assert (
        "この言語で送信された号はまだありません" in client.get("/ja/newsletter/").content.decode()
    )
    assert client.get("/en/newsletter/2026-13/").status_code == 404
    assert client.get("/en/newsletter/99999999999999999999-1/").status_code == 404
    assert client.get("/en/newsletter/2025-99999999999999999999/").status_code == 404


class RefusingMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("gone@"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def refusing_smtp_server(smtp_server, settings):
    """A loopback SMTP server that refuses gone@… at RCPT, in place of the fixture's."""
    server = LoopbackSMTPServer()
    server.mailbox = server.handler = RefusingMailbox()
    server.start()
    settings.EMAIL_PORT = server.port
    yield server
    server.stop()


def test_a_refused_address_is_tried_three_times_and_does_not_hold_up_the_others(
    issue, refusing_smtp_server
):
    smtp_server = refusing_smtp_server
    subscriber("gone@example.org", "en")
    kept = subscriber("kept@example.org", "en")
    approve(issue, None)
    send_issue_batch.enqueue(issue.pk)
    assert [rcpts for rcpts, _message in smtp_server.mailbox.messages] == [[kept.email]]
    refused = NewsletterDelivery.objects.get(subscriber__email="gone@example.org")
    assert (refused.failed, refused.attempts, refused.sent_at) == (True, 3, None)
    assert "No such mailbox" in refused.last_error
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT


def test_a_mail_server_that_is_down_costs_no_attempt(issue, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    subscriber("an@example.org", "en")
    approve(issue, None)
    assert send_issue_batch.enqueue(issue.pk).return_value["then"] == "server error, retrying"
    delivery = NewsletterDelivery.objects.get()
    assert (delivery.attempts, delivery.sent_at, delivery.claimed_until) == (0, None, None)
    assert delivery.last_error
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENDING
