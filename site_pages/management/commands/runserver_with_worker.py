import os
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

STOP_GRACE_SECONDS = 10


class Command(BaseCommand):
    help = (
        "Django's development server with a background worker and the publishing scheduler beside "
        "it (what `make run` starts). Ctrl-C stops all three. Arguments are runserver's."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", help="Optional port number, or ipaddr:port")
        parser.add_argument("--noreload", action="store_false", dest="use_reloader")

    def handle(self, *args, addrport=None, use_reloader=True, **options):
        # With the autoreloader, runserver re-executes this command in a child process (marked by
        # DJANGO_AUTORELOAD_ENV); only the outer process owns the helpers, so there is one each.
        helpers = []
        if os.environ.get(DJANGO_AUTORELOAD_ENV) is None:
            manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
            if settings.TASKS_BACKEND != "immediate":
                worker = [*manage, "run_worker"]
                helpers.append(subprocess.Popen([*worker, "--reload"] if use_reloader else worker))
            # With the "immediate" backend the scheduler runs the publishing itself.
            helpers.append(subprocess.Popen([*manage, "run_scheduler"]))
        try:
            runserver_args = [addrport] if addrport else []
            call_command("runserver", *runserver_args, use_reloader=use_reloader)
        finally:
            # Ctrl-C in a terminal reaches the helpers too (same process group); terminate()
            # covers every other way the server stops.
            for helper in helpers:
                if helper.poll() is None:
                    helper.terminate()
            # One grace period for all of them, so that Ctrl-C never takes longer than it: a
            # helper still in a database call (SQLite waits for a lock) is killed after it.
            deadline = time.monotonic() + STOP_GRACE_SECONDS
            for helper in helpers:
                try:
                    helper.wait(timeout=max(deadline - time.monotonic(), 0.1))
                except subprocess.TimeoutExpired:
                    helper.kill()
                    helper.wait()
