"""Wagtail's bulk actions on users, with the account rule (site_pages/accounts/rules.py).

Wagtail's own versions check only ``auth.change_user``: "Assign role" would put anyone into any
group, "Set active state" would deactivate a superuser. These replace them (registered under the
same action types, after Wagtail's, in site_pages/wagtail_hooks.py).
"""

from django.db.models import Model
from django.http import HttpRequest
from wagtail.users.views.bulk_actions import (
    AssignRoleBulkAction,
    DeleteBulkAction,
    SetActiveStateBulkAction,
)
from wagtail.users.views.bulk_actions.assign_role import RoleForm

from site_pages.accounts.rules import Rights, UserPermissionPolicy


class PerUserCheck:
    # Set by the Wagtail bulk action this is combined with.
    model: type[Model]
    request: HttpRequest
    permission_action = "change"

    def check_perm(self, obj):
        policy = UserPermissionPolicy(self.model)
        return policy.user_has_permission_for_instance(
            self.request.user, self.permission_action, obj
        )


class LimitedAssignRoleBulkAction(PerUserCheck, AssignRoleBulkAction):
    def get_form(self, form_class=None):
        form = super().get_form(form_class or RoleForm)
        # A group outside the actor's own rights is an invalid choice, not a silent grant.
        form.fields["role"].queryset = Rights(self.request.user).assignable_groups()
        return form


class LimitedSetActiveStateBulkAction(PerUserCheck, SetActiveStateBulkAction):
    pass


class LimitedDeleteBulkAction(PerUserCheck, DeleteBulkAction):
    permission_action = "delete"
