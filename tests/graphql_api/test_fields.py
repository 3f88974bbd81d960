"""Field-level behaviour: images and renditions, StreamField blocks and rich text, chapters,
events and the home page.

The world is built once for the module inside a transaction rolled back at the end; each test
runs in its own savepoint, so a test may add to it (renditions, one more event) without
affecting the others.
"""

import datetime
import json
from dataclasses import dataclass
from unittest import mock

import pytest
import wagtail_factories
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model

from site_pages import models as m
from site_pages.pictures import page_image_id
from site_pages.roles import setup_editorial_roles
from tests import factories as f
from tests.child_pages import add
from tests.conftest import fresh
from tests.database_snapshot import world_fixture
from tests.graphql_api.conftest import post_query

Image = get_image_model()
Rendition = Image.get_rendition_model()


def today():
    return timezone.localdate()


def days(n):
    return today() + datetime.timedelta(days=n)


@dataclass
class World:
    home: m.HomePage
    india: m.ChapterPage
    indonesia: m.ChapterPage
    big: Image  # 1600x1000, with a description
    focused: Image  # a title only, and a focal point
    photo: Image  # a coordinator's portrait
    deleted_image_id: int
    document: object
    draft: m.StandardPage  # never published
    blocks: m.StandardPage  # a body with every block type
    past: list  # India's past events, newest first
    upcoming: list  # India's upcoming events, soonest first
    network_upcoming: m.EventPage  # under the EventIndexPage
    network_past: m.EventPage
    later: m.EventPage  # upcoming, under Indonesia, after all others
    coordinators: list  # in the editors' order
    featured: list  # in the editors' order


def body(*blocks):
    # Stored JSON, not the block factories: the ids b0, b1… are asserted, and the figures keep
    # the plain-list form older revisions store, which the factories would write as today's.
    return json.dumps(
        [{"type": kind, "value": value, "id": f"b{n}"} for n, (kind, value) in enumerate(blocks)]
    )


def items(*values):
    """ListBlock values as Wagtail stores them today."""
    return [{"type": "item", "value": value, "id": f"i{n}"} for n, value in enumerate(values)]


def build_world():
    big = f.ImageFactory(
        title="Cherry blossoms",
        description="Cherry blossoms over the Kamo river",
        file__width=1600,
        file__height=1000,
    )
    focused = f.ImageFactory(title="Reunion group photo", file__width=640, file__height=480)
    focused.focal_point_x, focused.focal_point_y = 320, 200
    focused.focal_point_width, focused.focal_point_height = 120, 80
    focused.save()
    photo = f.ImageFactory(title="Priya", file__width=200, file__height=200)
    gone = f.ImageFactory(title="Deleted later", file__width=100, file__height=100)
    document = wagtail_factories.DocumentFactory(
        title="Annual report", file__filename="annual-report.pdf"
    )

    home = f.default_site_home()
    chapters = add(f.ChapterIndexPageFactory, home, title="Chapters", slug="chapters")
    india = add(
        f.ChapterPageFactory,
        chapters,
        title="India",
        slug="india",
        country="IN",
        hero_image=big,
    )
    indonesia = add(
        f.ChapterPageFactory,
        chapters,
        title="Indonesia",
        slug="indonesia",
        country="ID",
        hero_image=focused,
    )
    events_index = add(f.EventIndexPageFactory, home, title="Network events", slug="events")
    setup_editorial_roles()

    def event(parent, title, start, **kwargs):
        return add(
            f.EventPageFactory,
            parent,
            title=title,
            slug=title.lower().replace(" ", "-"),
            start_date=start,
            **kwargs,
        )

    past = [
        event(india, "India reunion 2021", datetime.date(2021, 5, 1), edition=2),
        event(india, "India reunion 2020", datetime.date(2020, 5, 1), edition=1),
        event(india, "India seminar 2019", datetime.date(2019, 5, 1), kind="seminar"),
    ]
    # Created in another order than their dates, so that no ordering comes from the tree.
    up_far = event(india, "India talk far", days(40), kind="talk")
    up_soon = event(india, "India talk soon", days(5), end_date=days(6), kind="talk")
    network_upcoming = event(events_index, "Network talk", days(20), kind="talk")
    network_past = event(events_index, "Network meeting", datetime.date(2022, 1, 1))
    later = event(indonesia, "Indonesia reunion", days(60))

    gallery_event = fresh(past[0])
    for order, (image, caption) in enumerate([(focused, "Group photo"), (big, "Blossoms")]):
        m.EventGalleryImage.objects.create(
            event=gallery_event, image=image, caption=caption, sort_order=order
        )

    # Coordinators made in another order than the editors'.
    people = {
        name: f.PersonFactory(name=name, photo=photo if name == "Priya" else None)
        for name in ("Priya", "Arjun", "Meera")
    }
    for name, role, order, start, end in [
        ("Meera", "secretary", 2, 2022, None),
        ("Priya", "chair", 0, 2021, None),
        ("Arjun", "vice_chair", 1, 2019, 2021),
    ]:
        m.ChapterCoordinator.objects.create(
            chapter=india,
            person=people[name],
            role=role,
            sort_order=order,
            term_start=start,
            term_end=end,
        )
    for order, (platform, url) in enumerate(
        [
            ("facebook", "https://www.facebook.com/groups/isca"),
            ("website", "https://isca.example.org/"),
            ("x", "https://x.com/isca"),
        ]
    ):
        m.ChapterSocialLink.objects.create(
            chapter=india, platform=platform, url=url, sort_order=order
        )

    draft = f.StandardPageFactory(parent=fresh(home), title="Draft", slug="draft", live=False)
    blocks = add(
        f.StandardPageFactory,
        home,
        title="Every block",
        slug="blocks",
        body=body(
            ("heading", {"text": "Programme", "level": "h3"}),
            (
                "paragraph",
                f'<p>See <a linktype="page" id="{india.pk}">India</a>, '
                f'<a linktype="document" id="{document.pk}">the report</a>, '
                f'<a linktype="page" id="{draft.pk}">a draft</a> and '
                '<a href="https://example.org/">elsewhere</a>.</p>',
            ),
            ("image", {"image": big.pk, "caption": "Kyoto", "attribution": "JST"}),
            ("image", {"image": gone.pk, "caption": "Lost", "attribution": ""}),
            (
                "gallery",
                {
                    "title": "Photos",
                    "images": items(
                        {"image": focused.pk, "caption": "Group", "attribution": "A"},
                        {"image": big.pk, "caption": "Trees", "attribution": "B"},
                    ),
                },
            ),
            ("quote", {"quote": "Science has no borders.", "attribution": "A member"}),
            (
                "figures",
                {
                    "title": "In numbers",
                    # The plain-list form older revisions store.
                    "figures": [
                        {"value": "5,539", "label": "students"},
                        {"value": "120", "label": "courses"},
                    ],
                },
            ),
            ("call_to_action", {"text": "Meet India", "page": india.pk, "url": ""}),
            ("call_to_action", {"text": "Apply", "page": None, "url": "https://apply.example/"}),
            ("call_to_action", {"text": "Secret", "page": draft.pk, "url": ""}),
            ("document", {"document": document.pk, "title": "Read the report"}),
            ("document", {"document": document.pk, "title": ""}),
            (
                "schedule",
                {
                    "title": "Day 1",
                    "items": items(
                        {"time": "10:00", "title": "Welcome", "speaker": "", "description": ""},
                        {
                            "time": "11:00",
                            "title": "Keynote",
                            "speaker": "Dr. Aoki",
                            "description": "On careers.",
                        },
                    ),
                },
            ),
            (
                "contest_results",
                {
                    "contest": "E-poster",
                    "awards": items(
                        {"rank": 1, "title": "Rice genomes", "winner": "Asha"},
                        {"rank": 2, "title": "Monsoon models", "winner": ""},
                    ),
                },
            ),
        ),
    )
    deleted_image_id = gone.pk
    gone.delete()

    coordinators_in_order = ["Priya", "Arjun", "Meera"]
    # Featured items made in another order than the editors'.
    featured = [fresh(blocks), fresh(past[1]), fresh(india)]
    for page, order in zip([india, blocks, past[1]], [2, 0, 1], strict=True):
        m.HomeFeaturedItem.objects.create(home=home, page=page, sort_order=order)

    return World(
        home=fresh(home),
        india=fresh(india),
        indonesia=fresh(indonesia),
        big=big,
        focused=focused,
        photo=photo,
        deleted_image_id=deleted_image_id,
        document=document,
        draft=fresh(draft),
        blocks=fresh(blocks),
        past=[fresh(page) for page in past],
        upcoming=[fresh(up_soon), fresh(up_far)],
        network_upcoming=fresh(network_upcoming),
        network_past=fresh(network_past),
        later=fresh(later),
        coordinators=coordinators_in_order,
        featured=featured,
    )


# Every test here reads the module's world through the shared gql fixtures.
pytestmark = pytest.mark.usefixtures("world")


world = world_fixture(build_world)


def error_of(body):
    assert body.get("errors"), body
    (error,) = body["errors"]
    return error


# --- images ------------------------------------------------------------------------------------

IMAGE = """
query($slug: String!) {
  chapter(slug: $slug) {
    heroImage { id url width height alt focalPoint { x y width height } }
  }
}
"""


def test_image_fields(gql_data, world):
    image = gql_data(IMAGE, slug="india")["chapter"]["heroImage"]
    assert image == {
        "id": str(world.big.pk),
        "url": world.big.file.url,
        "width": 1600,
        "height": 1000,
        "alt": "Cherry blossoms over the Kamo river",
        "focalPoint": None,
    }
    assert image["url"].startswith(settings.MEDIA_URL)


def test_image_alt_falls_back_on_title_and_focal_point_is_given(gql_data, world):
    image = gql_data(IMAGE, slug="indonesia")["chapter"]["heroImage"]
    assert image["alt"] == "Reunion group photo"
    assert (image["width"], image["height"]) == (640, 480)
    assert image["focalPoint"] == {"x": 320, "y": 200, "width": 120, "height": 80}


def rendition_query(arguments):
    return (
        f'query {{ chapter(slug: "india") {{ heroImage {{ rendition({arguments}) '
        "{ url width height } } } }"
    )


@pytest.mark.parametrize(
    ("arguments", "size", "extension"),
    [
        ("preset: CARD, width: 240, format: WEBP", (240, 160), ".webp"),
        ("preset: CARD", (480, 320), ".jpg"),
        ("preset: CONTENT, width: 480, format: PNG", (480, 300), ".png"),
        ("preset: PORTRAIT, width: 96, format: AVIF", (96, 96), ".avif"),
        # Wider than the 640x400 original: Wagtail's fill crops to the ratio, then scales.
        ("preset: HERO", (1200, 500), ".jpg"),
    ],
)
def test_rendition(gql_data, world, arguments, size, extension):
    rendition = gql_data(rendition_query(arguments))["chapter"]["heroImage"]["rendition"]
    assert (rendition["width"], rendition["height"]) == size
    assert rendition["url"].startswith(settings.MEDIA_URL)
    assert rendition["url"].endswith(extension)
    assert rendition["url"] != world.big.file.url


def test_rendition_refuses_a_width_the_preset_does_not_have(gql, world):
    before = Rendition.objects.count()
    error = error_of(gql(rendition_query("preset: CARD, width: 333")))
    assert error["extensions"]["code"] == "INVALID_ARGUMENT"
    assert "333 is not a width of preset CARD; use one of 240, 480" in error["message"]
    assert Rendition.objects.count() == before


@pytest.mark.parametrize(
    "arguments",
    ["width: 320", 'fill: "800x480", preset: CARD', "preset: HUGE", 'preset: "card"'],
)
def test_free_sizes_are_not_part_of_the_schema(gql, world, arguments):
    before = Rendition.objects.count()
    error = error_of(gql(rendition_query(arguments)))
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert Rendition.objects.count() == before


def test_src_set_and_renditions_list_every_width_of_the_preset(gql_data, world):
    image = gql_data(
        'query { chapter(slug: "india") { heroImage { '
        "srcSet(preset: CARD, format: WEBP) "
        "renditions(preset: CARD, format: WEBP) { url width height ready } "
        "small: rendition(preset: CARD, width: 240, format: WEBP) { url } "
        "large: rendition(preset: CARD, width: 480, format: WEBP) { url } } } }"
    )["chapter"]["heroImage"]
    assert image["srcSet"] == f"{image['small']['url']} 240w, {image['large']['url']} 480w"
    assert image["small"]["url"] != image["large"]["url"]
    assert [(r["url"], r["width"], r["height"]) for r in image["renditions"]] == [
        (image["small"]["url"], 240, 160),
        (image["large"]["url"], 480, 320),
    ]
    assert all(r["ready"] for r in image["renditions"])


RENDITIONS = """
query($width: Int, $format: ImageFormat) {
  chapters { edges { node { heroImage {
    rendition(preset: CONTENT, width: $width, format: $format) { url }
    fill: rendition(preset: GALLERY, format: WEBP) { url }
    srcSet(preset: CARD)
  } } } }
}
"""


def test_renditions_are_made_once_and_reused(gql_data, world, settings):
    settings.SAKURA_IMAGE_RENDITION_BUDGET = 20
    before = Rendition.objects.count()
    first = gql_data(RENDITIONS, width=480, format="WEBP")
    # Two images, each (content 480, gallery 960, card 240 and 480).
    assert Rendition.objects.count() == before + 8
    with mock.patch.object(
        Image, "generate_rendition_file", side_effect=AssertionError("made again")
    ) as generate:
        second = gql_data(RENDITIONS, width=480, format="WEBP")
    assert generate.call_count == 0
    assert second == first
    assert Rendition.objects.count() == before + 8


# --- StreamField -------------------------------------------------------------------------------

BODY = """
fragment Img on Image { id url }
query($id: ID!) {
  page(id: $id) {
    ... on StandardPage {
      body {
        __typename
        ... on Block { id }
        ... on HeadingBlock { text level }
        ... on ParagraphBlock { html }
        ... on ImageBlock { image { ...Img } caption attribution }
        ... on GalleryBlock { title images { image { ...Img } caption attribution } }
        ... on QuoteBlock { quote attribution }
        ... on FiguresBlock { title figures { value label } }
        ... on CallToActionBlock { text url }
        ... on DocumentBlock { title document { id title url fileExtension } }
        ... on ScheduleBlock { title items { time title speaker description } }
        ... on ContestResultsBlock { contest awards { rank title winner } }
      }
    }
  }
}
"""


def image_ref(image):
    return {"id": str(image.pk), "url": image.file.url}


def test_every_block_type(gql_data, world):
    blocks = gql_data(BODY, id=str(world.blocks.pk))["page"]["body"]
    document = {
        "id": str(world.document.pk),
        "title": "Annual report",
        "url": world.document.url,
        "fileExtension": "pdf",
    }
    expected = [
        {"__typename": "HeadingBlock", "text": "Programme", "level": "h3"},
        {
            "__typename": "ParagraphBlock",
            "html": '<p>See <a href="/en/chapters/india/">India</a>, '
            f'<a href="{world.document.url}">the report</a>, '
            "<a>a draft</a> and "
            '<a href="https://example.org/">elsewhere</a>.</p>',
        },
        {
            "__typename": "ImageBlock",
            "image": image_ref(world.big),
            "caption": "Kyoto",
            "attribution": "JST",
        },
        {"__typename": "ImageBlock", "image": None, "caption": "Lost", "attribution": ""},
        {
            "__typename": "GalleryBlock",
            "title": "Photos",
            "images": [
                {"image": image_ref(world.focused), "caption": "Group", "attribution": "A"},
                {"image": image_ref(world.big), "caption": "Trees", "attribution": "B"},
            ],
        },
        {
            "__typename": "QuoteBlock",
            "quote": "Science has no borders.",
            "attribution": "A member",
        },
        {
            "__typename": "FiguresBlock",
            "title": "In numbers",
            "figures": [
                {"value": "5,539", "label": "students"},
                {"value": "120", "label": "courses"},
            ],
        },
        {"__typename": "CallToActionBlock", "text": "Meet India", "url": "/en/chapters/india/"},
        {"__typename": "CallToActionBlock", "text": "Apply", "url": "https://apply.example/"},
        {"__typename": "CallToActionBlock", "text": "Secret", "url": None},
        {"__typename": "DocumentBlock", "title": "Read the report", "document": document},
        {"__typename": "DocumentBlock", "title": "Annual report", "document": document},
        {
            "__typename": "ScheduleBlock",
            "title": "Day 1",
            "items": [
                {"time": "10:00", "title": "Welcome", "speaker": "", "description": ""},
                {
                    "time": "11:00",
                    "title": "Keynote",
                    "speaker": "Dr. Aoki",
                    "description": "On careers.",
                },
            ],
        },
        {
            "__typename": "ContestResultsBlock",
            "contest": "E-poster",
            "awards": [
                {"rank": 1, "title": "Rice genomes", "winner": "Asha"},
                {"rank": 2, "title": "Monsoon models", "winner": ""},
            ],
        },
    ]
    assert [{k: v for k, v in block.items() if k != "id"} for block in blocks] == expected
    # A block's id is its uuid within the page version read (graphql_api/core/ids.py).
    page = world.blocks.pk
    assert [block["id"] for block in blocks] == [f"{page}/b{n}" for n in range(len(expected))]
    assert world.document.url.startswith("/documents/")
    assert not world.draft.live  # why its links lose their address


def test_body_covers_every_block_of_the_model(db, world):
    """The world's body holds one block of each type the editors can add."""
    kinds = {block.block_type for block in world.blocks.body}
    assert kinds == set(m.StandardPage.body.field.stream_block.child_blocks)


def test_a_deleted_image_in_a_body_is_null_without_error(gql, world):
    assert not Image.objects.filter(pk=world.deleted_image_id).exists()
    body = gql(
        "query($id: ID!) { page(id: $id) { ... on StandardPage { body { "
        "... on ImageBlock { caption image { id url "
        "rendition(preset: CONTENT, width: 480) { url } } } } } } }",
        id=str(world.blocks.pk),
    )
    assert "errors" not in body, body["errors"]
    images = [block for block in body["data"]["page"]["body"] if block]
    assert {"caption": "Lost", "image": None} in images
    assert any(block.get("image") and block["image"]["rendition"]["url"] for block in images)


def image_queries(client, query, **variables):
    """(data, number of SQL queries on the image table) for one request."""
    with CaptureQueriesContext(connection) as captured:
        response = post_query(client, query, variables)
    body = response.json()
    assert "errors" not in body, body["errors"]
    table = Image._meta.db_table
    return body["data"], sum(table in sql["sql"] for sql in captured.captured_queries)


@pytest.mark.parametrize(
    ("selection", "expected_queries"),
    [
        pytest.param("caption", 0, id="captions-only"),
        pytest.param("caption image { id }", 1, id="with-images"),
    ],
)
def test_body_images_load_in_one_query_or_none(client, world, db, selection, expected_queries):
    """Three distinct image ids in the body (one deleted): one query for all of them when the
    images are asked for, none when only the captions are (it was one query per image)."""
    data, count = image_queries(
        client,
        "query($id: ID!) { page(id: $id) { ... on StandardPage { body { "
        f"... on ImageBlock {{ {selection} }} "
        f"... on GalleryBlock {{ images {{ {selection} }} }} }} }} }} }}",
        id=str(world.blocks.pk),
    )
    captions = [
        item["caption"]
        for block in data["page"]["body"]
        for item in block.get("images", [block] if block else [])
    ]
    assert captions == ["Kyoto", "Lost", "Group", "Trees"]
    assert count == expected_queries


# --- chapters ----------------------------------------------------------------------------------

CHAPTER = """
query {
  chapter(slug: "india") {
    country { code name }
    coordinators { role termStart termEnd person { name photo { id url } } }
    socialLinks { platform url }
  }
}
"""


def test_chapter_country_coordinators_and_social_links(gql_data, world):
    chapter = gql_data(CHAPTER)["chapter"]
    assert chapter["country"] == {"code": "IN", "name": "India"}
    assert chapter["coordinators"] == [
        {
            "role": "CHAIR",
            "termStart": 2021,
            "termEnd": None,
            "person": {"name": "Priya", "photo": image_ref(world.photo)},
        },
        {
            "role": "VICE_CHAIR",
            "termStart": 2019,
            "termEnd": 2021,
            "person": {"name": "Arjun", "photo": None},
        },
        {
            "role": "SECRETARY",
            "termStart": 2022,
            "termEnd": None,
            "person": {"name": "Meera", "photo": None},
        },
    ]
    assert chapter["socialLinks"] == [
        {"platform": "FACEBOOK", "url": "https://www.facebook.com/groups/isca"},
        {"platform": "WEBSITE", "url": "https://isca.example.org/"},
        {"platform": "X", "url": "https://x.com/isca"},
    ]


def test_chapters_list_their_own_coordinators(gql_data, world):
    data = gql_data(
        "query { chapters { edges { node { slug coordinators { person { name } } } } } }"
    )
    coordinators = {
        edge["node"]["slug"]: [c["person"]["name"] for c in edge["node"]["coordinators"]]
        for edge in data["chapters"]["edges"]
    }
    assert coordinators == {"india": world.coordinators, "indonesia": []}


CHAPTER_EVENTS = """
query($upcoming: Boolean, $first: Int, $after: String) {
  chapter(slug: "india") {
    events(upcoming: $upcoming, first: $first, after: $after) {
      totalCount
      edges { cursor node { id isUpcoming } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}
"""


def chapter_events(gql_data, **variables):
    return gql_data(CHAPTER_EVENTS, **variables)["chapter"]["events"]


def ids(connection):
    return [edge["node"]["id"] for edge in connection["edges"]]


def pks(pages):
    return [str(page.pk) for page in pages]


@pytest.mark.parametrize(
    ("upcoming", "expected"),
    [
        (None, lambda w: [*reversed(w.upcoming), *w.past]),
        (True, lambda w: w.upcoming),
        (False, lambda w: w.past),
    ],
    ids=["all-newest-first", "upcoming-soonest-first", "past-newest-first"],
)
def test_chapter_events(gql_data, world, upcoming, expected):
    events = chapter_events(gql_data, upcoming=upcoming, first=10)
    assert ids(events) == pks(expected(world))
    assert events["totalCount"] == len(expected(world))
    if upcoming is not None:
        assert {edge["node"]["isUpcoming"] for edge in events["edges"]} == {upcoming}
    assert events["pageInfo"]["hasNextPage"] is False


def test_chapter_events_pages(gql_data, world):
    everything = pks([*reversed(world.upcoming), *world.past])
    seen, after, pages = [], None, 0
    while True:
        events = chapter_events(gql_data, first=2, after=after)
        info = events["pageInfo"]
        assert events["totalCount"] == 5
        assert info["hasPreviousPage"] is (after is not None)
        assert info["startCursor"] == events["edges"][0]["cursor"]
        assert info["endCursor"] == events["edges"][-1]["cursor"]
        seen += ids(events)
        pages += 1
        if not info["hasNextPage"]:
            break
        after = info["endCursor"]
    assert seen == everything
    assert pages == 3


def test_chapter_upcoming_events_page(gql_data, world):
    first = chapter_events(gql_data, upcoming=True, first=1)
    assert ids(first) == pks(world.upcoming[:1])
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["totalCount"] == 2
    rest = chapter_events(gql_data, upcoming=True, first=1, after=first["pageInfo"]["endCursor"])
    assert ids(rest) == pks(world.upcoming[1:])
    assert rest["pageInfo"]["hasNextPage"] is False


def test_an_event_on_now_is_upcoming_until_it_ends(gql_data, world):
    ongoing = add(
        f.EventPageFactory,
        world.india,
        title="India camp",
        slug="india-camp",
        start_date=days(-2),
        end_date=today(),
    )
    events = chapter_events(gql_data, upcoming=True, first=10)
    assert ids(events) == pks([ongoing, *world.upcoming])
    assert ids(chapter_events(gql_data, upcoming=False, first=10)) == pks(world.past)


def test_chapter_events_carry_their_own_fields(gql_data, world):
    data = gql_data(
        'query { chapter(slug: "india") { events(first: 10) { edges { node { '
        "title chapter { id } } } } } }"
    )
    nodes = [edge["node"] for edge in data["chapter"]["events"]["edges"]]
    assert [node["title"] for node in nodes] == [
        page.title for page in [*reversed(world.upcoming), *world.past]
    ]
    assert {node["chapter"]["id"] for node in nodes} == {str(world.india.pk)}


# --- events ------------------------------------------------------------------------------------

EVENT = """
query($id: ID!) {
  page(id: $id) {
    ... on EventPage {
      editionLabel edition isUpcoming
      chapter { __typename id title }
      gallery { caption image { id } }
    }
  }
}
"""


def event(gql_data, page):
    return gql_data(EVENT, id=str(page.pk))["page"]


def test_event_of_a_chapter(gql_data, world):
    data = event(gql_data, world.past[0])
    assert data["chapter"] == {
        "__typename": "ChapterPage",
        "id": str(world.india.pk),
        "title": "India",
    }
    assert data["editionLabel"] == "2nd reunion"
    assert data["edition"] == 2
    assert data["isUpcoming"] is False
    assert data["gallery"] == [
        {"caption": "Group photo", "image": {"id": str(world.focused.pk)}},
        {"caption": "Blossoms", "image": {"id": str(world.big.pk)}},
    ]


def test_network_event(gql_data, world):
    data = event(gql_data, world.network_upcoming)
    assert data["chapter"] is None
    assert data["editionLabel"] == ""
    assert data["edition"] is None
    assert data["isUpcoming"] is True
    assert data["gallery"] == []


@pytest.mark.parametrize(
    ("edition", "kind", "label"),
    [(1, "reunion", "1st reunion"), (3, "seminar", "3rd seminar"), (11, "contest", "11th contest")],
)
def test_edition_label(gql_data, world, edition, kind, label):
    page = fresh(world.past[2])
    page.edition, page.kind = edition, kind
    page.save_revision().publish()
    assert event(gql_data, page)["editionLabel"] == label


def test_events_in_a_list_know_their_chapter(gql_data, world):
    data = gql_data("query { events(first: 20) { edges { node { id chapter { id } } } } }")
    chapters = {
        edge["node"]["id"]: (edge["node"]["chapter"] or {}).get("id")
        for edge in data["events"]["edges"]
    }
    assert chapters[str(world.past[0].pk)] == str(world.india.pk)
    assert chapters[str(world.later.pk)] == str(world.indonesia.pk)
    assert chapters[str(world.network_upcoming.pk)] is None
    assert chapters[str(world.network_past.pk)] is None


def test_an_events_chapter_is_typed_as_a_chapter(gql_data, world):
    # `chapter` is ChapterPage, not the Page interface: its fields need no fragment.
    data = gql_data(
        "query($id: ID!) { page(id: $id) { ... on EventPage { chapter { slug acronym "
        "country { code } } } } }",
        id=str(world.past[0].pk),
    )
    assert data["page"]["chapter"] == {
        "slug": "india",
        "acronym": world.india.acronym,
        "country": {"code": "IN"},
    }


def test_a_blocks_id_is_never_null(db):
    from graphql_api.streamfield import blocks_of

    class Stream:
        raw_data = [
            {"type": "heading", "value": {"text": "Kept"}, "id": "f00"},
            {"type": "quote", "value": {"quote": "Imported without ids"}},
        ]

    ids = [block.id for block in blocks_of(Stream(), context=None, owner_id="7", field="body")]
    assert ids == ["7/f00", "7/body.1"]


def test_intro_and_listing_image_are_on_every_page(gql_data, world):
    # A mixed list (the home page's featured pages) asks for them without a fragment per type.
    home = gql_data(
        'query { page(path: "") { intro listingImage { id } ... on HomePage { featured { '
        "__typename intro listingImage { id } } } } }"
    )["page"]
    for page, node in zip(world.featured, home["featured"], strict=True):
        page = page.specific
        assert node["intro"] == page.intro
        expected = page_image_id(page)
        assert node["listingImage"] == ({"id": str(expected)} if expected else None)


# --- home --------------------------------------------------------------------------------------

HOME = """
query {
  page(path: "") {
    id
    ... on HomePage {
      featured { __typename id title }
      upcomingEvents { id startDate isUpcoming }
    }
  }
}
"""


def test_home_featured_in_the_editors_order(gql_data, world):
    home = gql_data(HOME)["page"]
    assert home["id"] == str(world.home.pk)
    assert [(p["__typename"], p["id"]) for p in home["featured"]] == [
        (type(page).__name__, str(page.pk)) for page in world.featured
    ]
    assert [p["__typename"] for p in home["featured"]] == [
        "StandardPage",
        "EventPage",
        "ChapterPage",
    ]


def test_home_upcoming_events(gql_data, world):
    events = gql_data(HOME)["page"]["upcomingEvents"]
    soonest = [world.upcoming[0], world.network_upcoming, world.upcoming[1]]
    assert [event["id"] for event in events] == pks(soonest)
    assert [event["startDate"] for event in events] == sorted(e["startDate"] for e in events)
    assert all(event["isUpcoming"] for event in events)
    assert str(world.later.pk) not in {event["id"] for event in events}


def test_home_upcoming_events_are_at_most_three_and_only_future(gql_data, world):
    for page in [*world.upcoming, world.network_upcoming]:
        page = fresh(page)
        page.start_date, page.end_date = datetime.date(2018, 1, 1), None
        page.save_revision().publish()
    events = gql_data(HOME)["page"]["upcomingEvents"]
    assert [event["id"] for event in events] == pks([world.later])
