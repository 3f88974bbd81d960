"""Receiving members' submissions, the same way from the site and the API and for every kind
(a question for the Sakura Mentors, a Members' Voice): honeypot, validation by the kind's form,
idempotency, rate limits, storing, then a confirmation e-mail in the submitter's language.

A kind of submission is an :class:`Intake` (``question_intake.py``, ``voice_intake.py``): its
form, where it stores its idempotency keys, its rate-limit group and how it stores itself.
"""

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import translation

from site_pages.mail import queue_email_in
from site_pages.submission_form import SubmissionForm
from site_pages.submission_limits import minutes, retry_after

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Django's validation codes -> the codes clients act on; anything else is INVALID.
ERROR_CODES = {"required": "REQUIRED", "max_length": "TOO_LONG", "file_too_large": "TOO_LARGE"}


@dataclass
class Problem:
    field: str | None  # the form field, None for the whole submission
    code: str
    message: str
    retry_after: int | None = None


@dataclass
class Outcome:
    form: forms.Form
    submission: object | None = None
    problems: list[Problem] = field(default_factory=list)
    # A bot filled the honeypot: nothing was stored, and the site does not tell it so.
    trapped: bool = False

    @property
    def rate_limited(self):
        return any(problem.code == "RATE_LIMITED" for problem in self.problems)


class Refused(Exception):
    """Raised by ``Intake.store`` when the submission cannot be kept after all (e.g. the media
    storage refused its photo): everything it saved is rolled back and the problems shown."""

    def __init__(self, *problems):
        super().__init__(" ".join(problem.message for problem in problems))
        self.problems = list(problems)


class Intake:
    """One kind of submission. ``model`` has a unique ``idempotency_key``; ``form_class`` is a
    ``SubmissionForm`` with an ``email`` field (idempotency keys and rate limits are per address).
    """

    form_class: type[SubmissionForm]
    model: type[Model]
    rate_group: str  # the rate limit's group name (site_pages/submission_limits.py)
    # A lazy translation with %(minutes)s, worded for this kind ("Too many questions ...").
    rate_limited_text: "StrOrPromise"

    # The receipt ``confirm`` mails to the submitter, in their language: its e-mail key (with
    # the submission's pk after it), subject (a lazy translation) and template.
    receipt_key: str
    receipt_subject: "StrOrPromise"
    receipt_template: str

    def rate_limited_message(self, minutes):
        return self.rate_limited_text % {"minutes": minutes}

    def unavailable(self, request, form):
        """A Problem when submissions of this kind cannot be received now, else None."""
        return None

    def store(self, request, form, idempotency_key):
        """Save the submission (inside a transaction) and return it, or raise Refused."""
        raise NotImplementedError

    def receipt_context(self, submission, form):
        """What the receipt's template reads; ``form`` holds what the submitter sent."""
        return {}

    def confirm(self, submission, form):
        """Tell the submitter it arrived (after the save)."""
        queue_email_in(
            submission.language,
            key=f"{self.receipt_key}:{submission.pk}",
            to=submission.email,
            subject=self.receipt_subject,
            template=self.receipt_template,
            context=self.receipt_context(submission, form),
        )


def stored_key(client_key, email):
    """The key stored for a client's idempotency key: scoped to the submitter's address, so two
    clients that chose the same key do not meet, and nobody can look up another's submission."""
    if not client_key:
        return None
    text = f"{email.strip().lower()}\n{client_key}"
    return hashlib.sha256(text.encode()).hexdigest()


def form_problems(form):
    return [
        Problem(
            field=None if name == "__all__" else name,
            code=ERROR_CODES.get(error.code, "INVALID"),
            message=" ".join(error.messages),
        )
        for name, errors in form.errors.as_data().items()
        for error in errors
    ]


def receive(intake, request, data, language, files=None, client_key=None, too_fast=False):
    """Validate and store a submission; messages are in ``language``, the reader's. ``too_fast``:
    the site's form came back sooner than a person can write (``fill_time.py``); like the
    honeypot, it is told nothing, but only once its input is valid, so a quick reader who made a
    mistake still sees what to correct."""
    with translation.override(language):
        form = intake.form_class(data, files, language=language)
        if form.honeypot_filled():
            return Outcome(form=form, trapped=True)
        if not form.is_valid():
            return Outcome(form=form, problems=form_problems(form))
        if too_fast:
            return Outcome(form=form, trapped=True)
        email = form.cleaned_data["email"]
        key = stored_key(client_key, email)
        manager = intake.model._default_manager
        existing = manager.filter(idempotency_key=key).first() if key else None
        if existing is not None:
            return Outcome(form=form, submission=existing)
        problem = intake.unavailable(request, form)
        if problem is not None:
            return Outcome(form=form, problems=[problem])
        wait = retry_after(request, intake.rate_group, email)
        if wait is not None:
            message = intake.rate_limited_message(minutes(wait))
            problem = Problem(None, "RATE_LIMITED", message, retry_after=wait)
            return Outcome(form=form, problems=[problem])
        try:
            with transaction.atomic():
                submission = intake.store(request, form, key)
        except Refused as refusal:
            return Outcome(form=form, problems=refusal.problems)
        except IntegrityError:
            # The same retry, arriving at the same moment on another app server.
            if key is None:
                raise
            return Outcome(form=form, submission=manager.get(idempotency_key=key))

        intake.confirm(submission, form)
        return Outcome(form=form, submission=submission)
