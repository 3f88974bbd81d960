"""The `settings` query: the network's social channels and contact."""

import strawberry
from strawberry.types import Info

from site_pages.models import NetworkSettings
from site_pages.url_policy import safe_url


def allowed_url(attribute, description):
    """A stored address field that passes the URL policy again on the way out: empty when it
    is not allowed."""

    def resolve(root) -> str:
        return safe_url(getattr(root, attribute))

    return strawberry.field(resolver=resolve, description=description)


@strawberry.type(description="The network's social channels and contact details.")
class Settings:
    facebook_url: str = allowed_url(
        "facebook_url", "The secretariat's Facebook page; may be empty."
    )
    instagram_url: str = allowed_url("instagram_url", "The Instagram account; may be empty.")
    youtube_url: str = allowed_url("youtube_url", "The YouTube channel; may be empty.")
    newsletter_url: str = allowed_url(
        "newsletter_url", "Where to sign up for the newsletter; may be empty."
    )
    contact_email: str = strawberry.field(description="Public contact e-mail of the secretariat.")
    contact_phone: str = strawberry.field(description="Public telephone number.")
    postal_address: str = strawberry.field(description="Postal address.")


@strawberry.type
class NetworkQuery:
    @strawberry.field(description="Site-wide settings of the site being read.")
    def settings(self, info: Info) -> Settings:
        return NetworkSettings.for_site(info.context.site)
