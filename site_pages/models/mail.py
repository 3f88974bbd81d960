"""Outgoing e-mail, one row per message, so that sending it is a task that can run twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """A message queued for the task runner (``site_pages/mail.py``).

    The row is the task's memory: a worker that picks the same message up again (a retried task,
    a second worker, a restart after a crash) sees ``sent_at`` and does not send it twice. The
    recipient's address is personal data: rows are removed by ``erase_personal_data`` and, once
    sent, by the retention rule.
    """

    # Names the reason for the message (e.g. "mentor-answer:42"), so queueing it twice for the
    # same reason gives one message.
    key = models.CharField(_("key"), max_length=200, unique=True)
    to = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    language = models.CharField(_("language"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["to"])]

    def __str__(self):
        return self.key
