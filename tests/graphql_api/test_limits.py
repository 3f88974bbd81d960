"""Abuse limits (graphql_api/core/limits.py, core/connection.py): each rejection names its
limit, every value comes from ``settings.SAKURA_GRAPHQL``, and outside DEBUG the schema hides
itself (no introspection, no suggestions) and masks crashes."""

import base64

import pytest
from django.test import RequestFactory
from django.utils import timezone
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    SchemaExtension,
)

from graphql_api.core.context import RequestContext
from graphql_api.core.limits import (
    MASKED_MESSAGE,
    BoundedParserCache,
    BoundedValidationCache,
    HideSuggestions,
    schema_extensions,
)
from graphql_api.schema import build_schema, schema
from tests.graphql_api.conftest import post_query

CONNECTIONS = ["chapters", "events", "mentors", "mentorColumns", "memberVoices"]


def nested(depth):
    """A query whose deepest field sits at ``depth``: `page` counts 1, each `parent` one more."""
    selection = "id"
    for _ in range(depth - 1):
        selection = f"parent {{ {selection} }}"
    return f'{{ page(path: "chapters/india") {{ {selection} }} }}'


def aliased(count):
    return "{ " + " ".join(f"a{i}: __typename" for i in range(count)) + " }"


def tokens(count):
    """A valid query of exactly ``count`` tokens (count >= 12) as graphql-core counts them:
    braces, names and punctuation. Few repeats of any one field, so validation stays quick."""
    pieces, total = [], 2  # the outer braces
    while count - total >= 10:
        name = CONNECTIONS[len(pieces) % len(CONNECTIONS)]
        pieces.append(
            f"{name} {{ pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} }}"
        )
        total += 10
    pieces += ["__typename"] * (count - total)
    return "{ " + " ".join(pieces) + " }"


def messages(body):
    return [error["message"] for error in body.get("errors", [])]


def one_error(body):
    assert "errors" in body, body
    assert len(body["errors"]) == 1, body["errors"]
    return body["errors"][0]


def lower(settings, **values):
    """Replace (never mutate) the settings dict, so that pytest-django restores it."""
    settings.SAKURA_GRAPHQL = {**settings.SAKURA_GRAPHQL, **values}


def execute(graphql_schema, query, **variables):
    context = RequestContext(request=RequestFactory().get("/"))
    return graphql_schema.execute_sync(query, variable_values=variables, context_value=context)


@pytest.fixture(scope="module")
def debug_schema():
    return build_schema(True)


# --- Extensions: classes built per operation, caches bounded --------------------------------


@pytest.mark.parametrize("debug", [False, True])
def test_extensions_are_classes_not_shared_instances(debug):
    extensions = schema_extensions(debug)
    assert extensions
    for extension in extensions:
        assert isinstance(extension, type), f"{extension!r} is an instance shared by requests"
        assert issubclass(extension, SchemaExtension)


def test_introspection_and_masking_are_production_only():
    production, debug = schema_extensions(False), schema_extensions(True)
    for kind in (DisableIntrospection, MaskErrors, HideSuggestions):
        assert any(issubclass(extension, kind) for extension in production)
        assert not any(issubclass(extension, kind) for extension in debug)


def test_cache_sizes_follow_settings(settings):
    lower(settings, PARSER_CACHE_SIZE=7, VALIDATION_CACHE_SIZE=9)
    assert BoundedParserCache().cached_parse_document.cache_info().maxsize == 7
    assert BoundedValidationCache().cached_validate_document.cache_info().maxsize == 9


@pytest.mark.django_db
def test_a_repeated_query_is_parsed_and_validated_once(client, settings):
    # The depth and alias rules are part of the validation cache's key: made anew for each
    # operation, they made every lookup a miss. (Without kept answers, which skip both.)
    settings.SAKURA_RESPONSE_CACHE = {**settings.SAKURA_RESPONSE_CACHE, "TIMEOUT": 0}
    query = "{ cacheProbe: __typename }"
    parsed = BoundedParserCache().cached_parse_document
    validated = BoundedValidationCache().cached_validate_document
    post_query(client, query)
    parse_hits, validate_hits = parsed.cache_info().hits, validated.cache_info().hits
    assert post_query(client, query).json() == {"data": {"cacheProbe": "Query"}}
    assert parsed.cache_info().hits == parse_hits + 1
    assert validated.cache_info().hits == validate_hits + 1


# --- Depth ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_depth_up_to_the_limit_is_served(gql_data, site_tree):
    page = gql_data(nested(10))["page"]
    # India, then the chapter index, then the home page, which has no parent.
    assert page["parent"]["parent"]["parent"] is None


@pytest.mark.django_db
def test_depth_past_the_limit_is_refused_naming_it(gql):
    error = one_error(gql(nested(11)))
    assert "exceeds maximum operation depth of 10" in error["message"]
    assert error["extensions"] == {"code": "LIMIT_EXCEEDED", "limit": "depth", "max": 10}


@pytest.mark.django_db
def test_depth_counts_through_fragments(gql):
    query = (
        '{ page(path: "chapters/india") { ...Up } } '
        "fragment Up on Page { parent { parent { parent { parent { parent { ...Up2 } } } } } } "
        "fragment Up2 on Page { parent { parent { parent { parent { parent { id } } } } } }"
    )
    assert "exceeds maximum operation depth of 10" in one_error(gql(query))["message"]


@pytest.mark.django_db
def test_depth_limit_follows_settings(settings, gql, gql_data, site_tree):
    lower(settings, MAX_DEPTH=3)
    assert gql_data(nested(3))["page"]["parent"]["parent"] is not None
    assert "exceeds maximum operation depth of 3" in one_error(gql(nested(4)))["message"]


# --- Aliases --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_aliases_up_to_the_limit_are_served(gql_data):
    assert len(gql_data(aliased(15))) == 15


@pytest.mark.django_db
def test_aliases_past_the_limit_are_refused_naming_it(gql):
    error = one_error(gql(aliased(16)))
    assert error["message"] == "16 aliases found. Allowed: 15"
    assert error["extensions"] == {"code": "LIMIT_EXCEEDED", "limit": "aliases", "max": 15}


@pytest.mark.django_db
def test_aliases_in_fragments_count(gql):
    a_fields = " ".join(f"a{i}: __typename" for i in range(9))
    b_fields = " ".join(f"b{i}: __typename" for i in range(9))
    query = (
        f"{{ ...A ...B }} fragment A on Query {{ {a_fields} }} fragment B on Query {{ {b_fields} }}"
    )
    assert one_error(gql(query))["message"] == "18 aliases found. Allowed: 15"


@pytest.mark.django_db
def test_alias_limit_follows_settings(settings, gql, gql_data):
    lower(settings, MAX_ALIASES=2)
    assert len(gql_data(aliased(2))) == 2
    assert one_error(gql(aliased(3)))["message"] == "3 aliases found. Allowed: 2"


# --- Tokens ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_tokens_up_to_the_limit_are_served(gql_data):
    data = gql_data(tokens(2000))
    assert data["__typename"] == "Query"
    assert data["chapters"]["pageInfo"]["hasNextPage"] is False


@pytest.mark.django_db
def test_tokens_past_the_limit_are_refused_before_validation(gql):
    error = one_error(gql(tokens(2001)))
    assert error["message"] == (
        "Syntax Error: Document contains more than 2000 tokens. Parsing aborted."
    )
    assert error["extensions"] == {"code": "LIMIT_EXCEEDED", "limit": "tokens", "max": 2000}


@pytest.mark.django_db
def test_token_limit_follows_settings(settings, gql, gql_data):
    lower(settings, MAX_TOKENS=12)
    assert gql_data(tokens(12))["chapters"]["pageInfo"]["endCursor"] is None
    error = one_error(gql(tokens(13)))
    assert "more than 12 tokens" in error["message"]
    assert error["extensions"]["max"] == 12


# --- Every error carries a code -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ chapters { totalCount }", "GRAPHQL_PARSE_FAILED"),
        ("{ nope }", "GRAPHQL_VALIDATION_FAILED"),
        ("query ($n: Int!) { chapters(first: $n) { totalCount } }", "GRAPHQL_VALIDATION_FAILED"),
        ("{ chapters(locale: XX) { totalCount } }", "UNKNOWN_LOCALE"),
    ],
    ids=["syntax", "unknown field", "missing variable", "client error"],
)
def test_every_error_carries_a_code(gql, query, code):
    assert one_error(gql(query))["extensions"]["code"] == code


# --- Page size and cursors ------------------------------------------------------------------


@pytest.mark.django_db
def test_page_size_past_the_limit_is_refused_naming_it(gql):
    error = one_error(gql("{ chapters(first: 101) { totalCount } }"))
    assert error["extensions"] == {"code": "LIMIT_EXCEEDED", "limit": "pageSize", "max": 100}
    assert "100" in error["message"]
    assert error["path"] == ["chapters"]


@pytest.mark.django_db
@pytest.mark.parametrize("field", CONNECTIONS)
def test_every_root_connection_caps_the_page_size(gql, gql_data, field):
    assert gql_data(f"{{ {field}(first: 100) {{ totalCount }} }}")[field]["totalCount"] == 0
    assert (
        one_error(gql(f"{{ {field}(first: 101) {{ totalCount }} }}"))["extensions"]["code"]
        == "LIMIT_EXCEEDED"
    )


@pytest.mark.django_db
def test_nested_connections_cap_the_page_size(gql, site_tree):
    body = gql('{ chapter(slug: "india") { events(first: 101) { totalCount } } }')
    error = one_error(body)
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert error["path"] == ["chapter", "events"]


@pytest.mark.django_db
def test_negative_page_size_is_refused(gql):
    error = one_error(gql("{ chapters(first: -1) { totalCount } }"))
    assert error["extensions"]["code"] == "INVALID_ARGUMENT"
    assert "`first`" in error["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "!!!",
        base64.urlsafe_b64encode(b"offset:-1").decode(),
        base64.urlsafe_b64encode(b"offset:x").decode(),
        base64.urlsafe_b64encode(b"page:3").decode(),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        # Past any list and what the database takes ("Unexpected error." before).
        base64.urlsafe_b64encode(b"offset:99999999999999999999").decode(),
        base64.urlsafe_b64encode(b"offset:2147483648").decode(),
        # Read by int() but never written by the API.
        base64.urlsafe_b64encode(b"offset: 5").decode(),
        base64.urlsafe_b64encode(b"offset:1_0").decode(),
        base64.urlsafe_b64encode("offset:١٢".encode()).decode(),
        base64.urlsafe_b64encode(b"offset:1").decode().rstrip("="),
        base64.urlsafe_b64encode(b"changes:2026-01-01T00:00:00+00:00|1").decode(),
        "\u00e9",
    ],
)
def test_bad_cursor_is_an_invalid_argument(gql, cursor):
    error = one_error(
        gql("query($after: String) { chapters(after: $after) { totalCount } }", after=cursor)
    )
    assert error["extensions"] == {"code": "INVALID_ARGUMENT"}
    assert "endCursor" in error["message"]


@pytest.mark.django_db
def test_cursors_page_through_a_list(gql_data, site_tree):
    query = (
        "query($after: String) { chapters(first: 1, after: $after) { "
        "edges { node { slug } } pageInfo { endCursor hasNextPage } } }"
    )
    first = gql_data(query)["chapters"]
    assert [edge["node"]["slug"] for edge in first["edges"]] == ["india"]
    assert first["pageInfo"]["hasNextPage"] is True
    second = gql_data(query, after=first["pageInfo"]["endCursor"])["chapters"]
    assert [edge["node"]["slug"] for edge in second["edges"]] == ["indonesia"]
    assert second["pageInfo"]["hasNextPage"] is False


@pytest.mark.django_db
def test_page_size_limit_follows_settings(settings, gql, gql_data, site_tree):
    lower(settings, MAX_PAGE_SIZE=1, DEFAULT_PAGE_SIZE=20)
    error = one_error(gql("{ chapters(first: 2) { totalCount } }"))
    assert error["extensions"] == {"code": "LIMIT_EXCEEDED", "limit": "pageSize", "max": 1}
    assert "at most 1 " in error["message"]
    # Without `first`, the default page size is cut down to the limit.
    chapters = gql_data("{ chapters { edges { node { slug } } totalCount } }")["chapters"]
    assert len(chapters["edges"]) == 1
    assert chapters["totalCount"] == 2


# --- Introspection and suggestions ----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "{ __schema { queryType { name } } }",
        '{ __type(name: "Query") { fields { name } } }',
        "{ ...Hidden } fragment Hidden on Query { __schema { types { name } } }",
    ],
)
def test_introspection_is_off_in_production(gql, query):
    body = gql(query)
    assert body["data"] is None
    assert any("introspection has been disabled" in message for message in messages(body))


@pytest.mark.django_db
def test_typename_is_not_introspection(gql_data):
    assert gql_data("{ __typename }") == {"__typename": "Query"}


@pytest.mark.django_db
def test_introspection_is_on_in_debug(debug_schema):
    result = execute(debug_schema, "{ __schema { queryType { name } } }")
    assert result.errors is None
    assert result.data == {"__schema": {"queryType": {"name": "Query"}}}


SUGGESTED = [
    # (query, variables, what the message must still say, the suggestion it must not make)
    ("{ chapterz { totalCount } }", {}, "Cannot query field 'chapterz'", "chapters"),
    ("{ chapters(firts: 1) { totalCount } }", {}, "Unknown argument 'firts'", "'first'"),
    (
        "query($f: EventFormatt) { events(format: $f) { totalCount } }",
        {},
        "Unknown type 'EventFormatt'",
        "'EventFormat'",
    ),
    ("{ events(format: ONLIN) { totalCount } }", {}, "Value 'ONLIN' does not exist", "ONLINE"),
    (
        "query($f: EventFormat) { events(format: $f) { totalCount } }",
        {"f": "ONLIN"},
        "Value 'ONLIN' does not exist",
        "ONLINE",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "variables", "says", "suggests"), SUGGESTED)
def test_no_suggestions_in_production(gql, query, variables, says, suggests):
    body = gql(query, **variables)
    error = one_error(body)
    assert says in error["message"]
    assert "Did you mean" not in str(body)
    assert suggests not in error["message"].replace(says, "")


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "variables", "says", "suggests"), SUGGESTED)
def test_suggestions_in_debug(debug_schema, query, variables, says, suggests):
    result = execute(debug_schema, query, **variables)
    assert len(result.errors) == 1
    message = result.errors[0].message
    assert says in message
    assert "Did you mean" in message
    assert suggests in message


def test_suggestions_are_cut_also_from_cached_validation_results():
    # The validation cache hands back the same error objects: a second run must still see
    # them without suggestions (and the cutting must be harmless when repeated).
    query = "{ chapters(firstt: 1) { totalCount } }"
    for _ in range(2):
        result = execute(schema, query)
        assert [error.message for error in result.errors] == [
            "Unknown argument 'firstt' on field 'Query.chapters'."
        ]


# --- Error masking --------------------------------------------------------------------------


@pytest.fixture
def crashing_settings(monkeypatch):
    def crash(cls, site):
        raise RuntimeError("secret detail")

    monkeypatch.setattr("graphql_api.network.NetworkSettings.for_site", classmethod(crash))


@pytest.mark.django_db
def test_a_crash_is_masked_in_production(client, site_tree, crashing_settings):
    response = post_query(client, "{ settings { contactEmail } }")
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    assert body["errors"] == [
        {
            "message": MASKED_MESSAGE,
            "locations": [{"line": 1, "column": 3}],
            "path": ["settings"],
            "extensions": {"code": "INTERNAL_SERVER_ERROR"},
        }
    ]
    content = response.content.decode()
    for leak in ("secret detail", "RuntimeError", "Traceback", "stacktrace", "exception"):
        assert leak not in content


@pytest.mark.django_db
def test_a_crash_leaves_the_other_fields_answered(gql, site_tree, crashing_settings):
    body = gql('{ chapter(slug: "india") { title } settings { contactEmail } }')
    # `settings` is non-null, so its crash nulls the whole data; the error is still masked.
    assert messages(body) == [MASKED_MESSAGE]
    body = gql('{ chapter(slug: "india") { title } }')
    assert body == {"data": {"chapter": {"title": "India"}}}


@pytest.mark.django_db
def test_a_crash_is_shown_in_debug(debug_schema, site_tree, crashing_settings):
    result = execute(debug_schema, "{ settings { contactEmail } }")
    assert [error.message for error in result.errors] == ["secret detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ chapters(locale: XX) { totalCount } }", "UNKNOWN_LOCALE"),
        ("{ chapters(first: 101) { totalCount } }", "LIMIT_EXCEEDED"),
        ('{ chapters(after: "nope") { totalCount } }', "INVALID_ARGUMENT"),
    ],
)
def test_client_errors_are_not_masked(gql, query, code):
    error = one_error(gql(query))
    assert error["message"] != MASKED_MESSAGE
    assert error["extensions"]["code"] == code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("{ chapters(locale: XX) { totalCount } }", {}),
        # The language code as a string, as before `locale` was an enum.
        ('{ chapters(locale: "ja") { totalCount } }', {}),
        ("query($l: Locale) { chapters(locale: $l) { totalCount } }", {"l": "xx"}),
        ("query($l: Locale) { chapters(locale: $l) { totalCount } }", {"l": "ja"}),
    ],
)
def test_an_unknown_locale_is_refused_before_anything_runs(gql, query, variables):
    body = gql(query, **variables)
    assert body["data"] is None
    error = one_error(body)
    assert error["extensions"] == {"code": "UNKNOWN_LOCALE"}
    assert "'Locale'" in error["message"]


@pytest.mark.django_db
def test_a_locale_variable_of_another_type_is_a_validation_error(gql):
    query = "query($l: String) { chapters(locale: $l) { totalCount } }"
    error = one_error(gql(query, l="JA"))
    assert error["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert "expecting type 'Locale'" in error["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["search", "changes"])
def test_a_list_argument_longer_than_its_cap_is_refused_naming_it(gql, gql_data, field):
    from graphql_api.search import PageType

    every = [member.name for member in PageType]
    arguments = (
        'query: "reunion"' if field == "search" else f'since: "{timezone.now().isoformat()}"'
    )
    query = f"query($types: [PageType!]) {{ {field}({arguments}, types: $types) {{ totalCount }} }}"
    assert gql_data(query, types=every)[field]["totalCount"] == 0
    error = one_error(gql(query, types=[*every, every[0]]))
    assert error["extensions"] == {
        "code": "LIMIT_EXCEEDED",
        "limit": "listSize",
        "argument": "types",
        "max": len(every),
    }
    assert error["path"] == [field]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "variables", "says"),
    [
        ("{ chapters(first: 99999999999) { totalCount } }", {}, "non 32-bit signed integer"),
        (
            "query($n: Int) { chapters(first: $n) { totalCount } }",
            {"n": "ten"},
            "Int cannot represent non-integer value",
        ),
        ("{ chapters { totalCount }", {}, "Syntax Error"),
    ],
)
def test_syntax_and_validation_errors_are_not_masked(gql, query, variables, says):
    assert says in one_error(gql(query, **variables))["message"]
