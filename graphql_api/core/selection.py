"""Look-ahead over a query's selection, so list resolvers can load what their nodes need in a
few batched queries instead of one query per node."""

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField


def flatten(selections):
    """Field selections with fragments expanded (type conditions ignored: loading a relation
    for a type that turns out not to be asked is cheap, missing one would cost a query per
    node)."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from flatten(selection.selections)


def fields_named(selections, name):
    return [field for field in flatten(selections) if field.name == name]


def sub_selections(selections, name):
    """The merged selections under every field called ``name``."""
    merged = []
    for field in fields_named(selections, name):
        merged.extend(field.selections)
    return merged


def path(selections, *names):
    for name in names:
        selections = sub_selections(selections, name)
    return selections


def root_selections(info):
    """The selections under the field being resolved."""
    merged = []
    for field in info.selected_fields:
        merged.extend(field.selections)
    return merged


def selects(selections, name):
    return bool(fields_named(selections, name))


def deep_fields(selections, name):
    """Every field called ``name`` at any depth under ``selections``."""
    found = []
    for field in flatten(selections):
        if field.name == name:
            found.append(field)
        found.extend(deep_fields(field.selections, name))
    return found
