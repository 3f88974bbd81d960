"""The site's "Ask a Sakura Mentor" form, at ``<Sakura Mentor section>/ask/`` in every language
(routes of MentorColumnIndexPage). The rules are those of the API: ``question_intake.py``."""

import uuid

from django.shortcuts import redirect
from django.utils import translation

from site_pages import fill_time
from site_pages.locales import content_language_codes
from site_pages.question_form import MentorQuestionForm
from site_pages.question_intake import ask_mentor

FORM_TEMPLATE = "site_pages/mentor_question_form.html"
THANKS_TEMPLATE = "site_pages/mentor_question_thanks.html"


def reader_language(page):
    """The language of the address (/ja/...), which LocaleMiddleware made active."""
    language = translation.get_language()
    return language if language in content_language_codes() else page.locale.language_code


def ask(page, request):
    language = reader_language(page)
    if request.method == "POST":
        outcome = ask_mentor(
            request,
            request.POST,
            language,
            client_key=request.POST.get("idempotency_key"),
            too_fast=fill_time.too_fast(request.POST.get("started")),
        )
        if outcome.question is not None or outcome.trapped:
            return redirect(page.url + page.reverse_subpage("ask_thanks"))
        form = outcome.form
        for problem in outcome.problems:
            if problem.field is None:
                form.add_error(None, problem.message)
        status = 429 if outcome.rate_limited else 200
    else:
        initial = {"idempotency_key": uuid.uuid4().hex, "started": fill_time.started_token()}
        form = MentorQuestionForm(language=language, initial=initial)
        status = 200
    response = page.render(
        request, template=FORM_TEMPLATE, context_overrides={"form": form, "noindex": True}
    )
    response.status_code = status
    return response


def thanks(page, request):
    return page.render(request, template=THANKS_TEMPLATE, context_overrides={"noindex": True})
