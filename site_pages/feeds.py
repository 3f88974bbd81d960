"""Feeds for readers' feed readers: events (RSS) and Sakura Mentor columns (Atom).

Each feed is served under every language prefix (/en/feeds/events/, /ja/feeds/events/ …) and
lists what readers of that language may see: one entry per page, in that language or its
fallback, never drafts, private or expired pages.

Feed readers render an item's description (RSS ``<description>``, Atom ``<summary
type="html">``) as HTML. Ours are plain text written by editors and translators, so they are
HTML-escaped before the feed's own XML escaping: markup in an introduction reaches the reader as
the characters typed, never as tags. The feeds carry no stored addresses, only page URLs that
Wagtail builds.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Locale

from site_pages.locales import localized
from site_pages.models import EventIndexPage, EventPage, MentorColumnIndexPage, MentorColumnPage
from site_pages.sites import site_for_request
from site_pages.visibility import visible_pages


class Audience:
    """Who a feed is built for: the site of the request and the active language."""

    def __init__(self, request):
        self.site = site_for_request(request)
        self.locale = Locale.get_active()

    def pages(self, model):
        return localized(visible_pages(model.objects.all(), site=self.site), self.locale)

    def section_url(self, model):
        """The reader's section page (e.g. Sakura Mentor) or, without one, the home page."""
        section = self.pages(model).order_by("path").first()
        page = section or self.site.root_page.localized
        return page.get_url()


class PageFeed(Feed):
    section_model = None

    def get_object(self, request, *args, **kwargs):
        return Audience(request)

    def link(self, audience):
        return audience.section_url(self.section_model)

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class EventsFeed(PageFeed):
    section_model = EventIndexPage

    def title(self):
        return _("Sakura Science Club events")

    def description(self):
        return _("Reunions and activities of the Sakura Science Club's chapters and network.")

    def items(self, audience):
        events = audience.pages(EventPage).order_by("-start_date", "path")
        return events[: settings.SAKURA_FEED_LENGTH]

    def item_description(self, item):
        when = date_format(item.start_date)
        if item.end_date and item.end_date != item.start_date:
            when = f"{when} \N{EN DASH} {date_format(item.end_date)}"
        facts = " · ".join(part for part in (when, item.get_format_display(), item.city) if part)
        return escape(f"{facts}. {item.intro}" if item.intro else facts)


class MentorColumnsFeed(PageFeed):
    feed_type = Atom1Feed
    section_model = MentorColumnIndexPage

    def title(self):
        return _("Sakura Mentor columns")

    def subtitle(self):
        return _("Columns by researchers working in Japan, for the Sakura Science Club.")

    def items(self, audience):
        columns = audience.pages(MentorColumnPage).select_related("mentor")
        columns = columns.prefetch_related("topics").order_by("-date", "path")
        return columns[: settings.SAKURA_FEED_LENGTH]

    def item_description(self, item):
        return escape(item.intro)

    def item_author_name(self, item):
        return item.mentor.name

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]
