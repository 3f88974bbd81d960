"""``subscribeNewsletter``: the first step of the newsletter's double opt-in. It runs the site's
rules (``site_pages/newsletter_intake.py``) and mails a confirmation link to the address; the
payload says only that a confirmation is on its way, the same for every address, so no client
learns whether an address is subscribed."""

from enum import Enum

import strawberry
from strawberry.types import Info

from graphql_api.core.field_errors import FieldError
from graphql_api.submissions import run_intake
from site_pages.newsletter_intake import subscribe


@strawberry.enum(description="Where a newsletter subscription request is.")
class NewsletterSubscriptionStatus(Enum):
    CONFIRMATION_SENT = strawberry.enum_value(
        "confirmation_sent",
        description="A mail is on its way to the address; the subscription starts when its link "
        "is followed (or, for an address already subscribed, nothing changes).",
    )


@strawberry.type(description="A newsletter subscription request, as its sender may follow it.")
class NewsletterSubscription:
    status: NewsletterSubscriptionStatus = strawberry.field(description="Where the request is.")


@strawberry.input(description="A request to receive the monthly newsletter.")
class SubscribeNewsletterInput:
    locale: str = strawberry.field(
        description="The language of the newsletter, of the confirmation mail and of error "
        "messages (e.g. ja)."
    )
    email: str = strawberry.field(
        description="Where the newsletter goes, once confirmed by the link mailed to it. Never "
        "shown."
    )
    chapters: list[str] | None = strawberry.field(
        default=None,
        description="Slugs of the chapters whose news the subscriber wants (at most 50); none "
        "or empty means every chapter.",
    )
    client_mutation_id: str | None = strawberry.field(
        default=None,
        description="Idempotency key, at most 100 characters: a request sent again with the same "
        "key and e-mail does not mail a second confirmation.",
    )
    website: str | None = strawberry.field(
        default=None,
        description="Leave empty. A spam trap: a request that fills it is refused (REJECTED).",
    )


@strawberry.type(description="The result of subscribeNewsletter: the request, or what to correct.")
class SubscribeNewsletterPayload:
    subscription: NewsletterSubscription | None = strawberry.field(
        description="The request received; null when there are errors."
    )
    errors: list[FieldError] = strawberry.field(
        description="Problems with the input; empty on success."
    )
    client_mutation_id: str | None = strawberry.field(
        description="The clientMutationId of the input, returned as sent."
    )


def subscription_fields(data):
    return {"email": data.email, "chapters": list(data.chapters or [])}


def subscribe_newsletter(info, data):
    received, errors = run_intake(info, data, subscribe, subscription_fields(data))
    subscription = None
    if received is not None:
        subscription = NewsletterSubscription(status=NewsletterSubscriptionStatus.CONFIRMATION_SENT)
    return SubscribeNewsletterPayload(
        subscription=subscription, errors=errors, client_mutation_id=data.client_mutation_id
    )


@strawberry.type
class NewsletterMutation:
    @strawberry.mutation(
        description="Subscribe an address to the monthly newsletter in a language. A mail with a "
        "confirmation link goes to the address; nothing is sent to it before that link is "
        "followed (double opt-in). Every issue carries a one-click unsubscribe link. Rate "
        "limited per client address and per e-mail address (RATE_LIMITED, retryAfter)."
    )
    def subscribe_newsletter(
        self, info: Info, input: SubscribeNewsletterInput
    ) -> SubscribeNewsletterPayload:
        return subscribe_newsletter(info, input)
