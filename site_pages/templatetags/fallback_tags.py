"""Marks on what a reader is shown in a fallback language (site_pages/fallback.py): the language
of each part (WCAG 3.1.2), so that screen readers, browsers and translation tools switch
language, and a visible "in English" label in the reader's own language.

The interface of every page is in the reader's language, the one ``<html lang>`` names: the
header and footer, and inside ``<main>`` too the headings the site adds ("Upcoming events"),
dates, figures' labels, buttons. An English page shown to a Japanese reader is English words in
a Japanese frame, so the language is marked on the words, not on the frame: each element that
holds an item's own text (its title, intro, body, captions, venue) carries
``{% lang_of item %}``, which is ` lang="en"` when the item is not in the reader's language and
nothing otherwise. An interface string that a block template puts inside a page's body (the body
is marked as a whole) takes the reader's language back with ``{% interface_lang %}``.

The visible label marks an item against the language around it: the page being shown (``page``
in the template, or the page given), else the reader's language (search results, feeds). On a
page that is itself served in a fallback language its notice already says so, so English items
listed on an English page carry no label, while a Japanese page lists an English item with one.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from wagtail.models import Page

from site_pages.fallback import Reader

register = template.Library()


def reader_of(context):
    return Reader.for_request(context.get("request"))


def foreign_language(context, item):
    """The language of ``item`` (a page or a translatable snippet) when it is not the reader's,
    else None."""
    if item is None or getattr(item, "locale_id", None) is None:
        return None
    reader = reader_of(context)
    return reader.language_of(item) if reader.is_fallback(item) else None


@register.simple_tag(takes_context=True)
def lang_of(context, item):
    """` lang="en"` on an element holding ``item``'s own words when ``item`` is in another
    language than the reader's interface; nothing otherwise (the element inherits the page's
    language)."""
    language = foreign_language(context, item)
    return format_html(' lang="{}"', language) if language else ""


@register.simple_tag(takes_context=True)
def interface_lang(context, around=None):
    """` lang="ja"` (the reader's language) on an interface string inside the body of
    ``around`` (default: the page in the context) when that body is marked as another
    language by ``lang_of``; nothing otherwise, where the string inherits the right language."""
    around = around if around is not None else context.get("page")
    if not isinstance(around, Page) or foreign_language(context, around) is None:
        return ""
    return format_html(' lang="{}"', get_language())


def surrounding_locale_id(context, reader, around):
    around = around if around is not None else context.get("page")
    if isinstance(around, Page) and around.locale_id:
        return around.locale_id
    return reader.locale.pk


@register.simple_tag(takes_context=True)
def fallback_label(context, item, around=None):
    """The visible "in English" label, itself in the reader's language, on an item shown in a
    fallback language among items in another one."""
    reader = reader_of(context)
    if item is None or item.locale_id == surrounding_locale_id(context, reader, around):
        return ""
    if not reader.is_fallback(item):
        return ""
    return format_html(
        ' <span class="fallback-label" lang="{}">{}</span>',
        get_language(),
        reader.fallback_label(item),
    )


@register.simple_tag(takes_context=True)
def network_contact(context, network):
    """``{% network_contact network as contact %}``: the network's contact details in the
    reader's language, else in its fallback (mark its address with ``lang_of``)."""
    if not network:
        return None
    return network.contact_for(reader_of(context))
