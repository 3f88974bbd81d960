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
    """The site marked default, or the only site when there is one. With several sites and none
    marked there is no right answer: another site would fill an issue with its pages and point
    every link of a mail at its host, and no site at all would mix the pages of every site; so
    it is an error that says what to fix (a subscription then fails until an administrator
    marks a default site, which Wagtail's settings let them do)."""
    sites = list(Site.objects.order_by("-is_default_site", "pk")[:2])
    if sites and (sites[0].is_default_site or len(sites) == 1):
        return sites[0]
    raise ImproperlyConfigured(
        "No Wagtail site is marked default (Settings > Sites): the newsletter's issues and "
        "the links of its mails are built on the default site."
    )
