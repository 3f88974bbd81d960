from django.core.management import call_command
from django.core.management.base import BaseCommand

from site_pages.demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Build the demo site from the facts of the Sakura Science Club (chapters, reunions, "
        "programmes, columns, voices, a yearbook) with locally drawn images. Running it again "
        "adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-indexes",
            action="store_true",
            help="Do not rebuild the search and reference indexes afterwards (for tests).",
        )

    def handle(self, *args, skip_indexes=False, **options):
        DemoLoader(stdout=self.stdout if options["verbosity"] > 0 else None).load()
        if not skip_indexes:
            call_command("update_index", verbosity=0)
            call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
