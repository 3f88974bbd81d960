"""Questions members ask the Sakura Mentors, on the site or through the API (``askMentor``)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from site_pages.models.base import idempotency_key_field
from site_pages.models.snippets import programme_year_validators

QUESTION_MAX_LENGTH = 4000


class QuestionTopic(models.TextChoices):
    STUDY = "study", _("Studying in Japan")
    RESEARCH = "research", _("Research")
    CAREER = "career", _("Careers")
    SCHOLARSHIPS = "scholarships", _("Scholarships and funding")
    LIFE = "life", _("Life in Japan")
    OTHER = "other", _("Something else")


class QuestionStatus(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Assigned to a mentor")
    ANSWERED = "answered", _("Answered")
    DECLINED = "declined", _("Declined")


class MentorQuestion(models.Model):
    """A member's question, waiting for the Secretariat to pass it to a mentor.

    The asker's e-mail address, and their name unless ``show_name`` is set, are personal data:
    no query type of the API exposes them, and the admin lists them to the Secretariat only
    (``site_pages/submission_access.py``).

    Two consents, recorded as the asker gave them: ``consent_to_quote``, that a mentor may quote
    the question in a published column with the asker's country (required to ask: mentors answer
    in columns, ``question_answers.py``), and ``show_name``, that the asker's first name is
    added to the quote (optional).
    """

    question = models.TextField(_("question"), max_length=QUESTION_MAX_LENGTH)
    topic = models.CharField(_("topic"), max_length=20, choices=QuestionTopic.choices)
    mentor_asked = models.ForeignKey(
        "site_pages.Mentor",
        verbose_name=_("mentor asked for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"), blank=True)
    programme_year = models.PositiveSmallIntegerField(
        _("programme year"), null=True, blank=True, validators=programme_year_validators
    )
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language"), max_length=20, choices=settings.WAGTAIL_CONTENT_LANGUAGES
    )
    consent_to_quote = models.BooleanField(
        _("consent to be quoted"),
        default=False,
        help_text=_(
            "The asker agreed that a mentor may quote the question in a published column, with "
            "their country. Only such questions can be answered in a column."
        ),
    )
    show_name = models.BooleanField(
        _("may show name"),
        default=False,
        help_text=_("The asker agreed that their name appears with the answer."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=QuestionStatus.choices,
        default=QuestionStatus.NEW,
        help_text=_(
            "“Assigned to a mentor” puts the question on the chosen mentor's dashboard. "
            "It becomes “Answered” when a column that answers it is published."
        ),
    )
    assigned_mentor = models.ForeignKey(
        "site_pages.Mentor",
        verbose_name=_("assigned mentor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_questions",
        help_text=_("The mentor who answers. They never see the asker's e-mail address."),
    )
    answer = models.ForeignKey(
        "site_pages.MentorColumnPage",
        verbose_name=_("answered in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answered_questions",
        help_text=_("The column with the answer. Filled in when that column is published."),
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    # A digest of the client's idempotency key and the asker's address (question_intake.py):
    # a retried request finds its question, and nobody can probe someone else's key.
    idempotency_key = idempotency_key_field()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("question", read_only=True),
                FieldPanel("topic", read_only=True),
                FieldPanel("mentor_asked", read_only=True),
                FieldPanel("language", read_only=True),
            ],
            heading=_("Question"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("name", read_only=True),
                FieldPanel("consent_to_quote", read_only=True),
                FieldPanel("show_name", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("country", read_only=True),
                FieldPanel("programme_year", read_only=True),
            ],
            heading=_("Asker"),
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("assigned_mentor"), FieldPanel("answer")],
            heading=_("Triage"),
        ),
    ]

    class Meta:
        verbose_name = _("mentor question")
        verbose_name_plural = _("mentor questions")
        ordering = ["-created_at"]

    def __str__(self):
        text = " ".join(self.question.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    def clean(self):
        # The mentor's dashboard lists assigned questions, and the asker is told when the answer
        # is live: a status without its mentor or its column would leave either with nothing.
        super().clean()
        if self.status == QuestionStatus.ASSIGNED and self.assigned_mentor_id is None:
            raise ValidationError(
                {"assigned_mentor": _("Choose the mentor who will answer this question.")}
            )
        if self.status == QuestionStatus.ANSWERED and self.answer_id is None:
            raise ValidationError({"answer": _("Choose the column that answers this question.")})
