"""The content model of DESIGN.md, one module per section of the site."""

from site_pages.models.chapters import (
    ChapterCoordinator,
    ChapterIndexPage,
    ChapterPage,
    ChapterSocialLink,
    CoordinatorRole,
)
from site_pages.models.content_events import ContentEvent, ContentEventKind
from site_pages.models.events import (
    EventFormat,
    EventGalleryImage,
    EventIndexPage,
    EventKind,
    EventPage,
)
from site_pages.models.home import HomeFeaturedItem, HomePage
from site_pages.models.mail import OutgoingEmail
from site_pages.models.mentors import MentorColumnIndexPage, MentorColumnPage, MentorColumnTopic
from site_pages.models.newsletter import (
    IssueStatus,
    NewsletterDelivery,
    NewsletterIssue,
    Subscriber,
)
from site_pages.models.programs import ProgramCategory, ProgramIndexPage, ProgramPage
from site_pages.models.questions import MentorQuestion, QuestionStatus, QuestionTopic
from site_pages.models.schedule import ScheduledRun
from site_pages.models.search import PageSearchText
from site_pages.models.settings import NetworkContact, NetworkSettings
from site_pages.models.snippets import Mentor, Person
from site_pages.models.standard import StandardPage
from site_pages.models.voices import MemberVoiceIndexPage, MemberVoicePage, MemberVoiceSubmission
from site_pages.models.webhooks import DeliveryStatus, Webhook, WebhookDelivery
from site_pages.models.yearbooks import YearbookEntry, YearbookIndexPage, YearbookPage

__all__ = [
    "ChapterCoordinator",
    "ChapterIndexPage",
    "ChapterPage",
    "ChapterSocialLink",
    "ContentEvent",
    "ContentEventKind",
    "CoordinatorRole",
    "DeliveryStatus",
    "EventFormat",
    "EventGalleryImage",
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "HomeFeaturedItem",
    "HomePage",
    "IssueStatus",
    "MemberVoiceIndexPage",
    "MemberVoicePage",
    "MemberVoiceSubmission",
    "Mentor",
    "MentorColumnIndexPage",
    "MentorColumnPage",
    "MentorColumnTopic",
    "MentorQuestion",
    "NetworkContact",
    "NetworkSettings",
    "NewsletterDelivery",
    "NewsletterIssue",
    "OutgoingEmail",
    "PageSearchText",
    "Person",
    "ProgramCategory",
    "ProgramIndexPage",
    "ProgramPage",
    "QuestionStatus",
    "QuestionTopic",
    "ScheduledRun",
    "StandardPage",
    "Subscriber",
    "Webhook",
    "WebhookDelivery",
    "YearbookEntry",
    "YearbookIndexPage",
    "YearbookPage",
]
