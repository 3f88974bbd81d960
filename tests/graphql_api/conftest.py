"""Helpers for GraphQL tests: run a query over HTTP, read its answer, and compare SQL counts across
sizes."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def post_query(client, query, variables=None, **headers):
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        **headers,
    )
    return response


def objects_in(answer):
    """Every JSON object in a GraphQL answer, each before the objects inside it (document
    order)."""
    if isinstance(answer, dict):
        yield answer
        for item in answer.values():
            yield from objects_in(item)
    elif isinstance(answer, list):
        for item in answer:
            yield from objects_in(item)


@pytest.fixture
def gql(db, client):
    """Run a query and return its JSON body; fails on a non-200 answer."""

    def run(query, **variables):
        response = post_query(client, query, variables)
        assert response.status_code == 200, response.content
        return response.json()

    return run


def data_of(response):
    """The data of an answer that must have succeeded: HTTP 200 and no GraphQL errors."""
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


@pytest.fixture
def gql_data(db, client):
    """Run a query that must succeed and return its data."""

    def run(query, **variables):
        return data_of(post_query(client, query, variables))

    return run


class QueryCount:
    def __init__(self, client):
        self.client = client

    def measure(self, query, variables=None):
        with CaptureQueriesContext(connection) as captured:
            response = post_query(self.client, query, variables)
        body = response.json()
        assert "errors" not in body, body.get("errors")
        return len(captured.captured_queries), [q["sql"] for q in captured.captured_queries], body

    def compare(self, add, query, expected, items, sizes, variables=None):
        """``add()`` one item, measure ``query``; add nine more, measure again. Both counts must
        be ``expected`` and ``items(body)`` must be ``sizes`` (with one item, with ten)."""
        add()
        self.measure(query, variables)  # warm: renditions are made on first use
        small = self.measure(query, variables)
        for _ in range(9):
            add()
        self.measure(query, variables)
        large = self.measure(query, variables)
        self.assert_count(expected, small, large)
        assert (items(small[2]), items(large[2])) == sizes
        return small, large

    def assert_count(self, expected, small, large):
        """``small`` and ``large`` are (count, sql, body) from ``measure``: both must have run
        ``expected`` queries; fail with both SQL listings otherwise."""
        if small[0] == large[0] == expected:
            return
        listing = "\n".join(
            [f"--- small ({small[0]} queries)", *small[1], f"--- large ({large[0]})", *large[1]]
        )
        pytest.fail(
            f"expected {expected} queries, got {small[0]} (small) and {large[0]} (large)\n{listing}"
        )

    def assert_same(self, small, large):
        """``small`` and ``large`` are (count, sql, body) from ``measure``; fail with both SQL
        listings when the counts differ."""
        if small[0] != large[0]:
            listing = "\n".join(
                [
                    f"--- small ({small[0]} queries)",
                    *small[1],
                    f"--- large ({large[0]} queries)",
                    *large[1],
                ]
            )
            pytest.fail(f"SQL count grows with result size: {small[0]} != {large[0]}\n{listing}")


@pytest.fixture
def query_count(client, settings):
    # Measure execution: with the response cache on, a repeated query would run no SQL at all.
    settings.SAKURA_RESPONSE_CACHE = {**settings.SAKURA_RESPONSE_CACHE, "TIMEOUT": 0}
    return QueryCount(client)
