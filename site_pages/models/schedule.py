"""The scheduler's memory: which time slots have had their scheduled publishing queued."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """One row per slot (a minute, by default) in which a scheduler queued
    ``publish_scheduled_content`` (``site_pages/scheduling.py``).

    The unique slot is the lock: several schedulers (one per machine, for availability) race to
    insert the same row and only the winner queues the task, so each slot's work is queued once,
    whichever database or task queue the deployment uses. Rows exist only for slots in which
    something was due, and are pruned after a week.
    """

    slot = models.DateTimeField(_("slot"), unique=True)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scheduled publishing run")
        verbose_name_plural = _("scheduled publishing runs")

    def __str__(self):
        return self.slot.isoformat()
