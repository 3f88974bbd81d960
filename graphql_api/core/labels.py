"""Labels in the reader's language: the requested locale of a query, not the language of the
version served (an English page shown to a Japanese reader as a fallback still gets Japanese
labels, as on the site, where the interface is in the reader's language)."""

from typing import Any

from django.db.models import Choices
from django.utils import translation


def reader_language(obj: Any, context: Any) -> str | None:
    """The language a node's labels are printed in: the locale its query asked for, else the
    node's own. A row a page lists (a chapter's coordinator) follows that page."""
    owner = context.loaders.listed_by(obj)
    if owner is not None:
        return reader_language(owner, context)
    requested = context.loaders.requested_locale(obj)
    if requested is not None:
        return requested.language_code
    return context.language_of(obj)


def choice_label(choices: type[Choices], value: object, language: str | None) -> str:
    """The translated label of a model choice (``TextChoices``) in ``language``."""
    with translation.override(language):
        return str(choices(value).label)
