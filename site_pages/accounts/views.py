"""Wagtail's user admin with the account rule (site_pages/accounts/rules.py) on every view.

Wagtail's own edit view checks only the model permission ``auth.change_user``; here the edit
view also asks the permission policy about the one user being edited, the listing offers
"Edit" only where that answer is yes, and a password-reset link replaces setting someone
else's password.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.widgets.button import Button
from wagtail.users.views import users as wagtail_users

from site_pages.accounts.forms import InvitingUserCreationForm, LimitedUserEditForm
from site_pages.accounts.rules import may_manage_user
from site_pages.accounts.two_factor_reset import (
    may_reset_two_factor,
    reset_two_factor,
    reset_two_factor_button,
)

User = get_user_model()


def send_password_reset(request, user):
    """E-mail the user a link to choose their password, with Wagtail's own reset e-mail and
    confirmation page, so the owner and nobody else chooses it.

    Django's PasswordResetForm.save() looks users up by address and skips those without a
    usable password (an invited user has none yet), so the link is built here for this one
    user with Django's token generator and sent with the form's own send_mail().
    """
    if not user.email or not user.is_active:
        return False
    context = {
        "email": user.email,
        "domain": request.get_host(),
        "site_name": request.get_host(),
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
    }
    PasswordResetForm().send_mail(
        "wagtailadmin/account/password_reset/email_subject.txt",
        "wagtailadmin/account/password_reset/email.txt",
        context,
        None,
        user.email,
    )
    return True


def may_send_reset(actor, target):
    return (
        actor.has_perm("auth.change_user")
        and actor.pk != target.pk
        and may_manage_user(actor, target)
        and bool(target.email)
        and target.is_active
    )


@require_admin_access
@require_POST
def send_reset_link(request, pk):
    target = get_object_or_404(User, pk=pk)
    if not may_send_reset(request.user, target):
        raise PermissionDenied
    if send_password_reset(request, target):
        messages.success(
            request, _("A password-reset link was sent to %(email)s.") % {"email": target.email}
        )
    else:
        messages.error(request, _("This user has no address a reset link can be sent to."))
    return redirect("wagtailusers_users:edit", target.pk)


class IndexView(wagtail_users.IndexView):
    def get_edit_url(self, instance):
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "delete", instance
        ):
            return super().get_delete_url(instance)
        return None


class CreateView(wagtail_users.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def save_instance(self):
        user = super().save_instance()
        if self.form.invites_by_email:
            send_password_reset(self.request, user)
        return user

    def get_success_message(self, instance):
        if self.form.invites_by_email:
            return _("User '%(object)s' created and invited by e-mail to choose a password.") % {
                "object": instance
            }
        return super().get_success_message(instance)


class EditView(wagtail_users.EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.may_manage = self.permission_policy.user_has_permission_for_instance(
            request.user, "change", self.object
        )

    def dispatch(self, request, *args, **kwargs):
        if not self.may_manage:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if may_send_reset(self.request.user, self.object):
            buttons.append(reset_link_button(self.object))
        if may_reset_two_factor(self.request.user, self.object):
            buttons.append(reset_two_factor_button(self.object))
        return buttons


class DeleteView(wagtail_users.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        target = self.get_object()
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, "delete", target
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def reset_link_button(target):
    url = reverse("wagtailusers_users:send_reset_link", args=(target.pk,))
    return Button(
        gettext_lazy("Send password-reset link"),
        url=url,
        icon_name="key",
        priority=30,
        # Wagtail's action controller posts (with the CSRF token) rather than following a link.
        attrs={
            "data-controller": "w-action",
            "data-action": "w-action#post",
            "data-w-action-url-value": url,
        },
    )


class UserViewSet(wagtail_users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView

    def get_form_class(self, for_update=False):
        return LimitedUserEditForm if for_update else InvitingUserCreationForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/send-reset-link/", send_reset_link, name="send_reset_link"),
            path("<int:pk>/reset-two-factor/", reset_two_factor, name="reset_two_factor"),
        ]
