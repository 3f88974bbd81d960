"""The `locale` argument every query takes."""

from graphql_api.core.errors import UnknownLocaleError
from site_pages.locales import UnknownLocale, get_locale


def requested_locale(code):
    try:
        return get_locale(code)
    except UnknownLocale as error:
        raise UnknownLocaleError(str(error), locale=code) from error
