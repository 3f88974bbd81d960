"""The site's submission forms, in every language: "Ask a Sakura Mentor" at
``<Sakura Mentor section>/ask/`` and "Share your voice" at ``<Members' Voice section>/share/``
(routes of MentorColumnIndexPage and MemberVoiceIndexPage). The rules are those of the API:
``submission_intake.py``."""

import uuid

from django.shortcuts import redirect
from django.utils import translation

from site_pages import fill_time
from site_pages.locales import content_language_codes
from site_pages.submission_intake import receive


def reader_language(page):
    """The language of the address (/ja/...), which LocaleMiddleware made active."""
    language = translation.get_language()
    return language if language in content_language_codes() else page.locale.language_code


def form_page(page, request, *, intake, template, thanks_route):
    language = reader_language(page)
    if request.method == "POST":
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
            return redirect(page.url + page.reverse_subpage(thanks_route))
        form = outcome.form
        for problem in outcome.problems:
            if problem.field is None:
                form.add_error(None, problem.message)
        status = 429 if outcome.rate_limited else 200
    else:
        initial = {"idempotency_key": uuid.uuid4().hex, "started": fill_time.started_token()}
        form = intake.form_class(language=language, initial=initial)
        status = 200
    response = page.render(
        request, template=template, context_overrides={"form": form, "noindex": True}
    )
    response.status_code = status
    return response


def thanks_page(page, request, *, template):
    return page.render(request, template=template, context_overrides={"noindex": True})
