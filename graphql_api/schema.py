"""The root schema: it only merges the domain modules' queries, mutations and types."""

import strawberry
from django.conf import settings
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from graphql_api.chapters import ChapterIndexPageType, ChapterPageType, ChapterQuery
from graphql_api.core.limits import schema_extensions
from graphql_api.events import EventIndexPageType, EventPageType, EventQuery
from graphql_api.home import HomePageType, StandardPageType
from graphql_api.mentors import MentorColumnIndexPageType, MentorColumnPageType, MentorQuery
from graphql_api.network import NetworkQuery
from graphql_api.newsletter import NewsletterMutation, NewsletterQuery
from graphql_api.pages.query import PageQuery
from graphql_api.programs import ProgramIndexPageType, ProgramPageType, ProgramQuery
from graphql_api.search import SearchQuery
from graphql_api.submissions import SubmissionMutation
from graphql_api.sync import SyncQuery
from graphql_api.voice_submissions import VoiceSubmissionMutation
from graphql_api.voices import MemberVoiceIndexPageType, MemberVoicePageType, VoiceQuery
from graphql_api.yearbooks import YearbookIndexPageType, YearbookPageType, YearbookQuery

Query = merge_types(
    "Query",
    (
        PageQuery,
        ChapterQuery,
        EventQuery,
        MentorQuery,
        VoiceQuery,
        YearbookQuery,
        ProgramQuery,
        SearchQuery,
        NetworkQuery,
        SyncQuery,
        NewsletterQuery,
    ),
)

Mutation = merge_types(
    "Mutation", (SubmissionMutation, VoiceSubmissionMutation, NewsletterMutation)
)

PAGE_TYPES = [
    HomePageType,
    StandardPageType,
    ChapterIndexPageType,
    ChapterPageType,
    EventIndexPageType,
    EventPageType,
    MentorColumnIndexPageType,
    MentorColumnPageType,
    MemberVoiceIndexPageType,
    MemberVoicePageType,
    YearbookIndexPageType,
    YearbookPageType,
    ProgramIndexPageType,
    ProgramPageType,
]


def build_schema(debug: bool) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=PAGE_TYPES,
        extensions=schema_extensions(debug),
        config=StrawberryConfig(disable_field_suggestions=not debug),
    )


schema = build_schema(settings.DEBUG)
