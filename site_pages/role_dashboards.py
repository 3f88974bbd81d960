"""Dashboard panels for mentors ("Your columns") and the Secretariat ("Submissions" and
"Translations out of date"), beside the chapter editor's "Your chapter" (``chapter_dashboard``)
and a mentor's "Questions for you" (``question_dashboard``). Each shows where the role's work
waits, one click from it; Wagtail's own "Awaiting your review" panel already lists the
Secretariat's review queue.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from site_pages.chapter_dashboard import (
    ITEMS_PER_LIST,
    PagesInProgress,
    in_progress,
    out_of_date_translations,
)
from site_pages.dashboard_panels import WorkPanel
from site_pages.mentor_access import own_mentors
from site_pages.models import (
    MemberVoicePage,
    MemberVoiceSubmission,
    MentorColumnIndexPage,
    MentorColumnPage,
    MentorQuestion,
    NewsletterIssue,
    QuestionStatus,
)
from site_pages.models.newsletter import IssueStatus

# --- a mentor's columns ------------------------------------------------------------------------


@dataclass
class ColumnsWork:
    progress: PagesInProgress
    write_url: str | None
    published: list = field(default_factory=list)


def column_index_for_writing():
    """The Sakura Mentor index in the admin language, else the first one there is."""
    indexes = MentorColumnIndexPage.objects.select_related("locale").order_by("pk")
    language = translation.get_language() or ""
    chosen = [index for index in indexes if index.locale.language_code == language]
    return (chosen or list(indexes) or [None])[0]


class ColumnsPanel(WorkPanel):
    name = "your_columns"
    template_name = "site_pages/admin/columns_panel.html"
    order = 11
    context_name = "work"


def columns_panel_for(user):
    if not user.is_active:
        return None
    mentors = own_mentors(user)
    if not mentors.exists():
        return None
    columns = MentorColumnPage.objects.filter(mentor__in=mentors)
    pages = Page.objects.filter(pk__in=columns.values("pk"))
    index = column_index_for_writing()
    return ColumnsPanel(
        ColumnsWork(
            progress=in_progress(pages),
            write_url=reverse(
                "wagtailadmin_pages:add", args=["site_pages", "mentorcolumnpage", index.pk]
            )
            if index
            else None,
            published=list(
                pages.filter(live=True)
                .select_related("locale")
                .order_by("-first_published_at")[:ITEMS_PER_LIST]
            ),
        )
    )


# --- the Secretariat's submissions -------------------------------------------------------------


@dataclass
class Waiting:
    label: str
    count: int
    url: str


def is_secretariat(user):
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=settings.SAKURA_SECRETARIAT_GROUP).exists()
    )


def listing_url(model, **filters):
    url = reverse(model.snippet_viewset.get_url_name("list"))
    return f"{url}?{urlencode(filters)}" if filters else url


def waiting_for_secretariat():
    new_questions = MentorQuestion.objects.filter(status=QuestionStatus.NEW).count()
    # A member's message stays a draft page until the Secretariat publishes or rejects it.
    voices = MemberVoicePage.objects.filter(
        submission__isnull=False, first_published_at__isnull=True
    ).count()
    issues = NewsletterIssue.objects.filter(status=IssueStatus.DRAFT).count()
    return [
        Waiting(
            _("New questions for the mentors, to assign"),
            new_questions,
            listing_url(MentorQuestion, status=QuestionStatus.NEW),
        ),
        Waiting(
            _("Members' Voice messages not published yet"),
            voices,
            listing_url(MemberVoiceSubmission),
        ),
        Waiting(_("Newsletter issues to approve"), issues, listing_url(NewsletterIssue)),
    ]


class SubmissionsPanel(WorkPanel):
    name = "secretariat_submissions"
    template_name = "site_pages/admin/submissions_panel.html"
    order = 12
    context_name = "waiting"


class TranslationsPanel(WorkPanel):
    """Every out-of-date translation of the site counted, the latest few listed: the
    Secretariat runs the translations (the report holds the whole list)."""

    name = "secretariat_translations"
    template_name = "site_pages/admin/translations_panel.html"
    order = 13

    context_name = "out_of_date"

    def get_context_data(self, parent_context):
        return {
            **super().get_context_data(parent_context),
            "report_url": reverse("site_translations:status_report"),
        }


def secretariat_panels_for(user):
    if not is_secretariat(user):
        return []
    return [
        SubmissionsPanel(waiting_for_secretariat()),
        TranslationsPanel(out_of_date_translations(Page.objects.all())),
    ]
