"""Every picture on the site is responsive, reserves its space and loads no sooner than needed,
and a page's queries do not grow with its pictures.

Each page type is rendered with pictures in every place it shows them (hero, cards, the chapter
directory, coordinators, a body's figures and gallery, an event's gallery, voice and mentor
photos, a yearbook's portraits) and its HTML parsed: every <img> has width, height, srcset,
sizes and alt, sits in a <picture> offering AVIF and WebP, falls back to the original's kind
(JPEG for the JPEG originals here, PNG for the rest), and only the page's first picture is
fetched eagerly (``fetchpriority="high"``). The same pages with three times the pictures take
the same number of queries."""

import re
from html.parser import HTMLParser

import pytest
import wagtail_factories
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from site_pages import image_presets
from site_pages import models as m
from site_pages.image_presets import check_presets, site_formats
from tests import factories as f
from tests.block_factories import stream

Rendition = get_image_model().get_rendition_model()


class Pictures(HTMLParser):
    """The <img> elements of a page, each with the <source> elements of its <picture>."""

    def __init__(self):
        super().__init__()
        self.images = []
        self.sources = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self.sources = []
        elif tag == "source" and self.sources is not None:
            self.sources.append(attrs)
        elif tag == "img":
            self.images.append((attrs, self.sources or []))
            self.sources = None


def pictures_of(html):
    parser = Pictures()
    parser.feed(html)
    return parser.images


def picture():
    return wagtail_factories.ImageFactory(file__width=480, file__height=320)


def body_with_pictures(n):
    """A body with ``n`` figures and a gallery of ``n`` pictures."""
    figures = [("image", {"image": picture(), "caption": f"Figure {i}"}) for i in range(n)]
    gallery = {"title": "Photos"}
    for i in range(n):
        gallery |= {f"images__{i}__image": picture(), f"images__{i}__caption": f"Photo {i}"}
    return stream(*figures, ("gallery", gallery))


def build_site(n):
    """Every page type, with ``n`` pictures in each place that shows several."""
    home = f.default_site_home(hero_image=picture())
    chapters = f.ChapterIndexPageFactory(parent=home)
    coordinators = [
        m.ChapterCoordinator(
            person=f.PersonFactory(name=f"Coordinator {i}", photo=picture()),
            role="coordinator",
            term_start=2021,
        )
        for i in range(n)
    ]
    india = f.ChapterPageFactory(
        parent=chapters,
        title="India",
        slug="india",
        country="IN",
        hero_image=picture(),
        body=body_with_pictures(n),
        coordinators=coordinators,
    )
    others = [
        f.ChapterPageFactory(
            parent=chapters,
            title=f"Chapter {i}",
            slug=f"chapter-{i}",
            country=country,
            hero_image=picture(),
        )
        for i, country in zip(range(n), ("JP", "MY", "NP"), strict=False)
    ]
    event = f.EventPageFactory(
        parent=india,
        title="2nd India reunion",
        hero_image=picture(),
        body=body_with_pictures(n),
        gallery_images=[m.EventGalleryImage(image=picture(), caption=f"{i}") for i in range(n)],
    )
    events = f.EventIndexPageFactory(parent=home)
    mentors = f.MentorColumnIndexPageFactory(parent=home)
    mentor = f.MentorFactory(photo=picture())
    column = f.MentorColumnPageFactory(parent=mentors, mentor=mentor, body=body_with_pictures(n))
    voices = f.MemberVoiceIndexPageFactory(parent=home)
    voice_pages = [
        f.MemberVoicePageFactory(
            parent=voices, title=f"Voice {i}", photo=picture(), body=body_with_pictures(n)
        )
        for i in range(n)
    ]
    yearbooks = f.YearbookIndexPageFactory(parent=home)
    yearbook = f.YearbookPageFactory(
        parent=yearbooks,
        fiscal_year=2021,
        entries=[
            m.YearbookEntry(person=f.PersonFactory(photo=picture()), chapter=india, role="chair")
            for _ in range(n)
        ],
    )
    programs = f.ProgramIndexPageFactory(parent=home)
    program = f.ProgramPageFactory(
        parent=programs, hero_image=picture(), body=body_with_pictures(n)
    )
    for i in range(n):
        f.ProgramPageFactory(parent=program, title=f"Course {i}", hero_image=picture())
    standard = f.StandardPageFactory(parent=home, body=body_with_pictures(n))
    for i in range(n):
        f.ProgramPageFactory(parent=programs, title=f"Programme {i}", hero_image=picture())
    home.featured_items = [m.HomeFeaturedItem(page=page) for page in [india, *others][:n]]
    home.save()
    pages = {
        "home": home,
        "chapter index": chapters,
        "chapter": india,
        "event": event,
        "event index": events,
        "column index": mentors,
        "column": column,
        "voice index": voices,
        "voice": voice_pages[0],
        "yearbook index": yearbooks,
        "yearbook": yearbook,
        "program index": programs,
        "program": program,
        "standard": standard,
    }
    return {name: page.url for name, page in pages.items()}


# Pages without any picture of their own in this site (their cards have none).
WITHOUT_PICTURES = {"event index", "yearbook index", "column index"}


@pytest.fixture
def no_kept_pages(settings):
    """No kept pages, and every rendition made when a page is first shown."""
    settings.SAKURA_PAGE_CACHE = {**settings.SAKURA_PAGE_CACHE, "TIMEOUT": 0}
    settings.SAKURA_IMAGE_RENDITION_BUDGET = 1000
    return settings


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_picture_is_responsive_sized_and_lazy_below_the_first(client, db, no_kept_pages):
    for name, url in build_site(2).items():
        images = pictures_of(get(client, url))
        if name in WITHOUT_PICTURES:
            assert images == [], name
            continue
        assert images, name
        for attrs, sources in images:
            where = (name, attrs)
            for attribute in ("src", "srcset", "sizes", "width", "height", "alt"):
                assert attribute in attrs, where
            assert int(attrs["width"]) > 0 and int(attrs["height"]) > 0, where
            assert all(entry.strip().endswith("w") for entry in attrs["srcset"].split(",")), where
            # The <img> is the fallback, a JPEG for JPEG originals (the factory's).
            assert attrs["src"].endswith(".jpg"), where
            assert [source["type"] for source in sources] == ["image/avif", "image/webp"], where
            for source in sources:
                assert source["sizes"] == attrs["sizes"], where
                assert source["srcset"].count(" ") == attrs["srcset"].count(" "), where
        # The first picture is fetched first; every other one waits until it is near.
        first, *later = (attrs for attrs, _sources in images)
        assert first.get("fetchpriority") == "high" and "loading" not in first, name
        assert all(attrs.get("loading") == "lazy" for attrs in later), name
        assert not any("fetchpriority" in attrs for attrs in later), name


def counted_queries(client, urls, settings):
    """Queries of each page once its renditions exist, with no cache to help."""
    for url in urls.values():
        get(client, url)  # makes the renditions
    settings.SAKURA_IMAGE_RENDITION_BUDGET = 0
    counts = {}
    for name, url in urls.items():
        for cache in caches.all():
            cache.clear()
        made = Rendition.objects.count()
        with CaptureQueriesContext(connection) as queries:
            html = get(client, url)
        # Every rendition linked, none deferred to a signed /images/ address.
        assert not re.search(r'[\s"]/images/', html), name
        assert Rendition.objects.count() == made
        counts[name] = (
            [query["sql"] for query in queries.captured_queries],
            len(re.findall(r"<img\b", html)),
        )
    return counts


# Page: (SQL queries with one picture in each place that shows several and with three, the
# pictures the page shows at each size). The event, column and yearbook indexes list their
# pages without pictures. Same on SQLite and PostgreSQL.
PINNED = {
    "home": (41, 3, 7),
    "chapter index": (37, 2, 4),
    "chapter": (49, 5, 11),
    "event": (49, 4, 10),
    "event index": (32, 0, 0),
    "column index": (33, 0, 0),
    "column": (45, 3, 7),
    "voice index": (35, 1, 3),
    "voice": (42, 3, 7),
    "yearbook index": (33, 0, 0),
    "yearbook": (38, 1, 3),
    "program index": (35, 2, 4),
    "program": (47, 4, 10),
    "standard": (36, 2, 6),
}


def test_a_page_s_queries_do_not_grow_with_its_pictures(client, db, no_kept_pages):
    few = counted_queries(client, build_site(1), no_kept_pages)
    no_kept_pages.SAKURA_IMAGE_RENDITION_BUDGET = 1000
    many = counted_queries(client, build_site(3), no_kept_pages)
    assert set(few) == set(PINNED)
    # Every page is checked before the test fails, so that one run reports them all.
    wrong, listings = [], []
    for name, (expected, *sizes) in PINNED.items():
        (small, small_pictures), (large, large_pictures) = few[name], many[name]
        if not len(small) == len(large) == expected:
            wrong.append(f"{name}: {len(small)} queries with 1 picture, {len(large)} with 3")
            listings += [f"--- {name}", *large]
        if [small_pictures, large_pictures] != sizes:
            wrong.append(f"{name}: shows {small_pictures}, then {large_pictures}, not {sizes}")
    if wrong:
        pytest.fail("\n".join([*wrong, *listings]))


def test_the_fallback_is_jpeg_for_photographs_and_png_for_the_rest(db):
    jpeg = wagtail_factories.ImageFactory(file__filename="photo.jpg")
    png = wagtail_factories.ImageFactory(file__filename="drawing.png", file__format="PNG")
    assert site_formats(jpeg) == ["avif", "webp", "jpeg"]
    assert site_formats(png) == ["avif", "webp", "png"]


def test_a_pillow_without_avif_fails_the_system_check(monkeypatch):
    assert check_presets() == []
    monkeypatch.setattr(image_presets.features, "check", lambda feature: feature != "avif")
    (error,) = check_presets()
    assert "cannot write avif" in error.msg
