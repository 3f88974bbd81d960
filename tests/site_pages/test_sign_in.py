"""Signing in to the admin: lockout (django-axes), the password-reset throttle and two-factor
sign-in (site_pages/accounts/), through the real login, reset and two-factor pages."""

import re
import time

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "password"  # make_user's


@pytest.fixture(autouse=True)
def clean_cache():
    """The reset throttle counts in the cache; each test starts from zero."""
    from django.core.cache import cache

    cache.clear()


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password, "next": reverse("wagtailadmin_home")},
        REMOTE_ADDR=address,
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def visible_text(response):
    """The page without its CSRF tokens (64 letters and digits), to compare two answers."""
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "", response.content.decode())


def test_twenty_wrong_passwords_then_the_right_one_does_not_sign_in(client, users):
    for _attempt in range(20):
        response = sign_in(client, "secretariat", "wrong-password")
        assert not signed_in(client)
    assert response.status_code == 429

    response = sign_in(client, "secretariat", PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client)
    assert "Too many sign-in attempts" in response.content.decode()


def test_the_lockout_is_per_account_from_any_address(client, users, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "secretariat", "wrong-password", address=f"10.0.1.{attempt}")
    response = sign_in(client, "secretariat", PASSWORD, address="10.0.2.1")
    assert response.status_code == 429
    assert not signed_in(client)


def test_the_lockout_is_per_address_for_any_account(client, users, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess-{attempt}", "wrong-password", address="10.0.3.1")
    response = sign_in(client, "secretariat", PASSWORD, address="10.0.3.1")
    assert response.status_code == 429
    assert not signed_in(client)
    # Another address is not affected.
    response = sign_in(client, "secretariat", PASSWORD, address="10.0.3.2")
    assert response.status_code == 302
    assert signed_in(client)


def test_lockout_answers_the_same_for_existing_and_unknown_accounts(client, users, settings):
    answers = {}
    for username, address in (("secretariat", "10.0.4.1"), ("nobody-here", "10.0.4.2")):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            first = sign_in(client, username, "wrong-password", address=address)
        answers[username] = sign_in(client, username, "wrong-password", address=address)
        assert username not in visible_text(answers[username])
    assert answers["secretariat"].status_code == answers["nobody-here"].status_code == 429
    assert visible_text(answers["secretariat"]) == visible_text(answers["nobody-here"])
    assert first.status_code == 429  # the limit itself locks


def test_a_failure_below_the_limit_says_nothing_about_the_account(client, users):
    known = sign_in(client, "secretariat", "wrong-password", address="10.0.5.1")
    unknown = sign_in(client, "nobody-here", "wrong-password", address="10.0.5.2")
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()


def test_django_admin_is_gone(client, users):
    """The second login form is no more: its old address falls through to the site's 404."""
    for response in (
        client.get("/django-admin/", follow=True),
        client.get("/django-admin/login/", follow=True),
    ):
        assert response.status_code == 404
        assert 'name="password"' not in response.content.decode()


def request_reset(client, email, address="10.0.6.1"):
    return client.post(
        reverse("wagtailadmin_password_reset"), {"email": email}, REMOTE_ADDR=address
    )


def test_password_reset_is_throttled_per_address_submitted(client, users):
    for attempt in range(5):
        response = request_reset(client, "secretariat@example.org", address=f"10.0.7.{attempt}")
        assert response.status_code == 302
    assert len(mail.outbox) == 5

    response = request_reset(client, "secretariat@example.org", address="10.0.7.99")

    assert response.status_code == 200
    assert "Too many password-reset requests" in response.content.decode()
    assert len(mail.outbox) == 5


def test_password_reset_is_throttled_per_client_and_answers_alike(client, users):
    for attempt in range(5):
        request_reset(client, f"someone-{attempt}@example.org", address="10.0.8.1")
    known = request_reset(client, "secretariat@example.org", address="10.0.8.1")
    unknown = request_reset(client, "nobody@example.org", address="10.0.8.1")
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()
    assert mail.outbox == []


# ---------------------------------------------------------------------------------------------
# Two-factor sign-in
# ---------------------------------------------------------------------------------------------


def code_for(device, steps_ahead=0):
    """The code an authenticator app shows, computed from the device's key. django-otp refuses a
    code twice, so a second sign-in in the same 30 s uses the next step's (within tolerance)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def set_up_two_factor(client):
    response = client.get(reverse("two_factor:setup"))
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user_id=client.session["_auth_user_id"], confirmed=False)
    assert response.context["key"]  # the key to type in, besides the QR code
    assert "<svg" in response.content.decode()

    wrong = client.post(reverse("two_factor:setup"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "code" in wrong.context["form"].errors

    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above started django-otp's wait
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(reverse("two_factor:setup"), {"code": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_an_editor_turns_on_two_factor_and_then_needs_a_code(client, users):
    editor = users["india_editor"]
    assert sign_in(client, editor.username, PASSWORD).status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # optional for them

    device = set_up_two_factor(client)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    client.post(reverse("wagtailadmin_logout"))
    assert sign_in(client, editor.username, PASSWORD, address="10.0.9.1").status_code == 302

    # The password alone reaches nothing: every address sends them to the code page.
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_explore_root"), "/en/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two_factor:verify"))

    wrong = client.post(reverse("two_factor:verify"), {"code": "123456", "next": "/admin/"})
    assert wrong.status_code == 200
    assert client.get(reverse("wagtailadmin_home")).status_code == 302

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(
        reverse("two_factor:verify"), {"code": code_for(device, steps_ahead=1), "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_wrong_codes_are_throttled(client, users):
    editor = users["india_editor"]
    client.force_login(editor)
    device = TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    for _attempt in range(3):
        client.post(reverse("two_factor:verify"), {"code": "000000"})
    # Now even the right code waits until django-otp's back-off has passed.
    response = client.post(reverse("two_factor:verify"), {"code": code_for(device)})
    assert response.status_code == 200
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_the_secretariat_must_set_up_two_factor_first(client, users, settings):
    settings.SAKURA_2FA_REQUIRED_GROUPS = [settings.SAKURA_SECRETARIAT_GROUP]
    secretariat = users["secretariat"]
    assert sign_in(client, secretariat.username, PASSWORD).status_code == 302

    for url in (reverse("wagtailadmin_home"), reverse("wagtailusers_users:index")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two_factor:setup"))
    assert client.get(reverse("two_factor:manage")).status_code == 302

    device = set_up_two_factor(client)
    assert client.get(reverse("wagtailusers_users:index")).status_code == 200

    # Required, so it cannot be turned off, even with a valid code.
    response = client.post(reverse("two_factor:manage"), {"code": code_for(device, 1)})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=secretariat, confirmed=True).exists()


def test_others_may_turn_it_off_with_a_code(client, users):
    editor = users["mentor"]
    client.force_login(editor)
    device = set_up_two_factor(client)
    response = client.post(reverse("two_factor:manage"), {"code": code_for(device, 1)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_superusers_need_it_only_when_configured(client, users, settings):
    root = make_user("root", superuser=True)
    client.force_login(root)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    settings.SAKURA_2FA_REQUIRE_SUPERUSERS = True
    response = client.get(reverse("wagtailadmin_home"))
    assert response["Location"].startswith(reverse("two_factor:setup"))


def test_next_may_not_leave_the_site(client, users):
    editor = users["india_editor"]
    client.force_login(editor)
    response = client.get(reverse("two_factor:setup"))
    device = TOTPDevice.objects.get(user=editor)
    response = client.post(
        reverse("two_factor:setup"), {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
