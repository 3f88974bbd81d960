"""Admin addresses of the translation features (registered in ``site_pages/wagtail_hooks.py``).

``localize_guards`` serves some of wagtail-localize's own addresses with the permission-checked
views of ``permissions.py``. It is registered ahead of wagtail-localize's URLs, so a request to
those addresses (and every ``reverse("wagtail_localize:...")`` link to them) reaches the checked
view; tests/site_pages/test_translations.py fails if that ever stops being true.
"""

from django.urls import path

from site_pages.translations import permissions, views

app_name = "site_translations"

localize_guards = [
    path(
        "localize/submit/page/<int:page_id>/",
        permissions.SubmitPageTranslationView.as_view(),
        name="submit_page_translation",
    ),
    path(
        "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        permissions.SubmitSnippetTranslationView.as_view(),
        name="submit_snippet_translation",
    ),
    path(
        "localize/update/<int:translation_source_id>/",
        permissions.UpdateTranslationsView.as_view(),
        name="update_translations",
    ),
    path(
        "localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
        permissions.edit_string_translation,
        name="edit_string_translation",
    ),
    path(
        "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
        permissions.edit_override,
        name="edit_override",
    ),
    path(
        "localize/translate/<int:translation_id>/pofile/download/",
        permissions.download_pofile,
        name="download_pofile",
    ),
    path(
        "localize/translate/<int:translation_id>/pofile/upload/",
        permissions.upload_pofile,
        name="upload_pofile",
    ),
    path(
        "localize/translate/<int:translation_id>/machine_translate/",
        permissions.machine_translate,
        name="machine_translate",
    ),
    path(
        "localize/translate/<int:translation_id>/disable/",
        permissions.stop_translation,
        name="stop_translation",
    ),
    path(
        "localize/page/<int:page_id>/convert_to_alias/",
        permissions.convert_to_alias,
        name="convert_to_alias",
    ),
]

urlpatterns = [
    *localize_guards,
    path(
        "translations/status/",
        views.TranslationStatusReportView.as_view(),
        name="status_report",
    ),
    path(
        "translations/status/results/",
        views.TranslationStatusReportView.as_view(results_only=True),
        name="status_report_results",
    ),
    path(
        "translations/<int:translation_id>/submit-for-review/",
        views.submit_translation_for_review,
        name="submit_for_review",
    ),
]
