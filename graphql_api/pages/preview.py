"""A draft named by a preview token (from the editor's preview in the web app)."""

from enum import Enum

import strawberry
from strawberry.types import Info
from wagtail.models import Page

from graphql_api.core.errors import ClientError
from graphql_api.core.ids import wagtail_id
from graphql_api.core.locale import requested_locale
from graphql_api.pages.lookup import relative_path
from graphql_api.pages.relations import serve_pages
from site_pages.preview import PreviewTokenError, draft_for_token, read_token


class PreviewTokenRefusedError(ClientError):
    """A preview token that shows nothing: tampered with, expired, or not for the page's latest
    draft. Its code (PREVIEW_TOKEN_INVALID or PREVIEW_TOKEN_EXPIRED) says which."""

    def __init__(self, message: str, code: str) -> None:
        self.code = code
        super().__init__(message)


def preview_page(
    info: Info,
    token: str,
    id: strawberry.ID | None = None,
    path: str | None = None,
    locale: Enum | str | None = None,
) -> Page:
    """The draft a preview token names, built from its revision and loaded like a live page.
    `id` or `path`, when given, must name that same page."""
    try:
        draft = draft_for_token(token)
    except PreviewTokenError as error:
        raise PreviewTokenRefusedError(str(error), error.code) from error
    if id is not None:
        named_other = wagtail_id(id) != draft.pk
    else:
        named_other = path is not None and path.strip("/") != relative_path(draft)
    if named_other:
        raise PreviewTokenRefusedError(
            "This preview token is for another page.", "PREVIEW_TOKEN_INVALID"
        )
    # A draft is not what anonymous readers get: keep it out of shared caches.
    if info.context.response is not None:
        info.context.response["Cache-Control"] = "private, no-store"
    language = requested_locale(locale) if locale is not None else None
    # Its own id, so a client's cache keeps the live page apart from the draft.
    info.context.mark_draft(draft, read_token(token)["revision"])
    serve_pages([draft], language, info.context)
    return draft
