"""The `settings` query: the network's social channels and contact."""

import strawberry
from strawberry.types import Info

from site_pages.models import NetworkSettings
from site_pages.url_policy import safe_url


@strawberry.type(description="The network's social channels and contact details.")
class Settings:
    # Addresses pass the URL policy again on the way out: empty when not allowed.
    @strawberry.field(description="The secretariat's Facebook page; may be empty.")
    def facebook_url(self) -> str:
        return safe_url(self.facebook_url)

    @strawberry.field(description="The Instagram account; may be empty.")
    def instagram_url(self) -> str:
        return safe_url(self.instagram_url)

    @strawberry.field(description="The YouTube channel; may be empty.")
    def youtube_url(self) -> str:
        return safe_url(self.youtube_url)

    @strawberry.field(description="Where to sign up for the newsletter; may be empty.")
    def newsletter_url(self) -> str:
        return safe_url(self.newsletter_url)

    contact_email: str = strawberry.field(description="Public contact e-mail of the secretariat.")
    contact_phone: str = strawberry.field(description="Public telephone number.")
    postal_address: str = strawberry.field(description="Postal address.")


@strawberry.type
class NetworkQuery:
    @strawberry.field(description="Site-wide settings of the site being read.")
    def settings(self, info: Info) -> Settings:
        return NetworkSettings.for_site(info.context.site)
