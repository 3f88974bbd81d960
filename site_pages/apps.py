from django.apps import AppConfig


class SitePagesConfig(AppConfig):
    name = "site_pages"
    verbose_name = "Sakura Club site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from site_pages import image_presets, private_documents, signal_handlers  # noqa: F401

        # image_presets registers its checks on import.
        private_documents.register_checks()
        # The API's persisted-only mode (graphql_api is not an app of its own).
        from graphql_api import registered_documents

        registered_documents.register_checks()

        signal_handlers.connect()

        from wagtail.models import AbstractPage
        from wagtail.permissions import register_permission_policy

        from site_pages.mentor_access import SitePagePermissionPolicy
        from site_pages.models import MemberVoiceSubmission, MentorQuestion, Subscriber
        from site_pages.submission_access import SubmissionPermissionPolicy

        # Replaces Wagtail's page policy (imported just above, so registered first).
        register_permission_policy(AbstractPage, SitePagePermissionPolicy("wagtailcore.Page"))
        # Before wagtail_hooks registers the snippet views, which would register the default.
        for model in (MentorQuestion, MemberVoiceSubmission, Subscriber):
            register_permission_policy(model, SubmissionPermissionPolicy(model), exact_class=True)
