"""Labels in the reader's language: the requested locale of a query, not the language of the
version served (an English page shown to a Japanese reader as a fallback still gets Japanese
labels, as on the site, where the interface is in the reader's language)."""

from django.utils import translation


def reader_language(obj, context):
    """The language a node's labels are printed in: the locale its query asked for, else the
    node's own (``_requested_locale_id`` is set by ``prepare_pages``; ``_api_language`` is
    given by a page to the rows it lists, e.g. a chapter's coordinators)."""
    language = getattr(obj, "_api_language", None)
    if language:
        return language
    locale_id = getattr(obj, "_requested_locale_id", None) or obj.locale_id
    return context.language_of_locale(locale_id)


def choice_label(choices, value, language):
    """The translated label of a model choice (``TextChoices``) in ``language``."""
    with translation.override(language):
        return str(choices(value).label)


def pass_language(rows, language):
    """Give the rows a page lists the page's reader language, for their own labels."""
    rows = list(rows)
    for row in rows:
        row._api_language = language
    return rows
