"""The content of a monthly newsletter issue: what was first published during its month, as a
reader of the issue's language sees it on the site (``visibility.py``: live, public, on
schedule, on the default site; ``fallback.py``: their language's version, else the fallback's),
in four sections.

- ``chapters``: chapter news, the events each chapter published (a subscriber who chose chapters
  gets only theirs; ``newsletter_mail.py`` filters by the chapter's translation key);
- ``events``: the network's own events;
- ``columns``: Sakura Mentor columns;
- ``voices``: Members' Voice.

A page counts when any version of it along the issue's language chain was first published in
the month: a Japanese issue lists the month's English events that have no Japanese version yet,
in English and marked so (``language`` names the item's language when it is not the issue's), as
/ja/ on the site does. The content is plain JSON (titles, absolute links, introductions), so an
approved issue keeps what was approved whatever happens to the pages.
"""

from datetime import datetime, timedelta
from uuid import UUID

from django.utils import timezone
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.models import Page

from site_pages.fallback import Reader, localized
from site_pages.locales import get_locale
from site_pages.models import ChapterPage, EventPage, MemberVoicePage, MentorColumnPage
from site_pages.sites import default_site

SECTION_TITLES = {
    "chapters": gettext_lazy("Chapter news"),
    "events": gettext_lazy("Network events"),
    "columns": gettext_lazy("Sakura Mentor"),
    "voices": gettext_lazy("Members' Voice"),
}


def month_bounds(month):
    """The month holding ``month`` as two aware datetimes in the site's time zone."""
    zone = timezone.get_current_timezone()
    start = datetime(month.year, month.month, 1, tzinfo=zone)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following


def published_in(model, reader, month, related=()):
    """The reader's version of every page of ``model`` that readers may see and of which a
    version in the reader's language chain was first published during the month, in the order
    the first of its versions was (a translation published later keeps its source's place)."""
    start, end = month_bounds(month)
    new = reader.visible(
        model.objects.filter(
            locale__in=reader.chain, first_published_at__gte=start, first_published_at__lt=end
        )
    )
    first: dict[UUID, datetime] = {}

    for key, moment in new.values_list("translation_key", "first_published_at"):
        first[key] = min(moment, first.get(key, moment))
    candidates = reader.visible(
        model.objects.filter(locale__in=reader.chain, translation_key__in=list(first))
    )
    pages = localized(candidates, reader.locale).select_related(*related)
    return sorted(pages, key=lambda page: (first[page.translation_key], page.path))


def item(page, reader, **extra):
    found = {"title": page.title, "url": page.get_full_url(), "intro": page.intro, **extra}
    if reader.is_fallback(page):
        found["language"] = reader.language_of(page)
    return found


def chapters_by_path(reader):
    """{path: (translation key, title for the reader)} of every chapter version along the
    reader's chain: an event shown in a fallback language sits under that language's chapter."""
    versions = list(
        ChapterPage.objects.filter(locale__in=reader.chain).only(
            "path", "title", "translation_key", "locale_id"
        )
    )
    titles = {
        chapter.translation_key: chapter.title
        for chapter in localized(reader.visible(ChapterPage.objects.all()), reader.locale).only(
            "title", "translation_key"
        )
    }
    return {
        chapter.path: (chapter.translation_key, titles.get(chapter.translation_key, chapter.title))
        for chapter in versions
    }


def build_content(language, month, site=None):
    """The issue's sections for ``language`` and the month holding ``month``."""
    site = site or default_site()
    reader = Reader(get_locale(language), site)
    chapters = chapters_by_path(reader)
    chapter_news, network_events = [], []
    for event in published_in(EventPage, reader, month):
        chapter = chapters.get(event.path[: -Page.steplen])
        dates = event.dates_display_in(language)
        if chapter is None:
            network_events.append(item(event, reader, dates=dates))
        else:
            key, title = chapter
            chapter_news.append(
                item(event, reader, dates=dates, chapter=str(key), chapter_title=title)
            )
    columns = [
        item(page, reader, mentor=page.mentor.name if page.mentor else "")
        for page in published_in(MentorColumnPage, reader, month, related=["mentor"])
    ]
    voices = [item(page, reader) for page in published_in(MemberVoicePage, reader, month)]
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


def language_label(code):
    """ "in English" in the active language, for an item in another language than the issue's
    (the words the site's listings use for a fallback)."""
    return _("in %(language)s") % {"language": get_language_info(code)["name_translated"]}


def titled(content):
    """The sections with their headings in the active language, and each item shown in another
    language labelled so, for templates."""
    return [
        {
            **section,
            "title": SECTION_TITLES[section["kind"]],
            "items": [
                {**entry, "language_label": language_label(entry["language"])}
                if entry.get("language")
                else entry
                for entry in section["items"]
            ],
        }
        for section in content.get("sections", [])
    ]
