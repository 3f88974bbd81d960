"""The write side: members' submissions. ``askMentor`` and ``submitMemberVoice``
(``voice_submissions.py``) run the site's rules (``site_pages/submission_intake.py``); their
payloads carry the submission's id and status only, never the sender's personal data."""

from collections.abc import Callable, Mapping
from enum import Enum
from typing import Annotated, Any, Protocol, TypeVar

import strawberry
from django.core.files.uploadedfile import UploadedFile
from django.utils import translation
from django.utils.translation import gettext as _
from strawberry.types import Info

from graphql_api.core.field_errors import FieldError, field_errors
from graphql_api.core.locale import Locale
from site_pages import models as site_models
from site_pages.locales import UnknownLocale, get_locale
from site_pages.models import QuestionStatus, QuestionTopic
from site_pages.question_form import MentorQuestionForm
from site_pages.question_intake import ask_mentor
from site_pages.submission_form import SubmissionForm
from site_pages.submission_intake import Outcome

# The model's choices are the GraphQL enums, under the API's names (strawberry.enum marks the
# classes themselves).
MentorQuestionTopic = QuestionTopic
strawberry.enum(
    MentorQuestionTopic,
    name="MentorQuestionTopic",
    description="What a question to the mentors is about: STUDY (studying in Japan), RESEARCH, "
    "CAREER, SCHOLARSHIPS (and funding), LIFE (in Japan), OTHER.",
)
MentorQuestionStatus = QuestionStatus
strawberry.enum(
    MentorQuestionStatus,
    name="MentorQuestionStatus",
    description="Where a question is: NEW, ASSIGNED (to a mentor), ANSWERED, DECLINED.",
)


# The fields that every submission mutation's input and payload have, with one wording for
# clients: ``run_intake`` reads the input's and fills the payload's.


def longest(form: type[Any], field: str) -> int:
    """The length limit of a field of the form that validates an input, for its description:
    the number a client reads is the one the check uses."""
    limit: int = form.base_fields[field].max_length
    return limit


def idempotency_key_field(repeated: str) -> Any:
    """An input's ``clientMutationId``; ``repeated`` says what a request sent again gets."""
    return strawberry.field(
        default=None,
        description=f"Idempotency key, at most {longest(SubmissionForm, 'idempotency_key')} "
        "characters: a request sent again with the same "
        f"key and e-mail {repeated}",
    )


def spam_trap_field() -> Any:
    """An input's ``website``, which people leave empty (the site's form hides it)."""
    return strawberry.field(
        default=None,
        description="Leave empty. A spam trap: a request that fills it is refused (REJECTED).",
    )


def errors_field() -> Any:
    """A payload's ``errors``."""
    return strawberry.field(description="Problems with the input; empty on success.")


def echo_field() -> Any:
    """A payload's ``clientMutationId``."""
    return strawberry.field(description="The clientMutationId of the input, returned as sent.")


@strawberry.type(description="A question sent to the Sakura Mentors, as its asker may follow it.")
class MentorQuestion:
    id: strawberry.ID = strawberry.field(description="The question's identifier.")
    status: MentorQuestionStatus = strawberry.field(description="Where the question is.")


@strawberry.input(description="A question for the Sakura Mentors.")
class AskMentorInput:
    locale: Locale = strawberry.field(
        description="The reader's language (e.g. JA): error messages and the confirmation "
        "e-mail are in it, and the Secretariat sees it."
    )
    question: str = strawberry.field(
        description=f"The question, at most {longest(MentorQuestionForm, 'question')} characters."
    )
    topic: MentorQuestionTopic = strawberry.field(description="What the question is about.")
    name: str = strawberry.field(
        description="The asker's name; shown with an answer only when showName is true."
    )
    email: str = strawberry.field(
        description="Where the confirmation and the answer's link are sent. Never shown."
    )
    consent_to_quote: bool = strawberry.field(
        default=False,
        description="The asker agrees that a mentor may quote the question in a published "
        "column, with their country. Required (false is the REQUIRED error): mentors answer in "
        "columns.",
    )
    show_name: bool = strawberry.field(
        default=False,
        description="The asker agrees that their first name appears with the quoted question.",
    )
    mentor: str | None = strawberry.field(
        default=None, description="Slug of the mentor the asker would like to answer."
    )
    country: str | None = strawberry.field(
        default=None, description="The asker's country, ISO 3166-1 alpha-2 code (e.g. ID)."
    )
    programme_year: int | None = strawberry.field(
        default=None, description="The year the asker visited Japan with the programme."
    )
    client_mutation_id: str | None = idempotency_key_field(
        "returns the question the first one created instead of asking twice."
    )
    website: str | None = spam_trap_field()


@strawberry.type(description="The result of askMentor: the question, or what to correct.")
class AskMentorPayload:
    question: MentorQuestion | None = strawberry.field(
        description="The question received (or, for a repeated idempotency key, the one "
        "received before); null when there are errors."
    )
    errors: list[FieldError] = errors_field()
    client_mutation_id: str | None = echo_field()


# Input names that differ from the forms' field names.
INPUT_NAMES = {"idempotency_key": "clientMutationId"}


class IntakeInput(Protocol):
    """What every submission mutation's input has besides its own fields."""

    @property
    def locale(self) -> Enum: ...

    @property
    def website(self) -> str | None: ...

    @property
    def client_mutation_id(self) -> str | None: ...


def input_language(data: IntakeInput) -> str:
    """The language code of the input's locale; UnknownLocale for a locale the site lacks."""
    return get_locale(data.locale.value).language_code


Received = TypeVar("Received")


def run_intake(
    info: Info,
    data: IntakeInput,
    receive: Callable[..., Outcome],
    fields: Mapping[str, object],
    present: Callable[[Any], Received],
    files: Mapping[str, UploadedFile] | None = None,
) -> tuple[Received | None, list[FieldError]]:
    """Run a site intake for a mutation's input: ``(what the payload shows of the submission,
    [])`` when it was received (or had been, for a repeated idempotency key), ``(None, field
    errors)`` otherwise. ``present`` receives the row the intake stored (its ``model``)."""
    try:
        language = input_language(data)
    except UnknownLocale as error:
        return None, [FieldError(field="locale", message=str(error), code="INVALID")]
    request = info.context.request
    fields = {
        **fields,
        "website": data.website or "",
        "idempotency_key": data.client_mutation_id or "",
    }
    outcome = receive(request, fields, language, files=files, client_key=data.client_mutation_id)
    if outcome.trapped:
        with translation.override(language):
            problem = FieldError(
                field="website", message=_("This submission was refused."), code="REJECTED"
            )
        return None, [problem]
    if outcome.submission is None:
        return None, field_errors(outcome.problems, INPUT_NAMES)
    return present(outcome.submission), []


def question_fields(data: AskMentorInput) -> dict[str, object]:
    return {
        "question": data.question,
        "topic": data.topic.value,
        "name": data.name,
        "email": data.email,
        "consent_to_quote": "on" if data.consent_to_quote else "",
        "show_name": data.show_name,
        "mentor": data.mentor or "",
        "country": data.country or "",
        "programme_year": "" if data.programme_year is None else data.programme_year,
    }


def asked(received: site_models.MentorQuestion) -> MentorQuestion:
    return MentorQuestion(
        id=strawberry.ID(str(received.pk)), status=MentorQuestionStatus(received.status)
    )


def ask(info: Info, data: AskMentorInput) -> AskMentorPayload:
    question, errors = run_intake(info, data, ask_mentor, question_fields(data), asked)
    return AskMentorPayload(
        question=question, errors=errors, client_mutation_id=data.client_mutation_id
    )


@strawberry.type
class SubmissionMutation:
    @strawberry.mutation(
        description="Ask the Sakura Mentors a question. The Secretariat passes it to a mentor; "
        "the asker gets a confirmation e-mail now and the answer's link when it is published. "
        "Rate limited per client address and per e-mail address (RATE_LIMITED, retryAfter)."
    )
    def ask_mentor(
        self,
        info: Info,
        input: Annotated[
            AskMentorInput, strawberry.argument(description="The question and who asks it.")
        ],
    ) -> AskMentorPayload:
        return ask(info, input)
