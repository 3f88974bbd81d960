"""Every field of the schema loads for the whole list it is in, never one item at a time.

The query is generated from the schema, not written by hand: from every root list, every
field of every type it reaches (interfaces and unions expanded to their types), each field
that returns objects expanded once. A new field is therefore in it as soon as it is in the
schema. The query runs on content with two items of everything, then on four; each SQL query
is attributed to the field being resolved (list positions left out), and no field may run
more queries for four items than for two. A field that reads the database for each item, or
a loader that does not serve what it loaded as a batch (``graphql_api/README.md``), fails
here, naming the field."""

import datetime
import sys
from collections import Counter

import pytest
import strawberry
from django.db import connection
from django.test import RequestFactory
from graphql import (
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLNonNull,
    GraphQLUnionType,
    Undefined,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
    is_list_type,
)
from strawberry.extensions import SchemaExtension

from graphql_api.core.context import RequestContext
from graphql_api.schema import PAGE_TYPES, Query
from site_pages import models as m
from tests.bulk_content import ContentBuilder

pytestmark = pytest.mark.django_db


def argument_text(field):
    """Values for a field's required arguments (the first value of an enum), or None when a
    required argument cannot be made up (a root field that names one object)."""
    values = []
    for name, argument in field.args.items():
        if not isinstance(argument.type, GraphQLNonNull) or argument.default_value is not Undefined:
            continue
        named = get_named_type(argument.type)
        if not isinstance(named, GraphQLEnumType):
            return None
        values.append(f"{name}: {next(iter(named.values))}")
    return f"({', '.join(values)})" if values else ""


def sorted_fields(object_type):
    """A type's own fields before those of its interfaces (an event's ``body`` holds blocks,
    its ancestors' bodies may not), and lists first: a page's ``ancestors`` hold the home and
    section pages, its ``parent`` only a chapter; so each type's fields are expanded where
    objects of that type occur."""
    inherited = {name for interface in object_type.interfaces for name in interface.fields}

    def order(item):
        name, field = item
        return (name in inherited, not is_list_type(get_nullable_type(field.type)))

    return sorted(object_type.fields.items(), key=order)


class Place:
    """Where the query generator is: the fields it expanded, the types root fields list."""

    def __init__(self):
        self.expanded = set()
        self.listed_at_root = set()


def fields_of(schema, object_type, names, place):
    """A fragment with ``names`` of ``object_type``'s fields. The fields returning objects that
    no other place expands yet are claimed here before any is expanded, so that a type's
    fields stay together where that type occurs (not under one of its own relations)."""
    chosen = []
    for name, field in sorted_fields(object_type):
        arguments = argument_text(field)
        if arguments is None or name not in names:
            continue
        target = get_named_type(field.type)
        pair = (object_type.name, name)
        if is_leaf_type(target):
            chosen.append((name, arguments, target))
        elif pair not in place.expanded:
            place.expanded.add(pair)
            chosen.append((name, arguments, target))
    fields = []
    for name, arguments, target in chosen:
        key = f"{object_type.name}_{name}"
        inner = "" if is_leaf_type(target) else " " + selection(schema, target, place)
        fields.append(f"{key}: {name}{arguments}{inner}")
    return f"... on {object_type.name} {{ {' '.join(fields)} }}"


def selection(schema, named, place, root=False):
    """Every field of ``named``, aliased by type so that fields of the same name in two types
    never clash. A field that returns objects is expanded the first time it is met and left
    out after, which keeps the query finite. The fields an interface declares are expanded on
    the interface; each type's own fields where that type may occur: a type a root field
    lists (``events``: EventPage) has its own fields expanded there, under that list."""
    parts = ["__typename"]
    shared = set(named.fields) if isinstance(named, GraphQLInterfaceType) else set()
    if isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
        types = schema.get_possible_types(named)
    else:
        types = [named]
    for object_type in types:
        if object_type.name in place.listed_at_root and not root:
            continue
        parts.append(fields_of(schema, object_type, set(object_type.fields) - shared, place))
    # The interface's own fields after its types' (see ``sorted_fields``).
    if shared:
        parts.append(fields_of(schema, named, shared, place))
    return "{ " + " ".join(parts) + " }"


def node_type(named):
    """The type a root field lists: a connection's node type, or a list's item type."""
    if named.name.endswith("Connection"):
        edge = get_named_type(named.fields["edges"].type)
        return get_named_type(edge.fields["node"].type)
    return named


def whole_schema_query(schema):
    """One query over every root field that lists things and needs no argument; returns it
    and the fields it expands."""
    place = Place()
    roots = {}
    for name, field in schema.query_type.fields.items():
        named = get_named_type(field.type)
        listing = named.name.endswith("Connection") or is_list_type(get_nullable_type(field.type))
        if listing and argument_text(field) == "":
            roots[name] = named
            node = node_type(named)
            if not isinstance(node, GraphQLInterfaceType | GraphQLUnionType):
                place.listed_at_root.add(node.name)
    parts = []
    expanded = set()
    for name, named in roots.items():
        # Each root list expands every field again: a field is then checked wherever its
        # type occurs first in that list's tree (a chapter's body may be empty, an event's
        # holds every kind of block).
        place.expanded = set()
        parts.append(f"{name} {root_selection(schema, named, place)}")
        expanded |= place.expanded
    return "{ " + " ".join(parts) + " }", expanded


def root_selection(schema, named, place):
    if not named.name.endswith("Connection"):
        return selection(schema, named, place, root=True)
    node = node_type(named)
    return f"{{ totalCount edges {{ cursor node {selection(schema, node, place, root=True)} }} }}"


def in_loader():
    """The loader whose batch is running, or None."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "load_batch":
            return type(frame.f_locals.get("self")).__name__
        frame = frame.f_back
    return None


class SQLByField:
    """SQL queries counted by the field being resolved, list positions left out."""

    def __init__(self):
        self.path = "(outside any field)"
        self.counts = Counter()
        self.resolved = set()

    def extension(self):
        tracker = self

        class Track(SchemaExtension):
            def resolve(self, _next, root, info, *args, **kwargs):
                outer = tracker.path
                tracker.path = ".".join(
                    "*" if isinstance(k, int) else k for k in info.path.as_list()
                )
                tracker.resolved.add((info.parent_type.name, info.field_name))
                try:
                    return _next(root, info, *args, **kwargs)
                finally:
                    tracker.path = outer

        return Track

    def __call__(self, execute, sql, params, many, context):
        loader = in_loader()
        self.counts[f"{self.path} [{loader or 'no loader'}]"] += 1
        return execute(sql, params, many, context)


def run(query):
    tracker = SQLByField()
    schema = strawberry.Schema(query=Query, types=PAGE_TYPES, extensions=[tracker.extension()])
    request = RequestFactory().get("/graphql/", HTTP_HOST="localhost")
    with connection.execute_wrapper(tracker):
        result = schema.execute_sync(query, context_value=RequestContext(request=request))
    assert result.errors is None, result.errors
    return tracker, result.data


@pytest.fixture
def content(site_tree, settings):
    # Every rendition is made by the first run; the measured runs only read them.
    settings.SAKURA_IMAGE_RENDITION_BUDGET = 10_000
    build = ContentBuilder(site_tree)

    def add():
        chapter = build.chapter()
        event = build.event()
        build.column()
        build.voice()
        build.yearbook()
        build.program()
        m.HomeFeaturedItem.objects.create(home=site_tree.home, page=event)
        m.HomeFeaturedItem.objects.create(home=site_tree.home, page=chapter)
        event.start_date = datetime.date.today() + datetime.timedelta(days=build.count)
        event.save_revision().publish()
        m.NewsletterIssue.objects.create(
            language="en",
            month=datetime.date(2025, build.count % 12 + 1, 1),
            intro="News of the month.",
            status=m.IssueStatus.SENT,
        )

    return add


def sizes(data):
    """How many items each root list holds."""
    return {name: len(value["edges"]) for name, value in data.items() if "edges" in value}


def test_no_field_queries_per_item(content):
    content()
    content()
    # Grows the query to the content, and makes the renditions it asks for.
    query, expanded = whole_schema_query(strawberry.Schema(query=Query, types=PAGE_TYPES)._schema)
    run(query)
    small, small_data = run(query)
    content()
    content()
    run(query)
    large, large_data = run(query)

    grown = {
        field: (small.counts[field], count)
        for field, count in large.counts.items()
        if count > small.counts[field]
    }
    assert not grown, "SQL per item (field [loader]: queries with 2 items, with 4):\n" + "\n".join(
        f"{field}: {before} -> {after}" for field, (before, after) in sorted(grown.items())
    )
    assert sum(large.counts.values()) == sum(small.counts.values())
    # The lists did grow, and every field that returns objects was resolved.
    assert all(count >= 2 for count in sizes(small_data).values()), sizes(small_data)
    assert all(
        sizes(large_data)[name] > count for name, count in sizes(small_data).items() if count
    ), (sizes(small_data), sizes(large_data))
    # A field the Page interface declares is resolved by its types.
    resolved = small.resolved | {("Page", field) for _type, field in small.resolved}
    unresolved = expanded - resolved
    assert not unresolved - NOT_IN_CONTENT, sorted(unresolved - NOT_IN_CONTENT)


# Fields that the content above does not reach. The blocks' are values read from the body's
# own JSON (``graphql_api/streamfield.py``), which read nothing from the database; a standard
# page's body is the ``Streams`` loader that every page type's body goes through.
NOT_IN_CONTENT = {
    ("StandardPage", "body"),
    ("ContestResultsBlock", "awards"),
    ("FiguresBlock", "figures"),
    ("QuestionAnswerBlock", "askerCountry"),
    ("ScheduleBlock", "items"),
}
