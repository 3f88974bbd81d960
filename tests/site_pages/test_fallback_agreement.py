"""The site and the API follow one fallback rule (site_pages/fallback.py), section by section.

Every section gets the same six items, each in a different state:

- ``translated``: English, Japanese and Indonesian versions, all live;
- ``chain``: English and Indonesian (Malay readers go ms → id → en);
- ``english``: English only;
- ``draft_translation``: English live, a Japanese version saved as a draft;
- ``draft``: English only, never published;
- ``private``: English only, behind a password.

For readers of Japanese, Indonesian, Thai (a language with no pages at all) and Malay (no
pages, a chain through Indonesian), each section's HTML must list exactly the reader's version of
every visible item, each in its own ``lang`` and a fallback item with an "in <language>" label
(unless the page around it is in that language too), and the API must list the same titles,
in the same languages, with ``isFallback`` on exactly the items not in the reader's language.
Titles carry their language ("Birch chain id"), so a title says which version was chosen.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify
from wagtail.models import Locale, Page, PageViewRestriction

from graphql_api.core.locale import enum_name
from site_pages import models as m
from tests import factories as f
from tests.conftest import fresh, publish
from tests.database_snapshot import world_fixture
from tests.graphql_api.conftest import post_query

KINDS = ["translated", "chain", "english", "draft_translation", "draft", "private"]
# The languages each kind has a live version in; draft, private: none that readers may see.
LIVE = {
    "translated": ["en", "ja", "id"],
    "chain": ["en", "id"],
    "english": ["en"],
    "draft_translation": ["en"],
    "draft": [],
    "private": [],
}
CHAINS = {"ja": ["ja", "en"], "id": ["id", "en"], "th": ["th", "en"], "ms": ["ms", "id", "en"]}
READERS = list(CHAINS)


def translate(page, code, *, live=True):
    """The ``code`` version of ``page``, made as an editor makes it (its missing parents are
    copied too), titled in that language."""
    copy = fresh(page).copy_for_translation(
        Locale.objects.get(language_code=code), copy_parents=True
    )
    copy.title = re.sub(r" en$", f" {code}", copy.title)
    revision = copy.save_revision()
    if live:
        revision.publish()
    return fresh(copy)


@dataclass
class Section:
    word: str  # every title of the section starts with it
    en_pages: dict = field(default_factory=dict)  # kind -> English page

    def expected(self, reader):
        """{title: language} of what a reader of ``reader`` must be shown."""
        shown = {}
        for kind in KINDS:
            language = next((code for code in CHAINS[reader] if code in LIVE[kind]), None)
            if language is not None:
                shown[f"{self.word} {kind} {language}"] = language
        return shown


def make_items(section, factory, parent, extra=None):
    """The six items of a section under ``parent``; ``extra(n)`` gives the n-th one's fields."""
    for number, kind in enumerate(KINDS):
        title = f"{section.word} {kind} en"
        fields = extra(number) if extra else {}
        page = factory(parent=fresh(parent), title=title, slug=slugify(title), **fields)
        if kind == "draft":
            page.live = False
            page.save_revision()
            page.save()
        else:
            page = publish(page)
        if kind == "private":
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
            )
        for code in LIVE[kind][1:]:
            translate(page, code)
        if kind == "draft_translation":
            translate(page, "ja", live=False)
        section.en_pages[kind] = fresh(page)
    return section


COUNTRIES = ["IN", "ID", "MY", "NP", "LK", "VN", "BD", "SG", "TH", "CN", "PH", "MN"]


def build_sections(home, parents, mentor, suffix="", chapter=None):
    """Every section's six items; ``suffix`` makes a second set (for the query counts), whose
    chapter events go under ``chapter``."""
    offset = 6 if suffix else 0
    suffix = f" {suffix}" if suffix else ""
    sections = {
        "chapters": make_items(
            Section(f"Amber{suffix}"),
            f.ChapterPageFactory,
            parents["chapters"],
            extra=lambda n: {"country": COUNTRIES[n + offset]},
        ),
        "events": make_items(
            Section(f"Birch{suffix}"),
            f.EventPageFactory,
            parents["events"],
            extra=lambda n: {"start_date": f"2021-0{n + 1}-01"},
        ),
        "columns": make_items(
            Section(f"Cedar{suffix}"),
            f.MentorColumnPageFactory,
            parents["columns"],
            extra=lambda n: {"mentor": mentor, "date": f"2022-0{n + 1}-01"},
        ),
        "voices": make_items(
            Section(f"Daisy{suffix}"), f.MemberVoicePageFactory, parents["voices"]
        ),
        "yearbooks": make_items(
            Section(f"Elm{suffix}"),
            f.YearbookPageFactory,
            parents["yearbooks"],
            extra=lambda n: {"fiscal_year": 2014 + n + offset},
        ),
    }
    chapter = chapter or sections["chapters"].en_pages["translated"]
    sections["chapter_events"] = make_items(
        Section(f"Fern{suffix}"),
        f.EventPageFactory,
        chapter,
        extra=lambda n: {"start_date": f"2020-0{n + 1}-01"},
    )
    return sections


@dataclass
class World:
    home: m.HomePage
    parents: dict
    mentor: m.Mentor
    sections: dict


def build_world():
    home = publish(f.default_site_home())
    parents = {
        "chapters": f.ChapterIndexPageFactory(parent=home, title="Chapters", slug="chapters"),
        "events": f.EventIndexPageFactory(parent=home, title="Network events", slug="events"),
        "columns": f.MentorColumnIndexPageFactory(parent=home, title="Mentor", slug="mentor"),
        "voices": f.MemberVoiceIndexPageFactory(parent=home, title="Voices", slug="voices"),
        "yearbooks": f.YearbookIndexPageFactory(parent=home, title="Yearbooks", slug="yearbooks"),
    }
    for parent in parents.values():
        parent.show_in_menus = True
        publish(parent)
    # Home pages in Japanese and Indonesian; none in Thai or Malay.
    homes = [home, translate(home, "ja"), translate(home, "id")]
    mentor = f.MentorFactory(name="Dr. Aoki", slug="aoki")
    mentor_ja = mentor.copy_for_translation(Locale.objects.get(language_code="ja"))
    mentor_ja.name = "青木博士"
    mentor_ja.save()
    sections = build_sections(home, parents, mentor)
    # Every home features the network events section's six items, by their English pages.
    for each in homes:
        for order, page in enumerate(sections["events"].en_pages.values()):
            m.HomeFeaturedItem.objects.create(home=each, page=page, sort_order=order)
    return World(home=fresh(home), parents=parents, mentor=mentor, sections=sections)


# django_db: each test runs in a savepoint of the module's world, and the test database is set
# up even when this module runs alone.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]


world = world_fixture(build_world)


# --- reading the site ---------------------------------------------------------------------------


class Links(HTMLParser):
    """Links inside <main> (or inside every element with ``scope_id`` as aria-labelledby): their
    text, the language in force where they stand, and whether an "in …" label follows them."""

    VOID = {"img", "br", "hr", "input", "meta", "link", "source"}

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, lang, inside main)
        self.links = []  # [text, language, label]
        self.in_link = False
        self.main_lang = None  # the language of the page's content: its h1's

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        parent_lang = self.stack[-1][1] if self.stack else None
        inside = (self.stack[-1][2] if self.stack else False) or tag == "main"
        if tag not in self.VOID:
            self.stack.append((tag, attrs.get("lang", parent_lang), inside))
        if tag == "h1" and inside:
            self.main_lang = attrs.get("lang", parent_lang)
        if not inside:
            return
        if tag == "a":
            self.in_link = True
            self.links.append(["", attrs.get("lang", parent_lang), None])
        elif "fallback-label" in (attrs.get("class") or "") and self.links:
            self.links[-1][2] = ""

    def handle_endtag(self, tag):
        if tag == "a":
            self.in_link = False
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.in_link and self.links:
            self.links[-1][0] += data
        elif self.links and self.links[-1][2] == "":
            self.links[-1][2] = data.strip()


def site_items(client, url, word):
    """{title: (language, label)} of the links to a section's items on a page of the site, and
    the language of the page's content."""
    response = client.get(url)
    assert response.status_code == 200, url
    parser = Links()
    parser.feed(response.content.decode())
    items = {}
    for text, language, label in parser.links:
        text = text.strip()
        if text.startswith(f"{word} "):
            assert text not in items, f"{text} listed twice on {url}"
            items[text] = (language, label)
    return items, parser.main_lang


def feed_items(client, url, word):
    """{title: (language, description)} of a feed's entries (RSS or Atom)."""
    response = client.get(url)
    assert response.status_code == 200, url
    tree = ET.fromstring(response.content)
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    items = {}
    entries = (
        tree.iter("item") if tree.tag == "rss" else tree.iter("{http://www.w3.org/2005/Atom}entry")
    )
    for entry in entries:
        title = entry.findtext("title") or entry.findtext("{http://www.w3.org/2005/Atom}title")
        text = entry.findtext("description") or entry.findtext(
            "{http://www.w3.org/2005/Atom}summary"
        )
        if title.startswith(f"{word} "):
            items[title] = (entry.get(lang), text or "")
    return items


# --- reading the API ------------------------------------------------------------------------------

NODE = "title locale isFallback"


def edges(field):
    return f"{field} {{ edges {{ node {{ {NODE} }} }} }}"


def api_items(client, query, reader, word):
    """{title: (locale, isFallback)} of every page node the query returns."""
    body = post_query(client, query, {"locale": enum_name(reader)}).json()
    assert "errors" not in body, body
    items = {}

    def walk(value):
        if isinstance(value, dict):
            if "isFallback" in value and value["title"].startswith(f"{word} "):
                assert value["title"] not in items, f"{value['title']} returned twice"
                items[value["title"]] = (value["locale"], value["isFallback"])
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk(body["data"])
    return items


def children_query(path):
    return (
        f'query($locale: Locale) {{ page(path: "{path}", locale: $locale) '
        f"{{ children(first: 100) {{ {NODE} }} }} }}"
    )


def root_query(field, arguments=""):
    return (
        f"query($locale: Locale) {{ {edges(f'{field}(locale: $locale, first: 100{arguments})')} }}"
    )


@dataclass
class Place:
    """One section as the site shows it (a page address below the language prefix) and as the
    API gives it (one or more queries, each of which must agree with the page)."""

    section: str
    address: str
    queries: list
    feed: bool = False


def chapter_slug(world):
    return world.sections["chapters"].en_pages["translated"].slug


def places(world):
    chapter = chapter_slug(world)
    return {
        "home featured": Place(
            "events",
            "",
            [
                'query($locale: Locale) { page(path: "", locale: $locale) { '
                f"... on HomePage {{ featured {{ {NODE} }} }} }} }}"
            ],
        ),
        "chapter index": Place(
            "chapters", "chapters/", [children_query("chapters"), root_query("chapters")]
        ),
        "chapter page's events": Place(
            "chapter_events",
            f"chapters/{chapter}/",
            [
                f'query($locale: Locale) {{ chapter(slug: "{chapter}", locale: $locale) '
                f"{{ {edges('events(first: 100)')} }} }}",
                root_query("events", f', chapter: "{chapter}"'),
            ],
        ),
        "events index": Place("events", "events/", [children_query("events")]),
        "mentor columns index": Place(
            "columns", "mentor/", [children_query("mentor"), root_query("mentorColumns")]
        ),
        "members' voice index": Place(
            "voices", "voices/", [children_query("voices"), root_query("memberVoices")]
        ),
        "yearbooks": Place(
            "yearbooks", "yearbooks/", [children_query("yearbooks"), root_query("yearbooks")]
        ),
        "search results": Place(
            "events",
            "search/?q=Birch",
            [
                "query($locale: Locale) { "
                + edges('search(query: "Birch", locale: $locale, first: 100)')
                + " }"
            ],
        ),
        "events feed": Place("events", "feeds/events/", [root_query("events")], feed=True),
        "columns feed": Place(
            "columns", "feeds/columns/", [root_query("mentorColumns")], feed=True
        ),
    }


PLACES = [
    "home featured",
    "chapter index",
    "chapter page's events",
    "events index",
    "mentor columns index",
    "members' voice index",
    "yearbooks",
    "search results",
    "events feed",
    "columns feed",
]

LABELS = {("ja", "en"): "英語版"}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", PLACES)
def test_the_site_and_the_api_show_the_same_versions(client, world, name, reader):
    place = places(world)[name]
    section = world.sections[place.section]
    expected = section.expected(reader)
    url = f"/{reader}/{place.address}"
    if place.feed:
        shown = feed_items(client, url, section.word)
        assert set(shown) == set(expected), url
        for title, (language, description) in shown.items():
            assert language == expected[title], title
            marked = description.startswith("(")
            assert marked == (expected[title] != reader), title
    else:
        shown, around = site_items(client, url, section.word)
        assert set(shown) == set(expected), url
        for title, (language, label) in shown.items():
            # Each item is marked with its language; the label shows on a fallback item that
            # stands out from the page's own language (a page served in English says so in its
            # notice, and its English items need no label each).
            assert language == expected[title], (url, title)
            labelled = expected[title] != reader and expected[title] != around
            assert (label is not None) == labelled, (url, title)
            if (reader, expected[title]) in LABELS:
                assert label == LABELS[(reader, expected[title])]
    for query in place.queries:
        api = api_items(client, query, reader, section.word)
        assert set(api) == set(shown), query
        for title, (locale, is_fallback) in api.items():
            assert locale == expected[title]
            assert is_fallback == (expected[title] != reader)


def test_columns_name_their_mentor_in_the_reader_s_language(client, world):
    """A column shown in English (a fallback) still names a translated mentor in Japanese:
    on its page, on the home page, in the feed and in the API."""
    column = world.sections["columns"].en_pages["english"]
    for url in (f"/ja/mentor/{column.slug}/", "/ja/", "/ja/feeds/columns/"):
        text = client.get(url).content.decode()
        assert "青木博士" in text, url
        assert "Dr. Aoki" not in text, url
    body = post_query(
        client,
        "query { mentorColumns(locale: JA, first: 50) { edges { node { mentor { name } } } } }",
    ).json()
    assert {edge["node"]["mentor"]["name"] for edge in body["data"]["mentorColumns"]["edges"]} == {
        "青木博士"
    }


# --- addresses ----------------------------------------------------------------------------------

PAGE_AT = """query($path: String!, $locale: Locale) {
  page(path: $path, locale: $locale) { title url isFallback }
}"""


@pytest.mark.parametrize(
    ("reader", "kind", "served"),
    [
        ("ja", "english", "en"),
        ("ja", "chain", "en"),
        ("ja", "draft_translation", "en"),
        ("th", "translated", "en"),
        ("ms", "chain", "id"),
        ("ms", "translated", "id"),
        ("id", "english", "en"),
    ],
)
def test_an_untranslated_address_serves_the_fallback(client, world, reader, kind, served):
    page = world.sections["events"].en_pages[kind]
    response = client.get(f"/{reader}/events/{page.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    own_url = f"/{served}/events/{page.slug}/"
    assert f'<link rel="canonical" href="http://testserver{own_url}">' in html
    # The page's words are marked as the served language, its frame stays the reader's.
    assert f'<h1 id="page-title" lang="{served}">Birch {kind} {served}</h1>' in html
    assert f'<html lang="{reader}">' in html
    assert re.search(r'<main id="main" tabindex="-1" class="wrap">', html)
    assert 'class="notice"' in html
    # The API serves the same version at the same path, and says it is a fallback.
    body = post_query(
        client, PAGE_AT, {"path": f"events/{page.slug}", "locale": enum_name(reader)}
    ).json()
    assert body["data"]["page"] == {
        "title": f"Birch {kind} {served}",
        "url": own_url,
        "isFallback": True,
    }


def test_a_fallback_page_keeps_the_reader_s_menus_and_breadcrumbs(client, world):
    """Around an English page served at a Japanese address, the menu and the breadcrumbs lead
    to the Japanese pages, and only the English page's own crumb is marked as English."""
    page = world.sections["chapter_events"].en_pages["english"]
    html = client.get(f"/ja/chapters/{page.get_parent().slug}/{page.slug}/").content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    chapter = world.sections["chapters"].en_pages["translated"]
    assert re.findall(r'<li( lang="\w+")?><a href="([^"]+)"', crumbs) == [
        ("", "/ja/"),
        ("", "/ja/chapters/"),
        ("", f"/ja/chapters/{chapter.slug}/"),
        (' lang="en"', f"/en/chapters/{chapter.slug}/{page.slug}/"),
    ]
    menu = re.search(r'<nav class="main-nav.*?</nav>', html, re.S).group(0)
    assert 'href="/ja/events/"' in menu
    assert 'href="/en/' not in menu


def test_the_japanese_notice_names_both_languages(client, world):
    page = world.sections["events"].en_pages["english"]
    html = client.get(f"/ja/events/{page.slug}/").content.decode()
    assert "このページはまだ日本語で読むことができません。英語で表示しています。" in html


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("kind", ["draft", "private"])
def test_hidden_pages_are_not_served_at_any_address(client, world, reader, kind):
    page = world.sections["events"].en_pages[kind]
    response = client.get(f"/{reader}/events/{page.slug}/")
    assert f"Birch {kind}".encode() not in response.content
    if kind == "draft":
        assert response.status_code == 404
    body = post_query(
        client, PAGE_AT, {"path": f"events/{page.slug}", "locale": enum_name(reader)}
    ).json()
    assert body["data"]["page"] is None


@pytest.mark.parametrize("reader", READERS)
def test_an_address_that_no_language_has_is_not_found(client, world, reader):
    assert client.get(f"/{reader}/events/no-such-event/").status_code == 404
    assert client.get(f"/{reader}/no-such-section/birch/").status_code == 404


def test_the_sitemap_lists_each_language_s_own_versions_as_the_api_does(client, world):
    """The sitemap lists real addresses only: a fallback is served at a reader's address, but
    its canonical address is its own, so that is the one listed (and the API's translations
    name the same addresses)."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    listed = {
        loc.text.replace("http://testserver", "")
        for loc in ET.fromstring(response.content).iter(f"{namespace}loc")
    }
    query = """query($id: ID!) { page(id: $id) { translations { locale url } } }"""
    for section in world.sections.values():
        for kind, page in section.en_pages.items():
            mine = {url for url in listed if url.rstrip("/").endswith(f"/{page.slug}")}
            body = post_query(client, query, {"id": page.pk}).json()
            found = body["data"]["page"]
            api = {t["url"] for t in found["translations"]} if found else set()
            assert mine == api, (kind, mine, api)
            assert {url.split("/")[1] for url in mine} == set(LIVE[kind]), kind


# --- query counts ---------------------------------------------------------------------------------


def counted(client, url):
    client.get(url)  # caches (site root paths, renditions) filled by the first request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return (
        len(captured.captured_queries),
        [query["sql"] for query in captured.captured_queries],
        shown(response.content.decode()),
    )


def shown(body):
    """The items a page or feed lists: its cards, search results, a chapter's timeline of
    activities and feed entries (an entry in a language other than the feed's is
    ``<item xml:lang="en">``)."""
    return len(
        re.findall(
            r'<item[ >]|<entry[ >]|<span class="meta">|class="timeline-title"'
            r'|class="(?:[^"]* )?card[ "]',
            body,
        )
    )


# Address: (SQL queries before and after a second set of items, the items shown before and
# after). The chapter page's count differs by reader: its breadcrumbs (home, chapters) are the
# Japanese reader's own pages, while a Malay reader's are shown in Indonesian or English and
# their versions are looked up (three queries, one for the two pages' types and one per type).
# The chapter page lists its events as a timeline; the events feed has the network's and the
# chapters' events. Same on SQLite and PostgreSQL.
PINNED = {
    "": (37, 10, 14),
    "chapters/": (36, 4, 8),
    "chapter": ({"ja": 40, "ms": 43}, 4, 8),
    "events/": (34, 4, 8),
    "mentor/": (34, 4, 8),
    "voices/": (34, 4, 8),
    "yearbooks/": (34, 4, 8),
    "search/?q=Birch": (20, 4, 8),
    "feeds/events/": (7, 8, 16),
    "feeds/columns/": (10, 4, 8),
}


def test_the_sql_count_of_every_section_does_not_grow_with_its_items(client, world, settings):
    # Rendering is measured: kept pages (site_pages/page_cache.py) would take no query at all.
    settings.SAKURA_PAGE_CACHE = {**settings.SAKURA_PAGE_CACHE, "TIMEOUT": 0}
    chapter = chapter_slug(world)
    addresses = {**PINNED}
    addresses[f"chapters/{chapter}/"] = addresses.pop("chapter")
    readers = ("ja", "ms")
    before = {(r, a): counted(client, f"/{r}/{a}") for r in readers for a in addresses}
    chapter_page = world.sections["chapters"].en_pages["translated"]
    more = build_sections(world.home, world.parents, world.mentor, "x", chapter=chapter_page)
    for home in Page.objects.type(m.HomePage):
        for order, page in enumerate(more["events"].en_pages.values(), start=10):
            m.HomeFeaturedItem.objects.create(home_id=home.pk, page=page, sort_order=order)
    # Every address is checked before the test fails, so that one run reports them all.
    wrong, listings = [], []
    for reader, address in before:
        small, large = before[(reader, address)], counted(client, f"/{reader}/{address}")
        counts, *sizes = addresses[address]
        expected = counts[reader] if isinstance(counts, dict) else counts
        if not small[0] == large[0] == expected:
            wrong.append(f"/{reader}/{address}: {small[0]} and {large[0]} queries, not {expected}")
            listings += [f"--- /{reader}/{address} before", *small[1], "--- after", *large[1]]
        if [small[2], large[2]] != sizes:
            wrong.append(f"/{reader}/{address}: shows {small[2]}, then {large[2]}, not {sizes}")
    if wrong:
        pytest.fail("\n".join([*wrong, *listings]))
