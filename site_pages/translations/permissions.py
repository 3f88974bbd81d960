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
"""

from functools import wraps

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.models import DraftStateMixin, Page
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import edit_translation, submit_translations, update_translations

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


class SubmitPageTranslationView(submit_translations.SubmitPageTranslationView):
    """wagtail-localize's "Translate this page", for pages the user may edit."""

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"]).specific
        if not can_translate(request.user, page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SubmitSnippetTranslationView(submit_translations.SubmitSnippetTranslationView):
    """wagtail-localize's "Translate" of a snippet, for people who may edit that kind."""

    def dispatch(self, request, *args, **kwargs):
        if not can_translate(request.user, self.get_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", for people who may edit the source; with
    "Publish immediately" only for people who may publish every translation."""

    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
        try:
            instance = source.get_source_instance()
        except ObjectDoesNotExist as error:
            raise Http404 from error
        if not can_translate(request.user, instance):
            raise PermissionDenied
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
        return super().form_valid(form)


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
edit_override = guard_snippet_translation(edit_translation.edit_override)
download_pofile = guard_snippet_translation(edit_translation.download_pofile)
upload_pofile = guard_snippet_translation(edit_translation.upload_pofile)
machine_translate = guard_snippet_translation(edit_translation.machine_translate)
stop_translation = guard_snippet_translation(edit_translation.stop_translation)
