"""The `/graphql/` endpoint over HTTP (graphql_api/views.py): what it accepts, and a clear
4xx, never a 500, for every request it cannot run."""

import json
from urllib.parse import urlencode

import pytest
from django.test import Client, RequestFactory

from graphql_api.views import graphql_view
from tests.graphql_api.conftest import post_query

URL = "/graphql/"
QUERY = "{ chapters { totalCount } }"


def post(client, body, content_type="application/json"):
    return client.generic("POST", URL, body, content_type=content_type)


def get(client, **params):
    return client.get(f"{URL}?{urlencode(params)}", HTTP_ACCEPT="application/json")


CODES = {400: "BAD_REQUEST", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}


def assert_refused(response, message, status=400):
    """A client error, not a crash: the reason in the GraphQL response format, with a code."""
    assert response.status_code == status, (response.status_code, response.content)
    assert response["Content-Type"] == "application/json"
    (error,) = json.loads(response.content)["errors"]
    assert message in error["message"]
    assert error["extensions"] == {"code": CODES[status]}


# --- What works -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_post_runs_a_query(client, site_tree):
    response = post_query(client, QUERY)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"data": {"chapters": {"totalCount": 2}}}


@pytest.mark.django_db
def test_post_with_charset_and_null_fields(client, site_tree):
    body = json.dumps({"query": QUERY, "variables": None, "operationName": None})
    response = post(client, body, "application/json; charset=utf-8")
    assert response.json() == {"data": {"chapters": {"totalCount": 2}}}


@pytest.mark.django_db
def test_get_runs_a_query(client, site_tree):
    response = get(client, query=QUERY)
    assert response.status_code == 200
    assert response.json() == {"data": {"chapters": {"totalCount": 2}}}


@pytest.mark.django_db
def test_get_takes_variables_and_an_operation_name(client, site_tree):
    response = get(
        client,
        query="query Other { __typename } "
        "query One($slug: String!) { chapter(slug: $slug) { title } }",
        variables=json.dumps({"slug": "india"}),
        operationName="One",
    )
    assert response.json() == {"data": {"chapter": {"title": "India"}}}


@pytest.mark.django_db
def test_post_needs_no_csrf_token(site_tree):
    client = Client(enforce_csrf_checks=True)
    response = post_query(client, QUERY)
    assert response.status_code == 200
    assert response.json() == {"data": {"chapters": {"totalCount": 2}}}


# --- Batching and operation types -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body", [[{"query": QUERY}], [{"query": QUERY}, {"query": QUERY}], [], [1], ["x"]]
)
def test_batching_is_off(client, body):
    assert_refused(post(client, json.dumps(body)), "Batching is not enabled")


@pytest.mark.django_db
def test_get_never_runs_a_mutation(client):
    # 405, as the GraphQL-over-HTTP spec asks, naming the method that may carry a mutation.
    response = get(client, query="mutation { __typename }")
    assert_refused(response, "mutations are not allowed", status=405)
    assert response["Allow"] == "POST"


@pytest.mark.django_db
def test_get_refuses_a_mutation_chosen_by_operation_name(client):
    response = get(
        client,
        query="query Read { __typename } mutation Write { __typename }",
        operationName="Write",
    )
    assert_refused(response, "mutations are not allowed", status=405)


@pytest.mark.django_db
def test_get_refuses_a_mutation_that_comes_first(client):
    # Without `operationName` the first operation runs, so that is the one checked.
    response = get(client, query="mutation Write { __typename } query Read { __typename }")
    assert_refused(response, "mutations are not allowed", status=405)


@pytest.mark.django_db
def test_post_runs_a_mutation(client):
    response = post_query(client, "mutation { __typename }")
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Mutation"}}


@pytest.mark.django_db
def test_subscriptions_are_not_served(client):
    response = post_query(client, "subscription { __typename }")
    assert response.json()["errors"][0]["message"] == (
        "The subscription operation is not supported by the schema."
    )


@pytest.mark.django_db
@pytest.mark.parametrize("operation_name", ["Missing", 5, ["Read"]])
def test_unknown_operation_name_is_refused(client, operation_name):
    body = json.dumps({"query": "query Read { __typename }", "operationName": operation_name})
    assert_refused(post(client, body), "Unknown operation named")


# --- Bad requests: each a 4xx with a reason, never a 500 ------------------------------------


BAD_POSTS = [
    # (id, body, content type, reason)
    ("malformed JSON", "{nope", "application/json", "Unable to parse request body as JSON"),
    ("truncated JSON", '{"query": "{ __typename }"', "application/json", "Unable to parse"),
    ("JSON nested too deeply", "[" * 100_000, "application/json", "Unable to parse"),
    ("not UTF-8", b'{"query": "\xff\xfe"}', "application/json", "UTF-8"),
    ("plain text", '{"query": "{ __typename }"}', "text/plain", "Unsupported content type"),
    ("GraphQL text", "{ __typename }", "application/graphql", "Unsupported content type"),
    ("form", "query=%7B__typename%7D", "application/x-www-form-urlencoded", "Unsupported"),
    # Multipart is the GraphQL multipart request spec (uploads): one without `operations`.
    ("multipart", "--x--", "multipart/form-data; boundary=x", "No GraphQL query found"),
    ("no content type", '{"query": "{ __typename }"}', "", "Unsupported content type"),
    ("body is a string", '"{ __typename }"', "application/json", "must be a JSON object"),
    ("body is a number", "42", "application/json", "must be a JSON object"),
    ("body is null", "null", "application/json", "must be a JSON object"),
    ("body is true", "true", "application/json", "must be a JSON object"),
    ("no query", '{"variables": {}}', "application/json", "No GraphQL query found"),
    ("empty object", "{}", "application/json", "No GraphQL query found"),
    ("null query", '{"query": null}', "application/json", "No GraphQL query found"),
    ("empty query", '{"query": ""}', "application/json", "No GraphQL query found"),
    ("query is a number", '{"query": 5}', "application/json", "`query` must be a string"),
    ("query is a list", '{"query": ["{ a }"]}', "application/json", "`query` must be a string"),
    ("query is an object", '{"query": {"a": 1}}', "application/json", "`query` must be"),
    (
        "variables are a list",
        '{"query": "{ __typename }", "variables": [1]}',
        "application/json",
        "`variables` must be an object",
    ),
    (
        "variables are a string",
        '{"query": "{ __typename }", "variables": "{}"}',
        "application/json",
        "`variables` must be an object",
    ),
    (
        "extensions are a list",
        '{"query": "{ __typename }", "extensions": []}',
        "application/json",
        "`extensions` must be an object",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [case[1:] for case in BAD_POSTS],
    ids=[case[0] for case in BAD_POSTS],
)
def test_bad_post_is_a_400_with_a_reason(client, body, content_type, reason):
    assert_refused(post(client, body, content_type), reason)


@pytest.mark.django_db
def test_empty_post_is_a_400(client):
    # Django's test client posts an empty multipart form.
    assert_refused(client.post(URL), "No GraphQL query found")


@pytest.mark.django_db
def test_empty_json_post_is_a_400(client):
    response = client.generic("POST", URL, b"", CONTENT_TYPE="application/json")
    assert_refused(response, "Unable to parse request body as JSON")


BAD_GETS = [
    ("no query", {}, "No GraphQL query found"),
    ("empty query", {"query": ""}, "No GraphQL query found"),
    ("malformed variables", {"query": QUERY, "variables": "{nope"}, "Unable to parse"),
    ("variables nested too deeply", {"query": QUERY, "variables": "[" * 5000}, "Unable to parse"),
    ("variables are a list", {"query": QUERY, "variables": "[1]"}, "`variables` must be"),
    # As in Strawberry: an empty `variables=` is a string, not "no variables".
    ("variables are empty", {"query": QUERY, "variables": ""}, "`variables` must be"),
    ("variables are a number", {"query": QUERY, "variables": "5"}, "`variables` must be"),
    ("extensions are a string", {"query": QUERY, "extensions": '"x"'}, "`extensions` must be"),
    ("malformed extensions", {"query": QUERY, "extensions": "{"}, "Unable to parse"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "reason"), [case[1:] for case in BAD_GETS], ids=[case[0] for case in BAD_GETS]
)
def test_bad_get_is_a_400_with_a_reason(client, params, reason):
    assert_refused(get(client, **params), reason)


@pytest.mark.django_db
def test_get_with_null_or_empty_variables_still_runs(client):
    for variables in ("null", "{}"):
        response = get(client, query="{ __typename }", variables=variables)
        assert response.json() == {"data": {"__typename": "Query"}}, variables


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_a_405(client, method):
    response = getattr(client, method)(URL, json.dumps({"query": QUERY}), "application/json")
    assert_refused(response, "GraphQL only supports GET and POST requests.", status=405)
    assert response["Allow"] == "GET, POST"


@pytest.mark.django_db
@pytest.mark.parametrize("method", [post_query, lambda client, query: get(client, query=query)])
def test_several_operations_need_an_operation_name(client, method):
    response = method(client, "query Other { __typename } query Mine { chapters { totalCount } }")
    assert response.status_code == 200
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "The document holds 2 operations: name the one to run with "
                "`operationName`.",
                "extensions": {"code": "OPERATION_NAME_REQUIRED"},
            }
        ],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("{ chapters(locale: XX) { totalCount } }", "Value 'XX' does not exist in 'Locale' enum."),
        # Gettext strings shared with the site, which has them in Japanese.
        ('{ page(previewToken: "forged") { title } }', "This preview token is not valid."),
        ("{ chapters(first: -1) { totalCount } }", "`first` must be zero or more."),
        ("{ nope }", "Cannot query field 'nope' on type 'Query'."),
    ],
)
def test_error_messages_are_english_whatever_the_browser_language(
    client, site_tree, query, message
):
    # The docs promise plain English; LocaleMiddleware would otherwise follow Accept-Language.
    for path in (URL, f"{URL}?lang=ja"):
        response = client.post(
            path,
            json.dumps({"query": query}),
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="ja",
            HTTP_COOKIE="django_language=ja",
        )
        (error,) = response.json()["errors"]
        assert error["message"].startswith(message), error


@pytest.mark.django_db
def test_a_host_outside_allowed_hosts_is_a_json_400(client, settings):
    # Django refuses it around the view (handler400): still in the API's form.
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get(f"{URL}?query={QUERY}", HTTP_HOST="elsewhere.example")
    assert_refused(response, "The Host header names no site")
    # The site keeps Django's own page.
    page = client.get("/en/", HTTP_HOST="elsewhere.example")
    assert page.status_code == 400
    assert page["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_more_parameters_than_django_reads_is_a_json_400(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    params = "&".join(f"p{i}=1" for i in range(11))
    response = client.get(f"{URL}?query={QUERY}&{params}", HTTP_ACCEPT="application/json")
    assert_refused(response, "more parameters than this endpoint reads")


# --- GraphiQL -------------------------------------------------------------------------------


def browser_get(view):
    return view(RequestFactory().get(URL, HTTP_ACCEPT="text/html,application/xhtml+xml"))


def test_graphiql_is_not_served_outside_debug(settings):
    settings.DEBUG = False
    response = browser_get(graphql_view())
    assert_refused(response, "Not Found", status=404)
    assert b"graphiql" not in response.content.lower()


@pytest.mark.django_db
def test_a_browser_gets_no_graphiql_from_the_site(client):
    # Django's LocaleMiddleware turns the view's 404 into a redirect to /en/graphql/, which
    # is no page either.
    response = client.get(URL, HTTP_ACCEPT="text/html", follow=True)
    assert response.status_code == 404
    assert b"graphiql" not in response.content.lower()


def test_graphiql_is_served_in_debug(settings):
    settings.DEBUG = True
    response = browser_get(graphql_view())
    assert response.status_code == 200
    assert b"graphiql" in response.content.lower()
