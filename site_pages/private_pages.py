"""Serving a page that a view restriction covers through another language version.

Wagtail checks, before serving a page, only the restrictions on the page and its ancestors
(``Page.get_view_restrictions``). Here the site asks every restriction of the shared rule
(``site_pages.visibility.view_restrictions``), so the Japanese version of a password-protected
English page asks for the same password, and a restriction set on the Japanese version alone
covers the English one too. The answers are Wagtail's own: its password form, posted to its
``authenticate_with_password`` view (which marks that restriction as passed in the session,
for every version it covers), and its login redirect for "login" and "groups".

Wagtail's ``get_view_restrictions`` is left alone: the admin's privacy dialog reads it to tell
a page's own restriction from an inherited one, and the translation's own page is not an
ancestor.
"""

from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import PageViewRestriction
from wagtail.wagtail_hooks import require_wagtail_login

from site_pages.visibility import view_restrictions


def refusal(page, request, restriction):
    """Wagtail's answer to a reader who has not passed ``restriction`` yet."""
    if restriction.restriction_type == PageViewRestriction.PASSWORD:
        form = PasswordViewRestrictionForm(
            instance=restriction, initial={"return_url": request.get_full_path()}
        )
        action_url = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
        )
        return page.serve_password_required_response(request, form, action_url)
    return require_wagtail_login(next=request.get_full_path())


def serve_within_restrictions(callback, page, request, serve_args, serve_kwargs):
    restrictions = list(view_restrictions(page))
    for restriction in restrictions:
        if not restriction.accept_request(request):
            response = refusal(page, request, restriction)
            add_never_cache_headers(response)
            return response
    response = callback(page, request, serve_args, serve_kwargs)
    if restrictions:
        add_never_cache_headers(response)
    return response
