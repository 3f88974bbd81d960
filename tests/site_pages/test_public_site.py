"""The public site for readers: every page type in every language it exists in, landmarks and
alternative text, navigation, the language switcher, hreflang alternates and meta tags, site
search, and the 404 and 500 pages."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, get_page_models

from site_pages import models as m
from site_pages.visibility import visible_pages
from tests import factories as f
from tests.conftest import publish
from tests.factories import translate
from tests.graphql_api.conftest import post_query

HOST = "http://testserver"


class Document(HTMLParser):
    """The parts of a page these tests look at, read with the standard library's parser."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.text = {"h1": [], "title": [], "notice": []}
        self._open = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        key = "notice" if "notice" in (attrs.get("class") or "").split() else tag
        if key in self.text:
            self._open = (tag, key)
            self.text[key].append("")

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            self._open = None

    def handle_data(self, data):
        if self._open:
            self.text[self._open[1]][-1] += data

    def all(self, tag, **attrs):
        return [
            found
            for name, found in self.tags
            if name == tag
            and all(found.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
        ]

    def one(self, tag, **attrs):
        (found,) = self.all(tag, **attrs)
        return found

    @property
    def lang(self):
        return self.one("html")["lang"]

    def meta(self, prop):
        found = self.all("meta", property=prop) or self.all("meta", name=prop)
        return found[0]["content"] if found else None

    def alternates(self):
        return {
            link["hreflang"]: link["href"]
            for link in self.all("link", rel="alternate")
            if "hreflang" in link
        }

    def switcher(self):
        """{language code: href} of the language switcher's links."""
        return {a["lang"]: a["href"] for a in self.all("a") if "hreflang" in a and "lang" in a}


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code}"
    return Document(response.content.decode())


def assert_accessible(doc, url):
    """Landmarks, one h1, a language, alternative text and labelled fields."""
    assert doc.lang, url
    assert len(doc.text["h1"]) == 1, (url, doc.text["h1"])
    assert doc.one("main")["id"] == "main", url
    assert doc.all("a", href="#main"), f"{url}: no skip link"
    assert doc.all("header") and doc.all("footer"), url
    for nav in doc.all("nav"):
        assert nav.get("aria-label"), f"{url}: a nav without a label"
    for img in doc.all("img"):
        assert "alt" in img, f"{url}: {img.get('src')} has no alt"
        assert "srcset" in img, f"{url}: {img.get('src')} has no srcset"
    labels = {label.get("for") for label in doc.all("label")}
    for field in doc.all("input"):
        if field.get("type") not in ("hidden", "submit"):
            assert field.get("id") in labels, f"{url}: input {field} has no label"


# --- page contents, on a small tree ----------------------------------------------------------


def test_chapter_page_shows_coordinators_social_links_and_reunion_history(client, site_tree):
    person = f.PersonFactory(name="Lai Hung Wei", photo=f.ImageFactory())
    india = site_tree.india
    india.acronym = "ISCA"
    india.coordinators = [m.ChapterCoordinator(person=person, role="chair", term_start=2021)]
    india.social_links = [m.ChapterSocialLink(platform="facebook", url="https://facebook.com/x")]
    publish(india)
    today = timezone.localdate()
    for title, kind, start in [
        ("1st India reunion", "reunion", datetime.date(2018, 10, 1)),
        ("2nd India reunion", "reunion", datetime.date(2020, 2, 1)),
        ("Poster contest", "contest", datetime.date(2021, 5, 1)),
        ("3rd India reunion", "reunion", today + datetime.timedelta(days=20)),
    ]:
        publish(f.EventPageFactory(parent=india, title=title, kind=kind, start_date=start))
    html = client.get("/en/chapters/india/").content.decode()
    for text in ("ISCA", "Lai Hung Wei", "Chair", "since 2021", "https://facebook.com/x"):
        assert text in html, text
    upcoming = html.index('id="upcoming-heading"')
    history = html.index('id="reunions-heading"')
    activities = html.index('id="activities-heading"')
    assert upcoming < html.index("3rd India reunion") < history
    assert history < html.index("2nd India reunion") < html.index("1st India reunion") < activities
    assert activities < html.index("Poster contest")


def test_home_page_lists_upcoming_events_and_latest_columns_and_voices(client, site_tree):
    soon = timezone.localdate() + datetime.timedelta(days=10)
    publish(f.EventPageFactory(parent=site_tree.india, title="Next reunion", start_date=soon))
    publish(f.EventPageFactory(parent=site_tree.india, title="Old reunion"))
    publish(f.MentorColumnPageFactory(parent=site_tree.mentors, title="On laboratories"))
    publish(f.MemberVoicePageFactory(parent=site_tree.voices, title="My year in Kochi"))
    draft = f.MentorColumnPageFactory(parent=site_tree.mentors, title="Unfinished", live=False)
    draft.save_revision()
    html = client.get("/en/").content.decode()
    for text in ("Next reunion", "On laboratories", "My year in Kochi"):
        assert text in html, text
    assert "Old reunion" not in html
    assert "Unfinished" not in html


def test_listings_show_only_what_readers_may_see(client, site_tree):
    past = timezone.now() - datetime.timedelta(days=1)
    publish(f.MemberVoicePageFactory(parent=site_tree.voices, title="Shown voice"))
    expired = publish(f.MemberVoicePageFactory(parent=site_tree.voices, title="Expired voice"))
    Page.objects.filter(pk=expired.pk).update(expire_at=past)  # still live until the scheduler runs
    private = publish(f.MemberVoicePageFactory(parent=site_tree.voices, title="Private voice"))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    publish(f.EventPageFactory(parent=site_tree.india, title="Shown event"))
    old = publish(f.EventPageFactory(parent=site_tree.india, title="Expired event"))
    Page.objects.filter(pk=old.pk).update(expire_at=past)
    voices = client.get(site_tree.voices.url).content.decode()
    assert "Shown voice" in voices
    assert "Expired voice" not in voices and "Private voice" not in voices
    chapter = client.get(site_tree.india.url).content.decode()
    assert "Shown event" in chapter and "Expired event" not in chapter
    home = client.get("/en/").content.decode()
    assert "Shown voice" in home and "Expired voice" not in home


def test_event_page_shows_its_facts_and_its_chapter(client, site_tree):
    soon = timezone.localdate() + datetime.timedelta(days=10)
    photo = f.ImageFactory(title="Posters in the hall")
    event = publish(
        f.EventPageFactory(
            parent=site_tree.india,
            title="Next reunion",
            edition=3,
            start_date=soon,
            format="hybrid",
            city="New Delhi",
            registration_url="https://example.org/register",
            hero_image=photo,
            body__0__image__image=photo,
            body__0__image__caption="Hall",
            body__1__gallery__title="Photos",
            body__1__gallery__images__0__image=photo,
            gallery_images=[m.EventGalleryImage(image=photo, caption="Posters")],
        )
    )
    doc = get(client, event.url)
    assert_accessible(doc, event.url)  # every image (hero, blocks, gallery) with srcset and alt
    assert len(doc.all("img", alt="Posters in the hall")) == 4
    crumbs = [a["href"] for a in doc.all("a") if a.get("href", "").startswith("/en/")]
    assert "/en/chapters/india/" in crumbs
    assert doc.all("a", href="https://example.org/register")
    html = client.get(event.url).content.decode()
    assert "3rd reunion" in html and "Hybrid" in html and "New Delhi" in html
    assert f'datetime="{soon.isoformat()}"' in html


def test_navigation_marks_the_current_section_and_hides_hidden_sections(client, site_tree):
    for section in (site_tree.chapters, site_tree.events):
        section.show_in_menus = True
        publish(section)
    site_tree.events.unpublish()
    doc = get(client, "/en/chapters/india/")
    nav = [a for a in doc.all("a") if a.get("href") == "/en/chapters/"]
    assert nav[0].get("aria-current") == "page"
    assert not doc.all("a", href="/en/events/")
    assert doc.one("nav", aria_label="Breadcrumb") is not None


# --- languages ----------------------------------------------------------------------------------


def test_a_language_with_some_sections_translated_keeps_the_trees_order(client, site_tree):
    """The menu, a section's listing and the API's children list pages of two trees (Japanese
    versions and English fallbacks) in the order of the sections in the tree, not the Japanese
    tree after the English one."""
    sections = [site_tree.chapters, site_tree.events, site_tree.mentors, site_tree.programs]
    for section in sections:
        section.show_in_menus = True
        publish(section)
    translate(site_tree.chapters, "ja", "支部")
    # The English tree's order, with the Japanese title where there is one.
    expected = ["支部", "Network events", "Sakura Mentor", "Programmes"]
    titles = {section.pk: section.title for section in sections}
    assert [titles[s.pk] for s in sections][1:] == expected[1:]

    html = client.get("/ja/").content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    menu = [
        re.sub(r"<[^>]+>", "", text).strip() for text in re.findall(r"<a[^>]*>(.*?)</a>", nav, re.S)
    ]
    assert [title for title in menu if title in expected] == expected
    answer = post_query(client, '{ page(path: "", locale: JA) { children { title } } }').json()
    api = [child["title"] for child in answer["data"]["page"]["children"]]
    assert [title for title in api if title in expected] == expected


def test_a_pages_cards_of_two_trees_keep_the_trees_order(client, site_tree):
    """A standard page's cards (and a programme's) are listed as an index page's children
    (Reader.listed_children): the Japanese version of the first child stays before the
    English fallback of the second, where it stood after it."""
    about = publish(f.StandardPageFactory(parent=site_tree.home, title="About", slug="about"))
    aim = publish(f.StandardPageFactory(parent=about, title="Aim"))
    publish(f.StandardPageFactory(parent=about, title="Board"))
    translate(about, "ja", "概要")
    translate(aim, "ja", "目的")
    html = client.get("/ja/about/").content.decode()
    cards = re.search(r'<div class="cards">.*?</section>', html, re.S).group(0)
    assert "目的" in cards and "Aim" not in cards
    assert cards.index("目的") < cards.index("Board")


@pytest.fixture
def japanese(site_tree):
    """India and its event in English; Japanese home, chapters and India; the event's Japanese
    translation only a draft."""
    event = publish(f.EventPageFactory(parent=site_tree.india, title="2nd India reunion"))
    home_ja = translate(site_tree.home, "ja", "サクラサイエンスクラブ")
    translate(site_tree.chapters, "ja", "支部")
    india_ja = translate(site_tree.india, "ja", "インド")
    translate(event, "ja", "第2回インド同窓会", live=False)
    return {"event": event, "india_ja": india_ja, "home_ja": home_ja}


def test_switcher_lands_on_the_same_page_in_the_other_language(client, site_tree, japanese):
    doc = get(client, "/en/chapters/india/")
    assert doc.switcher() == {"en": "/en/chapters/india/", "ja": "/ja/chapters/india/"}
    back = get(client, "/ja/chapters/india/")
    assert back.lang == "ja"
    assert back.switcher() == {"en": "/en/chapters/india/", "ja": "/ja/chapters/india/"}


def test_switcher_falls_back_to_the_nearest_translated_page(client, site_tree, japanese):
    event_url = japanese["event"].url
    doc = get(client, event_url)
    # The Japanese event is only a draft: the nearest Japanese page above it stands in. No
    # language without a home page (Thai, say) is offered.
    assert doc.switcher() == {"en": event_url, "ja": "/ja/chapters/india/"}
    link = next(a for a in doc.all("a") if a.get("lang") == "ja")
    assert link.get("title")  # says that it is not the same page
    assert doc.alternates() == {}  # no published translation of the event


def test_hreflang_alternates_name_every_published_translation(client, site_tree, japanese):
    doc = get(client, "/ja/chapters/india/")
    assert doc.alternates() == {
        "en": HOST + "/en/chapters/india/",
        "ja": HOST + "/ja/chapters/india/",
        "x-default": HOST + "/en/chapters/india/",
    }
    assert doc.meta("og:locale") == "ja"
    assert doc.meta("og:locale:alternate") == "en"


def test_a_language_without_pages_gets_the_default_tree_and_says_so(client, site_tree):
    response = client.get("/th/chapters/india/")
    assert response.status_code == 200
    doc = Document(response.content.decode())
    # The reader's language is the document's (menus, headings, notice); the page's own words
    # say they are English (tests/site_pages/test_language_of_parts.py checks each part).
    assert doc.lang == "th"
    assert "lang" not in doc.one("main")
    assert doc.one("h1")["lang"] == "en"
    assert doc.one("link", rel="canonical")["href"] == HOST + "/en/chapters/india/"
    # The notice is in the reader's language (the page is not), naming that language in it.
    assert "lang" not in doc.one("p", class_="notice")
    assert "ไทย" in doc.text["notice"][0]


# --- search -------------------------------------------------------------------------------------


def test_search_finds_visible_pages_of_the_readers_language(client, site_tree, japanese):
    private = publish(f.StandardPageFactory(parent=site_tree.home, title="India members only"))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = f.StandardPageFactory(parent=site_tree.home, title="India draft notes", live=False)
    draft.save_revision()
    doc = get(client, "/en/search/?q=India")
    assert doc.all("ol", class_="results")
    found = {a.get("href") for a in doc.all("a")}
    assert "/en/chapters/india/" in found
    assert private.url not in found
    assert "/en/india-draft-notes/" not in found
    assert doc.meta("robots") == "noindex"
    assert_accessible(doc, "/en/search/")

    ja = get(client, "/ja/search/?q=インド")
    found = {a.get("href") for a in ja.all("a")}
    assert "/ja/chapters/india/" in found
    assert "/en/chapters/india/" not in found
    # The switcher keeps the query in every language.
    assert ja.switcher()["en"] == "/en/search/?q=%E3%82%A4%E3%83%B3%E3%83%89"


def test_search_without_a_query_shows_the_form(client, site_tree):
    response = client.get("/en/search/")
    assert response.status_code == 200
    doc = Document(response.content.decode())
    assert doc.one("input", id="search-page-q")["name"] == "q"
    assert not doc.all("ol", class_="results")


# --- errors -------------------------------------------------------------------------------------


def test_unknown_address_gets_the_404_page_with_navigation(client, site_tree):
    doc = get(client, "/en/no-such-page/", status=404)
    assert doc.text["h1"] == ["Page not found"]
    assert doc.lang == "en"
    assert doc.all("a", href="/en/")
    assert_accessible(doc, "/en/no-such-page/")


def test_the_500_page_needs_neither_request_nor_database():
    html = render_to_string("500.html")
    doc = Document(html)
    assert doc.text["h1"] == ["Something went wrong"]
    assert doc.lang == "en"


# --- every page of the demo site, in every language -------------------------------------------
# Last in the module: the demo stays in the database until the module ends, and the small
# tree of the tests above is made fastest on an empty site (tests/site_tree.py).


def visible():
    return list(visible_pages(Page.objects.filter(depth__gt=1)).specific().order_by("path"))


def test_every_page_type_renders_in_every_language_it_exists_in(db, client, demo):
    pages = visible()
    ours = {model for model in get_page_models() if model._meta.app_label == "site_pages"}
    assert {type(page) for page in pages} == ours
    versions = {}
    for page in pages:
        versions.setdefault(page.translation_key, {})[page.locale.language_code] = page.url
    for page in pages:
        doc = get(client, page.url)
        language = page.locale.language_code
        assert doc.lang == language, page.url
        assert_accessible(doc, page.url)
        assert doc.one("link", rel="canonical")["href"] == HOST + page.url
        assert doc.meta("og:title") == (page.seo_title or page.title)
        assert doc.meta("og:url") == HOST + page.url
        others = versions[page.translation_key]
        if len(others) > 1:
            expected = {code: HOST + url for code, url in others.items()}
            expected["x-default"] = HOST + others.get("en", page.url)
            assert doc.alternates() == expected, page.url
            assert doc.switcher()[language] == page.url
        else:
            assert doc.alternates() == {}, page.url


def test_pages_advertise_the_feeds_and_describe_themselves(db, client, demo):
    india = m.ChapterPage.objects.get(slug="india", locale__language_code="en")
    doc = get(client, india.url)
    feeds = {
        link["type"]: link["href"] for link in doc.all("link", rel="alternate") if "type" in link
    }
    assert feeds["application/rss+xml"] == "/en/feeds/events/"
    assert feeds["application/atom+xml"] == "/en/feeds/columns/"
    assert doc.meta("description") == india.intro
    assert doc.meta("og:description") == india.intro
    assert doc.meta("og:image").startswith(HOST + "/media/images/")
    assert doc.meta("og:image:width") == "1200"
    assert doc.meta("twitter:card") == "summary_large_image"


def test_the_demo_home_page_shows_latest_columns_and_voices(db, client, demo):
    doc = get(client, "/en/")
    columns = m.MentorColumnPage.objects.filter(locale__language_code="en")
    voices = m.MemberVoicePage.objects.live().filter(locale__language_code="en")
    links = {a.get("href") for a in doc.all("a")}
    assert {column.url for column in columns} <= links
    assert {voice.url for voice in voices} <= links
