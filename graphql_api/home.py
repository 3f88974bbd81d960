"""The home page and standard pages."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.types import Info
from wagtail.models import Page

from graphql_api.core.loading import Batch, Loader
from graphql_api.events import EventPageType
from graphql_api.pages.interface import PageInterface, page_image_field, page_type
from graphql_api.pages.relations import in_language, serve_pages, unique, visible_specific
from graphql_api.streamfield import stream_field
from site_pages import cache_tags, models
from site_pages.models.events import not_ended_q

UPCOMING_ON_HOME = 3


@dataclass(frozen=True)
class Featured(Loader[models.HomePage, list[Page]]):
    """The editors' picks of each home page, each in the reader's language where it exists."""

    parent_type = models.HomePage

    def load_batch(self, homes: Sequence[models.HomePage], batch: Batch, info: Any) -> list:
        context = info.context
        items = models.HomeFeaturedItem.objects.filter(home__in=homes).order_by("sort_order")
        items = list(items)
        ids = {item.page_id for item in items}
        visible = visible_specific(Page.objects.filter(pk__in=ids), context) if ids else []
        pages = in_language(visible, context, batch.locale)
        # A pick that readers cannot see (unpublished, private) is left out.
        items = [item for item in items if item.page_id in pages]
        serve_pages(unique(pages.values()), batch.locale, context)
        return [
            [pages[item.page_id] for item in items if item.home_id == home.pk] for home in homes
        ]


@dataclass(frozen=True)
class UpcomingEvents(Loader[models.HomePage, list[models.EventPage]]):
    """The next events of the site in the reader's language, untranslated ones in their
    fallback. There is one home per language, so the loop is bounded by the languages."""

    parent_type = models.HomePage

    def load_batch(self, homes: Sequence[models.HomePage], batch: Batch, info: Any) -> list:
        context = info.context
        lists = []
        for home in homes:
            language = batch.locale or context.locales.get(home.locale_id)
            cache_tags.used_listing(models.EventPage)
            events = context.reader(language).pages(models.EventPage.objects.filter(not_ended_q()))
            lists.append(list(events.order_by("start_date", "path")[:UPCOMING_ON_HOME]))
        serve_pages([event for events in lists for event in events], batch.locale, context)
        return lists


FEATURED = Featured()
UPCOMING_EVENTS = UpcomingEvents()


@page_type(models.HomePage, "The home page of one language.")
class HomePageType(PageInterface):
    hero_heading: str = strawberry.field(description="Headline of the hero section.")
    hero_text: str = strawberry.field(description="Text of the hero section.")
    intro: str = strawberry.field(description="Short description of the site.")
    hero_image = page_image_field("hero_image", "Image of the hero section.")
    body = stream_field("body", "Further content of the home page.")

    @strawberry.field(description="Pages the secretariat features, in their order.")
    def featured(self, info: Info) -> list[PageInterface]:
        return info.context.loaders.load(FEATURED, self, info)

    @strawberry.field(description="The next events, soonest first.")
    def upcoming_events(self, info: Info) -> list[EventPageType]:
        return info.context.loaders.load(UPCOMING_EVENTS, self, info)


@page_type(models.StandardPage, "An about, contact or other plain page.")
class StandardPageType(PageInterface):
    intro: str = strawberry.field(description="One or two sentences about the page.")
    body = stream_field("body", "The page's content.")
