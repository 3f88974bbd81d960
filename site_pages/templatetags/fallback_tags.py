"""Marks on what a reader is shown in a fallback language (site_pages/fallback.py): a ``lang``
attribute, so that screen readers and browsers switch language, and a visible "in English"
label in the reader's own language."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from site_pages.fallback import Reader

register = template.Library()


def reader_of(context):
    return Reader.for_request(context.get("request"))


@register.simple_tag(takes_context=True)
def fallback_lang(context, item):
    """` lang="en"` on an item shown in a fallback language; nothing otherwise."""
    reader = reader_of(context)
    if item is None or not reader.is_fallback(item):
        return ""
    return format_html(' lang="{}"', reader.language_of(item))


@register.simple_tag(takes_context=True)
def fallback_label(context, item):
    """The visible "in English" label, itself in the reader's language."""
    label = reader_of(context).fallback_label(item) if item is not None else ""
    if not label:
        return ""
    return format_html(' <span class="fallback-label" lang="{}">{}</span>', get_language(), label)
