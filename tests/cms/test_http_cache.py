"""HTTP caching of answers: public, short and revalidated by ETag for what any anonymous reader
gets (site pages, feeds, the sitemap, GraphQL GET queries); never stored when personal."""

import json
import re

import pytest
from wagtail.models import PageViewRestriction

QUERY = "{ chapters { edges { node { title } } } }"


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


PUBLIC = {"public", "max-age=60", "stale-while-revalidate=300"}
# Browsers revalidate pages every time, so a reader who reloads after an edit sees it.
SITE = {"public", "max-age=0", "s-maxage=60"}
NEVER = {"private", "no-store"}


@pytest.mark.parametrize(
    "address",
    [
        lambda tree: tree.india.url,
        lambda tree: tree.home.url,
        lambda tree: "/en/feeds/events/",
        lambda tree: "/sitemap.xml",
        lambda tree: "/en/search/?q=india",
        lambda tree: "/graphql/?query=" + QUERY,
    ],
    ids=["chapter", "home", "feed", "sitemap", "search", "graphql-get"],
)
def test_anonymous_reads_are_public_and_revalidated_by_etag(client, site_tree, address):
    url = address(site_tree)
    expected = PUBLIC if url.startswith("/graphql/") else SITE
    first = client.get(url)
    assert first.status_code == 200
    assert directives(first) == expected
    etag = first["ETag"]
    assert re.fullmatch(r'"[0-9a-f]+"', etag), "a strong ETag"
    assert client.get(url)["ETag"] == etag

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert directives(again) == expected

    assert client.get(url, HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def test_a_published_change_changes_the_etag(client, site_tree):
    url = site_tree.india.url
    etag = client.get(url)["ETag"]
    site_tree.india.title = "India chapter"
    site_tree.india.save_revision().publish()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "India chapter" in changed.content.decode()
    assert changed["ETag"] != etag


def test_api_answers_vary_on_the_origin_and_post_is_not_stored(client, site_tree, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    get = client.get("/graphql/", {"query": QUERY}, HTTP_ORIGIN="https://app.example.org")
    assert directives(get) == PUBLIC
    assert "origin" in get["Vary"].lower()
    post = client.post("/graphql/", json.dumps({"query": QUERY}), "application/json")
    assert post.status_code == 200
    assert directives(post) == NEVER


def test_signed_in_readers_get_private_answers(client, site_tree, users):
    client.force_login(users["india_editor"])
    for url in (site_tree.india.url, "/graphql/?query=" + QUERY, "/en/feeds/events/"):
        response = client.get(url)
        assert response.status_code == 200
        assert directives(response) >= NEVER and "public" not in directives(response), url


def test_a_password_protected_page_is_never_stored(client, site_tree):
    PageViewRestriction.objects.create(
        page=site_tree.india, restriction_type=PageViewRestriction.PASSWORD, password="sesame"
    )
    form = client.get(site_tree.india.url)
    assert directives(form) >= NEVER
    action = re.search(r'<form[^>]+action="([^"]+)"', form.content.decode()).group(1)
    entered = client.post(
        action, {"password": "sesame", "return_url": site_tree.india.url}, follow=True
    )
    assert entered.status_code == 200
    assert site_tree.india.title in entered.content.decode()
    assert directives(entered) >= NEVER


def test_errors_and_missing_pages_are_never_stored(client, site_tree):
    assert directives(client.get("/en/no-such-page/")) == NEVER
    # An answer with errors, even a 200 one (a field that failed), stays out of shared caches.
    for query in ("{ nope }", "{ chapters(first: -1) { totalCount } }"):
        answer = client.get("/graphql/", {"query": query})
        assert answer.json()["errors"]
        assert directives(answer) == NEVER, query


def test_max_age_comes_from_settings(client, site_tree, settings):
    settings.SAKURA_HTTP_CACHE = {"SITE_MAX_AGE": 0, "API_MAX_AGE": 30, "STALE_WHILE_REVALIDATE": 5}
    assert directives(client.get(site_tree.india.url)) == {"no-cache"}
    settings.SAKURA_HTTP_CACHE = {**settings.SAKURA_HTTP_CACHE, "SITE_MAX_AGE": 600}
    assert directives(client.get(site_tree.india.url)) == {"public", "max-age=0", "s-maxage=600"}
    assert directives(client.get("/graphql/", {"query": QUERY})) == {
        "public",
        "max-age=30",
        "stale-while-revalidate=5",
    }


def test_an_empty_feed_is_dated_by_content_not_by_the_clock(client, site_tree):
    # Dated "now", the same empty feed had a new ETag every second and never revalidated.
    rss = client.get("/en/feeds/events/").content.decode()
    assert "<lastBuildDate>Sat, 01 Jan 2000 00:00:00 +0000</lastBuildDate>" in rss
    atom = client.get("/en/feeds/columns/").content.decode()
    assert "<updated>2000-01-01T00:00:00+00:00</updated>" in atom
