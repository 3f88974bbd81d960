import os
import shutil

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import makemessages
from django.utils.translation import to_locale

from site_pages.catalogues import EXTENSIONS, IGNORE_PATTERNS, WRAP_WIDTH, translated_languages


class Command(makemessages.Command):
    """Django's makemessages, subclassed as its documentation suggests for changing options."""

    help = (
        "Collect the gettext strings of the project's templates and Python into the catalogue "
        "of every content language but English (locale/<language>/LC_MESSAGES/django.po), "
        "keeping existing translations. Django's makemessages with the project's options; "
        "needs GNU gettext (make system-deps)."
    )
    xgettext_options = [*makemessages.Command.xgettext_options, f"--width={WRAP_WIDTH}"]
    msgmerge_options = [*makemessages.Command.msgmerge_options, f"--width={WRAP_WIDTH}"]

    def handle(self, *args, **options):
        if shutil.which("xgettext") is None:
            raise CommandError(
                "GNU gettext is not installed: run `sudo make system-deps` "
                "(or apt-get install gettext), then try again."
            )
        if not options["locale"] and not options["all"]:
            options["locale"] = [to_locale(code) for code in translated_languages()]
        options["extensions"] = options["extensions"] or EXTENSIONS
        options["ignore_patterns"] = list(options["ignore_patterns"]) + IGNORE_PATTERNS
        # makemessages reads the tree below the current directory.
        os.chdir(settings.BASE_DIR)
        return super().handle(*args, **options)
