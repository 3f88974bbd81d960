"""Which Wagtail site a reader's request reads: the one whose host matches, else the default
site (Wagtail's own fallback). Templates, feeds, search and the API all ask here, so that a
host routed to a second site never gets the first one's pages from one of them."""

from wagtail.models import Site


def site_for_request(request):
    """The request's site; None only when no site exists at all (or without a request)."""
    return Site.find_for_request(request) if request is not None else None
