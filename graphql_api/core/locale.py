"""The `locale` argument every query takes."""

from graphql_api.core.errors import UnknownLocaleError
from site_pages.locales import UnknownLocale, get_locale

# An unknown code is named in the error, shortened: a client may send megabytes (issue 9).
MAX_ECHOED = 20


def requested_locale(code):
    try:
        return get_locale(code)
    except UnknownLocale as error:
        shown = code if len(code) <= MAX_ECHOED else f"{code[:MAX_ECHOED]}…"
        raise UnknownLocaleError(str(UnknownLocale(shown)), locale=shown) from error
