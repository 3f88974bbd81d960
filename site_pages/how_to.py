"""The admin's "How to" page: a short guide per role, showing the roles the reader holds.

Written for volunteers whose English is a second language (and translated): short sentences,
the names of the buttons as the admin shows them, one task per list.
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from site_pages.chapter_dashboard import own_chapters
from site_pages.mentor_access import own_mentors
from site_pages.roles import MENTORS_GROUP


def roles_of(user):
    """The guides this user needs: "chapter", "mentor", "secretariat" (all for superusers)."""
    if user.is_superuser:
        return ["secretariat", "chapter", "mentor"]
    names = set(user.groups.values_list("name", flat=True))
    roles = []
    if settings.SAKURA_SECRETARIAT_GROUP in names:
        roles.append("secretariat")
    if own_chapters(user):
        roles.append("chapter")
    if MENTORS_GROUP in names or own_mentors(user).exists():
        roles.append("mentor")
    return roles


def how_to(request):
    return TemplateResponse(
        request, "site_pages/admin/how_to.html", {"roles": roles_of(request.user)}
    )


urlpatterns = [path("how-to/", how_to, name="how_to")]


class HowToMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(roles_of(request.user))


def menu_item():
    return HowToMenuItem(_("How to"), reverse("site_how_to:how_to"), icon_name="help", order=10000)
