"""Cache-Control for every answer: public and short for what any anonymous reader gets, never
stored for anything personal.

A CDN may keep an anonymous GET of a site page, a feed or the sitemap for ``SITE_MAX_AGE``
while browsers revalidate it every time; an API client or CDN may keep a GraphQL GET answer
for ``API_MAX_AGE`` (``SAKURA_HTTP_CACHE``). Both revalidate with the strong ETag that Django's
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


def is_api(request):
    return request.path_info.startswith("/graphql/")


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
        options = settings.SAKURA_HTTP_CACHE
        if is_api(request):
            # Clients choose whether to keep an answer for its max-age (Apollo does not).
            max_age = options["API_MAX_AGE"]
            directives = {
                "max_age": max_age,
                "stale_while_revalidate": options["STALE_WHILE_REVALIDATE"],
            }
        else:
            # A reader who reloads after an edit sees it: browsers revalidate every time (an
            # unchanged page is a 304), and only shared caches (a CDN) keep pages for a while.
            max_age = options["SITE_MAX_AGE"]
            directives = {"max_age": 0, "s_maxage": max_age}
        if max_age <= 0:
            patch_cache_control(response, no_cache=True)
            return response
        patch_cache_control(response, public=True, **directives)
        return response
