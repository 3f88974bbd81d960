"""Language of parts (WCAG 3.1.2) where a reader is shown content in a fallback language.

A Japanese reader of an event that exists only in English sees English words in a Japanese
frame: the event's title, intro, body, caption and venue must say lang="en", while the headings
and labels the site adds around them ("日付", "今後のイベント", the notice) stay Japanese, as
``<html lang="ja">`` says. The same holds for an English item listed among Japanese ones. The
HTML is parsed, and every text is checked against the language in force where it stands.
"""

from html.parser import HTMLParser

import pytest
from wagtail.models import Locale

from site_pages import models as m
from tests import factories as f
from tests.conftest import fresh, publish

pytestmark = pytest.mark.django_db

INTRO = "A day of talks for alumni in Chennai."
BODY = "Sixty members met at the institute."
HEADING = "What happened"
VENUE = "IIT Madras Research Park"
CAPTION = "The poster session"


class Texts(HTMLParser):
    """Every text of a page with the language in force where it stands (the nearest ``lang``)
    and whether it stands inside ``<main>``."""

    VOID = {"img", "br", "hr", "input", "meta", "link", "source", "col", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, lang, inside main)
        self.texts = []  # (text, lang, inside main)
        self.main_lang = "unset"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang, inside = self.stack[-1][1:] if self.stack else (None, False)
        lang = attrs.get("lang", lang)
        if tag == "main":
            inside = True
            self.main_lang = attrs.get("lang")
        if tag not in self.VOID:
            self.stack.append((tag, lang, inside))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and self.stack and self.stack[-1][0] not in ("script", "style", "title"):
            self.texts.append((text, *self.stack[-1][1:]))


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = Texts()
    parser.feed(response.content.decode())
    return parser


def lang_of(parser, text):
    """The language in force on the text node ``text`` (which the page must show once)."""
    found = {lang for shown, lang, _main in parser.texts if shown == text}
    assert len(found) == 1, (text, found)
    return found.pop()


@pytest.fixture
def english_event(site_tree):
    """India in English and Japanese; below the English India an event with no Japanese
    version (so /ja/ readers get it in English), with a body, a venue and a gallery caption."""
    ja = Locale.objects.get(language_code="ja")
    india = fresh(site_tree.india)
    event = f.EventPageFactory(
        parent=india,
        title="3rd Chennai meet-up",
        slug="chennai-meet-up",
        intro=INTRO,
        venue=VENUE,
        city="Chennai",
        country="IN",
        body=[
            ("heading", {"text": HEADING, "level": "h2"}),
            ("paragraph", f"<p>{BODY}</p>"),
        ],
    )
    image = f.ImageFactory()
    m.EventGalleryImage.objects.create(event=event, image=image, caption=CAPTION)
    publish(event)
    japanese = india.copy_for_translation(ja, copy_parents=True)
    japanese.title = "インド"
    japanese.save_revision().publish()
    return event


def test_a_fallback_page_marks_its_words_not_its_frame(client, english_event):
    page = read(client, "/ja/chapters/india/chennai-meet-up/")
    assert page.main_lang is None  # <main> is the reader's; <html lang="ja"> says so
    # The English page's own words.
    for text in ("3rd Chennai meet-up", INTRO, HEADING, BODY, CAPTION, f"{VENUE}, Chennai"):
        assert lang_of(page, text) == "en", text
    # The site's words around them, in the reader's language and marked so.
    for text in ("日付", "形式", "場所", "主催", "ギャラリー"):
        assert lang_of(page, text) == "ja", text
    notice = next(text for text, _lang, _main in page.texts if "英語で表示しています" in text)
    assert lang_of(page, notice) == "ja"
    # The chapter it belongs to is shown in the reader's version, which is Japanese.
    assert lang_of(page, "インド") == "ja"


def test_a_japanese_page_marks_an_english_item_in_its_list(client, english_event):
    page = read(client, "/ja/chapters/india/")
    assert page.main_lang is None
    assert lang_of(page, "インド") == "ja"
    assert lang_of(page, "3rd Chennai meet-up") == "en"
    assert lang_of(page, INTRO) == "en"
    assert lang_of(page, "Chennai") == "en"
    # The list's heading, the item's "in English" label and its format are interface strings.
    assert lang_of(page, "同窓会の歩み") == "ja"
    assert lang_of(page, "英語版") == "ja"
    assert lang_of(page, "オンライン ·") == "ja"


def test_a_page_in_the_reader_s_language_carries_no_lang_of_its_own(client, english_event):
    page = read(client, "/en/chapters/india/chennai-meet-up/")
    inside = {lang for _text, lang, main in page.texts if main}
    assert inside == {"en"}  # all inherited from <html lang="en">
    response = client.get("/en/chapters/india/chennai-meet-up/").content.decode()
    main = response.split("<main", 1)[1].split("</main>", 1)[0]
    assert " lang=" not in main


def test_a_form_marks_the_english_names_among_its_choices(client, english_event):
    """The newsletter form offers the chapters in the reader's version: an English chapter's
    name among Japanese labels says lang="en"."""
    page = read(client, "/ja/newsletter/subscribe/")
    assert lang_of(page, "インド") == "ja"
    assert lang_of(page, "Indonesia") == "en"
