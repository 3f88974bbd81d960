"""Preview of drafts in the client apps ("headless" preview), with tokens that expire.

wagtail-headless-preview adds a preview mode that opens the client app instead of our own
templates. Its own tokens never expire and hold a copy of the unsaved form; ours are signed
(``django.core.signing``), carry the page id, the revision id and the content type, expire
after ``SAKURA_PREVIEW_TOKEN_MAX_AGE`` seconds and name the page's latest saved revision. The
API's ``page(previewToken:)`` builds the draft from that revision, so a token cannot show
another page, a superseded draft, or anything once it is old.
"""

from django.conf import settings
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, Revision
from wagtail_headless_preview.models import HeadlessPreviewMixin
from wagtail_headless_preview.settings import headless_preview_settings

SALT = "site_pages.preview"
HEADLESS_MODE = "headless"


class PreviewTokenError(Exception):
    """A token that shows nothing; ``code`` is what the API reports."""

    code = "PREVIEW_TOKEN_INVALID"


class InvalidPreviewToken(PreviewTokenError):
    pass


class ExpiredPreviewToken(PreviewTokenError):
    code = "PREVIEW_TOKEN_EXPIRED"


def content_type_label(page):
    return f"{page._meta.app_label}.{page._meta.model_name}"


def make_preview_token(page, revision=None):
    """A signed token for ``revision`` (by default the page's latest) of ``page``."""
    revision = revision or page.latest_revision
    if page.pk is None or revision is None:
        raise ValueError("Only a saved page with a revision can be previewed by token.")
    payload = {"page": page.pk, "revision": revision.pk, "type": content_type_label(page)}
    return signing.dumps(payload, salt=SALT)


def max_age():
    return getattr(settings, "SAKURA_PREVIEW_TOKEN_MAX_AGE", 3600)


def read_token(token):
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired as error:
        raise ExpiredPreviewToken(
            _("This preview token has expired. Open the preview again from the editor.")
        ) from error
    except signing.BadSignature as error:
        raise InvalidPreviewToken(_("This preview token is not valid.")) from error
    if not isinstance(payload, dict) or not all(
        isinstance(payload.get(key), int) for key in ("page", "revision")
    ):
        raise InvalidPreviewToken(_("This preview token is not valid."))
    return payload


def draft_for_token(token):
    """The draft a token names, built from its revision; raises a PreviewTokenError when the
    token is tampered with, expired, or names a revision that is not the page's latest."""
    payload = read_token(token)
    page = Page.objects.filter(pk=payload["page"]).select_related("content_type").first()
    revision = Revision.page_revisions.filter(
        pk=payload["revision"], object_id=str(payload["page"])
    ).first()
    if (
        page is None
        or revision is None
        or content_type_label(page.specific_class) != payload.get("type")
    ):
        raise InvalidPreviewToken(_("This preview token names a page that does not exist."))
    if revision.pk != page.latest_revision_id:
        raise InvalidPreviewToken(
            _(
                "This preview token is for an older draft of the page. Open the preview again "
                "from the editor to see the latest one."
            )
        )
    return revision.as_object()


def client_url_configured():
    return bool(headless_preview_settings.CLIENT_URLS.get("default"))


class HeadlessPreviewPage(HeadlessPreviewMixin):
    """Preview modes for every page: our public site (the default, also used in moderation)
    and, when a client URL is configured, the web app with an expiring token."""

    @property
    def preview_modes(self):
        modes = [("", gettext_lazy("Public site"))]
        if client_url_configured():
            modes.append((HEADLESS_MODE, gettext_lazy("Web app")))
        return modes

    def serve_preview(self, request, mode_name):
        if mode_name != HEADLESS_MODE:
            # Skip the package's serve_preview: the default mode is our own templates.
            return super(HeadlessPreviewMixin, self).serve_preview(request, mode_name)
        # ``self`` holds the unsaved form; the token names the latest saved revision.
        saved = Page.objects.filter(pk=self.pk).first() if self.pk else None
        revision = saved.latest_revision if saved else None
        preview_url = None
        if revision is not None:
            # The package's client URL and query string (content_type, token), so a client
            # written for wagtail-headless-preview works unchanged; only the token is ours.
            preview_url = self.get_preview_url(request, make_preview_token(self, revision))
            if headless_preview_settings.REDIRECT_ON_PREVIEW:
                return redirect(preview_url)
        context = {"page": self, "revision": revision, "preview_url": preview_url}
        return render(request, "site_pages/headless_preview.html", context)
