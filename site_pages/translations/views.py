"""Admin views: the translation status report and "Submit for review" of a translation."""

import django_filters
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation

from site_pages.models import ChapterPage
from site_pages.translations.permissions import SUBMIT_TRANSLATION, can_translate
from site_pages.translations.review import (
    CannotSubmit,
    IncompleteTranslation,
    submit_for_review,
)
from site_pages.translations.status import TranslationState, translation_statuses


def can_see_report(user):
    return user.has_perm(SUBMIT_TRANSLATION)


def target_languages():
    """(code, name) of every content language but the default one, which sources are in."""
    return [
        (code, name)
        for code, name in settings.WAGTAIL_CONTENT_LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


class TranslationStatusFilterSet(WagtailFilterSet):
    """Narrow the report to a chapter, to one language (its column alone) and to the pages
    whose version in that language (or in any) is in a given state."""

    chapter = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Chapter"),
        queryset=lambda request: ChapterPage.objects.filter(locale=Locale.get_default()).order_by(
            "title"
        ),
        method="within_chapter",
        empty_label=gettext_lazy("All chapters"),
    )
    # Named "locale" so that Wagtail does not add its own filter, which would pick the rows'
    # language: the rows here are always the sources.
    locale = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"),
        choices=target_languages,
        method="applied_later",
        empty_label=gettext_lazy("All languages"),
    )
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"),
        choices=[
            (state.value, state.label)
            for state in TranslationState
            if state != TranslationState.SOURCE
        ],
        method="applied_later",
        empty_label=gettext_lazy("Any state"),
    )

    class Meta:
        model = Page
        fields: list[str] = []

    def within_chapter(self, queryset, name, chapter):
        return queryset.filter(path__startswith=chapter.path)

    def applied_later(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        state = self.form.cleaned_data.get("state")
        if not state:
            return queryset
        language = self.form.cleaned_data.get("locale")
        languages = [language] if language else [code for code, _name in target_languages()]
        pages = list(queryset.only("pk", "translation_key", "locale_id"))
        statuses = translation_statuses(pages)
        matching = [
            page.pk
            for page in pages
            if any(statuses[page.pk][code].state == state for code in languages)
        ]
        return queryset.filter(pk__in=matching)


class LocaleStatusColumn(Column):
    """One language: each page's version in it, as a status tag (text and colour) linking to
    what brings it up to date: sync the source, edit or review the translation, translate."""

    cell_template_name = "translations/status_cell.html"

    def __init__(self, language_code, label):
        super().__init__(f"locale_{language_code}", label=label)
        self.language_code = language_code

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        status = instance.translation_statuses[self.language_code]
        context["status"] = status
        context["url"] = self.action_url(instance, status, parent_context["request"].user)
        return context

    def user_can_translate(self, page, user):
        if not hasattr(page, "user_can_translate"):
            page.user_can_translate = can_translate(user, page)
        return page.user_can_translate

    def action_url(self, page, status, user):
        if status.sync_source_id is not None and self.user_can_translate(page, user):
            url = reverse("wagtail_localize:update_translations", args=[status.sync_source_id])
            return f"{url}?next={reverse('site_translations:status_report')}"
        if status.page_id is not None and status.state != TranslationState.ALIAS:
            return reverse("wagtailadmin_pages:edit", args=[status.page_id])
        if self.user_can_translate(page, user):
            url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
            return f"{url}?select_locale={self.language_code}"
        return None


class TranslationStatusReportView(ReportView):
    """Every page the user may edit, in the default language, against every other content
    language: up to date, out of date, draft, missing and so on (``status.py``)."""

    page_title = gettext_lazy("Translation status")
    header_icon = "wagtail-localize-language"
    template_name = "translations/status_report.html"
    index_url_name = "site_translations:status_report"
    index_results_url_name = "site_translations:status_report_results"
    filterset_class = TranslationStatusFilterSet
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not can_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        editable = PagePermissionPolicy().instances_user_has_any_permission_for(
            self.request.user, ["add", "change", "publish"]
        )
        return editable.filter(locale=Locale.get_default(), depth__gt=1).order_by("path")

    @cached_property
    def columns(self):
        languages = target_languages()
        if self.filters and self.filters.is_valid() and self.filters.form.cleaned_data["locale"]:
            chosen = self.filters.form.cleaned_data["locale"]
            languages = [(code, name) for code, name in languages if code == chosen]
        return [
            TitleColumn(
                "title",
                label=gettext_lazy("Page"),
                get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
            ),
            *[LocaleStatusColumn(code, name) for code, name in languages],
        ]

    def get_table(self, object_list):
        pages = list(object_list)
        statuses = translation_statuses(pages)
        for page in pages:
            page.translation_statuses = statuses[page.pk]
        return super().get_table(pages)


@require_POST
def submit_translation_for_review(request, translation_id):
    """The translation editor's "Submit for review": a draft revision, then the workflow."""
    translation = get_object_or_404(Translation, id=translation_id, enabled=True)
    try:
        page = translation.get_target_instance()
    except ObjectDoesNotExist as error:
        raise Http404 from error
    if not isinstance(page, Page):
        raise Http404
    try:
        page = submit_for_review(
            translation,
            request.user,
            incomplete_ok=request.POST.get("untranslated") == "accepted",
        )
    except IncompleteTranslation as error:
        messages.warning(request, str(error))
    except CannotSubmit as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(
            request,
            _("The translation could not be submitted: %(errors)s")
            % {"errors": "; ".join(error.messages)},
        )
    else:
        messages.success(
            request,
            _("The %(language)s translation of “%(title)s” has been submitted for review.")
            % {
                "language": translation.target_locale.get_display_name(),
                "title": page.get_admin_display_title(),
            },
        )
    next_url = get_valid_next_url_from_request(request)
    return redirect(next_url or reverse("wagtailadmin_pages:edit", args=[page.pk]))
