"""Wagtail's own admin strings that its Japanese catalogue leaves untranslated, on screens every
editor opens (the dashboard's search box, its page, image and document counts, the "Help"
menu and the editor guide link).

Django looks in the project's catalogue (``LOCALE_PATHS``) before an app's, so a translation in
locale/ja/LC_MESSAGES/django.po fills the gap. The msgids are listed here, word for word as
Wagtail writes them, so that ``update_catalogues`` collects them with the project's strings
and keeps their translations (and the catalogue test asks for them); nothing imports this
module. Remove an entry once Wagtail's catalogue translates it.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

WAGTAIL_STRINGS = (
    gettext_noop("Search all pages…"),
    gettext_noop("Help"),
    gettext_noop("Wagtail %(current_version)s editor guide"),
    ngettext_lazy(
        '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
        "total",
    ),
    ngettext_lazy(
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
        "total",
    ),
    ngettext_lazy(
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
        "total",
    ),
)
