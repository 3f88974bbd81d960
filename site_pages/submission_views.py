"""The site's submission forms, in every language: "Ask a Sakura Mentor" at
``<Sakura Mentor section>/ask/`` and "Share your voice" at ``<Members' Voice section>/share/``
(routes of MentorColumnIndexPage and MemberVoiceIndexPage). The rules are those of the API:
``submission_intake.py``."""

import uuid

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

from site_pages import fill_time
from site_pages.locales import content_language_codes
from site_pages.submission_intake import receive
from site_pages.submission_limits import too_large


def reader_language(page):
    """The language of the address (/ja/...), which LocaleMiddleware made active."""
    language = translation.get_language()
    return language if language in content_language_codes() else page.locale.language_code


def handle_form(request, intake, language):
    """Run ``intake`` on a POST (or make a fresh form on a GET): ``(None, None)`` when the
    reader is to be thanked, else the form to show again and its status (429 when rate
    limited). Shared by every members' form of the site, page route or not."""
    initial = {"idempotency_key": uuid.uuid4().hex, "started": fill_time.started_token()}
    if request.method != "POST":
        return intake.form_class(language=language, initial=initial), 200
    if too_large(request):
        # Refused before Django reads (and spools to disk) the body: the reader sees the form
        # again, empty, with what to do.
        form = intake.form_class(language=language, initial=initial)
        form.full_clean()
        form._errors[NON_FIELD_ERRORS] = form.error_class(
            [
                _(
                    "What you sent is larger than %(limit)s. "
                    "Choose a smaller photo and send it again."
                )
                % {"limit": filesizeformat(settings.SAKURA_GRAPHQL["MAX_BODY_BYTES"])}
            ],
            error_class="nonfield",
        )
        return form, 413
    outcome = receive(
        intake,
        request,
        request.POST,
        language,
        files=request.FILES,
        client_key=request.POST.get("idempotency_key"),
        too_fast=fill_time.too_fast(request.POST.get("started")),
    )
    if outcome.submission is not None or outcome.trapped:
        return None, None
    form = outcome.form
    for problem in outcome.problems:
        if problem.field is None:
            form.add_error(None, problem.message)
    return form, 429 if outcome.rate_limited else 200


def form_page(page, request, *, intake, template, thanks_route):
    form, status = handle_form(request, intake, reader_language(page))
    if form is None:
        return redirect(page.url + page.reverse_subpage(thanks_route))
    response = page.render(
        request, template=template, context_overrides={"form": form, "noindex": True}
    )
    response.status_code = status
    return response


def thanks_page(page, request, *, template):
    return page.render(request, template=template, context_overrides={"noindex": True})
