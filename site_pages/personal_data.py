"""Members' personal data: what the club holds about one e-mail address, erasing it on request,
and the retention rule that removes what is spent.

Personal data lives in three places, all keyed by the e-mail address the member gave:

- ``MentorQuestion``: the asker's name, e-mail, country, programme year and question;
- ``MemberVoiceSubmission`` and the draft ``MemberVoicePage`` it became (the page holds the
  sender's name, affiliation and message until the Secretariat publishes it with consent);
- ``OutgoingEmail``: messages queued to the address;
- ``Subscriber``: the newsletter subscription (language, chapters, dates) and, through its
  ``NewsletterDelivery`` rows, which issues were sent to it.

Published voices are the club's content, published with the member's consent: erasure lists them
and removes them only when asked to (``unpublish=True``, the Secretariat's decision on a
withdrawn consent), so a typo in an address can never take a live page down unnoticed.

Retention (``SAKURA_PERSONAL_DATA_RETENTION_DAYS``): a question answered or declined, a voice
published, a voice left unpublished (a draft the Secretariat rejected, never approved, or took
down) with nothing done to it, and a sent e-mail are *spent* once that many days have passed; the
scheduler applies the rule once a day (``site_pages/scheduling.py``). A newsletter subscription
never confirmed is deleted once its confirmation link has expired
(``SAKURA_NEWSLETTER["CONFIRM_DAYS"]``); a confirmed one lasts until its subscriber leaves.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.html import strip_tags
from django_tasks import task
from wagtail.models import PageLogEntry

from site_pages.models import (
    MemberVoicePage,
    MemberVoiceSubmission,
    MentorQuestion,
    OutgoingEmail,
    QuestionStatus,
    Subscriber,
)


def normalised(email):
    return email.strip()


def questions_of(email):
    return MentorQuestion.objects.filter(email__iexact=normalised(email)).order_by("created_at")


def voices_of(email):
    return (
        MemberVoiceSubmission.objects.filter(email__iexact=normalised(email))
        .select_related("page")
        .order_by("created_at")
    )


def emails_to(email):
    return OutgoingEmail.objects.filter(to__iexact=normalised(email)).order_by("created_at")


def subscriptions_of(email):
    return Subscriber.objects.filter(email__iexact=normalised(email)).prefetch_related(
        "chapters", "deliveries__issue"
    )


def iso(moment):
    return moment.isoformat() if moment else None


def plain_text(body):
    """A StreamField's text, paragraph by paragraph, without markup."""
    parts = []
    for block in body:
        value = getattr(block.value, "source", block.value)
        if isinstance(value, str):
            parts.append(strip_tags(value.replace("<br/>", "\n")).strip())
    return "\n\n".join(part for part in parts if part)


def export(email):
    """Everything held about ``email``, as plain JSON-ready data (an access request)."""
    return {
        "email": normalised(email),
        "mentor_questions": [
            {
                "asked_at": question.created_at.isoformat(),
                "name": question.name,
                "email": question.email,
                "country": question.country.code or "",
                "programme_year": question.programme_year,
                "language": question.language,
                "topic": question.topic,
                "question": question.question,
                "may_be_quoted": question.consent_to_quote,
                "name_may_be_shown": question.show_name,
                "status": question.status,
            }
            for question in questions_of(email)
        ],
        "member_voices": [
            {
                "received_at": submission.created_at.isoformat(),
                "email": submission.email,
                "language": submission.language,
                "consent_to_publish": submission.consent_to_publish,
                "published": submission.page.live,
                "name": submission.page.member_name,
                "affiliation": submission.page.affiliation,
                "programme": submission.page.programme,
                "programme_year": submission.page.programme_year,
                "country": submission.page.country.code or "",
                "title": submission.page.title,
                "message": plain_text(submission.page.body),
            }
            for submission in voices_of(email)
        ],
        "emails_sent": [
            {
                "queued_at": message.created_at.isoformat(),
                "sent_at": message.sent_at.isoformat() if message.sent_at else None,
                "subject": message.subject,
                "body": message.body,
            }
            for message in emails_to(email)
        ],
        "newsletter_subscriptions": [
            {
                "email": subscriber.email,
                "language": subscriber.language,
                "chapters": sorted(chapter.title for chapter in subscriber.chapters.all()),
                "subscribed_at": iso(subscriber.created_at),
                "confirmation_requested_at": iso(subscriber.requested_at),
                "confirmed_at": iso(subscriber.confirmed_at),
                "issues_sent": [
                    {"issue": str(delivery.issue), "sent_at": iso(delivery.sent_at)}
                    for delivery in subscriber.deliveries.all()
                    if delivery.sent_at
                ],
            }
            for subscriber in subscriptions_of(email)
        ],
    }


@dataclass
class Erasure:
    """What ``erase`` removed, and the published voices it left (without ``unpublish``)."""

    questions: int = 0
    draft_voices: int = 0
    published_voices_removed: int = 0
    emails: int = 0
    subscriptions: int = 0
    published_voices_kept: list = field(default_factory=list)


def delete_voice(page):
    """The voice page, its revisions and its submission record; the submitted photo too, which
    nothing else uses (it sits in the Submissions collection)."""
    photo = page.photo
    page_id = page.pk
    page.delete()
    # The page's title is the sender's name, and Wagtail's history of the page (created,
    # edited, submitted, deleted) repeats it in every entry: the history goes with the page.
    PageLogEntry.objects.filter(page_id=page_id).delete()
    if photo is not None and not MemberVoicePage.objects.filter(photo=photo).exists():
        photo.delete()


@transaction.atomic
def erase(email, *, unpublish=False):
    """Remove what the club holds about ``email`` (an erasure request)."""
    result = Erasure()
    result.questions, _ = questions_of(email).delete()
    for submission in list(voices_of(email)):
        page = submission.page.specific
        if page.live and not unpublish:
            result.published_voices_kept.append(page)
            continue
        if page.live:
            result.published_voices_removed += 1
        else:
            result.draft_voices += 1
        delete_voice(page)
    result.emails, _ = emails_to(email).delete()
    result.subscriptions = subscriptions_of(email).count()
    Subscriber.objects.filter(email__iexact=normalised(email)).delete()
    return result


@dataclass
class Retention:
    questions: int = 0
    voice_records: int = 0
    voice_drafts: int = 0
    emails: int = 0
    unconfirmed_subscriptions: int = 0


def stale_voice_drafts(cutoff):
    """Submissions whose page is not live, received before ``cutoff`` and with nothing done to
    the page since (no edit, submission, rejection, publication or unpublication in Wagtail's
    history): a draft the Secretariat rejected is spent a retention period after the rejection,
    one nobody decided on a retention period after it arrived."""
    last_action = Subquery(
        PageLogEntry.objects.filter(page_id=OuterRef("page_id"))
        .order_by("-timestamp")
        .values("timestamp")[:1]
    )
    return (
        MemberVoiceSubmission.objects.filter(page__live=False, created_at__lt=cutoff)
        .annotate(last_action=last_action)
        .filter(Q(last_action__isnull=True) | Q(last_action__lt=cutoff))
        .filter(
            Q(page__latest_revision_created_at__isnull=True)
            | Q(page__latest_revision_created_at__lt=cutoff)
        )
        .select_related("page")
    )


def retention_cutoff(now=None):
    days = settings.SAKURA_PERSONAL_DATA_RETENTION_DAYS
    return (now or timezone.now()) - timedelta(days=days)


@transaction.atomic
def apply_retention(now=None):
    """Delete the spent personal data older than the retention period.

    - questions declined: deleted; answered: the asker's name and address removed, the question
      itself kept, because the column that answers it quotes it;
    - voice submissions whose page is published: the record (e-mail, consent) is deleted, the
      page stays; a page not live that nobody touched for the period (rejected, never
      approved, or unpublished): deleted with its history, photo and record (``delete_voice``);
    - e-mails sent: deleted (unsent ones stay, so the worker can still deliver them);
    - newsletter subscriptions never confirmed, once their confirmation link has expired.
    """
    cutoff = retention_cutoff(now)
    result = Retention()
    spent = MentorQuestion.objects.filter(created_at__lt=cutoff)
    declined, _ = spent.filter(status=QuestionStatus.DECLINED).delete()
    # An answered question is quoted by its column whenever the column is shown (the Q&A block
    # stores only its id): the asker is forgotten, the quote and country stay.
    answered = spent.filter(status=QuestionStatus.ANSWERED).exclude(email="")
    anonymised = answered.update(name="", email="", show_name=False, idempotency_key=None)
    result.questions = declined + anonymised
    result.voice_records, _ = MemberVoiceSubmission.objects.filter(
        page__live=True, created_at__lt=cutoff
    ).delete()
    for submission in list(stale_voice_drafts(cutoff)):
        delete_voice(submission.page.specific)
        result.voice_drafts += 1
    result.emails, _ = OutgoingEmail.objects.filter(
        sent_at__isnull=False, sent_at__lt=cutoff
    ).delete()
    expired = (now or timezone.now()) - timedelta(days=settings.SAKURA_NEWSLETTER["CONFIRM_DAYS"])
    result.unconfirmed_subscriptions = (
        Subscriber.objects.filter(confirmed_at__isnull=True, requested_at__lt=expired)
        .delete()[1]
        .get("site_pages.Subscriber", 0)
    )
    return result


@task()
def apply_retention_task():
    result = apply_retention()
    return {
        "questions": result.questions,
        "voice_records": result.voice_records,
        "voice_drafts": result.voice_drafts,
        "emails": result.emails,
        "unconfirmed_subscriptions": result.unconfirmed_subscriptions,
    }
