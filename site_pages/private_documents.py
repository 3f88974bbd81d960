"""Documents in a restricted collection: served only after Wagtail's permission check, and never
from an address that skips it.

Wagtail links a document to its serve view, which applies the collection's view restrictions
(a shared password; "login": any signed-in account; "groups": members of the groups and
superusers) in its ``before_serve_document`` hook, unless ``WAGTAILDOCS_SERVE_METHOD`` is
"direct", where links point at the storage and nothing is checked. Then, with "redirect" (the
S3 setting), the view sends the reader on to the file's storage URL: with
``AWS_PRIVATE_DOCUMENTS`` off that URL is plain and permanent, so whoever once passed the check,
or finds the address in a history or a proxy log, could hand the document to anyone.

So here:

- "direct" is refused by a system check: every document link goes through the view;
- the view at Wagtail's address (``serve``, listed ahead of Wagtail's in ``cms/urls.py``) runs
  Wagtail's ``before_serve_document`` hooks as Wagtail does (its restriction check answers with
  the login redirect or the password form); then a restricted document is redirected only to a
  signed, short-lived URL (private documents on S3) and is otherwise streamed by the view
  itself; neither answer may be kept by a shared cache. Public documents are Wagtail's view's
  (a redirect to the bucket or CDN on S3). A hook could not do this: Wagtail takes only a plain
  ``HttpResponse`` from one, not a streamed file.

A document's object on S3 is as public as the bucket makes it: with restricted collections,
turn ``AWS_PRIVATE_DOCUMENTS`` on and keep ``documents/*`` out of the bucket policy.
"""

from django.conf import settings
from django.core import checks
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served
from wagtail.documents.views.serve import serve as wagtail_serve

from cms.storage import MediaStorage


def collection_restrictions(document):
    return list(document.collection.get_view_restrictions())


def has_signed_url(file):
    """Whether the storage gives this file only signed, expiring URLs."""
    storage = file.storage
    return isinstance(storage, MediaStorage) and storage.is_private(file.name)


def stream(document):
    response = FileResponse(document.file.open("rb"), content_type=document.content_type)
    response["Content-Disposition"] = document.content_disposition
    response["Content-Length"] = document.file.size
    # As Wagtail's own view does when it streams: never run as a page, never sniffed.
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def serve(request, document_id, document_filename):
    document = get_object_or_404(get_document_model(), id=document_id)
    restrictions = collection_restrictions(document)
    if not restrictions or document.filename != document_filename:
        return wagtail_serve(request, document_id, document_filename)
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponse):
            return result
    # Wagtail's hook has answered whoever the restrictions refuse; asked again in case it is
    # ever gone.
    if not all(restriction.accept_request(request) for restriction in restrictions):
        raise PermissionDenied
    response = redirect(document.file.url) if has_signed_url(document.file) else stream(document)
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    document_served.send(sender=type(document), instance=document, request=request)
    return response


def documents_go_through_the_serve_view(app_configs, **kwargs):
    if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) == "direct":
        return [
            checks.Error(
                'WAGTAILDOCS_SERVE_METHOD is "direct": links to documents would skip the '
                "collection privacy check.",
                hint='Use "redirect" (or leave it unset); see site_pages/private_documents.py.',
                id="site_pages.E001",
            )
        ]
    return []


def register_checks():
    checks.register(documents_go_through_the_serve_view, checks.Tags.security)
