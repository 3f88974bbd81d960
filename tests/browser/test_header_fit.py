"""The header fits every width from a small phone to a wide desktop (Debian's Chromium).

Below 75rem the sections are behind the "Menu" disclosure; from 75rem they are shown, on one row
where the titles fit (English and Japanese of the demo) and on a second tight row where they do
not (Indonesian given long titles here), never scrolling sideways or hiding a section. The
header's search box has a visible label at every width."""

import pytest
from wagtail.models import Locale, Page

from tests.browser.helpers import TIMEOUT_MS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = (320, 375, 768, 1024, 1199, 1200, 1280, 1440, 1920)
WIDE = 1200  # 75rem, the breakpoint of layout.css and site.js

# The demo's sections in Indonesian, longer than the English titles (and than any the demo has).
LONG_TITLES = {
    "Network events": "Kegiatan jaringan alumni",
    "Sakura Mentor": "Kolom para Sakura Mentor",
    "Members' Voice": "Suara para anggota",
    "Yearbooks": "Buku tahunan koordinator",
    "Programmes": "Program pertukaran",
    "About the Sakura Science Club": "Tentang Sakura Science Club",
    "Certificate of Contribution": "Sertifikat kontribusi untuk anggota",
}

MEASURE = """() => {
    const nav = document.querySelector('.main-nav');
    const list = nav.querySelector('ul');
    const links = [...nav.querySelectorAll('a')];
    const visible = links.filter(a => a.checkVisibility());
    const box = el => el.getBoundingClientRect();
    const label = document.querySelector('.site-header .search-form label');
    const input = document.getElementById(label.htmlFor);
    return {
        page: document.documentElement.scrollWidth,
        header: box(document.querySelector('.site-header')).height,
        menuButton: getComputedStyle(document.querySelector('.site-menu > summary')).display
            !== 'none',
        listScrolls: list.scrollWidth > list.clientWidth + 1,
        links: links.length,
        shown: visible.length,
        outside: visible.filter(a => box(a).left < 0 || box(a).right > innerWidth + 0.5)
            .map(a => a.textContent),
        rows: new Set(visible.map(a => Math.round(box(a).top))).size,
        label: label.textContent.trim(),
        labelShown: box(label).width > 1 && box(label).height > 1
            && getComputedStyle(label).clip === 'auto',
        labelFor: input === document.querySelector('.site-header input[type=search]'),
    };
}"""


def long_indonesian_sections():
    """Indonesian versions of every section (the demo translates only the chapters)."""
    indonesian = Locale.objects.get(language_code="id")
    english = Locale.objects.get(language_code="en")
    for section in Page.objects.filter(locale=english, depth=3, show_in_menus=True, live=True):
        title = LONG_TITLES.get(section.title)
        if title is None or section.has_translation(indonesian):
            continue
        copy = section.specific.copy_for_translation(indonesian)
        copy.title = title
        copy.save_revision().publish()


def measure(chromium, url, width):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state()
    found = page.evaluate(MEASURE)
    if found["menuButton"]:
        # The sections are one click away, and fit once shown.
        page.locator(".site-menu > summary").click()
        opened = page.evaluate(MEASURE)
        assert opened["shown"] == opened["links"], (url, width, opened)
        assert not opened["outside"] and opened["page"] <= width, (url, width, opened)
        label_shown = opened["labelShown"]
    else:
        label_shown = found["labelShown"]
    context.close()
    return found, label_shown


def test_the_header_fits_from_320_to_1920_px_in_english_japanese_and_long_titles(demo, chromium):
    long_indonesian_sections()
    for lang in ("en", "ja", "id"):
        for width in WIDTHS:
            found, label_shown = measure(chromium, f"{demo}/{lang}/", width)
            where = (lang, width, found)
            assert found["page"] <= width, where
            assert not found["listScrolls"] and not found["outside"], where
            assert found["labelFor"] and found["label"], where
            assert label_shown, where
            if width < WIDE:
                # Phones and tablets: one bar, the sections behind "Menu".
                assert found["menuButton"] and found["shown"] == 0, where
                assert found["header"] < 100, where
            else:
                assert not found["menuButton"] and found["shown"] == found["links"], where
                # The demo's own titles take one row; longer ones at most two.
                assert found["rows"] <= (2 if lang == "id" else 1), where
                assert found["header"] < (125 if found["rows"] == 1 else 165), where
