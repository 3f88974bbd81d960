"""The StreamField blocks have one home, ``site_pages/blocks.py``; the API's block types
(``graphql_api/streamfield.py``) and the site's block templates follow it by name.

Nothing else ties them together: the API reads stored JSON by key and a template reads
``value.<name>``, and both take a name that is not there as empty rather than failing. So these
tests compare both with the blocks of every StreamField of every model: a block or child field
added or renamed in blocks.py fails here until the API and the site follow it.
"""

import re
from types import SimpleNamespace

from django.apps import apps
from django.template import TemplateDoesNotExist
from django.template.base import Lexer, TokenType
from django.template.loader import get_template
from wagtail import blocks
from wagtail.fields import StreamField

from graphql_api.streamfield import BLOCK_TYPES, references, to_block

# StructBlock children that the API type does not expose as a field of the same name, by path
# from the stream ("gallery.images.caption"), with the reason.
NOT_IN_API = {
    "call_to_action.page": "read into `url`: the page's address, or null while readers cannot "
    "see the page",
}
# StructBlock children that the block's template does not show, in the same form (none today).
NOT_ON_SITE: dict[str, str] = {}


def model_streams():
    """(label, StreamBlock) for every StreamField of every model of the site."""
    return [
        (f"{model.__name__}.{field.name}", field.stream_block)
        for model in apps.get_app_config("site_pages").get_models()
        for field in model._meta.fields
        if isinstance(field, StreamField)
    ]


def stream_children():
    """{block name: block} over every model's streams."""
    children = {}
    for _label, stream in model_streams():
        children.update(stream.child_blocks)
    return children


def child_paths(block, path):
    """The paths of a block's StructBlock children, through lists and nested structures."""
    if isinstance(block, blocks.ListBlock):
        yield from child_paths(block.child_block, path)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield f"{path}.{name}"
            yield from child_paths(child, f"{path}.{name}")


def every_child_path():
    return {path for name, block in stream_children().items() for path in child_paths(block, name)}


def unwrap(field_type):
    """A GraphQL field's type without its list and null wrappers."""
    while hasattr(field_type, "of_type"):
        field_type = field_type.of_type
    return field_type


def stream_gaps(stream, types_by_name, path=""):
    """What of a StreamBlock the API does not expose: a block without a type, or a child field
    without a field on its type (and not in NOT_IN_API)."""
    for name, block in stream.child_blocks.items():
        if name not in types_by_name:
            yield f"{path}{name}: no GraphQL block type has block_name {name!r}"
        else:
            yield from block_gaps(block, types_by_name[name], f"{path}{name}")


def block_gaps(block, api_type, path):
    if isinstance(block, blocks.ListBlock):
        yield from block_gaps(block.child_block, api_type, path)
    elif isinstance(block, blocks.StreamBlock):
        # A stream inside a block would be a union of block types, as a body is.
        members = {member.block_name: member for member in api_type.types}
        yield from stream_gaps(block, members, f"{path}.")
    elif isinstance(block, blocks.StructBlock):
        definition = getattr(api_type, "__strawberry_definition__", None)
        fields = {field.python_name: field for field in definition.fields} if definition else {}
        for name, child in block.child_blocks.items():
            where = f"{path}.{name}"
            if name in fields:
                yield from block_gaps(child, unwrap(fields[name].type), where)
            elif where not in NOT_IN_API:
                yield f"{where}: {getattr(api_type, '__name__', api_type)} has no field {name!r}"
    # Any other block holds a single value, which its type's field or its parent's field shows.


def test_every_block_and_child_field_is_in_the_api():
    gaps = [
        f"{label}: {gap}"
        for label, stream in model_streams()
        for gap in stream_gaps(stream, BLOCK_TYPES)
    ]
    where = "Expose in graphql_api/streamfield.py or list in NOT_IN_API:\n"
    assert not gaps, where + "\n".join(gaps)


def test_every_api_block_type_answers_a_block():
    """A type whose block was removed or renamed would answer nothing, silently."""
    assert set(BLOCK_TYPES) - set(stream_children()) == set()


def test_a_block_name_means_one_block_in_every_stream():
    """The API dispatches on the block name alone, whichever StreamField it reads."""
    first_seen = {}
    for label, stream in model_streams():
        for name, block in stream.child_blocks.items():
            seen_label, seen_block = first_seen.setdefault(name, (label, block))
            assert block == seen_block, f"{name!r} differs between {seen_label} and {label}"


class StoredValue(dict):
    """An empty stored StructBlock value that notes the keys read from it. Empty, so the API
    reads it without looking anything up; truthy, as a stored block's value always is."""

    def __init__(self, path, read):
        super().__init__()
        self.path, self.read = path, read

    def __bool__(self):
        return True

    def get(self, key, default=None):
        self.read.add(f"{self.path}.{key}")
        return super().get(key, default)

    def __getitem__(self, key):
        self.read.add(f"{self.path}.{key}")
        return super().__getitem__(key)


def stored_value(block, path, read):
    """A block's stored JSON value, with one item in each list, as Wagtail stores lists."""
    if isinstance(block, blocks.ListBlock):
        return [{"type": "item", "value": stored_value(block.child_block, path, read), "id": "i"}]
    if isinstance(block, blocks.StructBlock):
        value = StoredValue(path, read)
        for name, child in block.child_blocks.items():
            if isinstance(child, blocks.ListBlock | blocks.StructBlock):
                dict.__setitem__(value, name, stored_value(child, f"{path}.{name}", read))
        return value
    return ""


def test_the_api_reads_only_keys_the_blocks_store():
    """``from_stored`` and ``references`` read stored JSON by key, and a key that is not
    there reads as empty: a child renamed in blocks.py but not here would vanish silently."""
    read = set()
    for name, block in stream_children().items():
        if name not in BLOCK_TYPES:
            continue  # test_every_block_and_child_field_is_in_the_api names it
        item = {"type": name, "value": stored_value(block, name, read), "id": "b"}
        to_block(item, "1/b", context=None)
        references(SimpleNamespace(raw_data=[item]))
    assert read, "the API read no key: this test no longer sees what it reads"
    unknown = sorted(read - every_child_path())
    assert not unknown, "The API reads keys no block stores:\n" + "\n".join(unknown)


def template_of(block):
    # A block declared inline, without a Meta class, has no template attribute at all.
    return getattr(block.meta, "template", None)


def test_every_block_of_a_stream_has_a_template():
    """The site renders a body block by block through each block's template; without one,
    Wagtail prints the raw values."""
    missing = []
    for name, block in stream_children().items():
        template = template_of(block)
        if not template:
            missing.append(f"{name}: no template in its Meta")
            continue
        try:
            get_template(template)
        except TemplateDoesNotExist:
            missing.append(f"{name}: template {template!r} not found")
    assert not missing, "\n".join(missing)


LOOKUP = re.compile(r"\b(\w+)\.(\w+)")
LOOP = re.compile(r"^for (\w+) in (\w+)\.(\w+)\b")


def template_lookups(name, block):
    """The children a block's template reads, as paths: ``value.images`` in the gallery's
    template is gallery.images, and ``item.caption`` inside ``{% for item in value.images %}``
    gallery.images.caption. Read from the template's tags, so every branch counts."""
    paths, names = set(), {"value": name}
    source = get_template(template_of(block)).template.source
    for token in Lexer(source).tokenize():
        if token.token_type not in (TokenType.VAR, TokenType.BLOCK):
            continue
        loop = LOOP.match(token.contents)
        if loop and loop[2] in names:
            names[loop[1]] = f"{names[loop[2]]}.{loop[3]}"
        for root, attribute in LOOKUP.findall(token.contents):
            if root in names:
                paths.add(f"{names[root]}.{attribute}")
    return paths


def test_every_template_shows_its_blocks_children_and_no_other():
    problems = []
    for name, block in stream_children().items():
        if not template_of(block):
            continue  # test_every_block_of_a_stream_has_a_template names it
        children = set(child_paths(block, name))
        shown = template_lookups(name, block)
        hidden = children - shown - set(NOT_ON_SITE)
        problems += [f"{path}: not shown by its template" for path in sorted(hidden)]
        problems += [f"{path}: read by its template, not in the block" for path in shown - children]
    assert not problems, "Show in the template or list in NOT_ON_SITE:\n" + "\n".join(problems)


def test_exclusions_name_fields_that_exist():
    """An exclusion left behind by a renamed field would hide its successor's absence."""
    assert (set(NOT_IN_API) | set(NOT_ON_SITE)) - every_child_path() == set()
