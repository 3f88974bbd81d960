"""Wagtail's "Forgotten password?" page, throttled per submitted address and per client.

django-axes counts failed logins only; a reset request is not one, so django-ratelimit counts
these on the default cache (Redis in production: shared by every app server). Over the limit
the form answers with the same error whether or not the address belongs to anyone, and sends
nothing.
"""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited
from wagtail.admin.views.account import PasswordResetView


def client_address(group, request):
    """The same client address django-axes locks (AXES_IPWARE_* settings)."""
    return get_client_ip_address(request) or ""


def submitted_address(group, request):
    return request.POST.get("email", "").strip().lower()


class ThrottledPasswordResetView(PasswordResetView):
    throttled_message = _(
        "Too many password-reset requests. Try again later, or ask the Secretariat for help."
    )

    def post(self, request, *args, **kwargs):
        limited = False
        # Both counters advance on every request, so neither can be reset by varying the other.
        for key in (client_address, submitted_address):
            limited |= is_ratelimited(
                request,
                group="password-reset",
                key=key,
                rate=settings.SAKURA_PASSWORD_RESET_RATE,
                method="POST",
                increment=True,
            )
        if limited:
            form = self.get_form()
            form.is_valid()
            form.add_error(None, self.throttled_message)
            return self.form_invalid(form)
        return super().post(request, *args, **kwargs)
