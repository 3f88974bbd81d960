"""Settings for the pytest suite: fast hashing, local-memory caches, media in a temp dir."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run where they are queued, so tests see their effects at once; the worker tests
# (tests/cms/test_tasks.py) switch to the database queue and run the real worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="sakura-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="sakura-test-static-"))
# Each test process makes its own pair; they would otherwise pile up in /tmp run after run.
for _scratch in (MEDIA_ROOT, STATIC_ROOT):
    atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
    },
    "responses": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "responses",
    },
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Most tests sign editors in with force_login, which has no second step; the two-factor tests
# (tests/site_pages/test_sign_in.py) switch the Secretariat's requirement back on.
SAKURA_2FA_REQUIRED_GROUPS = []
# Sync answers include what was published a moment ago (tests commit nothing concurrently).
SAKURA_SYNC_SETTLE_SECONDS = 0
# The webhook tests' receivers listen on loopback (tests/site_pages/test_webhooks.py turns the
# check back on where it tests it).
SAKURA_WEBHOOKS_ALLOW_PRIVATE = True
# Tests play several app servers in one process and check each answer right after another
# server's change: every lookup asks the shared cache (tests/graphql_api/test_response_cache.py
# tests the recheck window itself).
SAKURA_RESPONSE_CACHE = {**SAKURA_RESPONSE_CACHE, "RECHECK_SECONDS": 0}  # noqa: F405
