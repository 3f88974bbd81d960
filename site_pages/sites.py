"""Which Wagtail site a reader's request reads: the one whose host matches, else the default
site (Wagtail's own fallback). Templates, feeds, search and the API all ask here, so that a
host routed to a second site never gets the first one's pages from one of them.

Work without a request (the newsletter's digest and the links of its mails, sent from tasks)
reads the default site, ``default_site()``."""

from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site


def site_for_request(request):
    """The request's site; None only when no site exists at all (or without a request)."""
    return Site.find_for_request(request) if request is not None else None


def default_site():
    """The site marked default. Without one there is no right answer: another site would fill
    an issue with its pages and point every link of a mail at its host, and no site at all
    would mix the pages of every site and leave the links without a host; so it is an error
    that says what to fix."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise ImproperlyConfigured(
            "No Wagtail site is marked default (Settings > Sites): the newsletter's issues and "
            "the links of its mails are built on the default site."
        )
    return site
