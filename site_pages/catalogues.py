"""The gettext catalogues of the interface strings: ``locale/<language>/LC_MESSAGES/django.po``.

The public site's templates, the custom admin text and the error messages are gettext strings
(``{% translate %}``, ``gettext_lazy``). ``manage.py update_catalogues`` is Django's
``makemessages`` (GNU gettext, installed by ``make system-deps``) with this project's choices
made once: every content language but English, the project's own code only, 100 columns.

Django reads compiled ``.mo`` files, which are built, not committed: ``manage.py
compile_catalogues`` (run by ``make install``) compiles every ``.po`` file that is newer than
its ``.mo``. It writes them with polib (a dependency of wagtail-localize) rather than Django's
``compilemessages``, because that needs GNU gettext's ``msgfmt``, a system package a newcomer
without root may not have, and ``make install`` must work on any machine with Python.
"""

from pathlib import Path

import polib
from django.conf import settings

DOMAIN = "django"
# What update_catalogues reads: the project's own code. Third-party apps ship their own
# catalogues; tests, docs, the bench and media hold no interface strings.
EXTENSIONS = ["html", "txt", "py"]
IGNORE_PATTERNS = [
    "*/migrations/*",
    "tests/*",
    "docs/*",
    "bench/*",
    "media/*",
    "static/*",
    "node_modules/*",
]
WRAP_WIDTH = 100


def locale_dir():
    return Path(settings.LOCALE_PATHS[0])


def catalogue_path(language_code, root=None):
    """``locale/ja/LC_MESSAGES/django.po``; Django names the folders after locales (zh_Hans)."""
    from django.utils.translation import to_locale

    return (root or locale_dir()) / to_locale(language_code) / "LC_MESSAGES" / f"{DOMAIN}.po"


def translated_languages():
    """Every content language but the default one, which the msgids are written in."""
    return [
        code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE
    ]


def compile_catalogue(po_path, force=False):
    """Write the ``.mo`` beside ``po_path`` unless it is newer already; True when written."""
    po_path = Path(po_path)
    mo_path = po_path.with_suffix(".mo")
    if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    return True


def compile_catalogues(root=None, force=False):
    """Compile every ``.po`` under ``locale/``; returns the ``.mo`` paths written."""
    root = root or locale_dir()
    written = []
    for po_path in sorted(Path(root).glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        if compile_catalogue(po_path, force=force):
            written.append(po_path.with_suffix(".mo"))
    return written
