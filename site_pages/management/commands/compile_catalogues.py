from django.core.management.base import BaseCommand

from site_pages.catalogues import compile_catalogues


class Command(BaseCommand):
    help = (
        "Compile the gettext catalogues in locale/ (.po to .mo) with polib, so that no GNU "
        "gettext is needed to install. Only catalogues changed since they were last compiled, "
        "unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile every catalogue.")

    def handle(self, *args, force=False, **options):
        written = compile_catalogues(force=force)
        if options["verbosity"] > 1:
            for path in written:
                self.stdout.write(f"Compiled {path}")
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"{len(written)} catalogue(s) compiled."))
