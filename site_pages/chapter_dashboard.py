"""A chapter editor's dashboard panel, "Your chapter": where their work is, one click away.

A chapter editor's rights are page permissions of their chapter group on the chapter page in
every language (``roles.ensure_chapter_access``), so their chapters are found from those
permissions, not from a separate list that could disagree. The panel shows each chapter's
pages waiting for something (drafts, in review, changes requested, out-of-date translations),
its upcoming events and an "Add event" button that opens the event form under the chapter.

The Secretariat holds rights on the whole tree and gets no such panel: their work is the
review queue Wagtail's own panels show.
"""

from dataclasses import dataclass, field
from uuid import UUID

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupPagePermission, Page, WorkflowState

from site_pages.dashboard_panels import WorkPanel
from site_pages.models import ChapterPage, EventPage
from site_pages.models.events import not_ended_q
from site_pages.translations.status import synced_translations

# A panel lists a few items of each kind: it points at the work, the explorer holds the rest.
ITEMS_PER_LIST = 5


@dataclass
class ChapterWork:
    chapter: Page
    add_event_url: str
    drafts: list = field(default_factory=list)
    in_review: list = field(default_factory=list)
    changes_requested: list = field(default_factory=list)
    out_of_date: list = field(default_factory=list)
    upcoming: list = field(default_factory=list)


def own_chapters(user):
    """The chapters the user edits through a chapter group, one per chapter, in the user's
    admin language when that translation exists (else the chapter's first version)."""
    if not user.is_active or user.is_superuser:
        return []
    keys = (
        GroupPagePermission.objects.filter(
            group__in=user.groups.all(), page__content_type=chapter_type()
        )
        .values_list("page__translation_key", flat=True)
        .distinct()
    )
    pages = ChapterPage.objects.filter(translation_key__in=list(keys)).select_related("locale")
    language = translation.get_language() or ""
    chosen: dict[UUID, ChapterPage] = {}

    for page in pages.order_by("pk"):
        current = chosen.get(page.translation_key)
        if current is None or (
            page.locale.language_code == language and current.locale.language_code != language
        ):
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: page.title)


def chapter_type():
    return ContentType.objects.get_for_model(ChapterPage)


def chapter_pages(chapter):
    """The chapter and everything below it, in every language."""
    pages = Page.objects.none()
    for version in chapter.get_translations(inclusive=True):
        pages = pages | Page.objects.descendant_of(version, inclusive=True)
    return pages


@dataclass
class PagesInProgress:
    """Pages waiting for something, a few of each kind."""

    drafts: list = field(default_factory=list)
    in_review: list = field(default_factory=list)
    changes_requested: list = field(default_factory=list)
    out_of_date: list = field(default_factory=list)


def in_progress(pages):
    """What of ``pages`` (a Page queryset) waits for someone: drafts, pages in a workflow
    (in review, or sent back with changes requested) and out-of-date translations."""
    page_ids = list(pages.values_list("pk", flat=True))
    states = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(pk) for pk in page_ids],
    )
    in_workflow = {int(state.object_id): state for state in states}
    found = PagesInProgress()
    for page in (
        pages.filter(pk__in=in_workflow)
        .select_related("locale")
        .order_by("-latest_revision_created_at")
    ):
        if in_workflow[page.pk].status == WorkflowState.STATUS_NEEDS_CHANGES:
            found.changes_requested.append(page)
        else:
            found.in_review.append(page)
    found.drafts = list(
        pages.filter(has_unpublished_changes=True)
        .exclude(pk__in=in_workflow)
        .select_related("locale")
        .order_by("-latest_revision_created_at")[:ITEMS_PER_LIST]
    )
    found.out_of_date = out_of_date_translations(pages).pages
    found.in_review = found.in_review[:ITEMS_PER_LIST]
    found.changes_requested = found.changes_requested[:ITEMS_PER_LIST]
    return found


@dataclass
class OutOfDate:
    """How many translations among some pages are out of date, and the first few of them."""

    count: int = 0
    pages: list = field(default_factory=list)


def out_of_date_translations(pages):
    """The out-of-date translations among ``pages`` (a Page queryset), in three queries
    whatever their number: the pages' keys, their synced translations, the lagging pages."""
    lagging = {
        (synced.translation_key, synced.target_locale_id)
        for synced in synced_translations(pages.values_list("translation_key", flat=True))
        if synced.out_of_date
    }
    if not lagging:
        return OutOfDate()
    candidates = (
        pages.filter(translation_key__in={key for key, _locale in lagging})
        .select_related("locale")
        .order_by("-latest_revision_created_at", "pk")
    )
    found = [page for page in candidates if (page.translation_key, page.locale_id) in lagging]
    return OutOfDate(count=len(found), pages=found[:ITEMS_PER_LIST])


def work_for(chapter):
    progress = in_progress(chapter_pages(chapter))
    return ChapterWork(
        chapter=chapter,
        add_event_url=reverse(
            "wagtailadmin_pages:add", args=["site_pages", "eventpage", chapter.pk]
        ),
        drafts=progress.drafts,
        in_review=progress.in_review,
        changes_requested=progress.changes_requested,
        out_of_date=progress.out_of_date,
        upcoming=list(
            EventPage.objects.child_of(chapter)
            .filter(not_ended_q())
            # The list names each page's language.
            .select_related("locale")
            .order_by("start_date")[:ITEMS_PER_LIST]
        ),
    )


class ChapterPanel(WorkPanel):
    name = "your_chapter"
    template_name = "site_pages/admin/chapter_panel.html"
    # Before Wagtail's own panels: it is where a volunteer's work starts.
    order = 10
    context_name = "chapters"


def panel_for(user):
    chapters = own_chapters(user)
    if not chapters:
        return None
    return ChapterPanel([work_for(chapter) for chapter in chapters])
