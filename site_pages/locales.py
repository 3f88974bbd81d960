"""Content locales and the fallback chain readers are served along.

A reader asks for a language; where a page has no translation in it, they get the page in the
next language of the chain (by default the site's default language) and are told so.
``SAKURA_LOCALE_FALLBACKS`` maps a language code to its chain, e.g. ``{"ms": ["id", "en"]}``.
"""

from functools import cached_property

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import Locale


class UnknownLocale(ValueError):
    def __init__(self, code):
        self.code = code
        available = ", ".join(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
        super().__init__(
            _("Unknown locale “%(code)s”. Available locales: %(available)s.")
            % {"code": code, "available": available}
        )


def content_language_codes():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def get_locale(code=None):
    """The Locale for a language code (the default language when none is given)."""
    code = code or settings.LANGUAGE_CODE
    if code not in content_language_codes():
        raise UnknownLocale(code)
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise UnknownLocale(code)
    return locale


def fallback_codes(code):
    """The language codes to try after ``code``, in order, without repeats."""
    chain = getattr(settings, "SAKURA_LOCALE_FALLBACKS", {}).get(code, [settings.LANGUAGE_CODE])
    seen = [code]
    for item in chain:
        if item not in seen and item in content_language_codes():
            seen.append(item)
    return seen[1:]


def locale_chain(locale, locales=None):
    """The requested Locale followed by its existing fallbacks; from ``locales`` (a
    LocaleTable) when the caller has one, else in one query."""
    codes = fallback_codes(locale.language_code)
    rows = (
        locales.by_id.values()
        if locales is not None
        else Locale.objects.filter(language_code__in=codes)
    )
    found = {loc.language_code: loc for loc in rows if loc.language_code in codes}
    return [locale, *[found[code] for code in codes if code in found]]


class LocaleTable:
    """Every Locale by id, read on first use: a handful of rows, loaded once per request by
    whoever needs the language of many objects (the site's Reader, the API's request context),
    so that no object's ``locale`` foreign key is fetched on its own."""

    @cached_property
    def by_id(self):
        return {locale.pk: locale for locale in Locale.objects.all()}

    def get(self, locale_id):
        return self.by_id.get(locale_id)

    def __getitem__(self, locale_id):
        return self.by_id[locale_id]

    def language_code(self, locale_id):
        locale = self.get(locale_id)
        return locale.language_code if locale else None

    def language_of(self, obj):
        """The language code of a translatable object, without fetching its locale row."""
        return self.language_code(obj.locale_id)


def sync_locales():
    """Create a Locale for every configured content language that lacks one. Adding a
    language is a settings change: the next ``migrate`` (or this function) does the rest."""
    existing = set(Locale.objects.values_list("language_code", flat=True))
    Locale.objects.bulk_create(
        [Locale(language_code=code) for code in content_language_codes() if code not in existing]
    )
