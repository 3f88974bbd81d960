"""The newsletter's subscription on the site (the same rules as ``subscribeNewsletter``:
site_pages/newsletter_intake.py): double opt-in by a link that confirms on POST only, the
preferences behind a signed link, one-click unsubscribe without session or CSRF token
(RFC 8058), and the subscriber's address as personal data (export, erasure, retention)."""

import io
import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from site_pages import fill_time
from site_pages.models import Subscriber
from site_pages.newsletter_links import CONFIRM, PREFERENCES, UNSUBSCRIBE, link
from site_pages.personal_data import apply_retention, erase, export

SUBSCRIBE_JA = "/ja/newsletter/subscribe/"


def form_data(**changes):
    data = {
        "started": signing.dumps(int(time.time()) - 60, salt=fill_time.SALT),
        "email": "an@example.org",
        "chapters": ["india"],
        "idempotency_key": "form-1",
    }
    data.update(changes)
    return data


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def mailed_link(message, kind):
    return path_of(re.search(rf"(http://\S+/newsletter/{kind}/\S+/)", message.body).group(1))


@pytest.fixture
def subscribed(client, site_tree, mailoutbox, django_capture_on_commit_callbacks):
    """Subscribe through the Japanese form; returns the confirmation mail."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBSCRIBE_JA, form_data())
    assert response.status_code == 302
    assert response["Location"] == "/ja/newsletter/subscribe/thanks/"
    [message] = mailoutbox
    return message


def test_the_form_in_japanese(client, site_tree):
    home = client.get("/ja/").content.decode()
    assert 'href="/ja/newsletter/subscribe/"' in home and 'href="/ja/newsletter/"' in home
    response = client.get(SUBSCRIBE_JA)
    html = response.content.decode()
    assert response.status_code == 200
    assert "ニュースレターを購読する" in html
    assert 'name="csrfmiddlewaretoken"' in html and 'name="website"' in html
    assert 'value="india"' in html and 'value="indonesia"' in html
    assert "no-store" in response["Cache-Control"]


def test_subscribe_confirm_and_edit_preferences(client, subscribed, site_tree):
    assert subscribed.subject == "さくらサイエンスクラブ・ニュースレターの購読を確認してください"
    assert subscribed.extra_headers["Content-Language"] == "ja"
    subscriber = Subscriber.objects.get()
    assert (subscriber.language, subscriber.confirmed) == ("ja", False)
    confirm = mailed_link(subscribed, "confirm")
    assert confirm.startswith("/ja/")
    # Opening the link (as a mail scanner does) confirms nothing.
    page = client.get(confirm)
    assert page.status_code == 200 and "購読を確認する" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert not Subscriber.objects.get().confirmed
    response = client.post(confirm)
    assert response.status_code == 302
    assert Subscriber.objects.get().confirmed
    preferences = client.get(response["Location"])
    html = preferences.content.decode()
    assert "購読が確認されました" in html
    assert "an@example.org" not in html
    # Another language and another chapter.
    saved = client.post(response["Location"], {"language": "en", "chapters": ["indonesia"]})
    assert saved.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "en"
    assert [chapter.slug for chapter in subscriber.chapters.all()] == ["indonesia"]
    assert "購読設定を保存しました" in client.get(saved["Location"]).content.decode()


def test_preferences_refuse_what_is_not_offered(client, site_tree):
    subscriber = Subscriber.objects.create(
        email="an@example.org", language="en", confirmed_at=timezone.now()
    )
    url = path_of(link(subscriber, PREFERENCES))
    response = client.post(url, {"language": "xx", "chapters": ["atlantis"]})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"language", "chapters"}
    assert Subscriber.objects.get().language == "en"


def test_one_click_unsubscribe_without_session_or_csrf(site_tree):
    subscriber = Subscriber.objects.create(
        email="an@example.org", language="ja", confirmed_at=timezone.now()
    )
    url = path_of(link(subscriber, UNSUBSCRIBE))
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert page.status_code == 200 and "ニュースレターの購読をやめる" in page.content.decode()
    assert Subscriber.objects.exists()
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "購読を停止しました" in response.content.decode()
    assert not Subscriber.objects.exists()
    # Sent again (a client retrying): still done, still 200.
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200


@pytest.mark.parametrize("case", ["forged", "other purpose", "expired", "gone"])
def test_a_link_that_no_longer_works_says_so(client, site_tree, settings, case):
    subscriber = Subscriber.objects.create(email="an@example.org", language="en")
    url = path_of(link(subscriber, CONFIRM))
    if case == "forged":
        url = url.replace("/confirm/", "/confirm/x")
    elif case == "other purpose":
        url = path_of(link(subscriber, UNSUBSCRIBE)).replace("/unsubscribe/", "/confirm/")
    elif case == "expired":
        settings.SAKURA_NEWSLETTER = {**settings.SAKURA_NEWSLETTER, "CONFIRM_DAYS": -1}
    else:
        subscriber.delete()
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 404
        assert "This link no longer works" in response.content.decode()
    assert not Subscriber.objects.filter(confirmed_at__isnull=False).exists()


def test_the_honeypot_and_a_form_sent_too_fast_store_nothing(client, site_tree, mailoutbox):
    trapped = client.post(SUBSCRIBE_JA, form_data(website="http://spam.example"))
    too_fast = client.post(SUBSCRIBE_JA, form_data(started=fill_time.started_token()))
    assert trapped.status_code == too_fast.status_code == 302
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_errors_in_japanese_and_the_rate_limit(client, site_tree, settings):
    response = client.post(SUBSCRIBE_JA, form_data(email="nope"))
    assert "有効なメールアドレスを入力してください。" in response.content.decode()
    settings.SAKURA_SUBMISSION_RATES = {"per_address": "100/h", "per_email": "1/h"}
    client.post(SUBSCRIBE_JA, form_data(idempotency_key="a"))
    limited = client.post(SUBSCRIBE_JA, form_data(idempotency_key="b"))
    assert limited.status_code == 429
    assert "分後にもう一度お試しください" in limited.content.decode()


def test_the_address_is_exported_erased_and_expires_unconfirmed(site_tree, settings):
    confirmed = Subscriber.objects.create(
        email="an@example.org", language="ja", confirmed_at=timezone.now()
    )
    confirmed.chapters.add(site_tree.india)
    settings.SAKURA_NEWSLETTER = {**settings.SAKURA_NEWSLETTER, "CONFIRM_DAYS": 7}
    stale = Subscriber.objects.create(
        email="old@example.org", language="en", requested_at=timezone.now() - timedelta(days=8)
    )
    fresh = Subscriber.objects.create(email="new@example.org", language="en")

    [data] = export("AN@example.org")["newsletter_subscriptions"]
    assert data["email"] == "an@example.org" and data["chapters"] == ["India"]
    assert data["language"] == "ja" and data["confirmed_at"]

    result = apply_retention()
    assert result.unconfirmed_subscriptions == 1
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {confirmed.pk, fresh.pk}
    assert not Subscriber.objects.filter(pk=stale.pk).exists()

    assert erase("an@example.org").subscriptions == 1
    assert not Subscriber.objects.filter(email="an@example.org").exists()
    call_command("erase_personal_data", "new@example.org", stdout=io.StringIO())
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("secretariat", True), ("india_editor", False), ("mentor", False), (None, False)],
)
def test_only_the_secretariat_sees_subscribers_in_the_admin(client, users, role, allowed):
    subscriber = Subscriber.objects.create(email="an@example.org", language="ja")
    if role:
        client.force_login(users[role])
    listing = client.get(reverse("wagtailsnippets_site_pages_subscriber:list"))
    edit = client.get(reverse("wagtailsnippets_site_pages_subscriber:edit", args=[subscriber.pk]))
    add = client.get(reverse("wagtailsnippets_site_pages_subscriber:add"))
    assert add.status_code in (302, 403)  # readers subscribe themselves
    if allowed:
        assert listing.status_code == edit.status_code == 200
        assert "an@example.org" in listing.content.decode()
    else:
        for response in (listing, edit):
            assert response.status_code in (302, 403)
            assert "an@example.org" not in response.content.decode()
