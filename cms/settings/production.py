"""Production: refuses to start without its secrets; secure cookies and HSTS behind HTTPS."""

import os

from django.core.exceptions import ImproperlyConfigured

from cms.request_log import json_logging

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool, env_list, env_number

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production refuses to start without a secret key: "
        "set the SECRET_KEY environment variable to a long random string."
    )

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. List the host names this site answers to, comma-separated."
    )

# Persistent database connections: a new PostgreSQL connection per request costs a few
# milliseconds and a backend process; Django's health checks (base.py) drop broken ones.
DATABASES["default"]["CONN_MAX_AGE"] = env_number("DB_CONN_MAX_AGE", 60)  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS: a year by default, subdomains included (SECURE_HSTS_INCLUDE_SUBDOMAINS=false for a
# domain whose subdomains are not all on HTTPS yet), and the preload directive (the domain joins
# browsers' preload lists only when someone submits it; SECURE_HSTS_PRELOAD=false leaves it out).
SECURE_HSTS_SECONDS = env_number("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Superusers hold more than the Secretariat, so in production they need two factors too.
SAKURA_2FA_REQUIRE_SUPERUSERS = env_bool("TWO_FACTOR_REQUIRE_SUPERUSERS", True)

# Errors (and warnings) as JSON lines on stderr, each with the request id and without personal
# data (cms/request_log.py); the process manager or platform collects stderr.
LOGGING = json_logging(os.environ.get("LOG_LEVEL", "WARNING"))
