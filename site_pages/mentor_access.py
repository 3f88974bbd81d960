"""Mentors act on their own columns only; the Sakura Mentor index is the Secretariat's.

Wagtail's page permissions cover whole subtrees: the Mentors group's add/change on the index
would let every mentor edit, submit, preview, view the revisions of and delete every column.
A column is a mentor's own when its Mentor snippet is linked to their account
(``Mentor.user``, set by the Secretariat; translations of the snippet keep the link). The rule
is applied where Wagtail asks it:

- ``permissions_for_user`` on the two page models (the per-page hook Wagtail documents and
  calls for every page view: edit, preview, revisions, submit, delete, copy, move, lock):
  without publish rights there, a user keeps no right on someone else's column, and on the
  index only the right to add a column;
- the page permission policy's ``explorable_instances`` (the explorer and the admin page
  search), which leaves other mentors' columns out;
- the page chooser (``construct_page_chooser_queryset``, site_pages/wagtail_hooks.py): see
  ``choosable_pages``, which also keeps chapter editors out of other chapters' drafts;
- the column form's mentor field, which offers a mentor only their own Mentor.

Users who may publish there (the Secretariat) and superusers are not limited by any of this.
"""

from django.db.models import Q
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from site_pages.visibility import any_subtree_q


def limited(user, tester):
    """Whether the tester's user is held to their own columns (no publish right here)."""
    return user.is_active and not user.is_superuser and "publish" not in tester.permissions


def own_mentors(user):
    """Mentor snippets (in every language) linked to the user's account."""
    from site_pages.models import Mentor

    keys = Mentor.objects.filter(user=user).values("translation_key")
    return Mentor.objects.filter(translation_key__in=keys)


def owns_column(user, column):
    return column.mentor_id is not None and own_mentors(user).filter(pk=column.mentor_id).exists()


class MentorColumnPermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        if limited(user, self) and not owns_column(user, page):
            self.permissions = set()

    def can_submit_for_moderation(self):
        # Wagtail leaves this to the edit view; asked alone (action menus, workflow views) it
        # must not say yes for a column the user may not edit.
        return self.can_edit() and super().can_submit_for_moderation()

    def can_view_revisions(self):
        return self.can_edit() and super().can_view_revisions()


class MentorIndexPermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        if limited(user, self):
            # Adding a column stays; editing, moving or deleting the index is the Secretariat's.
            self.permissions &= {"add"}


def publish_paths(user, policy):
    return [
        grant.page.path
        for grant in policy.get_cached_permissions_for_user(user)
        if grant.permission.codename == "publish_page"
    ]


def others_columns(user, policy):
    """Columns the user may not act on: outside their publish rights and not their own."""
    from site_pages.models import MentorColumnPage

    if not user.is_active:
        return MentorColumnPage.objects.all()
    if user.is_superuser:
        return MentorColumnPage.objects.none()
    return MentorColumnPage.objects.exclude(any_subtree_q(publish_paths(user, policy))).exclude(
        mentor__in=own_mentors(user)
    )


class SitePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with other mentors' columns left out of what a mentor explores
    (registered for every page model in SitePagesConfig.ready())."""

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if user.is_active and user.is_superuser:
            return pages
        return pages.exclude(pk__in=others_columns(user, self).values("pk"))


def choosable_pages(pages, user, policy):
    """What a user may browse in the page chooser: the public tree (live pages without
    unpublished changes, so no draft title shows) and the subtrees they hold rights on (a
    chapter editor's chapter in every language), minus other mentors' columns."""
    if user.is_active and user.is_superuser:
        return pages
    granted = [grant.page.path for grant in policy.get_cached_permissions_for_user(user)]
    public = Q(live=True, has_unpublished_changes=False)
    own = any_subtree_q(granted) & ~Q(pk__in=others_columns(user, policy).values("pk"))
    # A pk subquery, not the conditions themselves: the chooser's search runs this queryset
    # through the search backend, which filters on indexed fields only.
    allowed = Page.objects.filter(public | own | Q(depth=1)).values("pk")
    return pages.filter(pk__in=allowed)


def page_policy():
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(Page)
