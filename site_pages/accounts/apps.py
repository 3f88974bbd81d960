from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app with this project's user admin (site_pages/accounts/views.py).

    Listed in INSTALLED_APPS instead of ``wagtail.users``, as Wagtail documents for a custom
    user viewset; its label stays ``wagtailusers``.
    """

    verbose_name = _("Wagtail users")
    user_viewset = "site_pages.accounts.views.UserViewSet"

    def ready(self):
        super().ready()
        from django.contrib.auth import get_user_model
        from wagtail.permissions import register_permission_policy

        from site_pages.accounts.rules import UserPermissionPolicy

        User = get_user_model()
        # Replaces the plain model policy that Wagtail's ready() just registered.
        register_permission_policy(User, UserPermissionPolicy(User))
