"""Settings shared by every environment, read from environment variables.

The embedded default (SQLite, local media, local-memory cache) needs nothing set; production
sets DATABASE_URL, REDIS_URL, AWS_* and SECRET_KEY (see ``production.py``).
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cms.search_backends import search_backends

BASE_DIR = Path(__file__).resolve().parent.parent.parent


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_bool(name, default=False):
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_WORDS | FALSE_WORDS:
        return value in TRUE_WORDS
    # A typo such as "ture" must not quietly turn a security switch off.
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not a yes/no value: "
        f"use one of {', '.join(sorted(TRUE_WORDS | FALSE_WORDS))}."
    )


def env_number(name, default, kind=int, minimum=0):
    """A number from the environment, refused by name when it is not one (or is below minimum).

    Settings are read at import, so a bare int() would stop the server with a traceback that
    names neither the variable nor what it expects.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        noun = "a whole number" if kind is int else "a number"
        raise ImproperlyConfigured(f"{name}={raw!r} is not {noun}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}.")
    return value


def env_required(name, because):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} is not set; it is needed {because}.")
    return value


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "site_pages",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app with the project's user admin (site_pages/accounts/).
    "site_pages.accounts.apps.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    # Only for its export_schema command (`make schema`): the API loads relations with its own
    # loaders, not strawberry-django's optimizer (graphql_api/README.md says why).
    "strawberry_django",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "corsheaders",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # A request id for every log line of the request (cms/request_log.py).
    "cms.request_log.RequestIdMiddleware",
    # First, so that preflights and CORS headers also reach answers made by later middleware.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Strong ETags and 304s for GET answers; outside CacheControlMiddleware, so that a 304
    # carries the Cache-Control of the answer it stands for.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Public and short for anonymous reads, private for anything personal (cms/http_cache.py).
    "cms.http_cache.CacheControlMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Sign-in protection (site_pages/accounts/): the second factor, then login lockout last,
    # as django-axes requires.
    "django_otp.middleware.OTPMiddleware",
    "site_pages.accounts.two_factor.TwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",
    # Innermost: a kept page goes out through every middleware above, as a fresh one does
    # (site_pages/page_cache.py).
    "site_pages.page_cache.PageCacheMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite file in the checkout by default; production points DATABASE_URL at PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_number("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sakura",
        },
        # Renditions get their own alias so that page content churn never evicts them.
        "renditions": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sakura-renditions",
            "TIMEOUT": 60 * 60 * 24 * 7,
        },
        # Kept API answers and the content generation (graphql_api/response_cache.py).
        "responses": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sakura-responses",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
            "TIMEOUT": 60 * 60 * 24 * 7,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
        # One process's memory: right for `make run`; several app servers need REDIS_URL.
        "responses": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "responses",
            "OPTIONS": {"MAX_ENTRIES": 5_000},
        },
    }

# --- Sign-in protection (site_pages/accounts/, docs/security.md) -------------------------------
# django-axes counts failed logins per account and per client address (each on its own) in the
# database, so a lockout holds across app servers; the lockout page is the same whether or not
# the account exists. The client address is REMOTE_ADDR unless AXES_IPWARE_PROXY_COUNT says how
# many proxies (the CDN, a load balancer) stand in front and add X-Forwarded-For.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_number("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_number("AXES_COOLOFF_HOURS", 1, float)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "site_pages/accounts/locked_out.html"
if os.environ.get("AXES_IPWARE_PROXY_COUNT"):
    AXES_IPWARE_PROXY_COUNT = env_number("AXES_IPWARE_PROXY_COUNT", 0)
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
# Password-reset requests allowed per submitted address and per client address (django-ratelimit
# on the default cache: Redis in production, so shared by every app server).
SAKURA_PASSWORD_RESET_RATE = os.environ.get("PASSWORD_RESET_RATE", "5/h")
# Members' submissions (askMentor on the site and the API) allowed per client address and per
# submitted e-mail address, counted the same way (site_pages/submission_limits.py).
SAKURA_SUBMISSION_RATES = {
    "per_address": os.environ.get("SUBMISSION_RATE_PER_ADDRESS", "20/h"),
    "per_email": os.environ.get("SUBMISSION_RATE_PER_EMAIL", "5/h"),
}
# A site form sent sooner than this after it was shown is taken for a bot (site_pages/fill_time.py).
SAKURA_SUBMISSION_MIN_FILL_SECONDS = env_number("SUBMISSION_MIN_FILL_SECONDS", 3)
# Two-factor sign-in (TOTP, django-otp): anyone may turn it on in their account; members of these
# groups must (they are sent to set it up before anything else), and superusers too when
# TWO_FACTOR_REQUIRE_SUPERUSERS is on (the default in production, off for the local demo login).
SAKURA_2FA_REQUIRED_GROUPS = env_list("TWO_FACTOR_REQUIRED_GROUPS", "Secretariat")
SAKURA_2FA_REQUIRE_SUPERUSERS = env_bool("TWO_FACTOR_REQUIRE_SUPERUSERS", False)
OTP_TOTP_ISSUER = "Sakura Science Club"
# --- end of sign-in protection ----------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. English is the source language; the chapters read in their own.
LANGUAGE_CODE = "en"
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("ja", _("Japanese")),
    ("zh-hans", _("Simplified Chinese")),
    ("id", _("Indonesian")),
    ("ms", _("Malay")),
    ("vi", _("Vietnamese")),
    ("th", _("Thai")),
    ("ne", _("Nepali")),
    ("si", _("Sinhala")),
    ("bn", _("Bengali")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates print through Django's locale formats (site_pages/dates.py); cms/formats/ overrides the
# few that read wrongly, each file saying why.
FORMAT_MODULE_PATH = ["cms.formats"]

# --- Translations (wagtail-localize; site_pages/translations/) --------------------------------
# A new translation starts as a draft even when its source is live: it goes live when someone
# who may publish publishes it, or when the secretariat approves it in the "Secretariat
# approval" workflow (wagtail-localize's default would publish it at once, untranslated).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation is off unless a DeepL key is set. It only fills in strings that the
# translator then reviews, and only into the languages DeepL translates (DEEPL_LANGUAGES).
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
if DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "site_pages.translations.machine.DeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": DEEPL_API_KEY,
            "LANGUAGES": env_list("DEEPL_LANGUAGES", "en,ja,zh-hans,id"),
            "TIMEOUT": env_number("DEEPL_TIMEOUT", 30),
        },
    }
# --- end of translations ----------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Static files get a hash of their content in their names (collectstatic writes them and a
# manifest), so whitenoise serves them with a year-long, immutable Cache-Control; a changed file
# gets a new name, so browsers and the CDN never keep a stale stylesheet (files without a hash
# keep whitenoise's short default). With DEBUG on, the
# plain names are served from the apps without collectstatic.
# Each backend's entry: its dotted path and, where it takes them, its OPTIONS (below).
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Media storage and upload safety (cms/storage.py, site_pages/uploads.py) -----------------
# Media (image originals, renditions, documents) stay under MEDIA_ROOT unless a bucket is
# configured; then they go to S3 (or any S3-compatible store) through django-storages.
# Credentials are never settings: boto3 reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from
# the environment, or the instance role. Static files stay with whitenoise either way.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
# Documents on S3 are private: private ACL, short-lived signed URLs, served through Wagtail's
# document view (which applies collection privacy) that redirects to the signed URL.
AWS_PRIVATE_DOCUMENTS = env_bool("AWS_PRIVATE_DOCUMENTS", False)
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "cms.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # A CDN in front of the bucket: public URLs use this host.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "url_protocol": os.environ.get("AWS_S3_URL_PROTOCOL", "https:"),
            "location": os.environ.get("AWS_LOCATION", ""),
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "default_acl": os.environ.get("AWS_DEFAULT_ACL") or None,
            # Public objects get plain URLs (cacheable by the CDN), not signed ones.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "querystring_expire": env_number("AWS_QUERYSTRING_EXPIRE", 3600),
            # Two uploads with the same name get two keys; nothing is overwritten.
            "file_overwrite": False,
            "object_parameters": {
                "CacheControl": os.environ.get("AWS_S3_CACHE_CONTROL", "public, max-age=86400")
            },
            "private_prefixes": ("documents/",) if AWS_PRIVATE_DOCUMENTS else (),
            "max_attempts": env_number("AWS_S3_MAX_ATTEMPTS", 3),
            "connect_timeout": env_number("AWS_S3_CONNECT_TIMEOUT", 5, float),
            "read_timeout": env_number("AWS_S3_READ_TIMEOUT", 30, float),
        },
    }
    # Every document link goes through Wagtail's serve view, which applies collection privacy,
    # then redirects to the bucket or CDN (a signed URL for private documents). A document of
    # a restricted collection is never redirected to a plain URL: the view streams it itself
    # (site_pages/private_documents.py, whose system check refuses "direct").
    WAGTAILDOCS_SERVE_METHOD = "redirect"

# Upload limits; the admin forms name them in their errors.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_number("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_number("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40000000)
# Validation (sizes, pixel counts read from the header, content matching the extension,
# document content sniffing) and storage failures turned into form errors.
WAGTAILIMAGES_IMAGE_FORM_BASE = "site_pages.uploads.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "site_pages.uploads.DocumentForm"
# --- end of media storage -------------------------------------------------------------------

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Sakura Science Club"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
# No Gravatar: the admin would send a hash of every editor's e-mail address to gravatar.com and
# show a broken picture where that site is unreachable; Wagtail's own avatar (or the one an
# editor uploads in their account) stands in.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Readers' search (site_pages/search.py, docs/search.md): the database's trigram index by
# default; Elasticsearch/OpenSearch with an analyser per language when SEARCH_ENGINE_URL is set
# (comma-separated node URLs; SEARCH_ENGINE names Wagtail's backend, e.g. opensearch2).
WAGTAILSEARCH_BACKENDS, SAKURA_SEARCH = search_backends(
    url=os.environ.get("SEARCH_ENGINE_URL", ""),
    engine=os.environ.get("SEARCH_ENGINE", "elasticsearch8"),
    languages=[code for code, _name in LANGUAGES],
    prefix=os.environ.get("SEARCH_INDEX_PREFIX", "sakura"),
)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# An approved page edited again goes back to the secretariat rather than keeping its approval.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# The secretariat group name is part of the editorial-roles contract (site_pages/roles.py).
SAKURA_SECRETARIAT_GROUP = "Secretariat"

# GraphQL API limits (graphql_api/core/limits.py). Each rejection names the limit it hit.
SAKURA_GRAPHQL = {
    "MAX_DEPTH": 10,
    "MAX_ALIASES": 15,
    "MAX_TOKENS": 2000,
    "MAX_PAGE_SIZE": 100,
    "DEFAULT_PAGE_SIZE": 20,
    "PARSER_CACHE_SIZE": 256,
    "VALIDATION_CACHE_SIZE": 256,
    # Longest document kept as an automatic persisted query (graphql_api/persisted_queries.py).
    "MAX_PERSISTED_QUERY_LENGTH": 20_000,
    # Persisted-only mode: the endpoint runs only the documents of the committed list
    # (graphql_api/registered_documents.py; `manage.py register_persisted_queries` writes it).
    "PERSISTED_ONLY": env_bool("SAKURA_GRAPHQL_PERSISTED_ONLY", False),
    "REGISTERED_DOCUMENTS": BASE_DIR / "graphql_api" / "registered_documents.json",
    # Largest request body the endpoint reads: a submission's photo (at most the media library's
    # image limit) and a megabyte for the rest. Larger requests get HTTP 413 before any parsing;
    # non-file parts stay within DATA_UPLOAD_MAX_MEMORY_SIZE (graphql_api/views.py).
    "MAX_BODY_BYTES": WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1024 * 1024,
}

# --- Images (site_pages/image_presets.py, site_pages/renditions.py) -----------------------------
# Every rendition is a stored file that costs seconds of CPU to make (AVIF most), so the site
# and the API hand out only these named presets: a crop ratio (none keeps the original's) and
# at most SAKURA_IMAGE_MAX_WIDTHS widths each. `manage.py check` validates the table.
# name: {"widths": [...], optional "ratio" ("w:h", a crop) and "description"}.
SAKURA_IMAGE_PRESETS: dict[str, dict[str, Any]] = {
    "hero": {"ratio": "12:5", "widths": [480, 960, 1200], "description": "Wide page banner."},
    "card": {"ratio": "3:2", "widths": [240, 480], "description": "Picture on a listing card."},
    "gallery": {"ratio": "3:2", "widths": [480, 960], "description": "Gallery and photo grid."},
    "portrait": {"ratio": "1:1", "widths": [96, 192, 320], "description": "Square portrait."},
    "content": {"widths": [480, 960, 1440], "description": "Full picture inside an article."},
    "share": {"ratio": "40:21", "widths": [1200], "description": "Link preview (1200x630)."},
}
SAKURA_IMAGE_MAX_WIDTHS = 4
# Renditions one request (a page view or a GraphQL query) may make; past it the answer carries
# signed addresses that make each file on first download, and the work is queued for a worker.
SAKURA_IMAGE_RENDITION_BUDGET = env_number("IMAGE_RENDITION_BUDGET", 6)
# Formats of the site's <picture>, best first, one <source> each; the <img> is JPEG for JPEG
# originals and PNG for the rest, for browsers that read neither (image_presets.fallback_format).
# AVIF needs a Pillow built with libavif (the locked Pillow's wheels are); `manage.py check`
# refuses "avif" here otherwise.
SAKURA_IMAGE_SITE_FORMATS = ["avif", "webp"]
# Where a page has no translation in the reader's language, serve these languages in order
# (default: the default language).
SAKURA_LOCALE_FALLBACKS = {"ms": ["id", "en"]}

# --- Public site and preview (site_pages templates, feeds.py, sitemaps.py, preview.py) --------
# Headless preview: the admin's preview offers "Web app" besides the public site when a client
# URL is set; the client receives ?content_type=…&token=… and passes the token to the API's
# page(previewToken:). "{SITE_ROOT_URL}" in the URL stands for the Wagtail site's root URL.
INSTALLED_APPS += ["wagtail_headless_preview"]
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": os.environ.get("HEADLESS_PREVIEW_CLIENT_URL", "")},
    "ENFORCE_TRAILING_SLASH": True,
}
# Seconds a preview token stays valid (the package's own tokens never expire; ours do).
SAKURA_PREVIEW_TOKEN_MAX_AGE = env_number("PREVIEW_TOKEN_MAX_AGE", 3600)
# Entries in each RSS/Atom feed, and results per page of the site search.
SAKURA_FEED_LENGTH = 20
# iCalendar feeds (site_pages/calendars.py): events that ended up to this many days ago (ten
# years: a chapter's calendar carries its reunion history), and at most this many per calendar.
SAKURA_CALENDAR_PAST_DAYS = 3650
SAKURA_CALENDAR_LENGTH = 500
SAKURA_SEARCH_PAGE_SIZE = 10
# --- end of public site and preview ------------------------------------------------------------

# --- Serving clients at scale: CORS, HTTP caching, response cache (cms/, graphql_api/) ------
# Web front ends on other origins may call the API (and only the API), without credentials:
# the API is public and sessions must never ride along. Comma-separated exact origins.
# Seconds browsers and CDNs may keep an anonymous GET answer of the site (pages, feeds,
# sitemap) and of the API, and serve it stale while they fetch a fresh one; 0 makes them
# revalidate every time (cheap: an unchanged answer is a 304). Personal answers never.
SAKURA_HTTP_CACHE = {
    "SITE_MAX_AGE": env_number("HTTP_CACHE_SITE_MAX_AGE", 60),
    "API_MAX_AGE": env_number("HTTP_CACHE_API_MAX_AGE", 60),
    "STALE_WHILE_REVALIDATE": env_number("HTTP_CACHE_STALE_WHILE_REVALIDATE", 300),
}
# Anonymous API answers are kept in this cache alias for up to TIMEOUT seconds (0: off), and
# dropped by any change of what they used (graphql_api/response_cache.py). A process serves an
# answer it checked less than RECHECK_SECONDS ago without asking the shared cache again
# (site_pages/kept_answers.py): another server's change reaches it within that time, its own
# at once.
SAKURA_RESPONSE_CACHE = {
    "CACHE": "responses",
    "TIMEOUT": env_number("RESPONSE_CACHE_TIMEOUT", 300),
    "RECHECK_SECONDS": env_number("RESPONSE_CACHE_RECHECK", 0.2, kind=float),
}
# Anonymous GETs of site pages and feeds, kept in the same cache with the same tags for up to
# TIMEOUT seconds (0: off; site_pages/page_cache.py). Addresses under SKIP_PREFIXES are never
# looked up (the admin, the API, documents, renditions).
SAKURA_PAGE_CACHE = {
    "TIMEOUT": env_number("PAGE_CACHE_TIMEOUT", 300),
    "SKIP_PREFIXES": ("/admin/", "/graphql/", "/documents/", "/images/", "/static/", "/media/"),
}
# A CDN in front of the site and the API (site_pages/frontend_purge.py): answers name their
# cache tags in HEADER ("Surrogate-Key": Fastly, Varnish xkey; "Cache-Tag": Cloudflare; empty:
# none), and changes purge them and the pages' addresses through wagtail.contrib.frontend_cache's
# backends: FRONTEND_CACHE_BACKEND "http" (a purging proxy at FRONTEND_CACHE_LOCATION, tags in
# a PURGE request's PURGE_HEADER), "cloudflare" (CLOUDFLARE_ZONE_ID, CLOUDFLARE_API_TOKEN) or
# "cloudfront" (CLOUDFRONT_DISTRIBUTION_ID; no tags: the API's addresses are invalidated whole).
FRONTEND_CACHE_BACKEND = os.environ.get("FRONTEND_CACHE_BACKEND", "")
if FRONTEND_CACHE_BACKEND == "http":
    WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env_required(
                "FRONTEND_CACHE_LOCATION", "when FRONTEND_CACHE_BACKEND is http"
            ),
        }
    }
elif FRONTEND_CACHE_BACKEND == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": env_required(
                "CLOUDFLARE_ZONE_ID", "when FRONTEND_CACHE_BACKEND is cloudflare"
            ),
            "BEARER_TOKEN": env_required(
                "CLOUDFLARE_API_TOKEN", "when FRONTEND_CACHE_BACKEND is cloudflare"
            ),
        }
    }
elif FRONTEND_CACHE_BACKEND == "cloudfront":
    WAGTAILFRONTENDCACHE = {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env_required(
                "CLOUDFRONT_DISTRIBUTION_ID", "when FRONTEND_CACHE_BACKEND is cloudfront"
            ),
        }
    }
elif FRONTEND_CACHE_BACKEND:
    raise ImproperlyConfigured(
        f"FRONTEND_CACHE_BACKEND={FRONTEND_CACHE_BACKEND!r} is not one of: http, cloudflare, "
        "cloudfront."
    )
else:
    WAGTAILFRONTENDCACHE = {}
SAKURA_CACHE_TAGS = {
    "HEADER": os.environ.get(
        "CACHE_TAG_HEADER",
        "Cache-Tag" if FRONTEND_CACHE_BACKEND == "cloudflare" else "Surrogate-Key",
    ),
    # Cloudflare reads at most 16 KB of Cache-Tag; Fastly 16 KB of Surrogate-Key.
    "MAX_HEADER_LENGTH": env_number("CACHE_TAG_HEADER_MAX_LENGTH", 8000),
    "PURGE_HEADER": os.environ.get("FRONTEND_CACHE_TAG_PURGE_HEADER", "xkey-purge"),
    "CLOUDFLARE_API_URL": os.environ.get(
        "CLOUDFLARE_API_URL", "https://api.cloudflare.com/client/v4"
    ),
}
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/graphql/?$"
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "POST", "OPTIONS"]
# --- end of serving clients -------------------------------------------------------------------

# --- Background tasks and e-mail (site_pages/mail.py, manage.py run_worker) --------------------
# Django's task API (django-tasks; Wagtail queues its search, reference-index and file-deletion
# work on it too). Which queue holds the tasks:
#   "database": rows in this site's database, run by `manage.py run_worker` (django-tasks-db's
#               db_worker). The embedded default: `make run` starts one beside the web server.
#   "rq":       Redis, run by RQ workers on any number of machines. Default when REDIS_URL is set.
#   "immediate": run inside the request that queued them (no worker; for tests and scripts).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "rq" if REDIS_URL else "database")
TASKS_REDIS_URL = os.environ.get("TASKS_REDIS_URL", REDIS_URL)
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {
        "default": {
            "URL": TASKS_REDIS_URL or "redis://127.0.0.1:6379/0",
            "DEFAULT_TIMEOUT": env_number("TASKS_TIMEOUT", 600),
        }
    }
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND={TASKS_BACKEND!r} is not one of: database, rq, immediate."
    )

# Scheduled publishing (site_pages/scheduling.py): `manage.py run_scheduler` (started by `make run`)
# looks this often, in seconds, for go-live and expiry dates that have come, and queues Wagtail's
# publish_scheduled on the task queue above.
SAKURA_SCHEDULER_INTERVAL = env_number("SCHEDULER_INTERVAL", 60)

# Members' personal data (site_pages/personal_data.py): answered or declined questions, records of
# published voices and sent e-mails are deleted this many days after they came in (the scheduler
# applies the rule daily; `manage.py apply_retention` any time).
SAKURA_PERSONAL_DATA_RETENTION_DAYS = env_number("PERSONAL_DATA_RETENTION_DAYS", 365)

# The monthly newsletter (site_pages/newsletter*.py; README "Newsletter"):
#   CONFIRM_DAYS   a confirmation link works this long; unconfirmed requests are deleted after it
#   BATCH_SIZE     mails one sending task sends before it queues the next batch
#   CLAIM_SECONDS  a recipient a worker has claimed is left to it this long; after that (the
#                  worker died mid-send) another may take it. Keep it above EMAIL_TIMEOUT.
SAKURA_NEWSLETTER = {
    "CONFIRM_DAYS": env_number("NEWSLETTER_CONFIRM_DAYS", 7),
    "BATCH_SIZE": env_number("NEWSLETTER_BATCH_SIZE", 50, minimum=1),
    "CLAIM_SECONDS": env_number("NEWSLETTER_CLAIM_SECONDS", 300),
}

# Delta sync (`changes(since:)`, graphql_api/sync.py) and webhooks read a record of content events
# (site_pages/content_events.py). Events, tombstones of deleted pages among them, are kept this many
# days (the scheduler prunes them daily); a client whose last sync is older must refresh fully.
SAKURA_SYNC_RETENTION_DAYS = env_number("SYNC_RETENTION_DAYS", 30)
# `changes` reports events up to this many seconds ago, not up to now: an event is written inside
# the publishing transaction with the time it was written, and a transaction still open at the
# moment of a sync would otherwise commit an event older than that sync's `until`, never reported.
SAKURA_SYNC_SETTLE_SECONDS = env_number("SYNC_SETTLE_SECONDS", 5)
# Publish webhooks (site_pages/webhooks.py), registered by the Secretariat in the admin: each
# request waits this many seconds for the receiver; a failed delivery is tried again after
# RETRY_SECONDS, then twice as long each time, up to MAX_ATTEMPTS attempts in all. Addresses in
# the server's own network (loopback, private ranges) are refused unless ALLOW_PRIVATE is on
# (dev.py and the tests turn it on: their receivers run on loopback).
SAKURA_WEBHOOK_TIMEOUT = env_number("WEBHOOK_TIMEOUT", 5, float)
SAKURA_WEBHOOK_RETRY_SECONDS = env_number("WEBHOOK_RETRY_SECONDS", 30)
SAKURA_WEBHOOK_MAX_ATTEMPTS = env_number("WEBHOOK_MAX_ATTEMPTS", 6, minimum=1)
SAKURA_WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE", False)

# E-mail goes through Django's SMTP backend, configured by the environment; dev.py prints it to
# the console instead unless EMAIL_HOST is set. Every message is queued as a task
# (site_pages/mail.py), so a slow or unreachable server never holds up a request.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_number("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_number("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Sakura Science Club <no-reply@sakura-club.example>"
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# --- end of background tasks and e-mail --------------------------------------------------------

# --- Content-Security-Policy (django-csp; docs/security.md, "Content-Security-Policy") ---------
# The public site runs no inline script or style: everything comes from its own static files,
# and media from MEDIA_URL or the S3 bucket. The Wagtail admin is left out: it still relies on
# inline scripts and styles, so a policy there would either break it or need 'unsafe-inline',
# which protects nothing; the admin's own defence is that every URL it stores passes the URL
# policy (site_pages/url_policy.py) and every page it previews is rendered by our templates.
# API answers get their own, stricter policy (graphql_api/views.py): they are JSON, never a
# document that may load or run anything.
INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)


def media_origins():
    """Where images and documents are served from, when not from this site."""
    origins = env_list("CSP_MEDIA_ORIGINS")
    if origins or not AWS_STORAGE_BUCKET_NAME:
        return origins
    protocol = os.environ.get("AWS_S3_URL_PROTOCOL", "https:")
    if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        return [f"{protocol}//{os.environ['AWS_S3_CUSTOM_DOMAIN']}"]
    if os.environ.get("AWS_S3_ENDPOINT_URL"):
        from urllib.parse import urlsplit

        endpoint = urlsplit(os.environ["AWS_S3_ENDPOINT_URL"])
        # Path-style (endpoint/bucket/key) or virtual-host style (bucket.endpoint/key).
        return [
            f"{endpoint.scheme}://{endpoint.netloc}",
            f"{endpoint.scheme}://{AWS_STORAGE_BUCKET_NAME}.{endpoint.netloc}",
        ]
    origins = [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"]
    if os.environ.get("AWS_S3_REGION_NAME"):
        region = os.environ["AWS_S3_REGION_NAME"]
        origins.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{region}.amazonaws.com")
    return origins


CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *media_origins()],
        "media-src": ["'self'", *media_origins()],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # The admin's preview shows site pages in a frame of the same origin.
        "frame-ancestors": ["'self'"],
    },
}
SAKURA_API_CONTENT_SECURITY_POLICY = {
    "default-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}
# --- end of Content-Security-Policy ------------------------------------------------------------
