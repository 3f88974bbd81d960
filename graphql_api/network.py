"""The `settings` query: the network's social channels, and its contact details in the reader's
language (``NetworkSettings.contact_for``, the fallback rule of the site's footer)."""

import strawberry
from strawberry.types import Info

from graphql_api.core.locale import LocaleArgument, requested_locale
from site_pages import cache_tags
from site_pages.models import NetworkContact, NetworkSettings
from site_pages.url_policy import safe_url


def allowed_url(attribute: str, description: str) -> str:
    """A stored address field that passes the URL policy again on the way out: empty when it
    is not allowed."""

    def resolve(root: "Settings") -> str:
        return safe_url(getattr(root.network, attribute))

    return strawberry.field(resolver=resolve, description=description)


def contact_field(attribute: str, description: str) -> str:
    def resolve(root: "Settings") -> str:
        return getattr(root.contact, attribute) if root.contact is not None else ""

    return strawberry.field(resolver=resolve, description=description)


@strawberry.type(description="The network's social channels and contact details.")
class Settings:
    network: strawberry.Private[NetworkSettings]
    contact: strawberry.Private[NetworkContact | None]

    requested_locale_id: strawberry.Private[int]

    facebook_url: str = allowed_url(
        "facebook_url", "The secretariat's Facebook page; may be empty."
    )
    instagram_url: str = allowed_url("instagram_url", "The Instagram account; may be empty.")
    youtube_url: str = allowed_url("youtube_url", "The YouTube channel; may be empty.")
    newsletter_url: str = allowed_url(
        "newsletter_url", "Where to sign up for the newsletter; may be empty."
    )
    contact_email: str = contact_field(
        "contact_email", "Public contact e-mail of the secretariat; may be empty."
    )
    contact_phone: str = contact_field("contact_phone", "Public telephone number; may be empty.")
    postal_address: str = contact_field(
        "postal_address", "Postal address, in the requested language where it is translated."
    )

    @strawberry.field(
        description="Language code of the contact details returned; null when there are none."
    )
    def contact_locale(self, info: Info) -> str | None:
        if self.contact is None:
            return None
        return info.context.language_of(self.contact)

    @strawberry.field(
        description=(
            "True when the contact details have no version in the requested language and "
            "those of a fallback language are returned."
        )
    )
    def is_fallback(self) -> bool:
        return self.contact is not None and self.contact.locale_id != self.requested_locale_id


@strawberry.type
class NetworkQuery:
    @strawberry.field(
        description=(
            "Site-wide settings of the site being read; the contact details in the requested "
            "language, else its fallback."
        )
    )
    def settings(self, info: Info, locale: LocaleArgument = None) -> Settings:
        language = requested_locale(locale)
        network = NetworkSettings.for_site(info.context.site)
        contact = network.contact_for(info.context.reader(language))
        # Any contact row may become the one this language falls back to.
        cache_tags.used_listing(NetworkContact)
        cache_tags.used_objects([network, contact])
        return Settings(network=network, contact=contact, requested_locale_id=language.pk)
