"""Translations go through the same review as every other edit.

wagtail-localize's translation editor offers "Publish" only to people who may publish the page.
A chapter editor, who may not, can translate every string there (and download and upload PO
files, or run machine translation), but the editor gives them no way to send the result
anywhere. ``submit_for_review`` does for a translation what Wagtail's "Submit for moderation"
does for a normal edit: it saves the translation as a new draft revision of the translated page
and starts the page's workflow ("Secretariat approval"), or resumes it after the reviewers asked
for changes; the secretariat's approval publishes that revision. While the page is in review,
Wagtail locks it for everyone but the reviewers, who may submit again (the review restarts).

A live translated page keeps its published content until then. wagtail-localize's own
``Translation.save_target(publish=False)`` writes the translated fields into the page's row
before it makes the draft revision, and readers (and the API) read that row: the unreviewed text
would be public at once. For a live page the draft is therefore built with
``get_ephemeral_translated_instance`` and saved as a revision only, as Wagtail's edit view does
for live pages.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import TranslationLog

from site_pages.translations.validation import translation_problems


class CannotSubmit(Exception):
    """The translation cannot go to review; the message says why, for the editor."""


class IncompleteTranslation(CannotSubmit):
    """Some strings are not translated yet: the translator confirms before submitting, since
    readers would see those strings in the source language."""


def untranslated(translation):
    """(strings not translated yet, strings in all) of ``translation``, as wagtail-localize's
    editor counts them (a string with an error counts as not translated)."""
    total, done = translation.get_progress()
    return total - done, total


def save_draft(translation, user):
    """A new draft revision of the translated page with the current translations (missing
    ones in the source language, as wagtail-localize does), leaving a live page as it is."""
    page = translation.get_target_instance().specific
    if page.alias_of_id:
        raise CannotSubmit(_("This page still mirrors its source: translate it first."))
    if not page.live:
        # Nobody reads a page that is not live, so wagtail-localize's own draft is safe here.
        translation.save_target(user=user, publish=False)
        return Page.objects.get(pk=page.pk).specific.get_latest_revision()
    draft = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    revision = draft.save_revision(user=user, log_action=True)
    TranslationLog.objects.create(
        source=translation.source, locale=translation.target_locale, revision=revision
    )
    return revision


@transaction.atomic
def submit_for_review(translation, user, *, incomplete_ok=False):
    """Save the translation as a draft and send it to the translated page's workflow.

    Raises PermissionDenied when ``user`` may not edit the page, CannotSubmit when the page
    has no workflow or is locked or the translation has segments that may not be used
    (``validation.py``), IncompleteTranslation when strings are untranslated and the
    translator has not confirmed (``incomplete_ok``), and ValidationError when the translated
    page is invalid."""
    page = translation.get_target_instance().specific
    permissions = page.permissions_for_user(user)
    if not permissions.can_edit():
        raise PermissionDenied
    if permissions.page_locked():
        if page.workflow_in_progress:
            # Wagtail locks a page in review for everyone but its reviewers.
            raise CannotSubmit(
                _("This page is in review: submit it again once the reviewers have acted.")
            )
        raise CannotSubmit(_("This page is locked."))
    workflow = page.get_workflow()
    if workflow is None or not workflow.active:
        raise CannotSubmit(_("No review workflow covers this page."))
    problems = translation_problems(translation)
    if problems:
        raise CannotSubmit(
            _("Correct the translation first: %(problems)s") % {"problems": "; ".join(problems)}
        )
    missing, total = untranslated(translation)
    if missing and not incomplete_ok:
        raise IncompleteTranslation(
            ngettext(
                "%(missing)d of %(total)d texts is not translated yet: readers would see it in "
                "%(source)s. Translate it, or tick “Submit with untranslated texts” and submit "
                "again.",
                "%(missing)d of %(total)d texts are not translated yet: readers would see them "
                "in %(source)s. Translate them, or tick “Submit with untranslated texts” and "
                "submit again.",
                missing,
            )
            % {
                "missing": missing,
                "total": total,
                "source": translation.source.locale.get_display_name(),
            }
        )
    save_draft(translation, user)
    page = Page.objects.get(pk=page.pk).specific
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
            # A new version replaces the one under review: review starts again on it.
            state.cancel(user=user)
        workflow.start(page, user)
    return page
