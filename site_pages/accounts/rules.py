"""The rule for managing accounts: nobody raises anyone above their own rights.

A user's rights are their model permissions, their page permissions (each covering a subtree)
and their collection permissions (each covering a collection and those below it). A
non-superuser may:

- put someone into a group only if every right the group holds is one of their own;
- manage (edit, deactivate) only users whose rights are all their own too, never a superuser
  or a Django-admin staff user when they are not staff themselves;
- never set ``is_superuser`` or ``is_staff``, another user's password or another user's e-mail
  address (they send a password-reset link instead, so the owner chooses the password).

Superusers keep Wagtail's full user admin.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils.functional import cached_property
from wagtail.models import GroupCollectionPermission, GroupPagePermission
from wagtail.permission_policies import ModelPermissionPolicy


def permission_name(permission):
    return f"{permission.content_type.app_label}.{permission.codename}"


class Rights:
    """Everything one user may do, read once, to compare groups and users against."""

    def __init__(self, user):
        self.user = user
        self.is_superuser = bool(user.is_active and user.is_superuser)

    @cached_property
    def model_permissions(self):
        return self.user.get_all_permissions() if self.user.is_active else set()

    @cached_property
    def page_grants(self):
        """{permission id: [page path, ...]} over the user's groups."""
        return self._grants(GroupPagePermission, "page__path")

    @cached_property
    def collection_grants(self):
        return self._grants(GroupCollectionPermission, "collection__path")

    def _grants(self, model, path_field):
        grants: dict[int, list[str]] = {}

        if not self.user.is_active:
            return grants
        rows = model.objects.filter(group__user=self.user).values_list("permission_id", path_field)
        for permission_id, path in rows:
            grants.setdefault(permission_id, []).append(path)
        return grants

    @staticmethod
    def _covered(grants, permission_id, path):
        return any(path.startswith(granted) for granted in grants.get(permission_id, ()))

    def covers_group(self, group):
        """Whether every right of the group is one of this user's own."""
        if self.is_superuser:
            return True
        if not all(
            permission_name(p) in self.model_permissions
            for p in group.permissions.select_related("content_type")
        ):
            return False
        pages = GroupPagePermission.objects.filter(group=group).values_list(
            "permission_id", "page__path"
        )
        if not all(self._covered(self.page_grants, pid, path) for pid, path in pages):
            return False
        collections = GroupCollectionPermission.objects.filter(group=group).values_list(
            "permission_id", "collection__path"
        )
        return all(self._covered(self.collection_grants, pid, path) for pid, path in collections)

    def assignable_groups(self):
        """The groups this user may put someone into (a queryset, for a form field)."""
        groups = Group.objects.order_by("name")
        if self.is_superuser:
            return groups
        return groups.filter(pk__in=[g.pk for g in groups if self.covers_group(g)])

    def covers_user(self, target):
        """Whether the target's rights are all this user's own (so managing them raises
        nobody)."""
        if self.is_superuser:
            return True
        if target.is_superuser:
            return False
        if target.is_staff and not self.user.is_staff:
            return False
        direct = Permission.objects.filter(user=target).select_related("content_type")
        if not all(permission_name(p) in self.model_permissions for p in direct):
            return False
        return all(self.covers_group(group) for group in target.groups.all())


def may_manage_user(actor, target):
    """Whether ``actor`` may edit or deactivate ``target`` in the user admin."""
    if actor.pk == target.pk:
        return True
    return Rights(actor).covers_user(target)


class UserPermissionPolicy(ModelPermissionPolicy):
    """Wagtail's model permissions on the user model, narrowed per account by the rule above.

    Registered for the user model by site_pages.accounts.apps, so every Wagtail view that asks
    the policy about one user (edit, delete, the listing's buttons) gets the narrowed answer.
    """

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action in {"change", "delete"}:
            if action == "delete" and user.pk == instance.pk:
                return False
            return may_manage_user(user, instance)
        return True

    def instances_user_has_any_permission_for(self, user, actions):
        users = super().instances_user_has_any_permission_for(user, actions)
        if user.is_active and user.is_superuser:
            return users
        if set(actions) & {"change", "delete"}:
            rights = Rights(user)
            manageable = [u.pk for u in users.filter(is_superuser=False) if rights.covers_user(u)]
            return get_user_model().objects.filter(pk__in=[*manageable, user.pk])
        return users
