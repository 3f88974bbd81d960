"""The minimum fill time of the site's forms: a person takes some seconds to write a question,
a bot posts at once. The form carries the time it was rendered, signed so that a bot cannot
write an older one; ``settings.SAKURA_SUBMISSION_MIN_FILL_SECONDS`` is the minimum."""

import time

from django.conf import settings
from django.core import signing

SALT = "site_pages.fill_time"


def started_token():
    return signing.dumps(int(time.time()), salt=SALT)


def seconds_since(token):
    """Seconds since the form was rendered; 0 for a missing or forged token."""
    try:
        started = signing.loads(token or "", salt=SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return 0
    return max(0, int(time.time()) - int(started))


def too_fast(token):
    return seconds_since(token) < settings.SAKURA_SUBMISSION_MIN_FILL_SECONDS
