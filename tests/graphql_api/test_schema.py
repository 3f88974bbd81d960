"""The committed SDL is the clients' contract: it must match the code and document itself."""

from pathlib import Path

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
