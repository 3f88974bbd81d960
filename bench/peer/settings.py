"""The peer: the same site (the project's models, settings, middleware and database) served by
wagtail-grapple (graphene-django) at /graphql/ and by Wagtail's REST API v2 at /api/v2/,
instead of the project's Strawberry API. Runs only in bench/.venv-grapple (bench/peer/install.sh),
where Strawberry is not installed. The fields both expose are declared in bench/peer/apps.py.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from cms.settings.production import *  # noqa: F403
from cms.settings.production import INSTALLED_APPS, MIDDLEWARE

# bench.peer first: its ready() gives the models their grapple and API fields before grapple's
# ready() builds the schema from them.
INSTALLED_APPS = [
    "bench.peer",
    *(app for app in INSTALLED_APPS if app != "strawberry_django"),
    "grapple",
    "graphene_django",
    "wagtail.api.v2",
    "rest_framework",
]
MIDDLEWARE = ["bench.sql_count.SQLCountMiddleware", *MIDDLEWARE]
ROOT_URLCONF = "bench.peer.urls"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
LOGGING = {"version": 1, "disable_existing_loggers": False}

GRAPHENE = {"SCHEMA": "grapple.schema.schema"}
GRAPPLE = {"APPS": ["site_pages"], "EXPOSE_GRAPHIQL": False, "MAX_PAGE_SIZE": 100}
# The project's largest page (100) for the REST API too (Wagtail's default is 20).
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = "http://127.0.0.1"
