"""The signed links of the newsletter's mails: confirm a subscription, unsubscribe in one
click, edit preferences. Each carries the subscriber's secret token signed for its one purpose
(a preferences link cannot confirm an address); a confirmation link expires after
``SAKURA_NEWSLETTER["CONFIRM_DAYS"]``, the others last as long as the subscription (leaving
deletes the subscriber, and with it the token every older link names).

Links are absolute, on the default site's address: mails leave from tasks, with no request to
take a host from.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from site_pages.models import Subscriber
from site_pages.sites import default_site

CONFIRM, UNSUBSCRIBE, PREFERENCES = "confirm", "unsubscribe", "preferences"
ROUTES = {
    CONFIRM: "newsletter_confirm",
    UNSUBSCRIBE: "newsletter_unsubscribe",
    PREFERENCES: "newsletter_preferences",
}


def salt(purpose):
    return f"site_pages.newsletter.{purpose}"


def signed(subscriber, purpose):
    return signing.dumps(subscriber.token, salt=salt(purpose))


def subscriber_for(value, purpose):
    """The subscriber a signed value names, or None when it is forged, expired or stale."""
    max_age = None
    if purpose == CONFIRM:
        max_age = settings.SAKURA_NEWSLETTER["CONFIRM_DAYS"] * 24 * 3600
    try:
        token = signing.loads(value, salt=salt(purpose), max_age=max_age)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(token=token).first()


def site_root():
    return default_site().root_url


def absolute(path):
    return site_root() + path


def link(subscriber, purpose, language=None):
    """The absolute address of ``purpose`` for ``subscriber``, under their language."""
    with translation.override(language or subscriber.language):
        path = reverse(ROUTES[purpose], args=[signed(subscriber, purpose)])
    return absolute(path)
