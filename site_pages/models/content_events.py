"""The record of what happened to published pages, which delta sync and webhooks both read."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale


class ContentEventKind(models.TextChoices):
    PUBLISHED = "published", _("published")
    CHANGED = "changed", _("changed")
    UNPUBLISHED = "unpublished", _("unpublished")
    DELETED = "deleted", _("deleted")
    MOVED = "moved", _("moved")


# Kinds after which the page is still there for readers (as far as the event knows).
LIVE_KINDS = {ContentEventKind.PUBLISHED, ContentEventKind.CHANGED, ContentEventKind.MOVED}


class ContentEvent(models.Model):
    """One thing that happened to one page, written by ``site_pages/content_events.py``.

    The row outlives the page (``page_id`` is a plain number, not a foreign key): a deletion is
    remembered as a tombstone until ``SAKURA_SYNC_RETENTION_DAYS`` have passed, so an offline
    client that syncs within that time learns the page is gone. Nothing of the page's content is
    kept, only what a client needs to find its copy (id, translation key, language, type, path).
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ContentEventKind.choices)
    page_id = models.PositiveIntegerField(_("page id"))
    translation_key = models.UUIDField(_("translation key"))
    locale = models.ForeignKey(
        Locale, verbose_name=_("locale"), on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("page type"), on_delete=models.CASCADE, related_name="+"
    )
    url_path = models.TextField(_("path in the page tree"), blank=True)
    # The address when the event happened: a deleted page has none any more, and a webhook
    # receiver purging its copy needs the old one.
    url = models.TextField(_("address"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("content event")
        verbose_name_plural = _("content events")
        indexes = [models.Index(fields=["locale", "at"])]

    def __str__(self):
        return f"{self.kind} page {self.page_id} at {self.at.isoformat()}"

    @property
    def page_type(self):
        """The page model's name (e.g. EventPage), as the API's ``pageType`` says it."""
        model = self.content_type.model_class()
        return model.__name__ if model else self.content_type.model
