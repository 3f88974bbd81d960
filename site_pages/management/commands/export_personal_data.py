import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from site_pages.personal_data import export


class Command(BaseCommand):
    help = (
        "Print, as JSON, everything the club holds about one e-mail address (an access "
        "request): mentor questions, Members' Voice submissions and e-mails sent."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        try:
            validate_email(email.strip())
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an e-mail address.") from error
        self.stdout.write(json.dumps(export(email), ensure_ascii=False, indent=2))
