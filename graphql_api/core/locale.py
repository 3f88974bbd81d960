"""The `locale` argument every query takes: the `Locale` enum, made from the content languages
of the settings (``WAGTAIL_CONTENT_LANGUAGES``), so that adding a language adds its value.

A language code becomes an enum value by upper case with hyphens as underscores (``en`` is
``EN``, ``zh-hans`` is ``ZH_HANS``): GraphQL names hold only letters, digits and underscores.
Answers keep the codes themselves (``Page.locale`` is ``"zh-hans"``, as in its address).
"""

import re
from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from strawberry.types.enum import EnumValueDefinition
from wagtail.models import Locale as WagtailLocale

from graphql_api.core.enums import generated_enum
from graphql_api.core.errors import UnknownLocaleError
from site_pages.locales import UnknownLocale, get_locale

# An unknown code is named in the error, shortened: a client may send megabytes (issue 9).
MAX_ECHOED = 20
GRAPHQL_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")


def enum_name(code: str) -> str:
    """The enum value of a language code: ``zh-hans`` is ``ZH_HANS``."""
    return code.upper().replace("-", "_")


def locale_enum(languages: Iterable[tuple[str, str]]) -> type[Enum]:
    """The `Locale` enum of ``languages`` (pairs of code and name, as in the settings). A code
    that makes no GraphQL name, or the same name as another, is a configuration error."""
    members: dict[str, EnumValueDefinition] = {}
    for code, name in languages:
        value = enum_name(code)
        if not GRAPHQL_NAME.fullmatch(value):
            raise ImproperlyConfigured(
                f"The language code “{code}” makes no GraphQL enum value ({value}): use "
                "letters, digits, hyphens and underscores."
            )
        if value in members:
            raise ImproperlyConfigured(
                f"The language codes “{members[value].value}” and “{code}” both make the "
                f"GraphQL enum value {value}."
            )
        with translation.override("en"):
            members[value] = strawberry.enum_value(code, description=f"{name} (`{code}`)")
    return generated_enum(
        "Locale",
        members,
        description="A content language. The value is the language code in upper case with "
        "hyphens as underscores: `zh-hans` is ZH_HANS. Answers name languages by their code "
        "(`Page.locale` is `zh-hans`).",
    )


if TYPE_CHECKING:
    # Its members come from the settings at import: to the type checker it is any Enum.
    Locale = Enum
else:
    Locale = locale_enum(settings.WAGTAIL_CONTENT_LANGUAGES)

LocaleArgument = Annotated[
    Locale | None,
    strawberry.argument(
        description="The reader's language; English (EN) when left out. Where something has no "
        "version in it, the version of its fallback language is served (`isFallback`)."
    ),
]


def requested_locale(locale: Enum | str | None) -> WagtailLocale:
    """The Wagtail Locale for a `Locale` value (or a language code, or None for the default)."""
    code = (locale.value if isinstance(locale, Enum) else locale) or settings.LANGUAGE_CODE
    try:
        return get_locale(code)
    except UnknownLocale as error:
        # A language of the settings without its Locale row (not synced yet).
        shown = code if len(code) <= MAX_ECHOED else f"{code[:MAX_ECHOED]}…"
        raise UnknownLocaleError(str(UnknownLocale(shown)), locale=shown) from error
