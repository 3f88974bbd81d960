"""Every public page type, as a reader sees it, in English, Japanese and Thai, at 375 and 1280 px.

For each screen the test takes a full-page screenshot (tests/output/screenshots/screen_*.png;
the README's two pictures are copies of two of them) and checks what a person would notice:

- nothing wider than the window (the page never scrolls sideways);
- no text cut off by a box that hides its overflow;
- no broken image (every image, lazy ones included, loads);
- in /ja/ and /th/, no interface string left in English: neither a msgid of the language's
  catalogue shown as it is, nor a header, footer, button or label text that reads the same as
  on the English page (a fallback page's English words are marked lang="en" and left out);
- axe-core (pinned in tests/browser/package-lock.json, installed by `make browser-js`, which
  `make test` runs) reports no serious or critical violation; and again with the browser asking
  for dark colours (``prefers-color-scheme: dark``), once per page type, in English at 1280 px.

Thai stands for the South-East Asian scripts: the demo has its home page, chapters index and
Thai chapter, and every other page falls back to English with a notice, under a Thai interface.

The demo content is loaded once for the module: the tests only read, so they share it instead of
reloading it per test as the journeys do. One browser, one live server, one tab per width.
"""

import functools
import json
import os
import re
import threading
import urllib.parse
from pathlib import Path

import polib
import pytest
from pytest_django.live_server_helper import LiveServer

from site_pages import models as m
from site_pages.catalogues import catalogue_path
from tests.browser.helpers import SCREENSHOTS, TIMEOUT_MS, screenshot
from tests.system_tools import require_system_tool

# Not transactional: the module's fixture commits the demo content itself, before the first test
# and outside any test's transaction, so the live server sees it from its own thread or
# connection; each test then runs in a transaction that is rolled back (they write nothing).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"

LANGUAGES = ["en", "ja", "th"]
WIDTHS = [375, 1280]
# The languages whose screens are checked for interface strings left in English.
TRANSLATED = ["ja", "th"]

# name: (path under /<language>, the languages it exists in, the status it answers with).
# A page with no version in a language is shown in English under that language's interface.
SCREENS = {
    "home": ("/", LANGUAGES, 200),
    "chapter_index": ("/chapters/", LANGUAGES, 200),
    "chapter": ("/chapters/thailand/", LANGUAGES, 200),
    "event": ("/chapters/india/2nd-india-reunion/", LANGUAGES, 200),
    "event_index": ("/events/", LANGUAGES, 200),
    "column_index": ("/sakura-mentor/", LANGUAGES, 200),
    "column": ("/sakura-mentor/choosing-a-laboratory/", LANGUAGES, 200),
    "ask_a_mentor": ("/sakura-mentor/ask/", LANGUAGES, 200),
    "ask_a_mentor_thanks": ("/sakura-mentor/ask/thanks/", LANGUAGES, 200),
    "voice_index": ("/members-voice/", LANGUAGES, 200),
    "voice": ("/members-voice/lai-hung-wei/", LANGUAGES, 200),
    "share_your_voice": ("/members-voice/share/", LANGUAGES, 200),
    "yearbook_index": ("/yearbooks/", LANGUAGES, 200),
    "yearbook": ("/yearbooks/fy2021/", LANGUAGES, 200),
    "programme_index": ("/programmes/", LANGUAGES, 200),
    "programme": ("/programmes/sakura-science-high-school-program/", LANGUAGES, 200),
    "standard": ("/about/", LANGUAGES, 200),
    "privacy": ("/privacy/", LANGUAGES, 200),
    "search": ("/search/?q={query}", LANGUAGES, 200),
    "newsletter_archive": ("/newsletter/", LANGUAGES, 200),
    # The demo's sent issue is the English one, dated the month the demo was loaded.
    "newsletter_issue": ("/newsletter/{month}/", ["en"], 200),
    "newsletter_subscribe": ("/newsletter/subscribe/", LANGUAGES, 200),
    "newsletter_subscribe_thanks": ("/newsletter/subscribe/thanks/", LANGUAGES, 200),
    "not_found": ("/no-such-page/", LANGUAGES, 404),
}
# What readers search for, in their language: each finds a page.
SEARCHES = {"en": "reunion", "ja": "インド", "th": "ไทย"}

SCREEN_CASES = [
    pytest.param(name, language, width, id=f"{name}-{language}-{width}")
    for name, (_path, languages, _status) in SCREENS.items()
    for language in languages
    for width in WIDTHS
]
# Dark colours change no layout: each page type once, in English at the wide width.
DARK_WIDTH = 1280
DARK_CASES = [pytest.param(name, id=f"{name}-en-{DARK_WIDTH}-dark") for name in SCREENS]


def require_axe(path=AXE, environ=os.environ):
    message = f"{path} is missing: run `make browser-js` (npm ci in tests/browser/)."
    require_system_tool(path.exists(), message, environ)


class OneRequestAtATime:
    """A WSGI application that lets one request in at a time. With SQLite in memory, every
    thread of the live server shares the tests' one connection: a page's pictures, asked for
    together, each make their rendition, and two transactions on one connection at once break
    each other's savepoints (a 500 for a picture now and then)."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            return self.app(environ, start_response)


@pytest.fixture(scope="module")
def demo_site(chromium, demo_snapshot, migrated_database, django_db_blocker):
    """The demo site, committed, and the address of a live server for the module. Afterwards
    the database gets back the contents it had (those of the migrations), as later tests
    expect.

    The server is the same kind as pytest-django's ``live_server``, started here: pytest-django
    makes every test that uses that fixture, even through a module's fixture, transactional
    (the database flushed after it)."""
    live_server = LiveServer("localhost")
    live_server.thread.httpd.set_app(OneRequestAtATime(live_server.thread.httpd.get_app()))
    with django_db_blocker.unblock():
        demo_snapshot.restore()
        issue = m.NewsletterIssue.objects.filter(status=m.IssueStatus.SENT).first()
        values = {"month": issue.month.strftime("%Y-%m")}
    yield live_server.url, values
    live_server.stop()
    with django_db_blocker.unblock():
        migrated_database.restore()


@pytest.fixture(scope="module")
def tabs(chromium):
    """One tab per width and colour scheme, reused by every screen; axe-core is put into each
    document it opens by the browser itself (an init script), so the site's
    Content-Security-Policy stays on."""
    require_axe()
    opened = {}

    def tab(width, color_scheme="light"):
        if (width, color_scheme) not in opened:
            context = chromium.new_context(
                viewport={"width": width, "height": 900},
                locale="en-GB",
                color_scheme=color_scheme,
            )
            context.set_default_timeout(TIMEOUT_MS)
            context.add_init_script(path=str(AXE))
            opened[width, color_scheme] = context.new_page()
        return opened[width, color_scheme]

    yield tab
    for page in opened.values():
        page.context.close()


# Lazy images are made eager and awaited, so the screenshot shows them and a broken one shows.
LOAD_IMAGES = """async () => {
    const images = [...document.images];
    images.forEach(image => { image.loading = "eager"; });
    await Promise.all(images.map(image => image.complete ? null : new Promise(done => {
        image.onload = image.onerror = done;
    })));
    return images.filter(image => !image.naturalWidth).map(image => image.currentSrc || image.src);
}"""

# The page's width against the window's, and the elements that stick out on the right (outside
# boxes that scroll sideways on purpose, such as the wide menu's line).
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const scrolls = el => {
        for (let box = el.parentElement; box; box = box.parentElement) {
            if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)) return true;
        }
        return false;
    };
    const wide = [...document.body.querySelectorAll("*")].filter(el => {
        if (!el.checkVisibility()) return false;
        const rect = el.getBoundingClientRect();
        return rect.width && rect.right > width + 1 && !scrolls(el);
    });
    const outermost = wide.filter(el => !wide.includes(el.parentElement));
    return {
        scrollWidth: document.documentElement.scrollWidth,
        width,
        elements: outermost.slice(0, 5).map(el => el.outerHTML.slice(0, 120)),
    };
}"""

# Text that a box hiding its overflow cuts off: a text node drawn outside its box's padding box.
# Boxes clipped to nothing on purpose (text kept for screen readers) are left out.
CLIPPED_TEXT = """() => {
    const clipped = [];
    for (const box of document.body.querySelectorAll("*")) {
        const style = getComputedStyle(box);
        const hidesX = ["hidden", "clip"].includes(style.overflowX);
        const hidesY = ["hidden", "clip"].includes(style.overflowY);
        if (!hidesX && !hidesY) continue;
        if (box.clientWidth <= 1 || box.clientHeight <= 1 || !box.checkVisibility()) continue;
        if (style.clip !== "auto" || style.clipPath !== "none") continue;
        if (box.scrollWidth <= box.clientWidth + 1 && box.scrollHeight <= box.clientHeight + 1
            && style.textOverflow !== "ellipsis") continue;
        const edge = box.getBoundingClientRect();
        const left = edge.left + box.clientLeft, top = edge.top + box.clientTop;
        const right = left + box.clientWidth, bottom = top + box.clientHeight;
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.textContent.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const rect of range.getClientRects()) {
                if (!rect.width) continue;
                const outX = hidesX && (rect.right > right + 1 || rect.left < left - 1);
                const outY = hidesY && (rect.bottom > bottom + 1 || rect.top < top - 1);
                const ellipsis = style.textOverflow === "ellipsis"
                    && box.scrollWidth > box.clientWidth + 1;
                if (outX || outY || ellipsis) {
                    clipped.push(`${node.textContent.trim().slice(0, 60)} in ${
                        box.outerHTML.slice(0, 100)}`);
                    break;
                }
            }
        }
    }
    return [...new Set(clipped)];
}"""

AXE_RUN = """async () => {
    const result = await axe.run(document, {resultTypes: ["violations"]});
    return result.violations
        .filter(v => v.impact === "serious" || v.impact === "critical")
        .map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + n.html.slice(0, 120)),
        }));
}"""

# The words of a page: every text node, the page's title, and the labels, hints and values that
# a screen reader or a button shows; each with the language the page says it is in (the nearest
# lang attribute) and whether it is part of the chrome: the site's header and footer, menus,
# breadcrumbs, the forms' labels and buttons, notices. On a page shown in a fallback language
# only the page's own words say lang="en" (site_pages/templatetags/fallback_tags.py): the
# headings, labels and dates around them are in the reader's language, and checked as such.
INTERFACE_TEXTS = """() => {
    const chrome = ".site-header, .site-footer, nav, .breadcrumbs, label, legend, button, "
        + "summary, .notice, .help";
    // The window's title is the page's title and the site's name; <title> cannot mark the
    // part that a fallback page fills in, so it counts as being in the language of the h1.
    const heading = document.querySelector("main h1");
    const titleLang = (heading || document.documentElement).closest("[lang]").lang;
    const texts = [{text: document.title, lang: titleLang, chrome: true}];
    const add = (text, el) => {
        text = (text || "").replace(/\\s+/g, " ").trim();
        if (!text) return;
        const isChrome = !!el.closest(chrome);
        const marked = el.closest("[lang]");
        texts.push({text, lang: marked ? marked.lang : "", chrome: isChrome});
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement.closest("script, style, template")) add(node.textContent,
            node.parentElement);
    }
    for (const el of document.body.querySelectorAll("[aria-label], [title], [placeholder], "
            + "input[type=submit], input[type=button]")) {
        for (const name of ["aria-label", "title", "placeholder", "value"]) {
            if (name !== "value" || el.matches("input[type=submit], input[type=button]")) {
                add(el.getAttribute(name), el);
            }
        }
    }
    return texts;
}"""

# Names that read the same in every language, seen in the chrome of every page.
NAMES = {"Facebook", "Instagram", "YouTube"}


def english_msgids(language):
    """The English interface strings that the catalogue of ``language`` translates into
    something else (strings with placeholders left out: their variable parts could be anything)."""
    return {
        " ".join(entry.msgid.split())
        for entry in polib.pofile(str(catalogue_path(language)))
        if not entry.obsolete
        and entry.msgstr != entry.msgid
        and not re.search(r"%\(\w+\)[sd]|\{\w*\}", entry.msgid)
        and re.search(r"[A-Za-z]{2,}", entry.msgid)
    }


def kept_msgids(language):
    """The strings the catalogue of ``language`` translates as themselves: names, such as the
    club's, that the language writes in Latin letters."""
    return {
        " ".join(entry.msgid.split())
        for entry in polib.pofile(str(catalogue_path(language)))
        if not entry.obsolete and entry.msgstr == entry.msgid
    }


@functools.cache
def cached_english_msgids(language):
    return english_msgids(language)


@functools.cache
def cached_kept_msgids(language):
    return kept_msgids(language)


def untranslated(texts, english_chrome, language):
    """The texts of a page in ``language`` still in English: a msgid of the language's
    catalogue shown as it is, or a chrome text identical to the English page's. Texts that the
    page marks as being in another language (a language's own name, an English title among
    Japanese ones) and names (of the network's channels, addresses, or kept as they are by the
    catalogue) are not interface strings."""
    msgids = cached_english_msgids(language)
    found = set()
    for item in texts:
        text = item["text"]
        if item["lang"] and not item["lang"].startswith(language):
            continue
        if text in NAMES or text in cached_kept_msgids(language) or "@" in text or "://" in text:
            continue
        if text in msgids or (
            item["chrome"] and text in english_chrome and re.search(r"[A-Za-z]{3,}", text)
        ):
            found.add(text)
    return sorted(found)


def page_url(base, values, name, language):
    path, _languages, _status = SCREENS[name]
    return base + f"/{language}" + path.format(query=SEARCHES[language], **values)


def open_screen(page, url, status):
    response = page.goto(url)
    assert response.status == status, (url, response.status)
    page.wait_for_load_state("load")


# The chrome texts of each English screen, for its Japanese and Thai ones (the English one runs
# first when they run in the same process).
ENGLISH_CHROME = {}


def chrome_texts(page):
    return {text["text"] for text in page.evaluate(INTERFACE_TEXTS) if text["chrome"]}


@pytest.mark.parametrize(("name", "language", "width"), SCREEN_CASES)
def test_screen(demo_site, tabs, name, language, width):
    base, values = demo_site
    page = tabs(width)
    status = SCREENS[name][2]
    if language in TRANSLATED and (name, width) not in ENGLISH_CHROME:
        open_screen(page, page_url(base, values, name, "en"), status)
        ENGLISH_CHROME[name, width] = chrome_texts(page)
    url = page_url(base, values, name, language)
    open_screen(page, url, status)
    if language == "en":
        ENGLISH_CHROME[name, width] = chrome_texts(page)
    problems = {"broken images": page.evaluate(LOAD_IMAGES)}
    screenshot(page, f"screen_{name}_{language}_{width}")
    problems.update(check_screen(page))
    if language in TRANSLATED:
        texts = page.evaluate(INTERFACE_TEXTS)
        problems["untranslated"] = untranslated(texts, ENGLISH_CHROME[name, width], language)
    report_problems(f"screen_{name}_{language}_{width}", url, problems)


@pytest.mark.parametrize("name", DARK_CASES)
def test_screen_in_dark_mode(demo_site, tabs, name):
    """The dark colours (tokens.css) pass axe-core too: contrast is where they could fail."""
    base, values = demo_site
    page = tabs(DARK_WIDTH, color_scheme="dark")
    url = page_url(base, values, name, "en")
    open_screen(page, url, SCREENS[name][2])
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    problems = {"broken images": page.evaluate(LOAD_IMAGES)}
    screenshot(page, f"screen_{name}_en_{DARK_WIDTH}_dark")
    problems["axe serious or critical"] = page.evaluate(AXE_RUN)
    report_problems(f"screen_{name}_en_{DARK_WIDTH}_dark", url, problems)


def report_problems(name, url, problems):
    """Fail on the problems found, written beside the screenshot ``name`` for a person to read."""
    problems = {check: found for check, found in problems.items() if found}
    report = SCREENSHOTS / f"{name}.json"
    report.unlink(missing_ok=True)
    if problems:
        report.write_text(json.dumps({"url": url, **problems}, indent=1, ensure_ascii=False))
    assert not problems, f"{url}\n" + json.dumps(problems, indent=1, ensure_ascii=False)


def check_screen(page):
    """Overflow, clipped text and axe-core's serious and critical violations on ``page``."""
    problems = {}
    overflow = page.evaluate(OVERFLOW)
    if overflow["scrollWidth"] > overflow["width"] or overflow["elements"]:
        problems["horizontal overflow"] = overflow
    problems["clipped text"] = page.evaluate(CLIPPED_TEXT)
    problems["axe serious or critical"] = page.evaluate(AXE_RUN)
    return problems


BROKEN_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main>
<h1>Broken on purpose</h1>
<div style="width: 600px">Wider than a phone</div>
<p style="width: 60px; overflow: hidden; white-space: nowrap">Text cut off by its box</p>
<p style="position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0)">
  Hidden for everyone but screen readers</p>
<img src="data:image/png;base64,bm90IGFuIGltYWdl" width="10" height="10">
<button></button>
</main></body></html>"""


def test_the_checks_find_what_they_look_for(tabs):
    """Each check fails on a page made to fail it (and leaves text kept for screen readers be)."""
    page = tabs(375)
    page.goto("data:text/html;charset=utf-8," + urllib.parse.quote(BROKEN_PAGE))
    assert len(page.evaluate(LOAD_IMAGES)) == 1
    problems = check_screen(page)
    assert problems["horizontal overflow"]["scrollWidth"] >= 600
    assert problems["horizontal overflow"]["elements"][0].startswith('<div style="width: 600px')
    assert [text.split(" in ")[0] for text in problems["clipped text"]] == [
        "Text cut off by its box"
    ]
    found = {violation["id"] for violation in problems["axe serious or critical"]}
    assert {"image-alt", "button-name"} <= found, found
    texts = [
        {"text": "Search", "lang": "ja", "chrome": True},
        {"text": "検索", "lang": "ja", "chrome": True},
        {"text": "English", "lang": "en", "chrome": True},
        {"text": "Only on the English page", "lang": "ja", "chrome": True},
        {"text": "Facebook", "lang": "ja", "chrome": True},
        {"text": "Only on the English page", "lang": "ja", "chrome": False},
    ]
    english = {"Search", "English", "Facebook", "Only on the English page"}
    assert untranslated(texts, english, "ja") == ["Only on the English page", "Search"]
