"""Cache-Control for every answer: public and short for what any anonymous reader gets, never
stored for anything personal.

Browsers and CDNs may keep an anonymous GET of a site page, a feed, the sitemap or a GraphQL
query (``SAKURA_HTTP_CACHE``), and revalidate it with the strong ETag that Django's
``ConditionalGetMiddleware`` adds (a 304 when it still matches). An answer is personal, and
``private, no-store``, when the reader is signed in, carries session state (a page password they
entered), was given a CSRF token (a form) or a cookie, or is not a plain 200. Views that know
better set their own header first (a preview, a rendition redirect, the admin) and are left as
they are.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

SAFE_METHODS = ("GET", "HEAD")


def is_personal(request, response):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    if session is not None and not session.is_empty():
        return True
    # get_token() (a form's {% csrf_token %}) flags this for CsrfViewMiddleware, which sets the
    # cookie only after this middleware has run; Django 5 no longer sets CSRF_COOKIE_USED.
    csrf_token_given = request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    return bool(csrf_token_given or response.cookies)


def max_age_for(request):
    options = settings.SAKURA_HTTP_CACHE
    if request.path_info.startswith("/graphql/"):
        return options["API_MAX_AGE"]
    return options["SITE_MAX_AGE"]


def never_store(response):
    patch_cache_control(response, private=True, no_store=True)


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if (
            request.method not in SAFE_METHODS
            or response.status_code != 200
            or is_personal(request, response)
        ):
            never_store(response)
            return response
        max_age = max_age_for(request)
        if max_age <= 0:
            patch_cache_control(response, no_cache=True)
            return response
        patch_cache_control(
            response,
            public=True,
            max_age=max_age,
            stale_while_revalidate=settings.SAKURA_HTTP_CACHE["STALE_WHILE_REVALIDATE"],
        )
        return response
