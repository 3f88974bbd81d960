"""A Members' Voice submission, received through ``submission_intake.py`` from the site and the
API: validated by ``voice_form.py``, it becomes a *draft* MemberVoicePage started in the
Secretariat's workflow, with its photo in the "Submissions" collection, and a
MemberVoiceSubmission that keeps the sender's e-mail address away from the page.

Where the page goes: under the Members' Voice section of the request's site in the sender's
language. A language whose section has not been translated (or is not live) falls back along
``SAKURA_LOCALE_FALLBACKS`` (the reader's chain, ending with the default language), so the
message still reaches the Secretariat; the submission records the language it was written in,
and the Secretariat may translate or move the page before approving it. Without any live
section, submissions are refused with UNAVAILABLE.
"""

import os
import uuid
from functools import partial

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.models import Locale

from cms.storage import STORAGE_ERRORS
from site_pages.locales import locale_chain
from site_pages.models import MemberVoiceIndexPage, MemberVoicePage, MemberVoiceSubmission
from site_pages.roles import SUBMISSIONS_COLLECTION, child_collection
from site_pages.sites import site_for_request
from site_pages.submission_intake import Intake, Problem, Refused, receive
from site_pages.uploads import storage_error_message
from site_pages.voice_form import MemberVoiceForm


def voice_index(site, language):
    """The live Members' Voice section a message in ``language`` goes under, or None."""
    sections = MemberVoiceIndexPage.objects.live()
    if site is not None:
        sections = sections.descendant_of(site.root_page, inclusive=True)
    source = sections.order_by("path").first()
    if source is None:
        return None
    for locale in locale_chain(Locale.objects.get(language_code=language)):
        section = (
            source if source.locale_id == locale.pk else source.get_translation_or_none(locale)
        )
        if section is not None and section.live:
            return section.specific
    return source.specific


def message_body(text):
    """The plain-text message as paragraphs of the shared body: a blank line starts a paragraph,
    a single line break stays one; nothing the sender typed becomes markup."""
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return [
        ("paragraph", "<p>" + "<br/>".join(escape(line) for line in part.split("\n")) + "</p>")
        for part in paragraphs
        if part
    ]


def store_photo(upload, title):
    """The photo as an image of the Submissions collection, under a random name (the sender's
    file name may carry their name, and media addresses must not be guessable)."""
    extension = os.path.splitext(upload.name)[1].lower()
    upload.name = f"voice-{uuid.uuid4().hex}{extension}"
    image = get_image_model()(
        title=title, file=upload, collection=child_collection(SUBMISSIONS_COLLECTION)
    )
    image._set_image_file_metadata()
    try:
        image.save()
    except STORAGE_ERRORS as error:
        raise Refused(Problem("photo", "UNAVAILABLE", storage_error_message())) from error
    return image


def draft_voice(
    index, *, name, country, message, programme="", programme_year=None, affiliation="", photo=None
):
    """A draft MemberVoicePage under ``index``, started in the workflow that covers it (the
    Secretariat's), or Refused when the page's own rules refuse it."""
    page = MemberVoicePage(
        title=name,
        slug=find_available_slug(index, slugify(name, allow_unicode=True) or "voice"),
        live=False,
        member_name=name,
        country=country,
        programme=programme,
        programme_year=programme_year,
        affiliation=affiliation,
        body=message_body(message),
        photo=photo,
        locale_id=index.locale_id,
    )
    try:
        index.add_child(instance=page)
        page.save_revision(log_action=True)
    except ValidationError as error:
        # The page's own rules, should they ever be stricter than the form's: the sender is
        # told which field, not given a server error.
        raise Refused(*page_problems(error)) from error
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user=None)
    return page


# Page fields -> the form's names for them.
FORM_NAMES = {"member_name": "name", "body": "message", "title": "name", "slug": "name"}


def page_problems(error):
    return [
        Problem(
            field=None if name == NON_FIELD_ERRORS else FORM_NAMES.get(name, name),
            code="INVALID",
            message=" ".join(message for message in messages),
        )
        for name, messages in error.message_dict.items()
    ]


class VoiceIntake(Intake):
    form_class = MemberVoiceForm
    model = MemberVoiceSubmission
    rate_group = "member-voice"
    rate_limited_text = gettext_lazy(
        "Too many messages in a short time. Please try again in %(minutes)s minutes."
    )
    receipt_key = "member-voice-received"
    receipt_subject = gettext_lazy("Your message to Members' Voice")
    receipt_template = "site_pages/mail/member_voice_received.txt"

    def unavailable(self, request, form):
        if voice_index(site_for_request(request), form.language) is None:
            return Problem(
                None, "UNAVAILABLE", _("Members' Voice does not take messages at the moment.")
            )
        return None

    def store(self, request, form, idempotency_key):
        data = form.cleaned_data
        index = voice_index(site_for_request(request), form.language)
        name = " ".join(data["name"].split())
        photo = store_photo(data["photo"], name) if data.get("photo") else None
        page = draft_voice(
            index,
            name=name,
            country=data["country"],
            programme=data["programme"],
            programme_year=data["programme_year"],
            affiliation=data["affiliation"],
            message=data["message"],
            photo=photo,
        )
        submission = MemberVoiceSubmission.objects.create(
            page=page,
            email=data["email"],
            language=form.language,
            consent_to_publish=data["consent"],
            idempotency_key=idempotency_key,
        )
        return submission

    def receipt_context(self, submission, form):
        # Quoted as the sender typed it.
        return {"page": submission.page, "message": form.cleaned_data["message"]}


VOICES = VoiceIntake()


# What the API's ``submitMemberVoice`` runs: ``receive`` bound to this kind of submission.
submit_voice = partial(receive, VOICES)
