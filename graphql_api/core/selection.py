"""Look-ahead under the field being resolved. Only ``Image`` uses it: an image loader reads
which renditions its own field asks for (``rendition``, ``renditions``, ``srcSet``), to fetch
them for the whole batch in one query. Relations never look ahead: they load when asked
(``core/loading.py``)."""

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField


def flatten(selections):
    """Field selections with fragments expanded."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from flatten(selection.selections)


def root_selections(info):
    """The selections under the field being resolved."""
    merged = []
    for field in info.selected_fields:
        merged.extend(field.selections)
    return merged


def deep_fields(selections, name):
    """Every field called ``name`` at any depth under ``selections``."""
    found = []
    for field in flatten(selections):
        if field.name == name:
            found.append(field)
        found.extend(deep_fields(field.selections, name))
    return found
