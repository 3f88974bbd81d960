"""The `settings` query: the network's social channels and contact."""

import strawberry
from strawberry.types import Info

from site_pages.models import NetworkSettings


@strawberry.type(description="The network's social channels and contact details.")
class Settings:
    facebook_url: str = strawberry.field(description="The secretariat's Facebook page.")
    instagram_url: str = strawberry.field(description="The Instagram account.")
    youtube_url: str = strawberry.field(description="The YouTube channel.")
    newsletter_url: str = strawberry.field(description="Where to sign up for the newsletter.")
    contact_email: str = strawberry.field(description="Public contact e-mail of the secretariat.")
    contact_phone: str = strawberry.field(description="Public telephone number.")
    postal_address: str = strawberry.field(description="Postal address.")


@strawberry.type
class NetworkQuery:
    @strawberry.field(description="Site-wide settings of the site being read.")
    def settings(self, info: Info) -> Settings:
        return NetworkSettings.for_site(info.context.site)
