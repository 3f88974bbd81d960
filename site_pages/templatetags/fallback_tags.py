"""Marks on what a reader is shown in a fallback language (site_pages/fallback.py): a ``lang``
attribute, so that screen readers, browsers and translation tools switch language, and a visible
"in English" label in the reader's own language.

Both mark an item against the language around it: the page being shown (``page`` in the
template, or the page given), else the reader's language (search results, feeds). On a page that
is itself served in a fallback language its notice already says so, so English items listed on
an English page carry no label, while a Japanese page lists an English item with one.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from wagtail.models import Page

from site_pages.fallback import Reader

register = template.Library()


def reader_of(context):
    return Reader.for_request(context.get("request"))


def surrounding_locale_id(context, reader, around):
    around = around if around is not None else context.get("page")
    if isinstance(around, Page) and around.locale_id:
        return around.locale_id
    return reader.locale.pk


def stands_out(context, item, around):
    """The reader and the item's language, when it differs from the language around it."""
    reader = reader_of(context)
    if item is None or item.locale_id == surrounding_locale_id(context, reader, around):
        return reader, None
    return reader, reader.language_of(item)


@register.simple_tag(takes_context=True)
def fallback_lang(context, item, around=None):
    """` lang="en"` on an item in another language than the one around it; nothing
    otherwise."""
    _reader, language = stands_out(context, item, around)
    return format_html(' lang="{}"', language) if language else ""


@register.simple_tag(takes_context=True)
def chrome_lang(context, item):
    """` lang="en"` on a menu or breadcrumb item not in the reader's language: the site's
    chrome is in the reader's language (``<html lang>``) whatever language the content is in."""
    reader = reader_of(context)
    if item is None or not reader.is_fallback(item):
        return ""
    return format_html(' lang="{}"', reader.language_of(item))


@register.simple_tag(takes_context=True)
def fallback_label(context, item, around=None):
    """The visible "in English" label, itself in the reader's language, on an item shown in a
    fallback language among items in another one."""
    reader, language = stands_out(context, item, around)
    if language is None or not reader.is_fallback(item):
        return ""
    return format_html(
        ' <span class="fallback-label" lang="{}">{}</span>',
        get_language(),
        reader.fallback_label(item),
    )


@register.simple_tag(takes_context=True)
def network_contact(context, network):
    """``{% network_contact network as contact %}``: the network's contact details in the
    reader's language, else in its fallback (mark it with ``fallback_lang``)."""
    if not network:
        return None
    return network.contact_for(reader_of(context))
