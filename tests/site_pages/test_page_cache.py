"""The site's kept pages (site_pages/page_cache.py): anonymous readers' pages and feeds come from
the shared cache, a change drops the pages that read what changed and keeps the others, forms
and anything personal are never kept, and a cache that is down costs speed, not pages."""

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from site_pages import models as m
from tests import factories as f


def get(client, url):
    """The page's text and the number of SQL queries its answer took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(queries)


def kept(client, url):
    _text, queries = get(client, url)
    return queries == 0


@pytest.fixture
def site(site_tree):
    # The settings row is made on first read, which counts as a change: make it beforehand.
    m.NetworkSettings.for_site(site_tree.home.get_site())
    site_tree.column = f.MentorColumnPageFactory(
        parent=site_tree.mentors,
        title="Finding a lab in Japan",
        mentor=f.MentorFactory(name="Aiko Tanaka"),
    )
    site_tree.event = f.EventPageFactory(parent=site_tree.indonesia, title="2nd SAAI reunion")
    return site_tree


def test_a_page_is_kept_for_the_next_anonymous_reader(client, site):
    first, cold = get(client, site.india.url)
    second, warm = get(client, site.india.url)
    assert second == first
    assert cold > 0
    assert warm == 0
    response = client.get(site.india.url)
    assert response["Content-Type"].startswith("text/html")
    assert response["ETag"] and "s-maxage" in response["Cache-Control"]


def rename_india(tree):
    tree.india.title = "India (ISCA)"
    tree.india.save_revision().publish()
    return tree.india.url, "India (ISCA)"


def new_event(tree):
    f.EventPageFactory(parent=tree.india, title="3rd ISCA reunion")
    return "/en/feeds/events/", "3rd ISCA reunion"


def rename_mentor(tree):
    mentor = m.Mentor.objects.get(name="Aiko Tanaka")
    mentor.name = "Aiko Tanaka-Sato"
    mentor.save()
    return tree.column.url, "Aiko Tanaka-Sato"


def unpublish_column(tree):
    tree.column.unpublish()
    return tree.mentors.url, "Finding a lab in Japan"


CHANGES = [
    (rename_india, lambda tree: tree.mentors.url),
    (new_event, lambda tree: tree.column.url),
    (rename_mentor, lambda tree: tree.india.url),
    (unpublish_column, lambda tree: tree.india.url),
]


@pytest.mark.parametrize(
    ("change", "unrelated"), CHANGES, ids=[change.__name__ for change, _ in CHANGES]
)
def test_a_change_drops_the_pages_that_read_it_and_keeps_the_others(
    client, site, change, unrelated
):
    urls = [site.india.url, site.mentors.url, site.column.url, "/en/feeds/events/"]
    for url in urls:
        get(client, url)
        assert kept(client, url), url
    url, text = change(site)
    fresh, queries = get(client, url)
    assert queries > 0
    if change is unpublish_column:
        assert text not in fresh
    else:
        assert text in fresh
    assert kept(client, unrelated(site)), unrelated(site)


def test_the_footers_settings_reach_every_page(client, site):
    get(client, site.india.url)
    settings = m.NetworkSettings.for_site(site.home.get_site())
    settings.facebook_url = "https://www.facebook.com/groups/sakura-alumni"
    settings.save()
    text, _queries = get(client, site.india.url)
    assert "https://www.facebook.com/groups/sakura-alumni" in text


@pytest.mark.parametrize("address", ["ask/", "share/"])
def test_pages_with_a_form_are_never_kept(client, site, address):
    index = site.mentors if address == "ask/" else site.voices
    url = index.url + address
    for _ in range(2):
        text, queries = get(client, url)
        assert "csrfmiddlewaretoken" in text
        assert queries > 0


def test_search_is_never_kept(client, site):
    for _ in range(2):
        _text, queries = get(client, "/en/search/?q=india")
        assert queries > 0


def test_signed_in_readers_are_never_served_kept_pages(client, site, users):
    get(client, site.india.url)
    assert kept(client, site.india.url)
    client.force_login(users["india_editor"])
    _text, queries = get(client, site.india.url)
    assert queries > 0


def test_a_private_page_is_never_kept(client, site):
    PageViewRestriction.objects.create(
        page=site.india, restriction_type=PageViewRestriction.PASSWORD, password="sesame"
    )
    for _ in range(2):
        text, queries = get(client, site.india.url)
        assert 'name="password"' in text
        assert queries > 0


def test_app_servers_sharing_redis_agree_at_once(client, site, two_servers):
    _redis, serve_from = two_servers
    serve_from("server-a")
    get(client, site.india.url)
    get(client, site.mentors.url)
    serve_from("server-b")
    assert kept(client, site.india.url), "kept by server A, found by server B"
    serve_from("server-a")
    rename_india(site)
    serve_from("server-b")
    text, queries = get(client, site.india.url)
    assert "India (ISCA)" in text
    assert queries > 0
    assert kept(client, site.mentors.url)


@pytest.mark.usefixtures("response_cache_down")
def test_a_cache_that_is_down_costs_speed_not_pages(client, site, caplog):
    with caplog.at_level(logging.WARNING):
        first, _ = get(client, site.india.url)
        second, queries = get(client, site.india.url)
    assert second == first
    assert queries > 0
    assert any("Page cache unreachable" in record.getMessage() for record in caplog.records)


def test_the_page_cache_can_be_switched_off(client, site, settings):
    settings.SAKURA_PAGE_CACHE = {**settings.SAKURA_PAGE_CACHE, "TIMEOUT": 0}
    get(client, site.india.url)
    _text, queries = get(client, site.india.url)
    assert queries > 0
