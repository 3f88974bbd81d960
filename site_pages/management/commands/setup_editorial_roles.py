from django.core.management.base import BaseCommand

from site_pages.roles import setup_editorial_roles


class Command(BaseCommand):
    help = (
        "Create or repair the Secretariat, Mentors and per-chapter editor groups, their "
        "collections and permissions, and the secretariat approval workflow. Idempotent."
    )

    def handle(self, *args, **options):
        setup_editorial_roles()
        self.stdout.write(self.style.SUCCESS("Editorial roles and workflow are in place."))
