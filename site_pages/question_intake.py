"""Receiving a question for the Sakura Mentors, the same way from the site and the API:
honeypot, validation (``question_form.py``), idempotency, rate limits, then the question and
a confirmation e-mail in the asker's language."""

import hashlib
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from site_pages.mail import queue_email
from site_pages.models import MentorQuestion
from site_pages.question_form import MentorQuestionForm
from site_pages.submission_limits import minutes, retry_after

RATE_GROUP = "ask-mentor"
# Django's validation codes -> the codes clients act on; anything else is INVALID.
ERROR_CODES = {"required": "REQUIRED", "max_length": "TOO_LONG"}


@dataclass
class Problem:
    field: str | None  # the form field, None for the whole submission
    code: str
    message: str
    retry_after: int | None = None


@dataclass
class Outcome:
    form: MentorQuestionForm
    question: MentorQuestion | None = None
    problems: list[Problem] = field(default_factory=list)
    # A bot filled the honeypot: nothing was stored, and the site does not tell it so.
    trapped: bool = False

    @property
    def rate_limited(self):
        return any(problem.code == "RATE_LIMITED" for problem in self.problems)


def stored_key(client_key, email):
    """The key stored for a client's idempotency key: scoped to the asker's address, so two
    clients that chose the same key do not meet, and nobody can look up another's question."""
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


def ask_mentor(request, data, language, client_key=None, too_fast=False):
    """Validate and store a question; messages are in ``language``, the reader's. ``too_fast``:
    the site's form came back sooner than a person can write (``fill_time.py``); like the
    honeypot, it is told nothing, but only once its input is valid, so a quick reader who made a
    mistake still sees what to correct."""
    with translation.override(language):
        form = MentorQuestionForm(data, language=language)
        if form.honeypot_filled():
            return Outcome(form=form, trapped=True)
        if not form.is_valid():
            return Outcome(form=form, problems=form_problems(form))
        if too_fast:
            return Outcome(form=form, trapped=True)
        email = form.cleaned_data["email"]
        key = stored_key(client_key, email)
        existing = MentorQuestion.objects.filter(idempotency_key=key).first() if key else None
        if existing is not None:
            return Outcome(form=form, question=existing)
        wait = retry_after(request, RATE_GROUP, email)
        if wait is not None:
            message = _(
                "Too many questions in a short time. Please try again in %(minutes)s minutes."
            ) % {"minutes": minutes(wait)}
            problem = Problem(None, "RATE_LIMITED", message, retry_after=wait)
            return Outcome(form=form, problems=[problem])
        question = form.save(commit=False)
        question.idempotency_key = key
        try:
            with transaction.atomic():
                question.save()
        except IntegrityError:
            # The same retry, arriving at the same moment on another app server.
            return Outcome(form=form, question=MentorQuestion.objects.get(idempotency_key=key))
        send_confirmation(question)
        return Outcome(form=form, question=question)


def send_confirmation(question):
    with translation.override(question.language):
        queue_email(
            key=f"mentor-question-received:{question.pk}",
            to=question.email,
            subject=_("Your question to the Sakura Mentors"),
            body=render_to_string(
                "site_pages/mail/mentor_question_received.txt", {"question": question}
            ),
            language=question.language,
        )
