"""The public site's design system as markup: the header's menu and logo, the document title,
named search landmarks, heading order on listings, the chapter directory, figures, the reunion
timeline, an event's outcome only when it holds something, and nothing loaded from elsewhere."""

import datetime
import itertools
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import timezone

from site_pages.templatetags.stream_tags import has_block, has_content
from tests import factories as f
from tests.conftest import publish
from tests.site_pages.test_pictures import build_site
from tests.site_pages.test_public_site import get

SOON = timezone.localdate() + datetime.timedelta(days=40)


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def heading_levels(html):
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]


def assert_no_skipped_heading(html, url):
    levels = heading_levels(html)
    assert levels[0] == 1, (url, levels)
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"{url}: h{before} followed by h{after} ({levels})"


def test_the_home_page_title_names_the_club_once(client, site_tree):
    assert "<title>Sakura Science Club</title>" in html_of(client, "/en/")
    assert "<title>Chapters · Sakura Science Club</title>" in html_of(client, "/en/chapters/")


def test_the_header_has_the_logo_and_a_menu_that_works_without_javascript(client, site_tree):
    site_tree.chapters.show_in_menus = True
    publish(site_tree.chapters)
    html = html_of(client, "/en/chapters/india/")
    header = re.search(r'<header class="site-header">.*?</header>', html, re.S).group(0)
    brand = re.search(r'<a class="brand" href="/en/">(.*?)</a>', header, re.S).group(1)
    assert '<svg class="brand-mark"' in brand and 'aria-hidden="true"' in brand
    assert "Sakura Science Club" in brand
    # A <details> disclosure: the browser opens and closes it, no script needed.
    menu = re.search(
        r'<details class="site-menu">\s*<summary>(.*?)</summary>(.*)</details>', header, re.S
    )
    assert "Menu" in menu.group(1)
    assert '<nav class="main-nav" aria-label="Main">' in menu.group(2)
    assert 'href="/en/chapters/" aria-current="page"' in menu.group(2)
    assert 'role="search"' in menu.group(2)


def test_every_stylesheet_and_script_comes_from_this_site(client, site_tree):
    html = html_of(client, "/en/")
    assets = re.findall(r'<(?:link rel="stylesheet"|script) (?:href|src)="([^"]+)"', html)
    assert {Path(url).name for url in assets} == {
        "tokens.css",
        "layout.css",
        "components.css",
        "site.css",
        "site.js",
    }
    assert all(url.startswith(settings.STATIC_URL) for url in assets)
    # Nothing the browser fetches by itself (scripts, styles, images, frames) names another host.
    fetched = re.findall(
        r'<(?:script|img|source|iframe|link rel="(?:stylesheet|preload|icon)")[^>]*', html
    )
    assert fetched and not any(
        re.search(r'(?:src|href|srcset)="(?:https?:)?//', tag) for tag in fetched
    )
    for url in assets:
        path = finders.find(url.removeprefix(settings.STATIC_URL))
        text = Path(path).read_text()
        assert "@import" not in text and "url(http" not in text and "fonts.g" not in text, url


def page_weight(html):
    """Bytes of the HTML and of every stylesheet and script it links, read from the static
    files (uncompressed: what the browser parses, not what crosses the network)."""
    assets = re.findall(r'<(?:link rel="stylesheet"|script) (?:href|src)="([^"]+)"', html)
    assert assets
    return len(html.encode()) + sum(
        Path(finders.find(url.removeprefix(settings.STATIC_URL))).stat().st_size for url in assets
    )


def test_every_page_type_weighs_less_than_100_kb_with_its_css_and_js(client, db):
    """Before images: every page type, with pictures in every place it has them (their
    <picture> markup counts), and the search page."""
    urls = build_site(3)
    urls["search"] = "/en/search/?q=India"
    for name, url in urls.items():
        size = page_weight(html_of(client, url))
        assert size < 100_000, (name, size)


def test_the_search_page_names_each_search_landmark(client, site_tree):
    for url in ("/en/search/?q=reunion", "/en/no-such-page/"):
        response = client.get(url)
        html = response.content.decode()
        forms = re.findall(r'<form class="search-form" role="search"([^>]*)>', html)
        labels = [re.search(r'aria-label="([^"]+)"', attrs).group(1) for attrs in forms]
        assert labels == ["Site search", "Search again"], url


def test_listings_do_not_skip_heading_levels(client, site_tree):
    for section in (site_tree.events, site_tree.programs):
        publish(section)
    publish(f.EventPageFactory(parent=site_tree.events, title="AlumniTalk", start_date=SOON))
    publish(f.ProgramPageFactory(parent=site_tree.programs, title="SSHP"))
    sections = (site_tree.chapters, site_tree.events, site_tree.programs, site_tree.home)
    for url in (section.url for section in sections):
        assert_no_skipped_heading(html_of(client, url), url)


def test_the_chapter_directory_shows_emblem_members_and_next_event(client, site_tree):
    india = site_tree.india
    india.acronym, india.member_count, india.local_name = "ISCA", 1200, "India SSC Alumni"
    publish(india)
    publish(
        f.EventPageFactory(
            parent=india, title="1st India reunion", start_date=SOON.replace(year=2019)
        )
    )
    publish(
        f.EventPageFactory(
            parent=india, title="4th India reunion", start_date=SOON, city="Pune", format="hybrid"
        )
    )
    later = SOON + datetime.timedelta(days=90)
    publish(f.EventPageFactory(parent=india, title="5th India reunion", start_date=later))
    html = html_of(client, "/en/chapters/")
    tiles = dict(
        re.findall(r'<h2><a href="(/en/chapters/[a-z-]+/)">.*?</h2>(.*?)</article>', html, re.S)
    )
    assert '<span class="emblem" aria-hidden="true">ISCA</span>' in html
    # A chapter without an acronym shows its country's code.
    assert '<span class="emblem" aria-hidden="true">ID</span>' in html
    assert "about 1,200 members" in tiles["/en/chapters/india/"]
    assert "4th India reunion" in tiles["/en/chapters/india/"]
    assert "5th India reunion" not in html and "1st India reunion" not in html
    assert "No event scheduled" in tiles["/en/chapters/indonesia/"]


def test_a_chapter_s_reunions_form_a_timeline_newest_first(client, site_tree):
    for edition in (1, 2):
        publish(
            f.EventPageFactory(
                parent=site_tree.india,
                title=f"Reunion number {edition}",
                start_date=datetime.date(2018 + edition, 10, 1),
            )
        )
    html = html_of(client, "/en/chapters/india/")
    timeline = re.search(r'<ol class="timeline" reversed>(.*?)</ol>', html, re.S).group(1)
    assert timeline.index("Reunion number 2") < timeline.index("Reunion number 1")
    assert timeline.count('class="timeline-date"') == 2


def test_figures_are_a_figure_grid_and_a_programme_s_counts_are_not_repeated(client, site_tree):
    counted = publish(
        f.ProgramPageFactory(
            parent=site_tree.programs, title="Counted", course_count=49, participant_count=5539
        )
    )
    html = html_of(client, counted.url)
    grid = re.search(r'<ul class="figure-grid">(.*?)</ul>', html, re.S).group(1)
    assert '<span class="figure-value">5,539</span> <span class="figure-label">Participants' in grid
    with_block = publish(
        f.ProgramPageFactory(
            parent=site_tree.programs,
            title="With figures",
            participant_count=5539,
            body__0__figures__figures__0__value="5,539",
            body__0__figures__figures__0__label="students",
        )
    )
    html = html_of(client, with_block.url)
    assert html.count('<ul class="figure-grid">') == 1
    assert '<span class="figure-value">5,539</span> <span class="figure-label">students' in html
    assert "Participants" not in html


def test_an_event_shows_its_outcome_heading_only_over_an_outcome(client, site_tree):
    empty = publish(
        f.EventPageFactory(
            parent=site_tree.india,
            title="Without outcome",
            outcome__0__paragraph__value="<p> </p>",
            outcome__1__heading__text="",
        )
    )
    assert 'id="outcome-heading"' not in html_of(client, empty.url)
    won = publish(
        f.EventPageFactory(
            parent=site_tree.india,
            title="With outcome",
            outcome__0__paragraph__value="<p>Three posters won.</p>",
        )
    )
    assert 'id="outcome-heading"' in html_of(client, won.url)


def test_stream_questions(site_tree):
    event = f.EventPageFactory(
        parent=site_tree.india,
        outcome__0__contest_results__contest="",
        outcome__0__contest_results__awards__0__rank=1,
        outcome__0__contest_results__awards__0__title="",
        body__0__figures__figures__0__value="3",
        body__0__figures__figures__0__label="posters",
    )
    assert not has_content(event.outcome)
    assert has_content(event.body)
    assert has_block(event.body, "figures") and not has_block(event.outcome, "figures")
    assert not has_content(None) and not has_block(None, "figures")


def test_the_footer_lists_the_network_s_channels(client, site_tree):
    from site_pages.models import NetworkSettings

    network = NetworkSettings.for_site(site_tree.home.get_site())
    network.facebook_url = "https://www.facebook.com/groups/sakura"
    network.youtube_url = "https://www.youtube.com/@sakura"
    network.save()
    doc = get(client, "/en/")
    channels = doc.one("nav", aria_label="The network on social media")
    assert channels is not None
    html = html_of(client, "/en/")
    footer = re.search(r"<footer.*</footer>", html, re.S).group(0)
    assert (
        'href="https://www.facebook.com/groups/sakura" rel="me"><svg class="channel-icon"' in footer
    )
    assert "YouTube</a>" in footer and "Instagram" not in footer
