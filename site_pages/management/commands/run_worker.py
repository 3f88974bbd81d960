from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from site_pages.mail import queue_unsent_email
from site_pages.newsletter_sending import queue_sending_issues


class Command(BaseCommand):
    help = (
        "Run the background worker for the configured task queue (TASKS_BACKEND): "
        "django-tasks-db's db_worker for the database queue, an RQ worker for Redis. Start as many "
        "as you like, on as many machines as share the database or Redis. E-mail that failed or "
        "whose task was lost, and newsletter issues still sending, are queued again on start "
        "(sending is idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Run what is queued, then exit (db_worker --batch, rqworker --burst).",
        )
        parser.add_argument(
            "--reload",
            action="store_true",
            help="Restart the worker when code changes (development; database queue only).",
        )

    def handle(self, *args, batch=False, reload=False, **options):
        backend = settings.TASKS_BACKEND
        verbosity = options["verbosity"]
        requeued = queue_unsent_email()
        if requeued and verbosity:
            self.stdout.write(f"Queued {requeued} unsent e-mail(s) again.")
        resumed = queue_sending_issues()
        if resumed and verbosity:
            self.stdout.write(f"Resumed sending {resumed} newsletter issue(s).")
        if backend == "database":
            call_command(
                "db_worker",
                queue_name="*",
                batch=batch,
                reload=reload,
                startup_delay=not batch,
                verbosity=verbosity,
            )
        elif backend == "rq":
            call_command(
                "rqworker",
                *settings.TASKS["default"]["QUEUES"],
                job_class="django_tasks_rq.Job",
                burst=batch,
                # Delayed tasks (webhook and newsletter retries, run_after) wait in RQ's
                # scheduled registry, which only a worker running the scheduler moves on.
                with_scheduler=True,
                verbosity=verbosity,
            )
        else:
            raise CommandError(
                f"TASKS_BACKEND is {backend!r}: tasks run where they are queued, there is no "
                "worker to start. Set TASKS_BACKEND=database or rq."
            )
