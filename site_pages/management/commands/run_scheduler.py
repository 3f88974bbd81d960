import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from site_pages.scheduling import queue_daily_work, tick

logger = logging.getLogger("site_pages.scheduling")


class Stop:
    """Ctrl-C or SIGTERM asked the scheduler to stop; ``sleep`` waits in short steps so that
    the request is seen within a second."""

    STEP = 0.5

    def __init__(self):
        self.requested = False

    def request(self, *_signal):
        self.requested = True

    def sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while not self.requested and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, self.STEP))


class Command(BaseCommand):
    help = (
        "Queue Wagtail's scheduled publishing (go-live and expiry dates) on the task runner when "
        "it comes due, checking every SAKURA_SCHEDULER_INTERVAL seconds (what `make run` starts "
        "beside the worker). One per deployment is enough; more are safe (each slot is claimed "
        "in the database). Ctrl-C or SIGTERM stops it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Look once, queue what is due (publishing only), then exit.",
        )

    def handle(self, *args, once=False, **options):
        if once:
            self.report(tick(), options["verbosity"])
            return
        # The handler only sets a flag: a threading.Event set from a signal handler deadlocks
        # when the signal lands while the main thread holds the Event's lock (inside wait()).
        stop = Stop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, stop.request)
        interval = settings.SAKURA_SCHEDULER_INTERVAL
        last_day = None
        while not stop.requested:
            try:
                if timezone.now().date() != last_day:
                    queue_daily_work()
                    last_day = timezone.now().date()
                self.report(tick(), options["verbosity"])
            except Exception:
                # A database restart must not end the scheduler: log it, try at the next slot.
                logger.exception("Scheduled publishing check failed; trying again next slot.")
            close_old_connections()
            # Sleep to the start of the next slot, so every scheduler looks in step.
            now = timezone.now().timestamp()
            stop.sleep(interval - now % interval + 0.5)

    def report(self, queued, verbosity):
        if queued and verbosity:
            self.stdout.write(f"{timezone.now():%Y-%m-%d %H:%M:%S} queued scheduled publishing.")
