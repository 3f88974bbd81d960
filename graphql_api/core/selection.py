"""Look-ahead under the field being resolved. Only ``Image`` uses it: an image loader reads
which renditions its own field asks for (``rendition``, ``renditions``, ``srcSet``), to fetch
them for the whole batch in one query. Relations never look ahead: they load when asked
(``core/loading.py``)."""

from collections.abc import Iterable, Iterator

from strawberry.types import Info
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection


def flatten(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    """Field selections with fragments expanded."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from flatten(selection.selections)


def root_selections(info: Info) -> list[Selection]:
    """The selections under the field being resolved."""
    merged: list[Selection] = []
    for field in info.selected_fields:
        merged.extend(field.selections)
    return merged


def deep_fields(selections: Iterable[Selection], name: str) -> list[SelectedField]:
    """Every field called ``name`` at any depth under ``selections``."""
    found: list[SelectedField] = []
    for field in flatten(selections):
        if field.name == name:
            found.append(field)
        found.extend(deep_fields(field.selections, name))
    return found
