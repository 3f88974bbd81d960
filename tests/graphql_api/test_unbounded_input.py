"""Whatever a client sends, errors never echo it back unbounded (issue 9: a 1 MB `locale` came
back twice in the error)."""

import json

import pytest

from tests.graphql_api.conftest import post_query

pytestmark = pytest.mark.django_db

HUGE = "x" * 1_000_000


def test_a_huge_locale_is_refused_shortened(client):
    query = "query ($locale: Locale) { chapters(locale: $locale) { totalCount } }"
    response = post_query(client, query, {"locale": HUGE})
    assert response.status_code == 200
    body = response.json()
    [error] = body["errors"]
    assert error["extensions"] == {"code": "UNKNOWN_LOCALE"}
    assert error["message"].startswith("Variable '$locale' has invalid value")
    assert len(response.content) < 2_000


def test_a_huge_value_of_the_wrong_type_is_not_echoed(client):
    query = "query ($first: Int) { chapters(first: $first) { totalCount } }"
    response = post_query(client, query, {"first": HUGE})
    body = response.json()
    assert body["errors"]
    assert len(json.dumps(body)) < 2_000


def test_a_huge_list_of_unknown_page_types_is_not_echoed(client):
    query = 'query ($types: [PageType!]) { search(query: "reunion", types: $types) { totalCount } }'
    response = post_query(client, query, {"types": [HUGE]})
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert len(json.dumps(body)) < 2_000
