"""Lists the templates need beyond a page's own context: the home page's latest columns and
voices, a chapter's events split into what is coming and its history, and the shared rules
(site_pages/visibility.py, site_pages/fallback.py) applied to any list of pages."""

from django import template

from site_pages import pictures
from site_pages.fallback import Reader
from site_pages.models import MemberVoicePage, Mentor, MentorColumnPage
from site_pages.models.events import EventKind

register = template.Library()

# A page's picture for cards and link previews: its hero image or its photo.
register.filter("page_image", pictures.page_image)


@register.filter
def with_pictures(pages):
    """``pages`` as a list with their pictures loaded together (site_pages/pictures.py): loop
    over ``children|with_pictures`` where cards show pictures."""
    return pictures.with_pictures(pages)


def reader_of(context):
    return Reader.for_request(context.get("request"))


@register.simple_tag(takes_context=True)
def reader_children(context, page):
    """``page``'s children in every language, as the reader sees them and as an index page
    lists its own (site_pages/fallback.py)."""
    return reader_of(context).listed_children(page)


@register.simple_tag(takes_context=True)
def in_reader_language(context, page):
    """The reader's version of ``page`` (e.g. an event's chapter), or None if hidden."""
    return reader_of(context).version_of(page)


@register.simple_tag(takes_context=True)
def latest_columns(context, home, limit=3):
    reader = reader_of(context)
    columns = list(
        reader.pages(MentorColumnPage.objects.all()).order_by("-date", "-first_published_at")[
            :limit
        ]
    )
    mentors = reader.snippet_versions(Mentor, {column.mentor_id for column in columns})
    for column in columns:
        column.reader_mentor = mentors.get(column.mentor_id)
    return columns


@register.simple_tag(takes_context=True)
def latest_voices(context, home, limit=3):
    voices = reader_of(context).pages(MemberVoicePage.objects.all()).select_related("photo")
    return list(voices.order_by("-first_published_at")[:limit])


@register.simple_tag
def event_groups(events):
    """{"upcoming": soonest first, "reunions": past reunions, newest first, "activities": other
    past events, newest first}; ``events`` come newest first."""
    events = list(events)
    return {
        "upcoming": sorted((e for e in events if e.is_upcoming), key=lambda e: e.start_date),
        "reunions": [e for e in events if not e.is_upcoming and e.kind == EventKind.REUNION],
        "activities": [e for e in events if not e.is_upcoming and e.kind != EventKind.REUNION],
    }
