"""WSGI entry point for gunicorn; production sets DJANGO_SETTINGS_MODULE=cms.settings.production."""

import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

application = get_wsgi_application()

# The URLconf imports the GraphQL schema and every view; loaded here rather than by the first
# request, it is part of what the next line sets aside.
import_module(settings.ROOT_URLCONF)
# What is loaded by now (Django, Wagtail, the schema: several hundred thousand objects) lives
# as long as the process. Frozen, it is out of the collector's reach: a list answer allocates
# enough to trigger several full collections, which otherwise walk all of it every time
# (about a tenth of an uncached answer's CPU, measured with gc.callbacks on the bench data).
gc.freeze()
