"""Wagtail's user forms, narrowed for whoever fills them in (site_pages/accounts/rules.py).

The views pass the signed-in user as ``actor``. For a non-superuser:

- "Administrator" (``is_superuser``) is shown disabled, so a posted value is ignored;
- the groups offered are those whose rights the actor holds; a posted group outside them is
  an invalid choice (a form error, nothing saved);
- there are no password fields: a new account is invited by e-mail to choose its password,
  and an existing one gets a password-reset link (the owner's consent, not the actor's say);
- another user's e-mail address is shown disabled: it is where the reset link goes.

Disabled fields take their value from the instance, never from the request, which is what
makes this hold on the server and not only in the page.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm, UserForm

from site_pages.accounts.rules import Rights


class ActorLimitedForm(UserForm):
    """What Wagtail's creation and edit forms share, limited to what ``actor`` may grant."""

    passwords_removed = False

    @property
    def password_enabled(self):
        return not self.passwords_removed and super().password_enabled

    def limit_to(self, actor, editing_self=False):
        self.actor = actor
        if actor is None or (actor.is_active and actor.is_superuser):
            return
        rights = Rights(actor)
        if "is_superuser" in self.fields:
            field = self.fields["is_superuser"]
            field.disabled = True
            field.help_text = _("Only an administrator can give administrator rights.")
        if "groups" in self.fields:
            self.fields["groups"].queryset = rights.assignable_groups()
        for name in ("password1", "password2"):
            self.fields.pop(name, None)
        self.passwords_removed = True
        if self.instance.pk and not editing_self and "email" in self.fields:
            field = self.fields["email"]
            field.disabled = True
            field.help_text = _(
                "Only the owner changes their address, in their account settings. "
                "Send them a password-reset link if they cannot sign in."
            )

    @property
    def invites_by_email(self):
        """No password chosen here: the new user sets one through an e-mailed link."""
        return "password1" not in self.fields


class InvitingUserCreationForm(ActorLimitedForm, UserCreationForm):
    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to(actor)

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.invites_by_email:
            user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user

    class Meta(UserCreationForm.Meta):
        pass


class LimitedUserEditForm(ActorLimitedForm, UserEditForm):
    def __init__(self, *args, actor=None, editing_self=False, **kwargs):
        super().__init__(*args, editing_self=editing_self, **kwargs)
        self.limit_to(actor, editing_self=editing_self)

    class Meta(UserEditForm.Meta):
        pass
