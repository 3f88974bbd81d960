"""Every root field serves each item in the requested language, or along the fallback chain.

For each root field three paths: an item translated into Japanese is served in Japanese
(``isFallback`` false), an item without a Japanese version is served in English (``isFallback``
true), and an unknown locale is refused with ``UNKNOWN_LOCALE``; then the chain of
``SAKURA_LOCALE_FALLBACKS`` (Malay falls back on Indonesian, then English).

Translations are made the way editors make them, with Wagtail's ``copy_for_translation``. The
world is built once for the module inside a transaction rolled back at the end; each test runs
in its own savepoint and only reads.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone
from wagtail.models import Locale

from graphql_api.core.ids import wagtail_id
from graphql_api.core.locale import enum_name
from site_pages import models as m
from site_pages.roles import setup_editorial_roles
from tests import factories as f
from tests.child_pages import add, add_event
from tests.conftest import fresh, publish
from tests.database_snapshot import world_fixture
from tests.factories import translate

# --- building the world ------------------------------------------------------------------------


def locale(code):
    return Locale.objects.get(language_code=code)


@dataclass
class Item:
    """One piece of content in its language versions; ``ms`` is never made, so that Malay
    readers go along the chain."""

    en: object
    ja: object = None
    id: object = None


def translated(page, ja_title, id_title):
    """``page`` with its Japanese and Indonesian versions, published under these titles."""
    return Item(en=page, ja=translate(page, "ja", ja_title), id=translate(page, "id", id_title))


@dataclass
class World:
    home: Item
    sections: dict
    chapter: Item  # India: English, Japanese, Indonesian
    chapter_en: Item  # Indonesia: English only
    event: Item  # an India event in three languages
    event_en: Item  # a network event, English only
    column: Item
    column_en: Item
    mentor: Item
    mentor_en: Item
    voice: Item
    voice_en: Item
    yearbook: Item
    yearbook_en: Item
    program: Item
    program_en: Item
    chapter_event_en: m.EventPage  # a past India event without translations
    upcoming_en: m.EventPage  # an upcoming India event without translations
    draft_translation: m.EventPage  # a Vietnamese version of `event`, never published


def build_world():
    home = f.default_site_home()
    sections = {
        "chapters": add(f.ChapterIndexPageFactory, home, title="Chapters"),
        "events": add(f.EventIndexPageFactory, home, title="Network events", slug="events"),
        "mentors": add(f.MentorColumnIndexPageFactory, home, title="Sakura Mentor", slug="mentor"),
        "voices": add(f.MemberVoiceIndexPageFactory, home, title="Voices"),
        "yearbooks": add(f.YearbookIndexPageFactory, home, title="Yearbooks"),
        "programs": add(f.ProgramIndexPageFactory, home, title="Programmes"),
    }
    india = add(f.ChapterPageFactory, sections["chapters"], title="India")
    indonesia = add(f.ChapterPageFactory, sections["chapters"], title="Indonesia", country="ID")
    setup_editorial_roles()
    home = publish(fresh(home))

    # The home page first, so that each language has its own tree under the site's root.
    home_item = translated(home, "さくらサイエンスクラブ", "Klub Sakura Sains")
    # The sections' translations come from `copy_parents` (as aliases) when their first
    # child is translated.
    chapter = translated(india, "インド", "Cabang India")
    event_en = add_event(sections["events"], "Kirigami workshop", datetime.date(2021, 3, 1))
    event = add_event(india, "Kirigami reunion", datetime.date(2022, 3, 1))
    event_item = translated(event, "Kirigami 同窓会", "Reuni Kirigami")
    chapter_event_en = add_event(india, "India seminar", datetime.date(2020, 3, 1), kind="seminar")
    in_ten_days = timezone.localdate() + datetime.timedelta(days=10)
    upcoming_en = add_event(india, "India talk", in_ten_days, kind="talk")
    draft_translation = translate(event, "vi", "Họp mặt Kirigami (draft)", live=False)
    # The Japanese home page features India, which has a Japanese version, and Indonesia,
    # which has none.
    for order, page in enumerate([india, indonesia]):
        m.HomeFeaturedItem.objects.create(home=home_item.ja, page=page, sort_order=order)

    mentor = f.MentorFactory(name="Dr. Aoki", slug="aoki")
    mentor_ja = mentor.copy_for_translation(locale("ja"))
    mentor_ja.name = "青木博士"
    mentor_ja.save()
    mentor_id = mentor.copy_for_translation(locale("id"))
    mentor_id.name = "Dr. Aoki (id)"
    mentor_id.save()
    mentor_en = f.MentorFactory(name="Dr. Baba", slug="baba")

    column, column_en = (
        add(f.MentorColumnPageFactory, sections["mentors"], title=t, slug=s, mentor=by, date=d)
        for t, s, by, d in [
            ("Graduate school in Japan", "graduate-school", mentor, datetime.date(2024, 5, 1)),
            ("Careers in research", "careers", mentor_en, datetime.date(2024, 4, 1)),
        ]
    )
    voice = add(f.MemberVoicePageFactory, sections["voices"], title="My visit")
    voice_en = add(f.MemberVoicePageFactory, sections["voices"], title="Back home")
    yearbook = add(
        f.YearbookPageFactory, sections["yearbooks"], title="Yearbook 2021", fiscal_year=2021
    )
    yearbook_en = add(
        f.YearbookPageFactory, sections["yearbooks"], title="Yearbook 2022", fiscal_year=2022
    )
    coordinator = f.PersonFactory(name="Priya")
    for book in (yearbook, yearbook_en):
        m.YearbookEntry.objects.create(
            yearbook=book, person=coordinator, chapter=india, role="chair", sort_order=0
        )
    program = add(f.ProgramPageFactory, sections["programs"], title="SSHP")
    program_en = add(f.ProgramPageFactory, sections["programs"], title="SSOP")

    return World(
        home=home_item,
        sections=sections,
        chapter=chapter,
        chapter_en=Item(en=fresh(indonesia)),
        event=event_item,
        event_en=Item(en=event_en),
        column=translated(column, "日本の大学院", "Sekolah pascasarjana di Jepang"),
        column_en=Item(en=column_en),
        mentor=Item(en=mentor, ja=mentor_ja, id=mentor_id),
        mentor_en=Item(en=mentor_en),
        voice=translated(voice, "私の訪日", "Kunjungan saya"),
        voice_en=Item(en=voice_en),
        yearbook=translated(yearbook, "2021年度名鑑", "Buku tahunan 2021"),
        yearbook_en=Item(en=yearbook_en),
        program=translated(program, "さくらサイエンスハイスクールプログラム", "Program SMA"),
        program_en=Item(en=program_en),
        chapter_event_en=fresh(chapter_event_en),
        upcoming_en=fresh(upcoming_en),
        draft_translation=draft_translation,
    )


# Every test here reads the module's world through the shared gql fixtures.
pytestmark = pytest.mark.usefixtures("world")


world = world_fixture(build_world)


# --- the root fields ---------------------------------------------------------------------------

PAGE_FIELDS = "id title locale isFallback url"


def connection(field, arguments=""):
    """A root field that returns a connection of pages: (query, extract)."""
    query = (
        f"query($locale: Locale) {{ list: {field}(locale: $locale{arguments}) "
        f"{{ totalCount edges {{ node {{ {PAGE_FIELDS} }} }} }} }}"
    )

    def extract(data):
        return [edge["node"] for edge in data["list"]["edges"]], data["list"]["totalCount"]

    return query, extract


def singles(field, argument, values):
    """A root field that returns one page: both items asked for at once, under aliases."""
    aliases = " ".join(
        f"{name}: {field}({argument}: {value}, locale: $locale) {{ {PAGE_FIELDS} }}"
        for name, value in values.items()
    )
    query = f"query($locale: Locale) {{ {aliases} }}"
    return query, lambda data: ([data[name] for name in values], None)


def relative(page):
    """The page's path below its home page, as `page(path:)` takes it."""
    return page.url_path.strip("/").split("/", 1)[1]


@dataclass
class RootField:
    name: str
    translated: str  # attribute of World: the item with Japanese and Indonesian versions
    untranslated: str  # the item in English only
    build: object  # world -> (query, extract); extract(data) -> (nodes, totalCount or None)
    single: bool = False  # one page per call (asked for twice, under aliases), not a list


ROOT_FIELDS = [
    RootField(
        "page(path)",
        "chapter",
        "chapter_en",
        lambda w: singles(
            "page",
            "path",
            {"a": f'"{relative(w.chapter.en)}"', "b": f'"{relative(w.chapter_en.en)}"'},
        ),
        single=True,
    ),
    RootField(
        "page(id)",
        "event",
        "event_en",
        lambda w: singles("page", "id", {"a": w.event.en.pk, "b": w.event_en.en.pk}),
        single=True,
    ),
    RootField("chapters", "chapter", "chapter_en", lambda w: connection("chapters")),
    RootField(
        "chapter(slug)",
        "chapter",
        "chapter_en",
        lambda w: singles("chapter", "slug", {"a": '"india"', "b": '"indonesia"'}),
        single=True,
    ),
    RootField("events", "event", "event_en", lambda w: connection("events", ", kind: REUNION")),
    RootField("mentorColumns", "column", "column_en", lambda w: connection("mentorColumns")),
    RootField("memberVoices", "voice", "voice_en", lambda w: connection("memberVoices")),
    RootField("yearbooks", "yearbook", "yearbook_en", lambda w: connection("yearbooks")),
    RootField(
        "yearbook",
        "yearbook",
        "yearbook_en",
        lambda w: singles("yearbook", "fiscalYear", {"a": 2021, "b": 2022}),
        single=True,
    ),
    RootField("programs", "program", "program_en", lambda w: connection("programs")),
    RootField(
        "search",
        "event",
        "event_en",
        lambda w: connection("search", ', query: "kirigami"'),
    ),
]
ROOT_IDS = [field.name for field in ROOT_FIELDS]


def fetch(gql_data, world, root, code):
    query, extract = root.build(world)
    return extract(gql_data(query, locale=code and enum_name(code)))


def node_of(page, nodes):
    found = [node for node in nodes if node and wagtail_id(node["id"]) == page.pk]
    assert len(found) == 1, f"{page.title} ({page.locale.language_code}) served {len(found)} times"
    return found[0]


def assert_served(node, page, *, fallback):
    assert node["title"] == page.title
    assert node["locale"] == page.locale.language_code
    assert node["isFallback"] is fallback
    assert node["url"].startswith(f"/{page.locale.language_code}/")


def assert_not_served(pages, nodes):
    served = {str(wagtail_id(node["id"])) for node in nodes if node}
    for page in pages:
        assert str(page.pk) not in served, f"{page.title} ({page.locale.language_code}) served"


@pytest.mark.parametrize("root", ROOT_FIELDS, ids=ROOT_IDS)
def test_japanese_version_is_served(gql_data, world, root):
    item = getattr(world, root.translated)
    nodes, _total = fetch(gql_data, world, root, "ja")
    assert_served(node_of(item.ja, nodes), item.ja, fallback=False)
    assert_not_served([item.en, item.id], nodes)


@pytest.mark.parametrize("root", ROOT_FIELDS, ids=ROOT_IDS)
def test_english_fallback_for_an_untranslated_item(gql_data, world, root):
    item = getattr(world, root.untranslated)
    nodes, total = fetch(gql_data, world, root, "ja")
    assert_served(node_of(item.en, nodes), item.en, fallback=True)
    if not root.single:
        # A list mixes both languages and holds (and counts) each item once.
        translated = getattr(world, root.translated)
        assert {node["id"] for node in nodes} == {str(translated.ja.pk), f"{item.en.pk}@ja"}
        assert len(nodes) == 2
    if total is not None:
        assert total == 2


@pytest.mark.parametrize("root", ROOT_FIELDS, ids=ROOT_IDS)
def test_english_is_served_as_such_to_english_readers(gql_data, world, root):
    """Without `locale`, the default language: nothing is a fallback."""
    translated, untranslated = getattr(world, root.translated), getattr(world, root.untranslated)
    nodes, _total = fetch(gql_data, world, root, None)
    assert_served(node_of(translated.en, nodes), translated.en, fallback=False)
    assert_served(node_of(untranslated.en, nodes), untranslated.en, fallback=False)
    assert_not_served([translated.ja, translated.id], nodes)


@pytest.mark.parametrize("root", ROOT_FIELDS, ids=ROOT_IDS)
def test_malay_falls_back_on_indonesian_then_english(gql_data, world, root, settings):
    settings.SAKURA_LOCALE_FALLBACKS = {"ms": ["id", "en"]}
    translated, untranslated = getattr(world, root.translated), getattr(world, root.untranslated)
    nodes, total = fetch(gql_data, world, root, "ms")
    assert_served(node_of(translated.id, nodes), translated.id, fallback=True)
    assert_served(node_of(untranslated.en, nodes), untranslated.en, fallback=True)
    assert_not_served([translated.en, translated.ja], nodes)
    assert len(nodes) == 2
    if total is not None:
        assert total == 2


@pytest.mark.parametrize("root", ROOT_FIELDS, ids=ROOT_IDS)
def test_without_a_chain_a_language_falls_back_on_english(gql_data, world, root, settings):
    """Thai has no chain configured: the default language, not Indonesian."""
    settings.SAKURA_LOCALE_FALLBACKS = {"ms": ["id", "en"]}
    translated = getattr(world, root.translated)
    nodes, _total = fetch(gql_data, world, root, "th")
    assert_served(node_of(translated.en, nodes), translated.en, fallback=True)


MENTORS = (
    "query($locale: Locale) { mentors(locale: $locale) { totalCount edges { node { name } } } }"
)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param("ja", {"青木博士", "Dr. Baba"}, id="translated-and-fallback"),
        pytest.param(None, {"Dr. Aoki", "Dr. Baba"}, id="default"),
        pytest.param("ms", {"Dr. Aoki (id)", "Dr. Baba"}, id="chain"),
        pytest.param("th", {"Dr. Aoki", "Dr. Baba"}, id="no-chain"),
    ],
)
def test_mentors_are_served_in_the_requested_language(gql_data, world, settings, code, expected):
    settings.SAKURA_LOCALE_FALLBACKS = {"ms": ["id", "en"]}
    mentors = gql_data(MENTORS, locale=code and enum_name(code))["mentors"]
    names = [edge["node"]["name"] for edge in mentors["edges"]]
    assert sorted(names) == sorted(expected)
    assert mentors["totalCount"] == 2


def test_mentors_say_their_language_and_whether_they_are_a_fallback(gql_data, world):
    data = gql_data("query { mentors(locale: JA) { edges { node { name locale isFallback } } } }")
    nodes = {edge["node"]["name"]: edge["node"] for edge in data["mentors"]["edges"]}
    assert nodes["青木博士"]["locale"] == "ja"
    assert nodes["青木博士"]["isFallback"] is False
    assert nodes["Dr. Baba"]["locale"] == "en"
    assert nodes["Dr. Baba"]["isFallback"] is True


UNKNOWN_LOCALE_QUERIES = [
    *[pytest.param(root, id=root.name) for root in ROOT_FIELDS],
    pytest.param(
        RootField("mentors", "mentor", "mentor_en", lambda w: (MENTORS, None)), id="mentors"
    ),
]


@pytest.mark.parametrize("root", UNKNOWN_LOCALE_QUERIES)
def test_unknown_locale_is_refused(gql, world, root):
    query, _extract = root.build(world)
    body = gql(query, locale="xx")
    assert body["errors"], body
    assert body["data"] is None
    for error in body["errors"]:
        # Refused before anything runs: `locale` is the Locale enum.
        assert error["extensions"]["code"] == "UNKNOWN_LOCALE"
        assert "'xx'" in error["message"]


# --- translations ------------------------------------------------------------------------------

TRANSLATIONS = """
query($id: ID!, $locale: Locale) {
  page(id: $id, locale: $locale) { id translations { locale url title } }
}
"""


@pytest.mark.parametrize("code", [None, "ja", "ms"])
def test_translations_list_the_published_versions(gql_data, world, code):
    """The same list from every version: the draft Vietnamese one is not in it."""
    page = gql_data(TRANSLATIONS, id=str(world.event.en.pk), locale=code and enum_name(code))[
        "page"
    ]
    versions = {
        "en": world.event.en,
        "id": world.event.id,
        "ja": world.event.ja,
    }
    assert page["translations"] == [
        {
            "locale": language,
            "url": f"/{language}/chapters/india/kirigami-reunion/",
            "title": version.title,
        }
        for language, version in sorted(versions.items())
    ]
    assert world.draft_translation.draft_title not in str(page)


def test_translations_in_a_list_belong_to_each_item(gql_data, world):
    data = gql_data(
        "query { events(locale: JA, kind: REUNION) "
        "{ edges { node { id translations { locale title } } } } }"
    )
    translations = {
        str(wagtail_id(edge["node"]["id"])): edge["node"]["translations"]
        for edge in data["events"]["edges"]
    }
    assert translations[str(world.event.ja.pk)] == [
        {"locale": "en", "title": world.event.en.title},
        {"locale": "id", "title": world.event.id.title},
        {"locale": "ja", "title": world.event.ja.title},
    ]
    assert translations[str(world.event_en.en.pk)] == [
        {"locale": "en", "title": world.event_en.en.title}
    ]


def test_the_language_trees_are_reached_through_their_parents(gql_data, world):
    """A translated page's parent and ancestors are its own language's: the sections made by
    `copy_parents` as aliases, and the translated home page."""
    data = gql_data(
        'query { page(path: "chapters/india", locale: JA) { '
        "parent { id locale isFallback url } ancestors { id locale isFallback } } }"
    )
    chapters_ja = world.chapter.ja.get_parent()
    assert data["page"]["parent"] == {
        "id": str(chapters_ja.pk),
        "locale": "ja",
        "isFallback": False,
        "url": "/ja/chapters/",
    }
    assert [str(wagtail_id(a["id"])) for a in data["page"]["ancestors"]] == [
        str(world.home.ja.pk),
        str(chapters_ja.pk),
    ]
    assert {a["locale"] for a in data["page"]["ancestors"]} == {"ja"}


# --- related content in the reader's language ----------------------------------------------------

EVENT_NODES = "totalCount edges { node { id locale isFallback } }"


def served(connection):
    return {str(wagtail_id(edge["node"]["id"])): edge["node"] for edge in connection["edges"]}


def test_events_of_a_chapter_filter_mixes_languages(gql_data, world):
    data = gql_data(f'query {{ events(chapter: "india", locale: JA) {{ {EVENT_NODES} }} }}')[
        "events"
    ]
    nodes = served(data)
    assert set(nodes) == {
        str(world.event.ja.pk),
        str(world.chapter_event_en.pk),
        str(world.upcoming_en.pk),
    }
    assert nodes[str(world.event.ja.pk)]["isFallback"] is False
    assert nodes[str(world.chapter_event_en.pk)]["isFallback"] is True
    assert data["totalCount"] == 3


def test_a_chapters_events_fall_back_on_english(gql_data, world):
    data = gql_data(
        f'query {{ chapter(slug: "india", locale: JA) {{ events {{ {EVENT_NODES} }} }} }}'
    )
    events = data["chapter"]["events"]
    nodes = served(events)
    assert set(nodes) == {
        str(world.event.ja.pk),
        str(world.chapter_event_en.pk),
        str(world.upcoming_en.pk),
    }
    assert nodes[str(world.chapter_event_en.pk)]["isFallback"] is True
    assert events["totalCount"] == 3


def test_home_upcoming_events_fall_back_on_english(gql_data, world):
    data = gql_data(
        'query { page(path: "", locale: JA) { id '
        "... on HomePage { upcomingEvents { id isFallback } } } }"
    )
    assert data["page"]["id"] == str(world.home.ja.pk)
    fallback = {"id": f"{world.upcoming_en.pk}@ja", "isFallback": True}
    assert data["page"]["upcomingEvents"] == [fallback]


def test_home_featured_pages_in_the_readers_language(gql_data, world):
    data = gql_data(
        'query { page(path: "", locale: JA) { ... on HomePage { '
        "featured { id locale isFallback } } } }"
    )
    assert data["page"]["featured"] == [
        {"id": str(world.chapter.ja.pk), "locale": "ja", "isFallback": False},
        {"id": f"{world.chapter_en.en.pk}@ja", "locale": "en", "isFallback": True},
    ]


def test_a_columns_mentor_in_the_readers_language(gql_data, world):
    data = gql_data("query { mentorColumns(locale: JA) { edges { node { id mentor { name } } } } }")
    mentors = {
        str(wagtail_id(edge["node"]["id"])): edge["node"]["mentor"]["name"]
        for edge in data["mentorColumns"]["edges"]
    }
    assert mentors == {str(world.column.ja.pk): "青木博士", str(world.column_en.en.pk): "Dr. Baba"}


def test_yearbook_entry_chapters_in_the_readers_language(gql_data, world):
    """Both yearbooks' entries point at the English India; Japanese readers get India's
    Japanese version, in the translated yearbook and in the English fallback one alike."""
    data = gql_data(
        "query { yearbooks(locale: JA) { edges { node {"
        " id entries { chapter { id locale isFallback } } } } } }"
    )
    books = [edge["node"] for edge in data["yearbooks"]["edges"]]
    chapters = {str(wagtail_id(book["id"])): book["entries"][0]["chapter"] for book in books}
    expected = {"id": str(world.chapter.ja.pk), "locale": "ja", "isFallback": False}
    assert chapters == {str(world.yearbook.ja.pk): expected, str(world.yearbook_en.en.pk): expected}


def test_country_names_follow_the_language_of_the_version_served(gql_data, world):
    data = gql_data(
        "query { chapters(locale: JA) { edges { node { id country { code name } } } } }"
    )
    countries = {
        str(wagtail_id(edge["node"]["id"])): edge["node"]["country"]
        for edge in data["chapters"]["edges"]
    }
    assert countries == {
        str(world.chapter.ja.pk): {"code": "IN", "name": "インド"},
        str(world.chapter_en.en.pk): {"code": "ID", "name": "Indonesia"},
    }


# --- the world is what the tests assume ----------------------------------------------------------


def test_world_is_built_as_described(db, world):
    """copy_for_translation(copy_parents=True) made the missing sections as live aliases; the
    translations themselves are published copies sharing the English translation key."""
    for name in ("chapter", "event", "column", "voice", "yearbook", "program"):
        item = getattr(world, name)
        for code in ("ja", "id"):
            version = fresh(getattr(item, code))
            assert version.live and not version.has_unpublished_changes
            assert version.alias_of_id is None
            assert version.locale.language_code == code
            assert version.translation_key == item.en.translation_key
            assert version.title != item.en.title
        assert not item.en.get_translations().filter(locale__language_code="ms").exists()
    for name in ("chapters", "mentors", "voices", "yearbooks", "programs"):
        section = world.sections[name]
        for code in ("ja", "id"):
            alias = section.get_translation(locale(code))
            assert alias.live and alias.alias_of_id == section.pk
    draft = fresh(world.draft_translation)
    assert not draft.live and draft.locale.language_code == "vi"
    assert draft.draft_title == "Họp mặt Kirigami (draft)"
    assert draft.get_parent().specific.alias_of_id == world.chapter.en.pk
    for name in ("chapter_en", "event_en", "column_en", "voice_en", "yearbook_en", "program_en"):
        assert list(getattr(world, name).en.get_translations()) == []
    assert not world.mentor_en.en.get_translations().exists()
    assert world.mentor.ja.translation_key == world.mentor.en.translation_key


def test_page_takes_back_the_ids_it_gives(gql, gql_data, world):
    """A fallback's id names the reader's language too (graphql_api/core/ids.py); `page(id:)`
    reads the Wagtail id in it and refuses anything else."""
    fallback = f"{world.chapter_en.en.pk}@ja"
    data = gql_data("query ($id: ID!) { page(id: $id, locale: JA) { id isFallback } }", id=fallback)
    assert data["page"] == {"id": fallback, "isFallback": True}
    body = gql('query { page(id: "15@@ja") { id } }')
    assert body["errors"][0]["extensions"]["code"] == "INVALID_ARGUMENT"
