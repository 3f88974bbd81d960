from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from site_pages.personal_data import erase


class Command(BaseCommand):
    help = (
        "Erase what the club holds about one e-mail address (an erasure request): mentor "
        "questions, draft Members' Voice pages with their photos and records, queued e-mails, the "
        "newsletter subscription. "
        "Published voices are listed and kept unless --unpublish is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--unpublish",
            action="store_true",
            help="Also delete published voices the member sent (their consent is withdrawn).",
        )

    def handle(self, *args, email, unpublish=False, **options):
        try:
            validate_email(email.strip())
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an e-mail address.") from error
        result = erase(email, unpublish=unpublish)
        self.stdout.write(
            f"Erased {result.questions} mentor question(s), {result.draft_voices} draft "
            f"voice(s), {result.published_voices_removed} published voice(s) and "
            f"{result.emails} e-mail(s) and {result.subscriptions} newsletter subscription(s) "
            f"for {email.strip()}."
        )
        for page in result.published_voices_kept:
            self.stdout.write(
                f"Kept published voice “{page.title}” ({page.full_url or page.url_path}): "
                "run again with --unpublish if the member withdrew their consent."
            )
