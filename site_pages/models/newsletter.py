"""The monthly newsletter: its subscribers (double opt-in), the issues the Secretariat approves,
and one delivery row per subscriber and issue, which is what makes sending resumable.

A subscriber's e-mail address is personal data: no API type, page, feed or search index holds
it, ``site_pages/personal_data.py`` exports and erases it, and unconfirmed subscriptions are
deleted by the retention rule. Unsubscribing deletes the row.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.models import PreviewableMixin

from site_pages.models.base import idempotency_key_field


def new_token():
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """One address on the list. ``token`` is the secret the signed links in the mails carry
    (``site_pages/newsletter_links.py``). Unsubscribing deletes the row, so an address that
    subscribes again gets a new token and the old mails' links stop working."""

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"), max_length=20, choices=settings.WAGTAIL_CONTENT_LANGUAGES
    )
    chapters = models.ManyToManyField(
        "site_pages.ChapterPage",
        verbose_name=_("chapters"),
        blank=True,
        related_name="+",
        help_text=_("The chapters whose news the subscriber wants; none means every chapter."),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("subscribed at"), auto_now_add=True)
    # When the latest confirmation mail went out: an unconfirmed request expires from it.
    requested_at = models.DateTimeField(_("confirmation requested at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # A digest of the client's idempotency key and the address (submission_intake.stored_key).
    idempotency_key = idempotency_key_field()

    # The Secretariat may correct a reader's choices on request; the address and the dates are
    # the reader's own doing.
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("email", read_only=True),
                FieldPanel("created_at", read_only=True),
                FieldPanel("confirmed_at", read_only=True),
            ],
            heading=_("Subscriber"),
        ),
        FieldPanel("language"),
        FieldPanel("chapters"),
    ]

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["-created_at"]

    def __str__(self):
        # The admin never lists addresses outside the Secretariat's subscriber view.
        return f"#{self.pk} ({self.language})"

    @property
    def confirmed(self):
        return self.confirmed_at is not None


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Approved, sending")
    SENT = "sent", _("Sent")


class NewsletterIssue(PreviewableMixin, models.Model):
    """The digest of one month in one language (``site_pages/newsletter.py`` builds it).

    While a draft, its content follows what is published; approving it freezes the content,
    so the mail and the archive show what the Secretariat approved.
    """

    language = models.CharField(
        _("language"), max_length=20, choices=settings.WAGTAIL_CONTENT_LANGUAGES
    )
    month = models.DateField(
        _("month"), help_text=_("Any day of the month the issue covers; the first is kept.")
    )
    intro = models.TextField(
        _("editorial introduction"),
        help_text=_(
            "The Secretariat's words that open the issue; a blank line starts a paragraph."
        ),
    )
    content = models.JSONField(_("content"), default=dict, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=IssueStatus.choices,
        default=IssueStatus.DRAFT,
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0, editable=False)

    panels = [
        HelpPanel(
            content=_(
                "The issue lists what was published in its language during its month: chapter "
                "news, network events, Sakura Mentor columns and Members' Voice. Check it in the "
                "preview; the Secretariat approves it from the list of issues, which sends it."
            )
        ),
        FieldPanel("language"),
        FieldPanel("month"),
        FieldPanel("intro"),
    ]

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-month", "language"]
        constraints = [
            models.UniqueConstraint(fields=["language", "month"], name="one_issue_per_month")
        ]
        permissions = [("approve_newsletterissue", _("Can approve and send newsletter issues"))]

    def __str__(self):
        return f"{self.month:%Y-%m} ({self.language})"

    def save(self, *args, **kwargs):
        if self.month:
            self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)

    def clean(self):
        # Before the form checks "one issue per language and month" against the stored months.
        super().clean()
        if self.month:
            self.month = self.month.replace(day=1)

    @property
    def is_draft(self):
        return self.status == IssueStatus.DRAFT

    def digest(self):
        """The issue's sections: built now while a draft, as approved afterwards."""
        from site_pages.newsletter import build_content

        if self.is_draft:
            return build_content(self.language, self.month.replace(day=1))
        return self.content

    # PreviewableMixin: the admin shows the mail as a subscriber reads it.
    preview_modes = [("html", _("E-mail")), ("text", _("Plain text"))]

    def get_preview_template(self, request, mode_name):
        return "site_pages/mail/newsletter_issue_preview.html"

    def get_preview_context(self, request, mode_name):
        from site_pages.newsletter_mail import preview_context

        return preview_context(self, mode_name)


class NewsletterDelivery(models.Model):
    """One issue to one subscriber. The unique pair is the sending's memory: a row is claimed
    atomically before its mail goes out and marked sent right after, each in its own commit, so
    a worker killed mid-batch leaves at most its one unfinished row to the next
    (``site_pages/newsletter_sending.py``)."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    failed = models.BooleanField(default=False)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_issue")
        ]
        indexes = [models.Index(fields=["issue", "sent_at"])]

    def __str__(self):
        return f"{self.issue} → #{self.subscriber_id}"
