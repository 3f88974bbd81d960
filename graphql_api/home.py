"""The home page and standard pages."""

import strawberry
from wagtail.models import Page

from graphql_api.core.selection import selects, sub_selections
from graphql_api.events import EventPageType
from graphql_api.pages import (
    IMAGE_FIELDS,
    PageInterface,
    image_of,
    in_language,
    page_type,
    prepare_pages,
    preparer,
    stream_of,
    visible_specific,
)
from site_pages import cache_tags, models
from site_pages.models.events import not_ended_q

IMAGE_FIELDS[models.HomePage] = {"heroImage": "hero_image"}

UPCOMING_ON_HOME = 3


@page_type(models.HomePage, "The home page of one language.")
class HomePageType(PageInterface):
    hero_heading: str = strawberry.field(description="Headline of the hero section.")
    hero_text: str = strawberry.field(description="Text of the hero section.")
    intro: str = strawberry.field(description="Short description of the site.")
    hero_image = image_of("hero_image", "Image of the hero section.")
    body = stream_of("body", "Further content of the home page.")

    @strawberry.field(description="Pages the secretariat features, in their order.")
    def featured(self) -> list[PageInterface]:
        return self._api_featured

    @strawberry.field(description="The next events, soonest first.")
    def upcoming_events(self) -> list[EventPageType]:
        return self._api_upcoming


@page_type(models.StandardPage, "An about, contact or other plain page.")
class StandardPageType(PageInterface):
    intro: str = strawberry.field(description="One or two sentences about the page.")
    body = stream_of("body", "The page's content.")


@preparer(models.HomePage)
def prepare_homes(homes, selections, context, locale):
    if selects(selections, "featured"):
        load_featured(homes, sub_selections(selections, "featured"), context, locale)
    if selects(selections, "upcomingEvents"):
        load_upcoming(homes, sub_selections(selections, "upcomingEvents"), context, locale)


def load_featured(homes, selections, context, locale):
    """The editors' picks of each home page, each in the reader's language where it exists."""
    items = list(models.HomeFeaturedItem.objects.filter(home__in=homes).order_by("sort_order"))
    ids = {item.page_id for item in items}
    visible = visible_specific(Page.objects.filter(pk__in=ids), context) if ids else []
    pages = in_language(visible, context, locale)
    for home in homes:
        home._api_featured = [
            pages[item.page_id]
            for item in items
            if item.home_id == home.pk and item.page_id in pages
        ]
    prepare_pages(list(set(pages.values())), selections, context, locale)


def load_upcoming(homes, selections, context, locale):
    """The next events of the site in the reader's language, untranslated ones in their
    fallback. There is one home per language, so the loop is bounded by the languages."""
    upcoming = []
    for home in homes:
        language = locale or context.locales.get(home.locale_id)
        cache_tags.used_listing(models.EventPage)
        events = context.reader(language).pages(models.EventPage.objects.filter(not_ended_q()))
        home._api_upcoming = list(events.order_by("start_date", "path")[:UPCOMING_ON_HOME])
        upcoming += home._api_upcoming
    prepare_pages(upcoming, selections, context, locale)
