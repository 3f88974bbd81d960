from django.conf import settings
from django.core.management.base import BaseCommand

from site_pages.personal_data import apply_retention


class Command(BaseCommand):
    help = (
        "Delete spent personal data older than SAKURA_PERSONAL_DATA_RETENTION_DAYS: declined "
        "questions, the askers of answered ones (the question stays, quoted by its column), "
        "records of published voices, voices left unpublished and untouched (rejected or never "
        "approved), sent e-mails; and newsletter "
        "subscriptions not confirmed within NEWSLETTER_CONFIRM_DAYS. The scheduler runs "
        "this once a day; it is safe to run any time."
    )

    def handle(self, *args, **options):
        result = apply_retention()
        self.stdout.write(
            f"Retention ({settings.SAKURA_PERSONAL_DATA_RETENTION_DAYS} days): deleted or "
            f"anonymised {result.questions} question(s), {result.voice_records} voice record(s), "
            f"{result.voice_drafts} unpublished voice(s), "
            f"{result.emails} e-mail(s), {result.unconfirmed_subscriptions} unconfirmed "
            "newsletter subscription(s)."
        )
