"""The site's design in a real browser (Debian's Chromium): the header leaves a phone's screen to
the content, its menu opens with and without JavaScript, the wide menu stays on one line,
nothing overflows at 375 px, dark mode keeps text readable; screenshots of the home and a
chapter page at 375 and 1280 px in English and Japanese go to tests/output/screenshots/."""

import pytest

from tests.browser.helpers import TIMEOUT_MS, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = {"home": "/{lang}/", "chapter_page": "/{lang}/chapters/india/"}


def header_height(page):
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")


def test_the_phone_menu_opens_with_and_without_javascript(demo, chromium):
    for scripts in (True, False):
        context = chromium.new_context(
            viewport={"width": 375, "height": 800}, java_script_enabled=scripts
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        # The Japanese name is as long as the English one on a phone: the bar stays one row.
        page.goto(demo + "/ja/")
        assert header_height(page) < 100
        page.goto(demo + "/en/chapters/india/")
        assert header_height(page) < 100
        main_nav = page.get_by_role("navigation", name="Main")
        assert not main_nav.is_visible()
        page.get_by_text("Menu", exact=True).click()
        assert main_nav.is_visible()
        main_nav.get_by_role("link", name="Chapters", exact=True).click()
        page.wait_for_url(demo + "/en/chapters/")
        if scripts:
            page.get_by_text("Menu", exact=True).click()
            page.keyboard.press("Escape")
            assert not main_nav.is_visible()
            assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        context.close()


def test_the_wide_menu_is_one_line_with_and_without_javascript(demo, chromium):
    for scripts in (True, False):
        context = chromium.new_context(
            viewport={"width": 1280, "height": 800}, java_script_enabled=scripts
        )
        page = context.new_page()
        page.goto(demo + "/en/")
        links = page.get_by_role("navigation", name="Main").get_by_role("link")
        tops = {round(box["y"]) for box in (link.bounding_box() for link in links.all())}
        assert len(tops) == 1, tops
        assert header_height(page) < 140
        context.close()


CONTRAST = """() => {
    const channels = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = rgb => {
        const [r, g, b] = rgb.map(v => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const background = el => {
        for (; el; el = el.parentElement) {
            const color = getComputedStyle(el).backgroundColor;
            if (!color.startsWith("rgba(0, 0, 0, 0)")) return channels(color);
        }
        return [255, 255, 255];
    };
    const worst = [];
    const texts = ["main p, main a, main h1, main h2, main dt, main dd",
        "footer a, footer p, header a"].join(", ");
    for (const el of document.querySelectorAll(texts)) {
        if (!el.offsetParent) continue;
        const [a, b] = [lum(channels(getComputedStyle(el).color)), lum(background(el))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < 4.5) worst.push([el.outerHTML.slice(0, 80), ratio]);
    }
    return worst;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_is_at_least_aa(demo, chromium, scheme):
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    for path in PAGES.values():
        page.goto(demo + path.format(lang="en"))
        assert page.evaluate(CONTRAST) == [], (scheme, path)
    context.close()


def test_screenshots_of_home_and_chapter_in_english_and_japanese(demo, open_page):
    for width in (375, 1280):
        page = open_page(width=width)
        for name, path in PAGES.items():
            for lang in ("en", "ja"):
                page.goto(demo + path.format(lang=lang))
                assert page.evaluate("document.documentElement.scrollWidth") <= width
                screenshot(page, f"design_{name}_{lang}_{width}")
