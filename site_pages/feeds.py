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

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page

from site_pages.fallback import Reader
from site_pages.models import (
    EventIndexPage,
    EventPage,
    Mentor,
    MentorColumnIndexPage,
    MentorColumnPage,
)


class ItemLanguage(SyndicationFeed):
    """Each entry says its language (``xml:lang``): a fallback entry is not in the feed's."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes


class StableDate(SyndicationFeed):
    """An empty feed is dated by its newest entry's time, not by the clock: Django's default
    (now) gave the same empty feed a new ETag every second, so caches could never revalidate."""

    EMPTY_FEED_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)

    def latest_post_date(self):
        if not self.items:
            return self.EMPTY_FEED_DATE
        return super().latest_post_date()


class RssWithItemLanguage(StableDate, ItemLanguage, Rss201rev2Feed):
    pass


class AtomWithItemLanguage(StableDate, ItemLanguage, Atom1Feed):
    pass


class Audience:
    """Who a feed is built for: the reader of the request's site in the active language."""

    def __init__(self, request):
        self.reader = Reader.for_request(request)
        self.site = self.reader.visibility.site

    def pages(self, model):
        return self.reader.pages(model.objects.all())

    def section_url(self, model):
        """The reader's section page (e.g. Sakura Mentor) or, without one, the home page."""
        section = self.pages(model).order_by("path").first()
        page = section or self.site.root_page.localized
        return page.get_url()


@dataclass
class Entry:
    """A page as its feed lists it: Django calls the item hooks with the item alone, and the
    feed object is shared by every request, so what the hooks need beyond the page (its language
    and "in English" label, a column's mentor in the reader's language) travels with it here
    rather than on the page instance."""

    page: Page
    language: str
    label: str
    author: Mentor | None = None


class PageFeed(Feed):
    feed_type: type[SyndicationFeed] = RssWithItemLanguage
    section_model: type[Page]  # each feed's section (its link leads there)

    def get_object(self, request, *args, **kwargs):
        return Audience(request)

    def items(self, audience):
        """The feed's pages as entries, each with its language and "in English" label."""
        pages = list(self.pages(audience)[: settings.SAKURA_FEED_LENGTH])
        reader = audience.reader
        entries = [
            Entry(page, reader.language_of(page), reader.fallback_label(page)) for page in pages
        ]
        self.prepare(entries, audience)
        return entries

    def link(self, audience):
        return audience.section_url(self.section_model)

    def item_title(self, item):
        return item.page.title

    def pages(self, audience):
        """The pages the feed lists for ``audience``, newest first."""
        raise NotImplementedError

    def prepare(self, entries, audience):
        """Whatever the item hooks need beyond the page, loaded for every entry at once."""

    def item_extra_kwargs(self, item):
        return {"language": item.language}

    def description_of(self, item, text):
        """The item's description, led by "in English" where the item is a fallback."""
        return escape(f"({item.label}) {text}" if item.label else text)

    def item_link(self, item):
        return item.page.get_url()

    def item_pubdate(self, item):
        return item.page.first_published_at

    def item_updateddate(self, item):
        return item.page.last_published_at


class EventsFeed(PageFeed):
    section_model = EventIndexPage

    def title(self):
        return _("Sakura Science Club events")

    def description(self):
        return _("Reunions and activities of the Sakura Science Club's chapters and network.")

    def pages(self, audience):
        return audience.pages(EventPage).order_by("-start_date", "path")

    def item_description(self, item):
        event = item.page
        when = event.dates_display
        facts = " · ".join(part for part in (when, event.get_format_display(), event.city) if part)
        return self.description_of(item, f"{facts}. {event.intro}" if event.intro else facts)


class MentorColumnsFeed(PageFeed):
    feed_type = AtomWithItemLanguage
    section_model = MentorColumnIndexPage

    def title(self):
        return _("Sakura Mentor columns")

    def subtitle(self):
        return _("Columns by researchers working in Japan, for the Sakura Science Club.")

    def pages(self, audience):
        columns = audience.pages(MentorColumnPage)
        return columns.prefetch_related("topics").order_by("-date", "path")

    def prepare(self, entries, audience):
        # Each column's mentor in the reader's language, as on the site and in the API.
        mentors = audience.reader.snippet_versions(
            Mentor, {entry.page.mentor_id for entry in entries}
        )
        for entry in entries:
            entry.author = mentors[entry.page.mentor_id]

    def item_description(self, item):
        return self.description_of(item, item.page.intro)

    def item_author_name(self, item):
        return item.author.name

    def item_categories(self, item):
        return [topic.name for topic in item.page.topics.all()]
