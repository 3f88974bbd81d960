"""WSGI entry point for gunicorn; production sets DJANGO_SETTINGS_MODULE=cms.settings.production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

application = get_wsgi_application()
