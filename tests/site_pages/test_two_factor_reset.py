"""Resetting a user's two-factor sign-in after they lost their phone
(site_pages/accounts/two_factor_reset.py), through the user admin: role x target kind, then
what the user meets at their next sign-in."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from site_pages.accounts.two_factor_reset import LOG_ACTION
from tests.site_pages.test_accounts import assert_denied, people, target_of  # noqa: F401
from tests.site_pages.test_sign_in import PASSWORD, code_for, sign_in

pytestmark = pytest.mark.django_db

ROLES = ["superuser", "secretariat", "chapter_editor", "mentor"]
KINDS = ["superuser", "secretariat", "chapter_editor", "self"]
# Whoever may edit the user, never oneself: the Secretariat never resets a superuser's device.
ALLOWED = {
    ("superuser", "superuser"),
    ("superuser", "secretariat"),
    ("superuser", "chapter_editor"),
    ("secretariat", "secretariat"),
    ("secretariat", "chapter_editor"),
}


def device_of(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def reset_url(target):
    return reverse("wagtailusers_users:reset_two_factor", args=(target.pk,))


def sign_in_as(client, actor, device=None):
    client.force_login(actor)
    if device is not None:  # a device of one's own: its code first, as at any sign-in
        response = client.post(reverse("two_factor:verify"), {"code": code_for(device)})
        assert response.status_code == 302


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_reset_matrix(client, people, role, kind):  # noqa: F811
    actor = people[role]
    target = target_of(people, role, kind)
    device = device_of(target)
    sign_in_as(client, actor, device if target == actor else None)
    allowed = (role, kind) in ALLOWED

    edit = client.get(reverse("wagtailusers_users:edit", args=(target.pk,)))
    if allowed:
        assert reset_url(target) in edit.content.decode()
        confirm = client.get(reset_url(target))
        assert confirm.status_code == 200
        assert "Reset two-factor sign-in" in confirm.content.decode()
        assert TOTPDevice.objects.filter(pk=device.pk).exists()  # asking changes nothing
    elif edit.status_code == 200:  # their own page: the button is not there
        assert reset_url(target) not in edit.content.decode()

    response = client.post(reset_url(target))

    if allowed:
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailusers_users:edit", args=(target.pk,))
        assert not TOTPDevice.objects.filter(user=target).exists()
        entry = ModelLogEntry.objects.get(action=LOG_ACTION)
        assert entry.user_id == actor.pk and entry.object_id == str(target.pk)
    else:
        assert_denied(response)
        assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()
        assert not ModelLogEntry.objects.filter(action=LOG_ACTION).exists()


def test_after_a_reset_the_user_sets_up_a_new_device(client, people, settings):  # noqa: F811
    settings.SAKURA_2FA_REQUIRED_GROUPS = [settings.SAKURA_SECRETARIAT_GROUP]
    peer = people["other_secretariat"]
    old = device_of(peer)
    settings.SAKURA_2FA_REQUIRE_SUPERUSERS = False
    client.force_login(people["superuser"])
    assert client.post(reset_url(peer)).status_code == 302
    client.logout()

    # The lost phone's codes no longer sign in; the password leads to setting up a new device.
    assert sign_in(client, peer.username, PASSWORD).status_code == 302
    response = client.get(reverse("wagtailadmin_home"))
    assert response["Location"].startswith(reverse("two_factor:setup"))
    response = client.post(reverse("two_factor:verify"), {"code": code_for(old)})
    assert response["Location"].startswith(reverse("two_factor:setup"))
    assert client.get(reverse("two_factor:setup")).status_code == 200
    assert TOTPDevice.objects.filter(user=peer, confirmed=False).exists()


def test_reset_is_a_post_and_names_a_user_without_a_device(client, people):  # noqa: F811
    client.force_login(people["secretariat"])
    target = people["other_chapter_editor"]
    response = client.get(reset_url(target))
    assert response.status_code == 200
    assert "has not set up two-factor sign-in" in response.content.decode()
    response = client.post(reset_url(target), follow=True)
    assert "has no two-factor device" in response.content.decode()
    assert not ModelLogEntry.objects.filter(action=LOG_ACTION).exists()
