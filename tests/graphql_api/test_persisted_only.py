"""Persisted-only mode (SAKURA_GRAPHQL_PERSISTED_ONLY): the endpoint runs only the documents of
the committed list that ``manage.py register_persisted_queries`` writes from docs/graphql.md and
client files, by hash or sent in full; anything else is refused with a clear error before it
runs."""

import hashlib
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from graphql_api import registered_documents
from site_pages.management.commands.register_persisted_queries import GUIDE

CHAPTERS = "query Chapters { chapters { edges { node { title } } } }"
# Apollo Client sends the document as graphql-js prints it, with __typename added.
APOLLO_BODY = "query Mentors {\n  mentors {\n    edges {\n      node {\n        name\n        __typename\n      }\n      __typename\n    }\n    __typename\n  }\n}"  # noqa: E501
UNREGISTERED = "{ yearbooks { totalCount } }"


def sha(document):
    return hashlib.sha256(document.encode()).hexdigest()


def persisted(document):
    return {"persistedQuery": {"version": 1, "sha256Hash": sha(document)}}


def post(client, body):
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/graphql/", json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    return response.json(), len(queries)


@pytest.fixture
def registry(settings, tmp_path):
    """The list written by the command from the guide, a .graphql file and an Apollo manifest;
    persisted-only mode on."""
    client_file = tmp_path / "Chapters.graphql"
    client_file.write_text(CHAPTERS)
    manifest = tmp_path / "persisted-query-manifest.json"
    manifest.write_text(
        json.dumps(
            {
                "format": "apollo-persisted-query-manifest",
                "version": 1,
                "operations": [
                    {
                        "id": sha(APOLLO_BODY),
                        "name": "Mentors",
                        "type": "query",
                        "body": APOLLO_BODY,
                    }
                ],
            }
        )
    )
    output = tmp_path / "registered_documents.json"
    settings.SAKURA_GRAPHQL = {
        **settings.SAKURA_GRAPHQL,
        "REGISTERED_DOCUMENTS": output,
        "PERSISTED_ONLY": True,
    }
    out = io.StringIO()
    call_command("register_persisted_queries", str(client_file), str(manifest), stdout=out)
    assert f"registered in {output}" in out.getvalue()
    return json.loads(output.read_text())


def test_the_command_registers_the_guide_and_client_files(registry):
    sources = {entry["source"] for entry in registry.values()}
    assert "docs/graphql.md" in sources
    assert registry[sha(CHAPTERS)]["operations"] == ["Chapters"]
    assert registry[sha(APOLLO_BODY)]["document"] == APOLLO_BODY
    guide = GUIDE.read_text()
    for document in registered_documents.documents_in_markdown(guide):
        assert sha(document) in registry


def test_registered_documents_run_by_hash_or_in_full(client, site_tree, registry):
    by_hash, _ = post(client, {"extensions": persisted(CHAPTERS)})
    assert [e["node"]["title"] for e in by_hash["data"]["chapters"]["edges"]] == [
        "India",
        "Indonesia",
    ]
    respaced, _ = post(client, {"query": "query Chapters {chapters{edges{node{title}}}}"})
    assert respaced == by_hash
    apollo = client.get(
        "/graphql/", {"operationName": "Mentors", "extensions": json.dumps(persisted(APOLLO_BODY))}
    )
    assert apollo.status_code == 200
    assert apollo.json()["data"] == {"mentors": {"edges": [], "__typename": "MentorConnection"}}
    assert "public" in apollo["Cache-Control"]


@pytest.mark.parametrize(
    "body",
    [
        {"query": UNREGISTERED},
        {"extensions": persisted(UNREGISTERED)},
        {"query": UNREGISTERED, "extensions": persisted(UNREGISTERED)},
        {"query": 'mutation { askMentor(input: {name: "x"}) { errors { message } } }'},
    ],
    ids=["in-full", "by-hash", "apollo-registration", "mutation"],
)
def test_anything_else_is_refused_before_it_runs(client, site_tree, registry, body):
    answer, queries = post(client, body)
    (error,) = answer["errors"]
    assert error["extensions"]["code"] == "PERSISTED_QUERY_NOT_REGISTERED"
    assert "registered" in error["message"]
    assert "data" not in answer or answer["data"] is None
    assert queries == 0  # refused before any content is read


def test_without_the_mode_every_document_runs(client, site_tree, registry, settings):
    settings.SAKURA_GRAPHQL = {**settings.SAKURA_GRAPHQL, "PERSISTED_ONLY": False}
    answer, _ = post(client, {"query": UNREGISTERED})
    assert answer["data"] == {"yearbooks": {"totalCount": 0}}
    # Registered documents are found by hash even when no client sent them in full first.
    by_hash, _ = post(client, {"extensions": persisted(CHAPTERS)})
    assert "errors" not in by_hash


def test_a_document_the_schema_refuses_is_not_registered(tmp_path):
    broken = tmp_path / "Broken.graphql"
    broken.write_text("{ chapters { nope } }")
    with pytest.raises(CommandError, match=r"Broken\.graphql: Cannot query field 'nope'"):
        call_command(
            "register_persisted_queries",
            str(broken),
            "--no-docs",
            "--output",
            str(tmp_path / "out.json"),
            stdout=io.StringIO(),
        )


def test_the_mode_without_its_list_is_a_startup_error(settings, tmp_path):
    settings.SAKURA_GRAPHQL = {
        **settings.SAKURA_GRAPHQL,
        "PERSISTED_ONLY": True,
        "REGISTERED_DOCUMENTS": tmp_path / "missing.json",
    }
    (error,) = registered_documents.registry_exists()
    assert "would refuse every request" in error.msg
    settings.SAKURA_GRAPHQL = {**settings.SAKURA_GRAPHQL, "PERSISTED_ONLY": False}
    assert registered_documents.registry_exists() == []
