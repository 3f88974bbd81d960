"""A shared cache of the public site's pages and feeds, for anonymous readers.

The same cache and the same tags as the API's kept answers (graphql_api/response_cache.py,
site_pages/cache_tags.py): a page is kept with the tags of everything it read (the page, its
menu and listings through site_pages/fallback.py, and every page, image, snippet and setting
its templates loaded) and dropped when one of them changes, on every app server sharing Redis.

Only what every anonymous reader gets alike is kept: a GET of a Wagtail page or of a feed
(views wrapped in ``kept_for_readers``) by a reader who is not signed in and has no session,
answered 200 without a cookie, without a CSRF token (the members' forms, Ask a mentor and Share
your voice, carry one and are never kept) and without its own Cache-Control (previews and
private pages set one). Search is not a page and is never kept. A cache that is down costs
speed, not answers: the page is rendered and a warning logged.
"""

import hashlib
import json
import logging
from functools import wraps

from django.conf import settings
from django.http import HttpResponse

from cms.http_cache import is_personal
from site_pages import cache_tags, kept_answers
from site_pages.cache_tags import seconds_to_next_schedule
from site_pages.frontend_purge import add_kept_tag_header, add_tag_header, header_value

logger = logging.getLogger(__name__)

KEEPABLE = "_sakura_keepable"
# Headers of the page itself; the rest (Cache-Control, ETag, Vary, security headers) are added
# again by the middleware outside this one, for a kept page as for a fresh one.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Last-Modified")


def enabled():
    return settings.SAKURA_PAGE_CACHE["TIMEOUT"] > 0


def mark_keepable(request):
    """Say that this request's answer is the same for every anonymous reader when it comes
    back 200 without anything personal in it."""
    setattr(request, KEEPABLE, True)


def kept_for_readers(view):
    """A feed or calendar view whose answers may be kept."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        mark_keepable(request)
        return view(request, *args, **kwargs)

    return wrapped


def before_serve_page(page, request, serve_args, serve_kwargs):
    """Wagtail's hook: every page it serves may be kept (what is private marks itself)."""
    mark_keepable(request)


# A reader holding one of these may get something of their own (a message after a form).
PERSONAL_COOKIES = ("messages",)


def is_anonymous_get(request):
    if not enabled() or request.method != "GET":
        return False
    if any(name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES)):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def cache_key(address):
    identity = json.dumps(address, separators=(",", ":"))
    return "site-page:" + hashlib.sha256(identity.encode()).hexdigest()


def rebuilt(entry):
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"].items():
        response[name] = value
    return response


def keepable(request, response):
    return (
        getattr(request, KEEPABLE, False)
        and response.status_code == 200
        and not response.streaming
        and not response.has_header("Cache-Control")
        and not is_personal(request, response)
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_get(request) or request.path_info.startswith(
            settings.SAKURA_PAGE_CACHE["SKIP_PREFIXES"]
        ):
            return self.get_response(request)
        # Outside the try: a host that is not allowed is the request's error, not the cache's.
        address = (request.scheme, request.get_host(), request.get_full_path())
        key = cache_key(address)
        try:
            entry, reading = kept_answers.find(key)
        except Exception:
            logger.warning("Page cache unreachable: rendering uncached", exc_info=True)
            return self.get_response(request)
        if entry is not None:
            return add_kept_tag_header(rebuilt(entry), entry["tag_header"])
        with cache_tags.collecting(instances=True) as used:
            response = self.get_response(request)
        if keepable(request, response):
            self.store(key, response, used, reading)
            add_tag_header(response, used)
        return response

    def store(self, key, response, used, reading):
        timeout = settings.SAKURA_PAGE_CACHE["TIMEOUT"]
        scheduled = seconds_to_next_schedule()
        if scheduled is not None:
            timeout = min(timeout, scheduled)
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        try:
            kept_answers.keep(
                key,
                response.content,
                used,
                reading,
                timeout,
                headers=headers,
                tag_header=header_value(used),
            )
        except Exception:
            logger.warning("Page cache unreachable: page not kept", exc_info=True)
