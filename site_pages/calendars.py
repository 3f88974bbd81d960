"""iCalendar feeds of events, for readers' calendar apps: every event (``/<lang>/events.ics``)
and one chapter's (``/<lang>/chapters/<slug>/events.ics``).

A calendar lists what the site lists to a reader of that language: the shared visibility and
fallback rules (``site_pages/fallback.py``), so never a draft, private or expired event, and an
event not translated yet in its fallback language, its summary marked with the language
(``LANGUAGE`` parameter and an "in English" note). Events that ended more than
``SAKURA_CALENDAR_PAST_DAYS`` ago are left out, and at most ``SAKURA_CALENDAR_LENGTH`` events are
listed, so the cost of a request (a GET any web page can trigger) is bounded.

Each event's UID is its translation key: the same event keeps its identity across updates and
languages, so a calendar app updates it instead of adding a copy. Text is escaped by the
``icalendar`` library (commas, semicolons, line breaks), so an editor's title cannot add
properties or events.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText

from site_pages import dates
from site_pages.fallback import Reader
from site_pages.models import ChapterPage, EventPage

CONTENT_TYPE = "text/calendar; charset=utf-8"


def recent_or_upcoming(events, today=None):
    today = today or dates.today()
    since = today - timedelta(days=settings.SAKURA_CALENDAR_PAST_DAYS)
    return events.filter(Q(end_date__gte=since) | Q(end_date__isnull=True, start_date__gte=since))


def calendar_of(reader, events, name, request):
    calendar = Calendar()
    calendar.add("prodid", "-//Sakura Science Club//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    events = recent_or_upcoming(events).order_by("start_date", "path")
    for page in events[: settings.SAKURA_CALENDAR_LENGTH]:
        calendar.add_component(event_of(reader, page, request))
    return calendar


def event_of(reader, page, request):
    language = reader.language_of(page)
    label = reader.fallback_label(page)
    event = Event()
    event.add("uid", f"{page.translation_key}@events.sakura-science-club")
    event.add("dtstamp", page.last_published_at or page.first_published_at or timezone.now())
    if page.last_published_at:
        event.add("last-modified", page.last_published_at)
    event.add("summary", vText(page.title), parameters={"LANGUAGE": language})
    event.add("dtstart", page.start_date)
    # All-day events: DTEND is the day after the last one (RFC 5545, 3.6.1). An event known
    # only to the month or year spans that period (``last_day``), as the site's "upcoming"
    # rule reads it, rather than claiming its first day.
    event.add("dtend", page.last_day + timedelta(days=1))
    place = ", ".join(part for part in (page.venue, page.city) if part)
    if place:
        event.add("location", place)
    description = page.intro or ""
    if label:
        description = f"({label}) {description}".strip()
    if description:
        event.add("description", description, parameters={"LANGUAGE": language})
    event.add("url", request.build_absolute_uri(page.get_url(request)))
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def response_for(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def all_events(request):
    reader = Reader.for_request(request)
    events = reader.pages(EventPage.objects.all())
    calendar = calendar_of(reader, events, _("Sakura Science Club events"), request)
    return response_for(calendar, "sakura-science-club-events.ics")


def chapter_events(request, slug):
    reader = Reader.for_request(request)
    chapter = reader.pages(ChapterPage.objects.filter(slug=slug)).first()
    if chapter is None:
        raise Http404
    events = reader.children_of(chapter, EventPage)
    name = _("%(chapter)s events · Sakura Science Club") % {"chapter": chapter.title}
    return response_for(calendar_of(reader, events, name, request), f"{slug}-events.ics")
