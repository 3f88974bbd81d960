from django.core.management.base import BaseCommand

from site_pages.catalogues import update_catalogues


class Command(BaseCommand):
    help = (
        "Collect the gettext strings of the project's templates and Python and merge them into "
        "the catalogue of every content language (locale/<language>/LC_MESSAGES/django.po), "
        "like makemessages but without GNU gettext. Existing translations are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language", "-l", action="append", dest="languages", help="Only this language."
        )

    def handle(self, *args, languages=None, **options):
        for path in update_catalogues(languages):
            self.stdout.write(f"Updated {path}")
