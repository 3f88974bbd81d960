"""Who may start, sync and publish translations.

wagtail-localize checks only the global ``wagtail_localize.submit_translation`` permission
before it translates a page or syncs a page's translations: anyone holding it could translate
any page of the site, and "Sync translated pages" with "Publish immediately" would publish
every translation of a page without review. The views below put the site's page-level rules in
front of those three views; ``urls.py`` serves them at wagtail-localize's own addresses, ahead
of wagtail-localize's (``wagtail_hooks``), so its buttons and links lead here:

- translating a page needs the right to edit that page: a chapter editor translates the pages
  of their own chapter, whose rights cover every language version of it (``roles.py``);
- translating a snippet needs the right to edit that kind of snippet;
- syncing needs the right to edit the source, and publishing while syncing needs the right to
  publish every translation; without it, translators submit their work for review
  (``review.py``).

wagtail-localize's editing views (strings, overrides, PO download and upload, machine
translation, preview, stop) check ``user_can_edit_instance`` on the translated object. For a
page that is the page's own edit right, which carries the chapter boundaries; its "Publish"
checks ``can_publish``. For a snippet it is the right to *add* that kind of snippet, which
chapter editors hold for people (to add coordinators) although they may not change anyone's
entry: ``guard_snippet_translation`` asks for the right to change instead, as Wagtail's snippet
editor (where the translation editor opens) does. Snippets have no drafts, so their
translations go live as they are saved, like any edit of a snippet.

Translating a page into a language where its parents do not exist yet is refused to people
who may not publish those parents (wagtail-localize would create them as live aliases), and
"Convert to alias page" needs the right to publish the page (``convert_to_alias``).

Two of the editing views get more than a permission check (issue 9): ``edit_override`` applies the
URL policy to a translator's override (``validation.py``), and ``upload_pofile`` refuses a PO
file without wagtail-localize's header, or with a string it would not use or a link the policy
refuses, with a message and before anything is imported.
"""

import tempfile
from functools import wraps

import polib
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue
from wagtail_localize.views import (
    convert,
    edit_translation,
    submit_translations,
    update_translations,
)

from site_pages.translations.validation import check_override
from site_pages.url_policy import urls_in_html, validate_url

# wagtail-localize writes this header into the PO files it exports and reads it back without
# checking that it is there (a file without it answered 500).
PO_TRANSLATION_HEADER = "X-WagtailLocalize-TranslationID"

SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"


def can_change_snippets(user, model):
    return user.is_superuser or user.has_perm(get_permission_name("change", model))


def can_translate(user, instance):
    """May ``user`` translate ``instance`` (a page or a snippet), or sync its translations?"""
    if not user.has_perm(SUBMIT_TRANSLATION):
        return False
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return can_change_snippets(user, type(instance))


def can_publish_translation(user, instance):
    """May ``user`` publish this translated page or snippet without review?"""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if isinstance(instance, DraftStateMixin):
        return user.is_superuser or user.has_perm(get_permission_name("publish", type(instance)))
    return can_change_snippets(user, type(instance))


def untranslated_parents(page, locales, user):
    """(locale, ancestor) pairs that translating ``page`` into ``locales`` would create as live
    alias copies, and that ``user`` may not publish.

    wagtail-localize copies every missing ancestor into the new language as an *alias* of the
    source, which is live as soon as the source is: translating a chapter into a new language
    would publish that language's home page and section indexes site-wide, for every reader and
    in the language switcher, without anybody's review."""
    ancestors = list(page.get_ancestors().filter(depth__gt=1).specific())
    existing = set(
        Page.objects.filter(
            translation_key__in=[ancestor.translation_key for ancestor in ancestors],
            locale__in=locales,
        ).values_list("translation_key", "locale_id")
    )
    return [
        (locale, ancestor)
        for locale in locales
        for ancestor in ancestors
        if (ancestor.translation_key, locale.pk) not in existing
        and not ancestor.permissions_for_user(user).can_publish()
    ]


class SubmitPageTranslationView(submit_translations.SubmitPageTranslationView):
    """wagtail-localize's "Translate this page", for pages the user may edit, and only into
    languages where the page's parents exist, unless the user may publish those parents."""

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"]).specific
        if not can_translate(request.user, page):
            raise PermissionDenied
        if request.method == "POST":
            locale_ids = [pk for pk in request.POST.getlist("locales") if pk.isdigit()]
            missing = untranslated_parents(
                page, Locale.objects.filter(pk__in=locale_ids), request.user
            )
            if missing:
                locale, ancestor = missing[0]
                messages.error(
                    request,
                    _(
                        "“%(page)s” cannot be translated into %(language)s yet: the %(language)s "
                        "site has no “%(parent)s” page, and creating it would publish it for "
                        "every reader. Ask the Secretariat to translate “%(parent)s” first."
                    )
                    % {
                        "page": page.get_admin_display_title(),
                        "language": locale.get_display_name(),
                        "parent": ancestor.get_admin_display_title(),
                    },
                )
                return redirect(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)


def can_convert_to_alias(user, page):
    """Converting a translation back to an alias makes it mirror the live source at once, so it
    is for those who may publish the page (the Secretariat), as publishing is."""
    return page.permissions_for_user(user).can_publish()


def convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page", for those who may publish the page."""
    page = get_object_or_404(Page, id=page_id)
    if not can_convert_to_alias(request.user, page):
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


class SubmitSnippetTranslationView(submit_translations.SubmitSnippetTranslationView):
    """wagtail-localize's "Translate" of a snippet, for people who may edit that kind."""

    def dispatch(self, request, *args, **kwargs):
        if not can_translate(request.user, self.get_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def unpublished_source_changes(instance):
    """Why syncing would not bring in everything the editor sees in the source, or None.

    wagtail-localize syncs from the source's database row, which for a live page holds its
    published version: edits saved as a draft or waiting in review are not copied."""
    if not isinstance(instance, Page) or not instance.live:
        return None
    if instance.workflow_in_progress:
        return _(
            "“%(title)s” has changes waiting for review. Syncing copies its published version: "
            "the changes reach the translations when you sync again after they are approved."
        ) % {"title": instance.get_admin_display_title()}
    if instance.has_unpublished_changes:
        return _(
            "“%(title)s” has a draft that is not published. Syncing copies its published "
            "version: the draft's changes reach the translations when you sync again after "
            "publishing it."
        ) % {"title": instance.get_admin_display_title()}
    return None


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", for people who may edit the source; with
    "Publish immediately" only for people who may publish every translation. It says so, before
    and after, when the source has changes that syncing does not copy."""

    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
        try:
            instance = source.get_source_instance()
        except ObjectDoesNotExist as error:
            raise Http404 from error
        if not can_translate(request.user, instance):
            raise PermissionDenied
        self.unpublished_changes = unpublished_source_changes(instance)
        if request.method == "GET" and self.unpublished_changes:
            messages.warning(request, self.unpublished_changes)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        if form.cleaned_data["publish_translations"]:
            for translation in self.object.translations.filter(enabled=True):
                try:
                    target = translation.get_target_instance()
                except ObjectDoesNotExist:
                    continue
                if not can_publish_translation(self.request.user, target):
                    raise PermissionDenied
        response = super().form_valid(form)
        if self.unpublished_changes:
            messages.warning(self.request, self.unpublished_changes)
        return response


def guard_snippet_translation(view):
    """One of wagtail-localize's translation-editing views, refused for a snippet's translation
    to people who may not change that kind of snippet (pages are checked by the view itself)."""

    @wraps(view)
    def guarded(request, translation_id, *args, **kwargs):
        translation = get_object_or_404(
            Translation.objects.select_related("source__specific_content_type"), id=translation_id
        )
        model = translation.source.specific_content_type.model_class()
        is_snippet = model is not None and not issubclass(model, Page)
        if is_snippet and not can_change_snippets(request.user, model):
            raise PermissionDenied
        return view(request, translation_id, *args, **kwargs)

    return guarded


edit_string_translation = guard_snippet_translation(edit_translation.edit_string_translation)
download_pofile = guard_snippet_translation(edit_translation.download_pofile)
machine_translate = guard_snippet_translation(edit_translation.machine_translate)
stop_translation = guard_snippet_translation(edit_translation.stop_translation)


_edit_override = guard_snippet_translation(edit_translation.edit_override)


def edit_override(request, translation_id, overridable_segment_id):
    """wagtail-localize's override endpoint, with the URL policy: an address the policy refuses
    is kept (so the translator can correct it) but marked as an error, which the translation
    editor shows on the segment and which keeps it out of the page (``validation.py``)."""
    with transaction.atomic():
        response = _edit_override(request, translation_id, overridable_segment_id)
        if request.method == "PUT" and response.status_code in (200, 201):
            translation = Translation.objects.select_related("source").get(id=translation_id)
            segment = OverridableSegment.objects.get(id=overridable_segment_id)
            override = SegmentOverride.objects.select_related("context").get(
                locale_id=translation.target_locale_id, context_id=segment.context_id
            )
            response.data["error"] = check_override(translation, override)
    return response


def read_po_file(upload):
    """The uploaded file parsed by polib, or None when it is no PO file. Read through a file on
    disk, as wagtail-localize does: given a string, polib opens it as a path when one exists."""
    with tempfile.NamedTemporaryFile(suffix=".po") as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        try:
            return polib.pofile(copy.name)
        except (OSError, UnicodeDecodeError, ValueError):
            return None


def po_file_problems(po):
    """Why a PO file may not be imported (empty when it may): strings that wagtail-localize
    would not use, and links the URL policy refuses."""
    problems = []
    for entry in po:
        if not entry.msgstr:
            continue
        try:
            for url in urls_in_html(entry.msgstr):
                validate_url(url)
            StringValue.from_translated_html(entry.msgstr)
        except (ValidationError, ValueError) as error:
            message = error.messages[0] if isinstance(error, ValidationError) else error.args[0]
            problems.append(
                _("“%(source)s”: %(message)s")
                % {"source": Truncator(entry.msgid).chars(60), "message": message}
            )
    return problems


@require_POST
def upload_pofile(request, translation_id):
    """wagtail-localize's PO upload, checked first: a file without wagtail-localize's header, or
    with a string that may not be used, is refused with a message and nothing is imported."""
    translation = get_object_or_404(Translation, id=translation_id)
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist as error:
        raise Http404 from error
    if isinstance(instance, Page):
        allowed = instance.permissions_for_user(request.user).can_edit()
    else:
        allowed = can_change_snippets(request.user, type(instance))
    if not allowed:
        raise PermissionDenied
    next_url = get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a PO file to upload."))
        return redirect(next_url)
    po = read_po_file(upload)
    if po is None:
        messages.error(request, _("Please upload a valid PO file."))
        return redirect(next_url)
    if po.metadata.get(PO_TRANSLATION_HEADER) != str(translation.uuid):
        messages.error(
            request,
            _(
                "This PO file was not downloaded from this translation: upload the file you "
                "downloaded here, with its header unchanged."
            ),
        )
        return redirect(next_url)
    problems = po_file_problems(po)
    if problems:
        messages.error(
            request,
            _("Nothing was imported. Correct these strings and upload the file again: %(list)s")
            % {"list": "; ".join(problems[:5])},
        )
        return redirect(next_url)
    upload.seek(0)
    with transaction.atomic():
        return edit_translation.upload_pofile(request, translation_id)
