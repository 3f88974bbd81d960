"""Every ``graphql`` example in docs/graphql.md runs against the demo content and returns data.

The client guide promises that its examples work as written; this module keeps the promise.
Each fenced ``graphql`` block is one test case, named after the nearest heading above it, and a
``json`` block right after it (nothing but blank lines between) holds its variables. An example
passes when it answers HTTP 200 without errors and every root field of its answer holds
something: a non-empty list or connection, an object with values. An example that silently
returns nothing fails.

Page ids differ between installations, so the guide never hard-codes one: a variable of type
``ID`` is filled, as a client would, with the first ``id`` in the answer to the example just
before it. Likewise a ``DateTime`` variable the example leaves out (the ``since`` of
``changes``) is filled with the time of a sync an hour ago: the demo content was published
since then, within the changes the server keeps.

The examples must also cover every root field of the schema, queries and mutations, so a new
one cannot ship without an example.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from graphql import FieldNode, NamedTypeNode, OperationDefinitionNode, parse

from graphql_api.schema import schema
from tests.graphql_api.conftest import objects_in, post_query

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "graphql.md"
FENCE = re.compile(r"^```\s*([\w-]*)\s*$")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$")


@dataclass(frozen=True)
class Fence:
    language: str
    start: int  # line number of the opening fence, from 1
    end: int  # line number of the closing fence
    body: str
    heading: str


@dataclass(frozen=True)
class Example:
    index: int
    name: str
    line: int
    query: str
    variables: dict
    declared: frozenset  # variable names the operation declares
    id_variables: tuple  # those of type ID, filled from the answer before
    time_variables: tuple  # those of type DateTime, an hour ago unless given
    root_fields: frozenset
    root_arguments: frozenset  # (root field, argument name)


def fences(text):
    """Every fenced block of a Markdown text, with the heading it sits under."""
    found, heading, opened, body = [], "", None, []
    for number, line in enumerate(text.splitlines(), start=1):
        match = FENCE.match(line)
        if opened is not None:
            if match and not match.group(1):
                found.append(Fence(opened[0], opened[1], number, "\n".join(body), heading))
                opened, body = None, []
            else:
                body.append(line)
        elif match:
            opened = (match.group(1).lower(), number)
        elif title := HEADING.match(line):
            heading = title.group(1)
    assert opened is None, f"{GUIDE.name}: the fence opened on line {opened[1]} is never closed"
    return found


def slug(heading):
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-") or "top"


def named_type(type_node):
    while not isinstance(type_node, NamedTypeNode):
        type_node = type_node.type
    return type_node.name.value


def read_examples(text):
    lines = text.splitlines()
    blocks = fences(text)
    examples, names = [], Counter()
    for position, block in enumerate(blocks):
        if block.language != "graphql":
            continue
        variables = {}
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        if (
            following is not None
            and following.language == "json"
            and not any(line.strip() for line in lines[block.end : following.start - 1])
        ):
            variables = json.loads(following.body)
            assert isinstance(variables, dict), (
                f"{GUIDE.name} line {following.start}: variables must be a JSON object"
            )
        document = parse(block.body)
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        assert len(operations) == 1, (
            f"{GUIDE.name} line {block.start}: an example holds exactly one operation"
        )
        operation = operations[0]
        definitions = operation.variable_definitions or ()
        roots = [s for s in operation.selection_set.selections if isinstance(s, FieldNode)]
        base = slug(block.heading)
        names[base] += 1
        examples.append(
            Example(
                index=len(examples),
                name=base if names[base] == 1 else f"{base}-{names[base]}",
                line=block.start,
                query=block.body,
                variables=variables,
                declared=frozenset(d.variable.name.value for d in definitions),
                id_variables=tuple(
                    d.variable.name.value for d in definitions if named_type(d.type) == "ID"
                ),
                time_variables=tuple(
                    d.variable.name.value for d in definitions if named_type(d.type) == "DateTime"
                ),
                root_fields=frozenset(field.name.value for field in roots),
                root_arguments=frozenset(
                    (field.name.value, argument.name.value)
                    for field in roots
                    for argument in field.arguments or ()
                ),
            )
        )
    return examples


EXAMPLES = read_examples(GUIDE.read_text(encoding="utf-8"))


def is_empty(value):
    if value in (None, "", [], {}):
        return True
    if isinstance(value, dict):
        if "edges" in value:
            return not value["edges"]
        return all(is_empty(item) for item in value.values())
    return False


def field_errors(value):
    """Every non-empty ``errors`` list inside a mutation's payload."""
    if isinstance(value, dict):
        found = [value["errors"]] if value.get("errors") else []
        return found + [e for item in value.values() for e in field_errors(item)]
    if isinstance(value, list):
        return [e for item in value for e in field_errors(item)]
    return []


def where(example):
    return f"{GUIDE.name} line {example.line} ({example.name})"


def example_variables(client, example):
    """An example's variables, with the ids and times it leaves to the client filled in."""
    undeclared = set(example.variables) - example.declared
    assert not undeclared, (
        f"{where(example)}: variables the query does not declare: {sorted(undeclared)}"
    )
    variables = dict(example.variables)
    if example.id_variables:
        assert example.index > 0, f"{where(example)}: no earlier example gives an id"
        earlier = answer(client, EXAMPLES[example.index - 1])
        ids = [node["id"] for node in objects_in(earlier) if node.get("id") is not None]
        assert ids, f"{where(example)}: the example before it answers no id"
        variables.update(dict.fromkeys(example.id_variables, ids[0]))
    an_hour_ago = (timezone.now() - timedelta(hours=1)).isoformat()
    for name in example.time_variables:
        variables.setdefault(name, an_hour_ago)
    return variables


def answer(client, example, variables=None):
    """Run an example over HTTP and return its data, failing on any error."""
    if variables is None:
        variables = example_variables(client, example)
    response = post_query(client, example.query, variables)
    place = where(example)
    assert response.status_code == 200, f"{place}: HTTP {response.status_code} {response.content}"
    body = response.json()
    assert "errors" not in body, f"{place}: {json.dumps(body['errors'], indent=1)}"
    assert body.get("data"), f"{place}: no data"
    return body["data"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.name for example in EXAMPLES])
def test_example_returns_data(db, client, demo, example):
    data = answer(client, example)
    # A mutation's example shows it succeeding: its payload's field errors are empty.
    assert not field_errors(data), f"{example.name}: {json.dumps(data, ensure_ascii=False)}"
    empty = sorted(name for name, value in data.items() if is_empty(value))
    assert not empty, (
        f"{GUIDE.name} line {example.line} ({example.name}): nothing in {empty}: "
        f"{json.dumps(data, indent=1, ensure_ascii=False)}"
    )


def test_every_root_field_has_an_example():
    # Mutations too: their examples run like the queries' (each test rolls its writes back).
    fields = set(schema._schema.query_type.fields) | set(schema._schema.mutation_type.fields)
    covered = set().union(*(example.root_fields for example in EXAMPLES))
    assert fields - covered == set(), f"root fields without an example in {GUIDE.name}"
    assert len(EXAMPLES) >= len(fields)


def test_pages_are_shown_by_path_and_by_id():
    used = set().union(*(example.root_arguments for example in EXAMPLES))
    assert {("page", "path"), ("page", "id")} <= used


def test_example_names_are_unique():
    names = [example.name for example in EXAMPLES]
    assert len(names) == len(set(names))
