"""A CDN in front of the site and the API (site_pages/frontend_purge.py): public answers name
their cache tags in a header, and a change purges its tags and its pages' addresses, received
here by a loopback HTTP server standing in for the CDN's purge endpoint."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from wagtail.models import PageViewRestriction

from site_pages import cache_tags
from site_pages import models as m
from tests import factories as f

QUERY = "{ chapters { edges { node { title } } } }"


@pytest.fixture
def purge_server():
    """A loopback server that records every request it gets; shut down after the test."""
    received = []

    class Recorder(BaseHTTPRequestHandler):
        def record(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {name.lower(): value for name, value in self.headers.items()}
            received.append((self.command, self.path, headers, body))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"success": true, "errors": []}')

        do_PURGE = record
        do_POST = record

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def http_cdn(settings, purge_server):
    location, received = purge_server
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    return received


def purged_tags(received, header="xkey-purge"):
    return {
        tag
        for method, path, headers, _body in received
        if method == "PURGE" and path == "/" and header in headers
        for tag in headers[header].split()
    }


def purged_paths(received):
    return {path for method, path, headers, _body in received if method == "PURGE" and path != "/"}


def test_publishing_purges_the_pages_tags_and_addresses(
    site_tree, http_cdn, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        site_tree.india.title = "India (ISCA)"
        site_tree.india.save_revision().publish()
    tags = purged_tags(http_cdn)
    assert cache_tags.page_tag(site_tree.india.translation_key) in tags
    assert "list:site_pages.chapterpage" in tags
    assert "/en/chapters/india/" in purged_paths(http_cdn)
    hosts = {headers["host"] for method, path, headers, _ in http_cdn if path != "/"}
    assert hosts == {"localhost"}


def test_a_snippet_save_purges_its_tags_only(
    site_tree, http_cdn, django_capture_on_commit_callbacks
):
    mentor = f.MentorFactory(name="Aiko Tanaka")
    http_cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        mentor.name = "Aiko Tanaka-Sato"
        mentor.save()
    assert purged_tags(http_cdn) == {cache_tags.object_tag(mentor), "list:site_pages.mentor"}
    assert purged_paths(http_cdn) == set()


def test_a_change_that_drops_everything_purges_everything(
    site_tree, http_cdn, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=site_tree.india, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    assert purged_tags(http_cdn) == {"all"}


def test_nothing_is_sent_before_the_change_is_committed(site_tree, http_cdn):
    # Without a commit (the test's transaction never commits), a CDN would fetch the old rows.
    site_tree.india.save_revision().publish()
    assert http_cdn == []


def test_cloudflare_purges_by_tag_through_its_api(
    site_tree, settings, purge_server, django_capture_on_commit_callbacks
):
    location, received = purge_server
    settings.WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": "zone-1",
            "BEARER_TOKEN": "token-1",
        }
    }
    settings.SAKURA_CACHE_TAGS = {**settings.SAKURA_CACHE_TAGS, "CLOUDFLARE_API_URL": location}
    contact = m.NetworkContact.objects.create(
        locale=site_tree.home.locale, name="Secretariat", contact_email="office@example.org"
    )
    received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contact.contact_phone = "+81 3 5214 0088"
        contact.save()
    ((method, path, headers, body),) = received
    assert (method, path) == ("POST", "/zones/zone-1/purge_cache")
    assert headers["authorization"] == "Bearer token-1"
    assert set(json.loads(body)["tags"]) == {
        cache_tags.object_tag(contact),
        "list:site_pages.networkcontact",
    }


def header_tags(response, name="Surrogate-Key"):
    separator = "," if name == "Cache-Tag" else " "
    return set(response[name].split(separator))


def test_public_answers_name_their_tags(client, site_tree):
    india = cache_tags.page_tag(site_tree.india.translation_key)
    for _ in range(2):  # fresh, then kept
        page = client.get(site_tree.india.url)
        assert {india, "all"} <= header_tags(page)
        api = client.get("/graphql/", {"query": QUERY})
        assert {india, "list:site_pages.chapterpage", "all"} <= header_tags(api)


def test_the_header_name_and_length_come_from_settings(client, site_tree, settings):
    settings.SAKURA_CACHE_TAGS = {
        **settings.SAKURA_CACHE_TAGS,
        "HEADER": "Cache-Tag",
        "MAX_HEADER_LENGTH": 60,
    }
    api = client.get("/graphql/", {"query": QUERY})
    assert "Surrogate-Key" not in api
    tags = header_tags(api, "Cache-Tag")
    # Too long for 60 characters: single pages are named by their kind, still purged by any
    # change of a page.
    assert "list:wagtailcore.page" in tags
    assert not any(tag.startswith("page:") for tag in tags)
    # Still purged by a change that drops everything.
    assert "all" in tags


def test_personal_answers_name_no_tags(client, site_tree, users):
    client.force_login(users["india_editor"])
    assert "Surrogate-Key" not in client.get(site_tree.india.url)
    assert "Surrogate-Key" not in client.get("/graphql/", {"query": QUERY})


def test_one_transaction_is_one_purge(site_tree, http_cdn, django_capture_on_commit_callbacks):
    """A chapter published with its coordinators saves a row each: the CDN hears once."""
    chapter = m.ChapterPage.objects.get(pk=site_tree.india.pk)
    for name in ("Ravi", "Meera", "Arjun"):
        chapter.coordinators.add(
            m.ChapterCoordinator(
                person=f.PersonFactory(name=name), role="coordinator", term_start=2020
            )
        )
    http_cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        chapter.save_revision().publish()
    tag_purges = [r for r in http_cdn if r[0] == "PURGE" and r[1] == "/"]
    assert len(tag_purges) == 1
    assert cache_tags.page_tag(chapter.translation_key) in purged_tags(http_cdn)
