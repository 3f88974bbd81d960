"""Questions templates ask of a StreamField before showing a heading over it.

An editor (or a translation) can leave a field with blocks that hold nothing: a paragraph
emptied out, a results table without titles. Such a field is not empty to Python, yet its
heading would stand over nothing on the page, so ``has_content`` looks inside the blocks.
"""

from django import template
from django.utils.html import strip_tags
from wagtail import blocks

register = template.Library()

# Blocks that qualify other content (a heading's level, a rank) without being any themselves.
QUALIFIERS = (
    blocks.ChoiceBlock,
    blocks.BooleanBlock,
    blocks.IntegerBlock,
    blocks.FloatBlock,
    blocks.DecimalBlock,
)


def block_has_content(block, value):
    if value is None:
        return False
    if isinstance(block, blocks.StreamBlock):
        return any(block_has_content(child.block, child.value) for child in value)
    if isinstance(block, blocks.StructBlock):
        return any(
            block_has_content(child, value.get(name)) for name, child in block.child_blocks.items()
        )
    if isinstance(block, blocks.ListBlock):
        return any(block_has_content(block.child_block, item) for item in value)
    if isinstance(block, QUALIFIERS):
        return False
    if isinstance(block, blocks.RichTextBlock):
        source = value.source
        return bool(strip_tags(source).strip()) or "<embed" in source
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value)


@register.filter
def has_content(stream):
    """True when some block of ``stream`` (a StreamValue) has something to show."""
    if not stream:
        return False
    return any(block_has_content(child.block, child.value) for child in stream)


@register.filter
def has_block(stream, block_type):
    """True when ``stream`` holds a block of ``block_type`` (e.g. "figures")."""
    return any(child.block_type == block_type for child in stream or ())
