"""The committed SDL is the clients' contract: it must match the code and document itself."""

from pathlib import Path

import pytest
from django.conf import settings
from graphql import GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType
from strawberry.printer import print_schema

from graphql_api.schema import schema

SDL = Path(__file__).resolve().parents[2] / "graphql_api" / "schema.graphql"
BUILT_IN = {"String", "Int", "Boolean", "ID", "Float", "Query", "Mutation"}


def test_committed_schema_is_up_to_date():
    assert SDL.read_text(encoding="utf-8") == print_schema(schema), (
        "graphql_api/schema.graphql is stale: run `make schema` and commit the result."
    )


def test_every_type_and_field_has_a_description():
    missing = []
    for name, graphql_type in schema._schema.type_map.items():
        if name.startswith("__"):
            continue
        if name not in BUILT_IN and not graphql_type.description:
            missing.append(name)
        if isinstance(
            graphql_type, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType
        ):
            missing += [
                f"{name}.{field_name}"
                for field_name, field in graphql_type.fields.items()
                if not field.description
            ]
    assert missing == []


def test_every_argument_has_a_description():
    missing = [
        f"{name}.{field_name}({argument_name})"
        for name, graphql_type in schema._schema.type_map.items()
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType)
        and not name.startswith("__")
        for field_name, field in graphql_type.fields.items()
        for argument_name, argument in field.args.items()
        if not argument.description
    ]
    assert missing == []


# --- the Locale enum ---------------------------------------------------------------------------


def test_the_locale_enum_has_a_value_for_every_content_language():
    from graphql_api.core.locale import Locale

    assert {member.name: member.value for member in Locale} == {
        code.upper().replace("-", "_"): code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }
    assert Locale["ZH_HANS"].value == "zh-hans"


@pytest.mark.parametrize(
    ("languages", "says"),
    [
        ([("en", "English"), ("1x", "Digits first")], "makes no GraphQL enum value"),
        ([("en", "English"), ("sr@latin", "Serbian")], "makes no GraphQL enum value"),
        ([("zh-hans", "Chinese"), ("zh_hans", "Chinese again")], "both make"),
    ],
)
def test_a_language_code_without_an_enum_value_is_a_configuration_error(languages, says):
    from django.core.exceptions import ImproperlyConfigured

    from graphql_api.core.locale import locale_enum

    with pytest.raises(ImproperlyConfigured, match=says):
        locale_enum(languages)


def test_other_language_codes_make_enum_values():
    from graphql_api.core.locale import locale_enum

    enum = locale_enum([("en", "English"), ("sr-latn", "Serbian"), ("pt-br", "Portuguese")])
    assert [member.name for member in enum] == ["EN", "SR_LATN", "PT_BR"]
