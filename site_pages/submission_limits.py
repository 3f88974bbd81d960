"""Limits on members' submissions: the size of what a client sends (checked before anything
reads the body), and rates per client address and per submitted e-mail address.

django-ratelimit counts on the default cache (Redis in production, so every app server shares
the counters); the rates are ``settings.SAKURA_SUBMISSION_RATES``. Both counters advance on
every attempt, so neither can be reset by varying the other.
"""

import math

from django.conf import settings
from django_ratelimit.core import get_usage

from site_pages.accounts.password_reset import client_address


def retry_after(request, group, email):
    """Seconds until the client may submit again, or None when it is within both limits."""
    rates = settings.SAKURA_SUBMISSION_RATES
    address = email.strip().lower()
    waits = []
    for key, rate in (
        (client_address, rates["per_address"]),
        (lambda _group, _request: address, rates["per_email"]),
    ):
        usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
        if usage is not None and usage["should_limit"]:
            waits.append(max(usage["time_left"], 1))
    return max(waits) if waits else None


def minutes(seconds):
    return max(1, math.ceil(seconds / 60))


def declared_length(request):
    """The body's size as the client declares it (0 when absent or malformed): checked before
    Django reads the body, so an oversized upload is refused without being stored anywhere."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def too_large(request):
    """Whether a members' form or mutation body exceeds the largest submission (a photo at the
    image upload limit, plus the form's text)."""
    return declared_length(request) > settings.SAKURA_GRAPHQL["MAX_BODY_BYTES"]
