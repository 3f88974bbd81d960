"""Readers' search finds words in every script (Japanese, Chinese and Thai write without
spaces between words), on the site and in the API alike, in the database the suite runs on
(SQLite by default, PostgreSQL with DATABASE_URL): the two faces give the same pages in the
same order, mark fallback results the same way, and never show drafts or private pages."""

import re

import pytest
from django.db import connection
from wagtail.models import Page, PageViewRestriction

from graphql_api.core.locale import enum_name
from site_pages.models import PageSearchText
from site_pages.visibility import visible_pages
from tests import factories as f
from tests.block_factories import stream
from tests.conftest import build_site_tree, publish
from tests.database_snapshot import world_fixture
from tests.graphql_api.conftest import post_query

pytestmark = pytest.mark.django_db

RESULT = re.compile(
    r'<li>\s*<a href="(?P<url>[^"]+)"(?: lang="(?P<lang>[\w-]+)")?>[^<]*</a>'
    r'(?:\s*<span class="fallback-label"[^>]*>(?P<label>[^<]*)</span>)?'
)
SEARCH = """
query ($query: String!, $locale: Locale) {
  search(query: $query, locale: $locale, first: 50) {
    totalCount edges { node { url locale isFallback } }
  }
}
"""


def paragraph(text):
    return stream(("paragraph", {"value": f"<p>{text}</p>"}))


def translate(page, code, title, *, intro="", **fields):
    """A translation whose intro is only what the test gives: the English intro's words would
    be found in the other language too."""
    return f.translate(page, code, title, intro=intro, **fields)


def build_world():
    tree = build_site_tree()
    event = publish(
        f.EventPageFactory(
            parent=tree.india, title="ISCA 2nd reunion", intro="The India chapter met again."
        )
    )
    members = publish(f.StandardPageFactory(parent=tree.home, title="Members only"))
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    notes = publish(f.StandardPageFactory(parent=tree.home, title="Notes"))
    pages = {"event": event}
    pages["home_ja"] = translate(
        tree.home,
        "ja",
        "さくらサイエンスクラブ",
        intro="さくらサイエンスクラブ各支部のニュース、同窓会、コラムをお届けします。",
    )
    translate(tree.chapters, "ja", "支部")
    pages["india_ja"] = translate(
        tree.india,
        "ja",
        "インド",
        intro="ISCA、インド・さくらサイエンスクラブ同窓生会の支部です。",
        body=paragraph(
            "ISCAは2018年10月、ニューデリーで開かれたインド初の同窓会で設立され、会員は今も増えています。"
        ),
    )
    pages["indonesia_ja"] = translate(
        tree.indonesia, "ja", "インドネシア同窓会", intro="ジャカルタで結成されました。"
    )
    # Never found: a private page and a draft, both containing the word.
    translate(members, "ja", "会員限定", intro="同窓会の名簿です。")
    translate(notes, "ja", "メモ", intro="同窓会の下書きです。", live=False)
    # A live page whose newer draft holds words the public has not been shown.
    draft = Page.objects.get(pk=pages["indonesia_ja"].pk).specific
    draft.intro = "秘密の計画があります。"
    draft.save_revision()

    pages["home_zh"] = translate(
        tree.home, "zh-hans", "樱花科学俱乐部", intro="樱花科学俱乐部各支部的新闻。"
    )
    translate(tree.chapters, "zh-hans", "支部")
    pages["india_zh"] = translate(
        tree.india,
        "zh-hans",
        "印度",
        intro="印度樱花科学俱乐部校友会于2018年10月在新德里成立。",
    )
    translate(tree.home, "th", "ซากุระไซเอนซ์คลับ", intro="ข่าวจากทุกสาขา")
    translate(tree.chapters, "th", "สาขา")
    pages["india_th"] = translate(
        tree.india,
        "th",
        "อินเดีย",
        intro="สมาคมศิษย์เก่าซากุระไซเอนซ์แห่งอินเดียก่อตั้งขึ้นที่นิวเดลีในปี 2018",
    )
    return pages


# Built once for the module and rolled back after it; each test runs in its own savepoint. The
# demo's tests come last: their module fixture replaces this world's rows until the module ends.
pytestmark = pytest.mark.django_db
world = world_fixture(build_world)


def site_results(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    listed = re.search(r'<ol class="results">(.*?)</ol>', html, re.S)
    return [match.groupdict() for match in RESULT.finditer(listed.group(1))] if listed else []


def api_results(client, language, query):
    body = post_query(client, SEARCH, {"query": query, "locale": enum_name(language)}).json()
    assert "errors" not in body, body
    found = body["data"]["search"]
    assert found["totalCount"] == len(found["edges"])
    return [edge["node"] for edge in found["edges"]]


def both_faces(client, language, query):
    """The URLs each face finds, in order, after checking that they agree on the pages, the
    order and which results are fallbacks (marked with `lang` and a label on the site,
    `isFallback` in the API)."""
    site = site_results(client, language, query)
    api = api_results(client, language, query)
    assert [item["url"] for item in site] == [node["url"] for node in api]
    for item, node in zip(site, api, strict=True):
        assert bool(item["lang"]) == node["isFallback"]
        assert bool(item["label"]) == node["isFallback"]
        if node["isFallback"]:
            assert item["lang"] == node["locale"]
    return [node["url"] for node in api]


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        # In a title (first), in an introduction and in a StreamField body.
        ("ja", "同窓会", ["indonesia_ja", "home_ja", "india_ja"]),
        # Two characters: below the trigram indexes' reach, still found.
        ("ja", "会員", ["india_ja"]),
        ("ja", "さくら", ["home_ja", "india_ja"]),
        # Quotation brackets and full-width Latin are what a Japanese keyboard types.
        ("ja", "「さくら」", ["home_ja", "india_ja"]),
        ("ja", "ＩＳＣＡ　同窓会", ["india_ja"]),  # noqa: RUF001 (full-width on purpose)
        ("zh-hans", "校友会", ["india_zh"]),
        ("zh-hans", "樱花", ["home_zh", "india_zh"]),
        ("th", "ศิษย์เก่า", ["india_th"]),
        ("th", "นิวเดลี", ["india_th"]),
    ],
)
def test_words_inside_sentences_are_found_on_both_faces(client, world, language, query, expected):
    assert both_faces(client, language, query) == [world[key].url for key in expected]


def test_ranking_puts_titles_first_and_the_readers_language_before_fallbacks(client, world):
    # English reader: the title holding the word before the page holding it in its text.
    english = both_faces(client, "en", "isca")
    assert english[0] == world["event"].url
    # Japanese reader: their language first; the English event, not translated, follows,
    # marked as English.
    japanese = site_results(client, "ja", "ISCA")
    assert [item["url"] for item in japanese] == [world["india_ja"].url, world["event"].url]
    assert japanese[1]["lang"] == "en"
    assert japanese[1]["label"] == "英語版"
    assert both_faces(client, "ja", "ISCA") == [world["india_ja"].url, world["event"].url]


@pytest.mark.parametrize("query", ["同窓会の名簿", "会員限定", "下書き", "秘密", "計画"])
def test_private_pages_and_drafts_are_never_found(client, world, query):
    assert both_faces(client, "ja", query) == []


def test_the_index_follows_publishing_unpublishing_and_deleting(client, world):
    # A copy: the module's world object is shared with the tests that follow.
    page = Page.objects.get(pk=world["india_ja"].pk).specific
    page.body = paragraph("新しい奨学金のお知らせ。")
    page.save_revision()
    assert both_faces(client, "ja", "奨学金") == []
    Page.objects.get(pk=page.pk).specific.get_latest_revision().publish()
    assert both_faces(client, "ja", "奨学金") == [page.url]
    Page.objects.get(pk=page.pk).specific.unpublish()
    assert both_faces(client, "ja", "奨学金") == []
    assert not PageSearchText.objects.filter(page_id=page.pk).exists()
    publish(Page.objects.get(pk=page.pk).specific)
    assert both_faces(client, "ja", "奨学金") == [page.url]
    Page.objects.get(pk=page.pk).delete()
    assert both_faces(client, "ja", "奨学金") == []
    assert not PageSearchText.objects.filter(page_id=page.pk).exists()


def test_update_index_rebuilds_readers_search(client, world):
    from django.core.management import call_command

    PageSearchText.objects.all().delete()
    assert both_faces(client, "zh-hans", "校友会") == []
    call_command("update_index", verbosity=0)
    assert both_faces(client, "zh-hans", "校友会") == [world["india_zh"].url]
    assert not PageSearchText.objects.filter(page__live=False).exists()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 201, "`query` may be at most 200 characters."),
        (" ".join("abcdefghijk"), "`query` may have at most 10 words."),
        ("「」", "`query` must contain at least one word."),
    ],
)
def test_the_api_refuses_a_query_it_cannot_search_saying_why(client, world, query, message):
    body = post_query(client, SEARCH, {"query": query, "locale": "JA"}).json()
    assert [error["extensions"]["code"] for error in body["errors"]] == ["INVALID_ARGUMENT"]
    assert body["errors"][0]["message"] == message


def test_the_trigram_index_exists_in_the_database_in_use(world):
    table = PageSearchText._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT count(*) FROM {table}_fts WHERE {table}_fts MATCH %s", ['"校友会"']
            )
            assert cursor.fetchone() == (1,)
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [table])
            definitions = " ".join(row[0] for row in cursor.fetchall())
            assert "gin (title gin_trgm_ops)" in definitions
            assert "gin (body gin_trgm_ops)" in definitions


# --- the demo site --------------------------------------------------------------------------


def own_text(page):
    """Everything a page's own fields hold, read without the search index: the witness of
    which pages contain a word."""
    values = (
        field.value_to_string(page)
        for field in page._meta.concrete_fields
        if field.get_internal_type() in ("CharField", "TextField")
    )
    streams = (str(getattr(page, name)) for name in ("body", "outcome") if hasattr(page, name))
    return " ".join([*values, *streams])


def every_site_result(client, language, query):
    """The site's results over all its result pages."""
    urls, number = [], 1
    while True:
        response = client.get(f"/{language}/search/", {"q": query, "page": number})
        html = response.content.decode()
        listed = re.search(r'<ol class="results">(.*?)</ol>', html, re.S)
        urls += [match["url"] for match in RESULT.finditer(listed.group(1))] if listed else []
        if 'rel="next"' not in html:
            return urls
        number += 1


@pytest.mark.parametrize(
    ("language", "word", "at_least"),
    [("ja", "同窓会", 8), ("ja", "会員", 2), ("zh-hans", "花友会", 1), ("th", "เฟซบุ๊ก", 1)],
)
def test_the_demo_finds_every_page_of_the_language_containing_the_word(
    db, client, demo, language, word, at_least
):
    readers = visible_pages(Page.objects.filter(depth__gt=1, locale__language_code=language))
    containing = {page.url for page in readers.specific() if word in own_text(page)}
    assert len(containing) >= at_least
    site = every_site_result(client, language, word)
    api = [node["url"] for node in api_results(client, language, word)]
    assert site == api
    assert set(api) == containing
