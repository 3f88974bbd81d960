"""The newsletter in the API.

``subscribeNewsletter``: the first step of the newsletter's double opt-in. It runs the site's
rules (``site_pages/newsletter_intake.py``) and mails a confirmation link to the address; the
payload says only that a confirmation is on its way, the same for every address, so no client
learns whether an address is subscribed.

``newsletterIssues``: the issues sent in a language, as the site's archive lists them
(``site_pages/newsletter_archive.py``): month, subject, introduction and the archive page's
address; nothing about who received them."""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any

import strawberry
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from strawberry.types import Info
from wagtail.models import Locale as WagtailLocale

from graphql_api.core.connection import After, Connection, First, paginate
from graphql_api.core.field_errors import FieldError
from graphql_api.core.loading import Batch, Loader
from graphql_api.core.locale import Locale, LocaleArgument, requested_locale
from graphql_api.submissions import (
    echo_field,
    errors_field,
    idempotency_key_field,
    run_intake,
    spam_trap_field,
)
from site_pages import models
from site_pages.newsletter_archive import sent_issues, used_archive
from site_pages.newsletter_form import MAX_CHAPTERS
from site_pages.newsletter_intake import subscribe
from site_pages.newsletter_links import site_root
from site_pages.newsletter_mail import month_label, subject_of

# Only these columns are read: the rest of an issue (who approved it, how many received it) is
# the Secretariat's.
PUBLIC_FIELDS = ["id", "language", "month", "intro", "sent_at"]


@strawberry.type(
    description="A newsletter issue that was sent, as the site's archive shows it. Nothing "
    "about its subscribers is readable."
)
class NewsletterIssue:
    @strawberry.field(description="The month the issue covers, as YYYY-MM.")
    def month(self) -> str:
        return f"{self.month:%Y-%m}"

    @strawberry.field(description="The month in the issue's language (e.g. 2026年12月).")
    def month_label(self) -> str:
        return month_label(self)

    @strawberry.field(description="The issue's language code.")
    def locale(self, root: models.NewsletterIssue) -> str:
        return root.language

    @strawberry.field(description="The subject the mail was sent with, in the issue's language.")
    def subject(self) -> str:
        return subject_of(self)

    @strawberry.field(
        description="The Secretariat's introduction, plain text; a blank line starts a paragraph."
    )
    def intro(self) -> str:
        return self.intro

    @strawberry.field(description="The full address of the issue's page in the site's archive.")
    def url(self, root: models.NewsletterIssue, info: Info) -> str:
        with translation.override(root.language):
            path = reverse("newsletter_issue", args=[root.month.year, f"{root.month.month:02d}"])
        return info.context.loaders.load(ARCHIVE_ROOT, root, info) + path


@dataclass(frozen=True)
class ArchiveRoot(Loader[Any, str]):
    """The site's root address, which every issue's archive address starts with: looked up
    once for the batch."""

    def load_batch(self, issues: Sequence[Any], batch: Batch, info: Any) -> list[str]:
        root = site_root()
        return [root for _issue in issues]


ARCHIVE_ROOT = ArchiveRoot()


def issues_in(locale: WagtailLocale) -> QuerySet[models.NewsletterIssue]:
    used_archive()
    return sent_issues(locale.language_code).only(*PUBLIC_FIELDS)


@strawberry.type
class NewsletterQuery:
    @strawberry.field(
        description="The newsletter issues sent in a language, newest month first (the site's "
        "archive at /<locale>/newsletter/). Each language has its own issues: there is no "
        "fallback."
    )
    def newsletter_issues(
        self,
        info: Info,
        locale: LocaleArgument = None,
        first: First = None,
        after: After = None,
    ) -> Connection[NewsletterIssue]:
        language = requested_locale(locale)
        return paginate(
            issues_in(language), first, after, prepare=info.context.loaders.serving(language)
        )


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
    locale: Locale = strawberry.field(
        description="The language of the newsletter, of the confirmation mail and of error "
        "messages (e.g. JA)."
    )
    email: str = strawberry.field(
        description="Where the newsletter goes, once confirmed by the link mailed to it. Never "
        "shown."
    )
    chapters: list[str] | None = strawberry.field(
        default=None,
        description="Slugs of the chapters whose news the subscriber wants (at most "
        f"{MAX_CHAPTERS}); none or empty means every chapter.",
    )
    client_mutation_id: str | None = idempotency_key_field("does not mail a second confirmation.")
    website: str | None = spam_trap_field()


@strawberry.type(description="The result of subscribeNewsletter: the request, or what to correct.")
class SubscribeNewsletterPayload:
    subscription: NewsletterSubscription | None = strawberry.field(
        description="The request received; null when there are errors."
    )
    errors: list[FieldError] = errors_field()
    client_mutation_id: str | None = echo_field()


def subscription_fields(data: SubscribeNewsletterInput) -> dict[str, object]:
    return {"email": data.email, "chapters": list(data.chapters or [])}


def requested(received: object) -> NewsletterSubscription:
    # What the payload shows is the same for a new address and one already subscribed.
    return NewsletterSubscription(status=NewsletterSubscriptionStatus.CONFIRMATION_SENT)


def subscribe_newsletter(info: Info, data: SubscribeNewsletterInput) -> SubscribeNewsletterPayload:
    subscription, errors = run_intake(info, data, subscribe, subscription_fields(data), requested)
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
        self,
        info: Info,
        input: Annotated[
            SubscribeNewsletterInput,
            strawberry.argument(description="The address, its language and its chapters."),
        ],
    ) -> SubscribeNewsletterPayload:
        return subscribe_newsletter(info, input)
