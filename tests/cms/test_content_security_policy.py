"""Content-Security-Policy: the site's (no inline script or style), the API's (nothing at all),
and none on the Wagtail admin or on GraphiQL in DEBUG, which both still work."""

import json
import re

import pytest
from csp.middleware import CSPMiddleware
from django.test import RequestFactory
from django.urls import reverse

from graphql_api.views import graphql_view
from tests import factories as f
from tests.conftest import publish

HEADER = "Content-Security-Policy"
QUERY = "{ __typename }"


def policy(response):
    """The response's policy as {directive: [sources]}."""
    assert HEADER in response, f"no {HEADER} on {response.request['PATH_INFO']}"
    parts = [part.strip().split() for part in response[HEADER].split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def inline_scripts(html):
    """Script elements a browser would run without a src (JSON data blocks are not run)."""
    return [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html, re.IGNORECASE)
        if "src=" not in tag and 'type="application/json"' not in tag
    ]


def assert_no_inline_code(html):
    assert not inline_scripts(html)
    assert not re.search(r"<style\b", html, re.IGNORECASE), "inline <style>"
    assert not re.search(r"\sstyle=", html, re.IGNORECASE), "inline style attribute"
    assert not re.search(r"\son[a-z]+=", html, re.IGNORECASE), "inline event handler"


def assert_site_policy(response):
    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response[HEADER] and "'unsafe-eval'" not in response[HEADER]


@pytest.fixture
def pages(site_tree):
    event = publish(f.EventPageFactory(parent=site_tree.india, title="3rd India reunion"))
    return [site_tree.home, site_tree.india, event, site_tree.events]


@pytest.mark.django_db
def test_site_pages_carry_the_policy_and_run_no_inline_code(client, pages):
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200
        assert_site_policy(response)
        assert_no_inline_code(response.content.decode())
    for address in ("/en/search/?q=reunion", "/en/no-such-page/", "/en/feeds/events/"):
        response = client.get(address)
        assert_site_policy(response)


@pytest.mark.django_db
def test_an_editors_view_of_the_site_with_the_userbar_runs_no_inline_script(client, users, pages):
    client.force_login(users["secretariat"])
    response = client.get(pages[1].url)
    html = response.content.decode()
    assert "wagtail-userbar" in html
    assert not inline_scripts(html)
    assert_site_policy(response)


def broken(*args):
    raise RuntimeError("a bug in a view")


@pytest.mark.django_db
def test_the_error_page_carries_the_policy_and_no_inline_code(client, site_tree, monkeypatch):
    monkeypatch.setattr("site_pages.search.search_scope", broken)
    client.raise_request_exception = False
    response = client.get("/en/search/?q=reunion")
    assert response.status_code == 500
    assert_site_policy(response)
    assert_no_inline_code(response.content.decode())


API_POLICY = {
    "default-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}


@pytest.mark.django_db
def test_api_answers_carry_the_strict_policy(client):
    post = client.post("/graphql/", json.dumps({"query": QUERY}), "application/json")
    get = client.get("/graphql/", {"query": QUERY})
    error = client.post("/graphql/", "{", "application/json")
    for response in (post, get, error):
        assert policy(response) == API_POLICY
    assert post.json() == get.json() == {"data": {"__typename": "Query"}}
    assert error.status_code == 400


@pytest.mark.django_db
def test_the_admin_has_no_policy_and_still_works(client, users, site_tree):
    client.force_login(users["secretariat"])
    for address in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[site_tree.india.pk]),
        reverse("wagtailadmin_explore", args=[site_tree.home.pk]),
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        assert HEADER not in response, address


def through_middleware(view, request):
    return CSPMiddleware(view)(request)


# The JSON answer is kept in the response cache, which reads the next scheduled publish.
@pytest.mark.django_db
def test_graphiql_in_debug_is_served_without_a_policy(settings):
    settings.DEBUG = True
    view = graphql_view()
    browser = RequestFactory().get("/graphql/", HTTP_ACCEPT="text/html")
    page = through_middleware(view, browser)
    assert page.status_code == 200 and b"graphiql" in page.content.lower()
    assert HEADER not in page
    # The same view's JSON answers keep the API's policy.
    answer = through_middleware(view, RequestFactory().get("/graphql/", {"query": QUERY}))
    assert answer.status_code == 200
    assert policy(answer) == API_POLICY
