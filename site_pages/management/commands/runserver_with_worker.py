import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV


class Command(BaseCommand):
    help = (
        "Django's development server with a background worker beside it (what `make run` starts). "
        "Ctrl-C stops both. Arguments are runserver's."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", help="Optional port number, or ipaddr:port")
        parser.add_argument("--noreload", action="store_false", dest="use_reloader")

    def handle(self, *args, addrport=None, use_reloader=True, **options):
        # With the autoreloader, runserver re-executes this command in a child process (marked by
        # DJANGO_AUTORELOAD_ENV); only the outer process owns the worker, so there is one.
        worker = None
        if settings.TASKS_BACKEND != "immediate" and os.environ.get(DJANGO_AUTORELOAD_ENV) is None:
            command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "run_worker"]
            if use_reloader:
                command.append("--reload")
            worker = subprocess.Popen(command)
        try:
            runserver_args = [addrport] if addrport else []
            call_command("runserver", *runserver_args, use_reloader=use_reloader)
        finally:
            if worker is not None:
                # Ctrl-C in a terminal reaches the worker too (same process group); terminate()
                # covers every other way the server stops.
                if worker.poll() is None:
                    worker.terminate()
                try:
                    worker.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()
