"""CORS on `/graphql/` (django-cors-headers): a web front end on an allowed origin may call the
API from the browser, without credentials; any other origin gets no CORS header at all."""

import json

import pytest

from tests.settings_process import settings_read

ALLOWED = "https://app.example.org"
QUERY = "{ chapters { totalCount } }"


@pytest.fixture(autouse=True)
def allowed_origins(settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED]


def preflight(client, origin, path="/graphql/"):
    return client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )


@pytest.mark.django_db
def test_preflight_from_an_allowed_origin_is_answered(client):
    response = preflight(client, ALLOWED)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    methods = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert {"GET", "POST"} <= methods
    assert "content-type" in response["Access-Control-Allow-Headers"].lower()
    # No credentials: cookies of the site never ride along with a cross-origin call.
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.django_db
def test_simple_get_and_post_from_an_allowed_origin(client, site_tree):
    get = client.get("/graphql/", {"query": QUERY}, HTTP_ORIGIN=ALLOWED)
    assert get.status_code == 200
    assert get["Access-Control-Allow-Origin"] == ALLOWED
    assert "origin" in get["Vary"].lower()
    post = client.post(
        "/graphql/", json.dumps({"query": QUERY}), "application/json", HTTP_ORIGIN=ALLOWED
    )
    assert post.json() == {"data": {"chapters": {"totalCount": 2}}}
    assert post["Access-Control-Allow-Origin"] == ALLOWED
    assert "Access-Control-Allow-Credentials" not in post


@pytest.mark.django_db
def test_refused_origin_gets_no_cors_headers(client, site_tree):
    response = preflight(client, "https://evil.example.net")
    assert "Access-Control-Allow-Origin" not in response
    get = client.get("/graphql/", {"query": QUERY}, HTTP_ORIGIN="https://evil.example.net")
    assert "Access-Control-Allow-Origin" not in get


@pytest.mark.django_db
def test_site_pages_are_not_opened_to_other_origins(client, site_tree):
    response = client.get("/en/", HTTP_ORIGIN=ALLOWED)
    assert "Access-Control-Allow-Origin" not in response


def origins_of(module, **env):
    """CORS_ALLOWED_ORIGINS as a fresh interpreter reads it from the environment."""
    return settings_read(
        "settings.CORS_ALLOWED_ORIGINS", module=module, env=env, unset=["CORS_ALLOWED_ORIGINS"]
    )


def test_make_run_allows_the_documented_local_front_end():
    assert "http://localhost:3000" in origins_of("cms.settings.dev")


def test_origins_come_from_the_environment():
    env = {"CORS_ALLOWED_ORIGINS": "https://a.example.org, https://b.example.org"}
    assert origins_of("cms.settings.dev", **env) == [
        "https://a.example.org",
        "https://b.example.org",
    ]
    # Outside development nothing is allowed unless configured.
    assert origins_of("cms.settings.test") == []
