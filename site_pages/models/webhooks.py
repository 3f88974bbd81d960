"""Publish webhooks for client apps: where to send content events, and what was sent."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from site_pages.models.content_events import ContentEventKind
from site_pages.webhook_urls import validate_webhook_url


def new_secret():
    return secrets.token_urlsafe(32)


def all_kinds():
    return [kind.value for kind in ContentEventKind]


class Webhook(models.Model):
    """A client app's endpoint, told of every content event it subscribed to
    (``site_pages/webhooks.py``). Only the Secretariat and superusers see these: the secret
    lets anyone who holds it forge deliveries."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[validate_webhook_url],
        help_text=_("The receiver's address (http or https), called with a POST per event."),
    )
    secret = models.CharField(
        _("secret"),
        max_length=200,
        default=new_secret,
        help_text=_(
            "Shared with the receiver, which checks each delivery's signature with it. "
            "Keep it private; change it if it leaks."
        ),
    )
    events = models.JSONField(
        _("events"),
        default=all_kinds,
        help_text=_("The kinds of content events sent to this webhook."),
    )
    locales = models.ManyToManyField(
        Locale,
        verbose_name=_("languages"),
        blank=True,
        related_name="+",
        help_text=_("Only events of pages in these languages; none chosen means every language."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DeliveryStatus(models.TextChoices):
    DELIVERED = "delivered", _("delivered")
    RETRYING = "retrying", _("failed, will retry")
    FAILED = "failed", _("failed")


class WebhookDelivery(models.Model):
    """One attempt at delivering one event to one webhook: what the receiver answered. Retries
    of the same delivery share its ``delivery_id`` (sent in a header, so a receiver can ignore
    a repeat)."""

    webhook = models.ForeignKey(
        Webhook, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="deliveries"
    )
    delivery_id = models.UUIDField(_("delivery id"), db_index=True)
    kind = models.CharField(_("event"), max_length=20)
    page_id = models.PositiveIntegerField(_("page id"), null=True, blank=True)
    attempt = models.PositiveSmallIntegerField(_("attempt"))
    status = models.CharField(_("status"), max_length=20, choices=DeliveryStatus.choices)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    response_body = models.TextField(_("start of the response"), blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.webhook} {self.kind} #{self.attempt}: {self.status}"
