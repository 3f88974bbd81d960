"""Readers' search text is words, never query syntax: characters the search backends read as
syntax (SQLite FTS5) or refuse (PostgreSQL) answer results or nothing, on the site and in the
API, never a server error."""

import pytest

from tests import factories as f
from tests.conftest import publish
from tests.graphql_api.conftest import post_query

pytestmark = pytest.mark.django_db

AWKWARD = [
    '"',
    '""',
    '"reunion',
    'reunion"',
    'ti"es',
    "*",
    "reunion*",
    "^reunion",
    "(reunion",
    "reunion)",
    "title:reunion",
    "-reunion",
    "+reunion",
    "'",
    "\\",
    "AND",
    "reunion OR",
    "NOT reunion",
    "NEAR(reunion",
    "%_",
    "{reunion}",
    "[reunion",
    "reunion\x00",
    "\x00",
]
SEARCH = """
query ($query: String!) {
  search(query: $query, locale: EN) { edges { node { title } } }
}
"""


@pytest.fixture
def reunion(site_tree):
    return publish(f.EventPageFactory(parent=site_tree.india, title="Ties reunion"))


@pytest.mark.parametrize("text", AWKWARD)
def test_the_site_search_answers_awkward_text(client, reunion, text):
    response = client.get("/en/search/", {"q": text})
    assert response.status_code == 200


@pytest.mark.parametrize("text", AWKWARD)
def test_the_api_search_answers_awkward_text(client, reunion, text):
    body = post_query(client, SEARCH, {"query": text}).json()
    if "errors" in body:
        # Text with no word at all is the client's mistake, said as such.
        assert [error["extensions"]["code"] for error in body["errors"]] == ["INVALID_ARGUMENT"]
        assert body["errors"][0]["message"] == "`query` must contain at least one word."
    else:
        assert isinstance(body["data"]["search"]["edges"], list)


def test_words_around_the_syntax_are_still_found_on_both_faces(client, reunion):
    assert "Ties reunion" in client.get("/en/search/", {"q": '"reunion"'}).content.decode()
    body = post_query(client, SEARCH, {"query": '"reunion"'}).json()
    assert [edge["node"]["title"] for edge in body["data"]["search"]["edges"]] == ["Ties reunion"]
