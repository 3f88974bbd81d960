"""Which pages readers may see: the one rule the public site and the API share.

A page is visible when it is live, its expiry has not passed, it is not scheduled for later,
no view restriction (password, login, groups) covers it, and it belongs to the requested site in
one of that site's locales. The page table holds the live version, so draft changes to a live
page never show through a queryset filtered here.

A view restriction covers the page it is set on, every language version of that page (the pages
sharing its translation key) and everything below each of them. wagtail-localize copies a
restriction to a translation only when the translation is made or synced, and never from a
translation back to its source, so a restriction added later, or set on one language only, would
otherwise leave the other versions public. As in Wagtail, an alias page is covered by the
restrictions of the page it mirrors. The site serves pages under the same rule
(``view_restrictions`` below, applied by ``site_pages/private_pages.py``).
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction


def site_q(site):
    """Pages under the site's root page or under any translation of it (one tree per locale)."""
    roots = site.root_page.get_translations(inclusive=True).only("path")
    return any_subtree_q(root.path for root in roots)


def any_subtree_q(paths):
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def schedule_q(now=None):
    now = now or timezone.now()
    return (Q(expire_at__isnull=True) | Q(expire_at__gt=now)) & (
        Q(go_live_at__isnull=True) | Q(go_live_at__lte=now)
    )


def on_schedule(page, now=None):
    """``schedule_q`` for one page in hand: its expiry has not passed and its go-live time (if
    any) has come. The site asks it of the page an address routes to; tests hold the two
    forms to the same answers."""
    now = now or timezone.now()
    return (page.expire_at is None or page.expire_at > now) and (
        page.go_live_at is None or page.go_live_at <= now
    )


def outermost(paths):
    """The paths not below another one of them: their subtrees cover all the others'."""
    kept: list[str] = []

    for path in sorted(paths):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


def restricted_roots():
    """The paths of every language version of every page that holds a view restriction, and
    of their aliases (one query)."""
    keys = PageViewRestriction.objects.values("page__translation_key")
    covered = Page.objects.filter(
        Q(translation_key__in=keys) | Q(alias_of__translation_key__in=keys)
    )
    return outermost(covered.values_list("path", flat=True))


def unrestricted_q():
    """Pages that no view restriction covers, set on any language version of themselves or of
    an ancestor."""
    return ~any_subtree_q(restricted_roots())


def view_restrictions(page):
    """Every view restriction that covers ``page``: the same rule as ``unrestricted_q``, for one
    page, as Wagtail's restriction objects (whose ``accept_request`` the site asks)."""
    lineage = page.get_ancestors(inclusive=True)
    return PageViewRestriction.objects.filter(
        Q(page__translation_key__in=lineage.values("translation_key"))
        | Q(page__translation_key__in=lineage.values("alias_of__translation_key"))
    ).order_by("pk")


class Visibility:
    """The visibility condition for one site, built once (two small queries) and reused for
    every queryset of a request."""

    def __init__(self, site=None):
        self.site = site
        self._q = None

    @property
    def q(self):
        if self._q is None:
            condition = Q(live=True) & schedule_q() & unrestricted_q()
            if self.site is not None:
                condition &= site_q(self.site)
            self._q = condition
        return self._q

    def filter(self, queryset):
        return queryset.filter(self.q)


def visible_pages(queryset=None, site=None, visibility=None):
    """Filter a page queryset (of any page model) down to what readers may see."""
    queryset = Page.objects.all() if queryset is None else queryset
    return (visibility or Visibility(site)).filter(queryset)


def is_visible(page, site=None):
    return visible_pages(Page.objects.filter(pk=page.pk), site).exists()
