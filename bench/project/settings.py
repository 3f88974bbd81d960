"""The project as production runs it (cms.settings.production), plus what only the benchmark
needs: the SQL count header and the "limit" view (bench/project/urls.py).

Run by bench/run.py with DATABASE_URL, REDIS_URL and MEDIA_ROOT of the bench; plain HTTP on
loopback, so no SSL redirect.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from cms.settings.production import *  # noqa: F403
from cms.settings.production import MIDDLEWARE, SAKURA_PAGE_CACHE

MIDDLEWARE = ["bench.sql_count.SQLCountMiddleware", *MIDDLEWARE]
# The limit (/bench/limit/) stands for a cached API answer, which the site's page cache never
# looks up (/graphql/ is skipped): without this, every limit answer would pay a page-cache
# round trip to Redis that the API does not, and the limit would look slower than it is.
SAKURA_PAGE_CACHE = {
    **SAKURA_PAGE_CACHE,
    "SKIP_PREFIXES": (*SAKURA_PAGE_CACHE["SKIP_PREFIXES"], "/bench/"),
}
ROOT_URLCONF = "bench.project.urls"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# The freshness probe reads answers every few milliseconds; no request log lines for them.
LOGGING = {"version": 1, "disable_existing_loggers": False}
