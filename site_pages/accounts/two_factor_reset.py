"""Resetting someone's two-factor sign-in when they lost their phone.

The Secretariat and superusers remove the user's authenticator devices from the user's page in
Settings → Users ("Reset two-factor sign-in", then confirm). The user then signs in with their
password and, if their role requires two factors, is sent to set up a new device before
anything else; a session still open elsewhere loses its verification with the device.

Who may do it is the account rule (``rules.may_manage_user``): whoever may edit the user, so a
Secretariat member never resets a superuser's device, and nobody resets their own here (their
account page turns it off with a current code, where their role allows). Each reset is recorded
in Wagtail's log of the user, with who did it.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.auth import require_admin_access
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log

from site_pages.accounts.rules import may_manage_user

LOG_ACTION = "site_pages.reset_two_factor"

User = get_user_model()


def may_reset_two_factor(actor, target):
    return (
        actor.has_perm("auth.change_user")
        and actor.pk != target.pk
        and may_manage_user(actor, target)
    )


@require_admin_access
@require_http_methods(["GET", "POST"])
def reset_two_factor(request, pk):
    target = get_object_or_404(User, pk=pk)
    if not may_reset_two_factor(request.user, target):
        raise PermissionDenied
    devices = TOTPDevice.objects.filter(user=target)
    has_device = devices.filter(confirmed=True).exists()
    if request.method == "POST":
        devices.delete()  # an unconfirmed one too: a new setup starts from a new key
        if has_device:
            log(instance=target, action=LOG_ACTION, user=request.user)
            messages.success(
                request,
                _(
                    "Two-factor sign-in of %(user)s was reset. They set up a new device the "
                    "next time they sign in."
                )
                % {"user": target.get_username()},
            )
        else:
            messages.info(
                request, _("%(user)s has no two-factor device.") % {"user": target.get_username()}
            )
        return redirect("wagtailusers_users:edit", target.pk)
    return TemplateResponse(
        request,
        "site_pages/accounts/two_factor_reset.html",
        {"target": target, "has_device": has_device},
    )


def reset_two_factor_button(target):
    return Button(
        gettext_lazy("Reset two-factor sign-in"),
        url=reverse("wagtailusers_users:reset_two_factor", args=(target.pk,)),
        icon_name="key",
        priority=40,
    )
