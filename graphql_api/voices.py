"""Members' Voice: messages from members."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from graphql_api.core.connection import After, Connection, First
from graphql_api.core.country import Country, required_country
from graphql_api.core.locale import LocaleArgument, requested_locale
from graphql_api.pages.interface import PageInterface, page_image_field, page_type
from graphql_api.pages.query import page_connection
from graphql_api.streamfield import stream_field
from site_pages import models


@page_type(models.MemberVoiceIndexPage, "The Members' Voice section.")
class MemberVoiceIndexPageType(PageInterface):
    intro: str = strawberry.field(description="Introduction shown above the messages.")


@page_type(models.MemberVoicePage, "A member's message to the network.")
class MemberVoicePageType(PageInterface):
    member_name: str = strawberry.field(description="The member's name.")
    programme_year: int | None = strawberry.field(description="Year they visited Japan.")
    programme: str = strawberry.field(
        description="The programme they came with (e.g. Sakura Science High School Program); "
        "empty when not given."
    )
    affiliation: str = strawberry.field(description="University, institute or employer.")
    intro: str = strawberry.field(description="One or two sentences about the message.")
    photo = page_image_field("photo", "The member's photo.")
    body = stream_field("body", "The message.")

    @strawberry.field(description="The member's country.")
    def country(self) -> Country:
        return required_country(self.country, self.locale.language_code)


@strawberry.type
class VoiceQuery:
    @strawberry.field(description="Published member voices, newest first.")
    def member_voices(
        self,
        info: Info,
        locale: LocaleArgument = None,
        country: Annotated[
            str | None,
            strawberry.argument(
                description="Only messages of members from this country: its ISO 3166-1 alpha-2 "
                "code, in either case (ID for Indonesia)."
            ),
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[MemberVoicePageType]:
        language = requested_locale(locale)
        voices = models.MemberVoicePage.objects.all()
        if country:
            voices = voices.filter(country=country.upper())
        voices = info.context.reader(language).pages(voices).order_by("-first_published_at", "path")
        return page_connection(voices, info, language, first, after)
