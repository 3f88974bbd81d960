"""The measured requests, one per target and scenario, asking for the same data.

"chapters": all chapters with their (latest 30) events, as a list screen with event cards asks
(docs/graphql.md, "Chapters" and "One chapter"): each chapter's card picture, and for each event
its dates, format, city, card picture and gallery. "chapter": one chapter as the document
"One chapter" of docs/graphql.md asks for it (body, hero srcset, coordinators with portraits,
social links, latest five events).

Renditions name the same filter specs on every target (the project's presets: CARD 240 is
fill-240x160, GALLERY 480 fill-480x320, HERO fill-480x200/960x400/1200x500), so all of them read
the same stored renditions. Grapple finds pages by id (its ``slug`` argument does not know
languages); the REST API v2 needs one request per chapter for its events, so its "chapters"
unit is 1 + chapters requests, all counted.
"""

import json
from urllib.parse import urlencode

EVENTS_PER_CHAPTER = 30
CARD = "fill-240x160|format-webp"
GALLERY = "fill-480x320|format-webp"

PROJECT_CHAPTERS = """
query ChaptersWithEvents {
  chapters(locale: EN, first: 100) {
    totalCount
    edges { node {
      id title url localName acronym country { code } memberCount intro
      heroImage { alt rendition(preset: CARD, width: 240, format: WEBP) { url width height } }
      events(first: EVENTS) { totalCount edges { node {
        id title url startDate endDate format city
        heroImage { alt rendition(preset: CARD, width: 240, format: WEBP) { url width height } }
        gallery {
          caption
          image { alt rendition(preset: GALLERY, width: 480, format: WEBP) { url width height } }
        }
      } } }
    } }
  }
}
""".replace("EVENTS", str(EVENTS_PER_CHAPTER))

GRAPPLE_CHAPTERS = """
query ChaptersWithEvents($index: ID!) {
  pages(parent: $index, contentType: "site_pages.ChapterPage", limit: 100, order: "path") {
    id title url
    ... on ChapterPage {
      localName acronym country memberCount intro
      heroImage { title rendition(fill: "240x160", format: "webp") { url width height } }
      children(limit: EVENTS, order: "-eventpage__start_date,path") {
        id title url
        ... on EventPage {
          startDate endDate format city
          heroImage { title rendition(fill: "240x160", format: "webp") { url width height } }
          galleryImages {
            caption
            image { title rendition(fill: "480x320", format: "webp") { url width height } }
          }
        }
      }
    }
  }
}
""".replace("EVENTS", str(EVENTS_PER_CHAPTER))

PROJECT_CHAPTER = """
query Chapter($slug: String!, $locale: Locale) {
  chapter(slug: $slug, locale: $locale) {
    title url locale isFallback localName acronym
    founded { date precision iso display }
    country { code name }
    intro
    heroImage { alt srcSet(preset: HERO, format: WEBP) }
    body {
      __typename
      ... on ParagraphBlock { html }
      ... on ImageBlock {
        caption image { alt rendition(preset: CONTENT, width: 960) { url width height } }
      }
    }
    coordinators {
      role roleLabel termStart termEnd
      person { name affiliation photo { alt rendition(preset: PORTRAIT, width: 192) { url } } }
    }
    socialLinks { platform url }
    events(first: 5) { totalCount edges { node { title url datesDisplay formatLabel city } } }
  }
}
"""

GRAPPLE_CHAPTER = """
query Chapter($id: ID!) {
  page(id: $id) {
    title url
    ... on ChapterPage {
      localName acronym foundedOn country intro
      heroImage {
        title
        w480: rendition(fill: "480x200", format: "webp") { url width }
        w960: rendition(fill: "960x400", format: "webp") { url width }
        w1200: rendition(fill: "1200x500", format: "webp") { url width }
      }
      body {
        blockType
        ... on RichTextBlock { value }
        ... on StructBlock {
          blocks {
            field
            ... on ImageChooserBlock { image { title rendition(width: 960) { url width height } } }
            ... on CharBlock { value }
          }
        }
      }
      coordinators {
        role termStart termEnd
        person {
          ... on Person { name affiliation photo { title rendition(fill: "192x192") { url } } }
        }
      }
      socialLinks { platform url }
      children(limit: 5, order: "-eventpage__start_date,path") {
        title url ... on EventPage { startDate endDate format city }
      }
    }
  }
}
"""


def graphql_get(query, variables=None, operation=None):
    """The path and query string of a GraphQL GET."""
    params = {"query": " ".join(query.split())}
    if variables:
        params["variables"] = json.dumps(variables, separators=(",", ":"))
    if operation:
        params["operationName"] = operation
    return "/graphql/?" + urlencode(params)


def rest_chapters(index_id, chapter_ids):
    """The REST API v2 requests that together give what PROJECT_CHAPTERS gives."""
    fields = "local_name,acronym,country,member_count,intro,hero_card"
    chapters = urlencode(
        {"type": "site_pages.ChapterPage", "child_of": index_id, "fields": fields, "limit": 100}
    )
    paths = [f"/api/v2/pages/?{chapters}"]
    event_fields = "start_date,end_date,format,city,hero_card,gallery_images"
    for chapter_id in chapter_ids:
        events = urlencode(
            {
                "type": "site_pages.EventPage",
                "child_of": chapter_id,
                "fields": event_fields,
                "order": "-start_date",
                "limit": EVENTS_PER_CHAPTER,
            }
        )
        paths.append(f"/api/v2/pages/?{events}")
    return paths


def rest_chapter(chapter_id):
    """One chapter and its latest five events: two requests."""
    return [
        f"/api/v2/pages/{chapter_id}/",
        "/api/v2/pages/?"
        + urlencode(
            {
                "type": "site_pages.EventPage",
                "child_of": chapter_id,
                "fields": "start_date,end_date,format,city",
                "order": "-start_date",
                "limit": 5,
            }
        ),
    ]
