"""``submitMemberVoice``: a member's message for Members' Voice, with an optional photo sent as
a file by the GraphQL multipart request spec. It runs the site's rules
(``site_pages/voice_intake.py``) and becomes a draft page waiting for the Secretariat; the
payload carries the submission's id and status only."""

from enum import Enum
from typing import Annotated

import strawberry
from django.core.files.uploadedfile import UploadedFile
from django.utils import translation
from django.utils.translation import gettext as _
from strawberry.file_uploads import Upload
from strawberry.types import Info

from graphql_api.core.field_errors import FieldError
from graphql_api.core.locale import Locale
from graphql_api.submissions import (
    echo_field,
    errors_field,
    idempotency_key_field,
    input_language,
    longest,
    run_intake,
    spam_trap_field,
)
from site_pages import models as site_models
from site_pages.locales import UnknownLocale
from site_pages.voice_form import MemberVoiceForm
from site_pages.voice_intake import submit_voice


@strawberry.enum(description="Where a Members' Voice submission is.")
class MemberVoiceSubmissionStatus(Enum):
    IN_REVIEW = strawberry.enum_value(
        "in_review", description="Waiting for the Secretariat (a draft, not public)."
    )
    PUBLISHED = strawberry.enum_value("published", description="Approved and public.")


@strawberry.type(description="A message sent to Members' Voice, as its sender may follow it.")
class MemberVoiceSubmission:
    id: strawberry.ID = strawberry.field(description="The submission's identifier.")
    status: MemberVoiceSubmissionStatus = strawberry.field(description="Where it is.")


@strawberry.input(description="A member's message for Members' Voice.")
class SubmitMemberVoiceInput:
    locale: Locale = strawberry.field(
        description="The sender's language (e.g. JA): error messages and the confirmation "
        "e-mail are in it, and the message becomes a page of that language (or of its fallback "
        "when Members' Voice has no section in it)."
    )
    name: str = strawberry.field(
        description=f"The member's name, at most {longest(MemberVoiceForm, 'name')} characters; "
        "published with the message."
    )
    email: str = strawberry.field(
        description="Where the confirmation is sent and the Secretariat may write. Never shown."
    )
    country: str = strawberry.field(
        description="The member's country, ISO 3166-1 alpha-2 code (e.g. ID)."
    )
    message: str = strawberry.field(
        description="The message as plain text, at most "
        f"{longest(MemberVoiceForm, 'message')} characters; a blank line starts "
        "a paragraph."
    )
    consent: bool = strawberry.field(
        description="The member agrees that the message is published with their name, country, "
        "programme, affiliation and photo. Required (false is the REQUIRED error)."
    )
    programme: str | None = strawberry.field(
        default=None,
        description="The programme they came with, at most "
        f"{longest(MemberVoiceForm, 'programme')} characters.",
    )
    programme_year: int | None = strawberry.field(
        default=None, description="The year they visited Japan with the programme."
    )
    affiliation: str | None = strawberry.field(
        default=None,
        description="University, institute or employer, at most "
        f"{longest(MemberVoiceForm, 'affiliation')} characters.",
    )
    photo: Upload | None = strawberry.field(
        default=None,
        description="A photo of the member (JPEG, PNG, GIF or WebP, within the media library's "
        "size and pixel limits), sent as a file part of a multipart request.",
    )
    client_mutation_id: str | None = idempotency_key_field(
        "returns the submission the first one created instead of sending twice."
    )
    website: str | None = spam_trap_field()


@strawberry.type(description="The result of submitMemberVoice: the submission, or what to correct.")
class SubmitMemberVoicePayload:
    voice: MemberVoiceSubmission | None = strawberry.field(
        description="The submission received (or, for a repeated idempotency key, the one "
        "received before); null when there are errors."
    )
    errors: list[FieldError] = errors_field()
    client_mutation_id: str | None = echo_field()


def not_a_file(data: SubmitMemberVoiceInput) -> FieldError:
    """The error for a photo sent as a JSON value instead of a file part."""
    try:
        language = input_language(data)
    except UnknownLocale:
        language = None
    with translation.override(language):
        message = _("Send the photo as a file, in a multipart request.")
    return FieldError(field="photo", message=message, code="INVALID")


def voice_fields(data: SubmitMemberVoiceInput) -> dict[str, object]:
    return {
        "name": data.name,
        "email": data.email,
        "country": data.country,
        "message": data.message,
        "consent": "on" if data.consent else "",
        "programme": data.programme or "",
        "programme_year": "" if data.programme_year is None else data.programme_year,
        "affiliation": data.affiliation or "",
    }


def submitted(received: site_models.MemberVoiceSubmission) -> MemberVoiceSubmission:
    status = "published" if received.page.live else "in_review"
    return MemberVoiceSubmission(
        id=strawberry.ID(str(received.pk)), status=MemberVoiceSubmissionStatus(status)
    )


def submit(info: Info, data: SubmitMemberVoiceInput) -> SubmitMemberVoicePayload:
    echo = data.client_mutation_id
    if data.photo is not None and not isinstance(data.photo, UploadedFile):
        return SubmitMemberVoicePayload(
            voice=None, errors=[not_a_file(data)], client_mutation_id=echo
        )
    files = {"photo": data.photo} if data.photo is not None else {}
    voice, errors = run_intake(info, data, submit_voice, voice_fields(data), submitted, files=files)
    return SubmitMemberVoicePayload(voice=voice, errors=errors, client_mutation_id=echo)


@strawberry.type
class VoiceSubmissionMutation:
    @strawberry.mutation(
        description="Send a message to Members' Voice. It becomes a draft that the Secretariat "
        "reviews; nothing is public until it is approved. The sender gets a confirmation "
        "e-mail. Rate limited per client address and per e-mail address (RATE_LIMITED, "
        "retryAfter); a photo over the size limit is TOO_LARGE, a request body over the "
        "endpoint's limit is refused with HTTP 413 (PAYLOAD_TOO_LARGE)."
    )
    def submit_member_voice(
        self,
        info: Info,
        input: Annotated[
            SubmitMemberVoiceInput,
            strawberry.argument(description="The message and the member who sends it."),
        ],
    ) -> SubmitMemberVoicePayload:
        return submit(info, input)
