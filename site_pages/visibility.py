"""Which pages readers may see: the one rule the public site and the API share.

A page is visible when it is live, its expiry has not passed, it is not scheduled for later,
no view restriction (password, login, groups) covers it or an ancestor, and it belongs to the
requested site in one of that site's locales. The page table holds the live version, so draft
changes to a live page never show through a queryset filtered here.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page


def site_q(site):
    """Pages under the site's root page or under any translation of it (one tree per locale)."""
    roots = site.root_page.get_translations(inclusive=True).only("path")
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Q(path__startswith=root.path)
    return condition


def schedule_q(now=None):
    now = now or timezone.now()
    return (Q(expire_at__isnull=True) | Q(expire_at__gt=now)) & (
        Q(go_live_at__isnull=True) | Q(go_live_at__lte=now)
    )


def visible_pages(queryset=None, site=None):
    """Filter a page queryset (of any page model) down to what readers may see."""
    queryset = Page.objects.all() if queryset is None else queryset
    queryset = queryset.live().public().filter(schedule_q())
    if site is not None:
        queryset = queryset.filter(site_q(site))
    return queryset


def is_visible(page, site=None):
    return visible_pages(Page.objects.filter(pk=page.pk), site).exists()
