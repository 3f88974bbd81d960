"""Automatic persisted queries as Apollo Client's link speaks them: the hash alone, then the
document with its hash once, then the hash alone by GET, cacheable by URL."""

import hashlib
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

QUERY = "query Chapters { chapters { edges { node { title } } } }"
DIGEST = hashlib.sha256(QUERY.encode()).hexdigest()


def persisted(digest=DIGEST, version=1):
    return {"persistedQuery": {"version": version, "sha256Hash": digest}}


def post(client, body):
    response = client.post("/graphql/", json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    return response


def get(client, extensions, **parameters):
    return client.get("/graphql/", {"extensions": json.dumps(extensions), **parameters})


def only_error(response):
    (error,) = response.json()["errors"]
    return error


def test_the_hash_alone_is_unknown_until_the_document_is_sent_once(client, site_tree):
    missing = post(client, {"extensions": persisted()})
    error = only_error(missing)
    assert error == {
        "message": "PersistedQueryNotFound",
        "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
    }
    assert "public" not in missing["Cache-Control"]

    registered = post(client, {"query": QUERY, "extensions": persisted()})
    titles = [e["node"]["title"] for e in registered.json()["data"]["chapters"]["edges"]]
    assert titles == ["India", "Indonesia"]

    by_hash = post(client, {"extensions": persisted()})
    assert by_hash.json() == registered.json()


def test_a_get_with_the_hash_alone_is_cacheable_by_url(client, site_tree):
    post(client, {"query": QUERY, "extensions": persisted()})
    first = get(client, persisted(), operationName="Chapters")
    assert first.status_code == 200
    assert "errors" not in first.json()
    assert "public" in first["Cache-Control"]
    assert (
        client.get(first.wsgi_request.get_full_path(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 304
    )
    # The server's own response cache answers the same hash without running the query.
    with CaptureQueriesContext(connection) as queries:
        again = get(client, persisted(), operationName="Chapters")
    assert again.content == first.content
    assert len(again.json()["data"]["chapters"]["edges"]) == 2
    assert len(queries) == 0, [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (
            {"query": "{ chapters { totalCount } }", "extensions": persisted()},
            "PERSISTED_QUERY_HASH_MISMATCH",
        ),
        ({"extensions": persisted(version=2)}, "PERSISTED_QUERY_NOT_SUPPORTED"),
        ({"extensions": persisted(digest="not-a-hash")}, "PERSISTED_QUERY_INVALID"),
        ({"extensions": {"persistedQuery": "yes"}}, "PERSISTED_QUERY_NOT_SUPPORTED"),
    ],
    ids=["mismatch", "version", "malformed-hash", "not-an-object"],
)
def test_malformed_persisted_queries_are_clear_errors(client, site_tree, body, code):
    response = post(client, body)
    assert only_error(response)["extensions"]["code"] == code
    assert "data" not in response.json()
    # Nothing was registered under a hash that does not match its document.
    assert only_error(post(client, {"extensions": persisted()}))["extensions"]["code"] == (
        "PERSISTED_QUERY_NOT_FOUND"
    )
