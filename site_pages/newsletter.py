"""The content of a monthly newsletter issue: what was first published in the issue's language
during its month, read through the readers' visibility rule (``visibility.py``: live, public,
on schedule, on the default site), in four sections.

- ``chapters``: chapter news, the events each chapter published (a subscriber who chose chapters
  gets only theirs; ``newsletter_mail.py`` filters by the chapter's translation key);
- ``events``: the network's own events;
- ``columns``: Sakura Mentor columns;
- ``voices``: Members' Voice.

Only pages of the issue's own language count: an issue in Japanese is built from Japanese
pages, not from the fallback language's. The content is plain JSON (titles, absolute links,
introductions), so an approved issue keeps what was approved whatever happens to the pages.
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from site_pages.locales import get_locale
from site_pages.models import ChapterPage, EventPage, MemberVoicePage, MentorColumnPage
from site_pages.visibility import Visibility

SECTION_TITLES = {
    "chapters": _("Chapter news"),
    "events": _("Network events"),
    "columns": _("Sakura Mentor"),
    "voices": _("Members' Voice"),
}


def month_bounds(month):
    """The month holding ``month`` as two aware datetimes in the site's time zone."""
    zone = timezone.get_current_timezone()
    start = datetime(month.year, month.month, 1, tzinfo=zone)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following


def published_in(model, locale, month, visibility):
    start, end = month_bounds(month)
    pages = model.objects.filter(
        locale=locale, first_published_at__gte=start, first_published_at__lt=end
    )
    return visibility.filter(pages).order_by("first_published_at", "path")


def item(page, **extra):
    return {"title": page.title, "url": page.get_full_url(), "intro": page.intro, **extra}


def build_content(language, month, site=None):
    """The issue's sections for ``language`` and the month holding ``month``."""
    locale = get_locale(language)
    site = site or Site.objects.filter(is_default_site=True).first()
    visibility = Visibility(site)
    chapters = {
        chapter.path: chapter
        for chapter in ChapterPage.objects.filter(locale=locale).only(
            "path", "title", "translation_key"
        )
    }
    chapter_news, network_events = [], []
    for event in published_in(EventPage, locale, month, visibility):
        chapter = chapters.get(event.path[: -Page.steplen])
        dates = event.dates_display_in(language)
        if chapter is None:
            network_events.append(item(event, dates=dates))
        else:
            chapter_news.append(
                item(
                    event,
                    dates=dates,
                    chapter=str(chapter.translation_key),
                    chapter_title=chapter.title,
                )
            )
    columns = [
        item(page, mentor=page.mentor.name if page.mentor else "")
        for page in published_in(MentorColumnPage, locale, month, visibility).select_related(
            "mentor"
        )
    ]
    voices = [item(page) for page in published_in(MemberVoicePage, locale, month, visibility)]
    sections = [
        {"kind": kind, "items": items}
        for kind, items in (
            ("chapters", chapter_news),
            ("events", network_events),
            ("columns", columns),
            ("voices", voices),
        )
        if items
    ]
    return {"sections": sections}


def for_chapters(content, chapter_keys):
    """``content`` as a subscriber who chose ``chapter_keys`` gets it (all chapters when empty):
    other chapters' news is left out, and a section left empty goes."""
    if not chapter_keys:
        return content
    keys = {str(key) for key in chapter_keys}
    sections = []
    for section in content.get("sections", []):
        items = [
            entry
            for entry in section["items"]
            if entry.get("chapter") is None or entry["chapter"] in keys
        ]
        if items:
            sections.append({**section, "items": items})
    return {**content, "sections": sections}


def titled(content):
    """The sections with their headings in the active language, for templates."""
    return [
        {**section, "title": SECTION_TITLES[section["kind"]]}
        for section in content.get("sections", [])
    ]
