from django.apps import AppConfig


class SitePagesConfig(AppConfig):
    name = "site_pages"
    verbose_name = "Sakura Club site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from site_pages import signal_handlers

        signal_handlers.connect()
