"""Two-factor sign-in with an authenticator app (TOTP), on django-otp's TOTP device.

wagtail-2fa, the usual package, does not run on Wagtail 8 (it imports
``wagtail.users.widgets``, gone since Wagtail 6.x) and lets anyone holding ``change_user``
remove other people's devices, so this is a small integration of django-otp itself:

- Wagtail's login form stays as it is (django-axes guards it). A signed-in user with a
  confirmed device is sent to the code page until django-otp marks the session verified; every
  other address, site and API included, redirects there meanwhile.
- Setting up: the account page shows a QR code and the key of a new, unconfirmed device; one
  valid code confirms it and verifies the session.
- Required for the groups in SAKURA_2FA_REQUIRED_GROUPS (the Secretariat) and, when
  SAKURA_2FA_REQUIRE_SUPERUSERS is on, for superusers: they are sent to set it up before
  anything else, and cannot turn it off.
- Wrong codes are throttled by django-otp per device (each failure doubles the wait).
"""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import Resolver404, path, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.auth import require_admin_access

DEVICE_NAME = "Authenticator app"


def requires_two_factor(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser and settings.SAKURA_2FA_REQUIRE_SUPERUSERS:
        return True
    return user.groups.filter(name__in=settings.SAKURA_2FA_REQUIRED_GROUPS).exists()


def has_device(user):
    return user_has_device(user, confirmed=True)


# Addresses a half-signed-in user may still reach: the code and setup pages, signing out, and
# what those pages load.
OPEN_URL_NAMES = {
    ("", "wagtailadmin_login"),
    ("", "wagtailadmin_logout"),
    ("", "wagtailadmin_javascript_catalog"),
    ("", "wagtailadmin_sprite"),
    ("two_factor", "verify"),
    ("two_factor", "setup"),
}


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware: sends an unverified session to the code page, and a
    user who must use two factors but has no device to the setup page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect_to = self.redirect_for(request)
        if redirect_to is not None:
            return redirect(f"{redirect_to}?next={request.get_full_path()}")
        return self.get_response(request)

    def redirect_for(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.path_info.startswith(settings.STATIC_URL):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        if match is not None and (match.namespace, match.url_name) in OPEN_URL_NAMES:
            return None
        if has_device(user):
            if not user.is_verified():
                return reverse("two_factor:verify")
        elif requires_two_factor(user):
            return reverse("two_factor:setup")
        return None


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    error_text = gettext_lazy(
        "That code is not valid. Enter the current code from your app; after several wrong "
        "codes, wait a little before trying again."
    )

    def __init__(self, devices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.device = None

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        for device in self.devices:
            # verify_token applies django-otp's throttle: it refuses while a device waits.
            if device.verify_token(code):
                self.device = device
                return code
        raise forms.ValidationError(self.error_text, code="invalid_code")


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_admin_access
@require_http_methods(["GET", "POST"])
def verify(request):
    devices = list(TOTPDevice.objects.devices_for_user(request.user, confirmed=True))
    if not devices:
        return redirect("two_factor:setup")
    form = CodeForm(devices, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(safe_next(request, reverse("wagtailadmin_home")))
    return render(
        request,
        "site_pages/accounts/two_factor_verify.html",
        {"form": form, "next": safe_next(request, "")},
    )


def unconfirmed_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@require_admin_access
@require_http_methods(["GET", "POST"])
def setup(request):
    if has_device(request.user):
        if not request.user.is_verified():
            return redirect("two_factor:verify")
        return redirect("two_factor:manage")
    device = unconfirmed_device(request.user)
    form = CodeForm([device], request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, _("Two-factor sign-in is on for your account."))
        return redirect(safe_next(request, reverse("wagtailadmin_home")))
    return render(
        request,
        "site_pages/accounts/two_factor_setup.html",
        {
            "form": form,
            "next": safe_next(request, ""),
            "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4),
            "key": base64.b32encode(device.bin_key).decode(),
            "required": requires_two_factor(request.user),
        },
    )


@require_admin_access
@require_http_methods(["GET", "POST"])
def manage(request):
    """Status, and turning it off (with a current code) for those not required to use it."""
    user = request.user
    devices = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
    required = requires_two_factor(user)
    form = CodeForm(devices, request.POST or None)
    if request.method == "POST" and devices and not required and form.is_valid():
        TOTPDevice.objects.filter(user=user).delete()
        messages.success(request, _("Two-factor sign-in is off for your account."))
        return redirect("two_factor:manage")
    return render(
        request,
        "site_pages/accounts/two_factor_manage.html",
        {"form": form, "enabled": bool(devices), "required": required},
    )


app_name = "two_factor"
urlpatterns = [
    path("two-factor/", manage, name="manage"),
    path("two-factor/setup/", setup, name="setup"),
    path("two-factor/verify/", verify, name="verify"),
]
