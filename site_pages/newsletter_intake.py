"""Subscribing to the newsletter, received through ``submission_intake.py`` from the site and the
API (``subscribeNewsletter``): validated by ``newsletter_form.py``, kept as an unconfirmed
Subscriber, and confirmed by the link mailed to the address (double opt-in).

Whatever the address's state, the answer is the same ("check your inbox"), so nobody learns
whether an address is on the list: a new or unconfirmed address gets the confirmation link
(again), a confirmed one a note with its preferences and unsubscribe links. Only the mailbox's
owner can act on either, so a stranger cannot change a subscriber's language or chapters here.
"""

from functools import partial

from django.utils import timezone
from django.utils.translation import gettext_lazy

from site_pages.mail import queue_email_in
from site_pages.models import Subscriber
from site_pages.newsletter_form import SubscribeForm
from site_pages.newsletter_links import CONFIRM, PREFERENCES, UNSUBSCRIBE, link
from site_pages.submission_intake import Intake, receive


def normalised_address(email):
    return email.strip().lower()


class SubscriptionIntake(Intake):
    form_class = SubscribeForm
    model = Subscriber
    rate_group = "newsletter"

    rate_limited_text = gettext_lazy(
        "Too many subscription requests in a short time. Please try again in %(minutes)s minutes."
    )

    def store(self, request, form, idempotency_key):
        subscriber, _created = Subscriber.objects.get_or_create(
            email=normalised_address(form.cleaned_data["email"]),
            defaults={"language": form.language},
        )
        if idempotency_key:
            subscriber.idempotency_key = idempotency_key
        if not subscriber.confirmed:
            subscriber.language = form.language
            subscriber.requested_at = timezone.now()
            subscriber.chapters.set(form.cleaned_data["chapters"])
        subscriber.save()
        return subscriber

    def confirm(self, subscriber, form):
        # Keyed by the moment of the request: each request mails once (and the per-address
        # rate limit bounds how many a stranger can cause).
        moment = int(timezone.now().timestamp() * 1000)
        if subscriber.confirmed:
            key = f"newsletter-subscribed-again:{subscriber.pk}:{moment}"
            subject = gettext_lazy("You already receive the Sakura Science Club newsletter")
            template = "site_pages/mail/newsletter_already_subscribed.txt"
        else:
            key = f"newsletter-confirm:{subscriber.pk}:{moment}"
            subject = gettext_lazy(
                "Confirm your subscription to the Sakura Science Club newsletter"
            )
            template = "site_pages/mail/newsletter_confirm.txt"
        queue_email_in(
            subscriber.language,
            key=key,
            to=subscriber.email,
            subject=subject,
            template=template,
            context={
                "confirm_url": link(subscriber, CONFIRM),
                "preferences_url": link(subscriber, PREFERENCES),
                "unsubscribe_url": link(subscriber, UNSUBSCRIBE),
            },
        )


SUBSCRIPTIONS = SubscriptionIntake()


# What the API's ``subscribeNewsletter`` runs: ``receive`` bound to this kind of submission.
subscribe = partial(receive, SUBSCRIPTIONS)
