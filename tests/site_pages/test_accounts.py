"""Who may manage whose account (site_pages/accounts/), through Wagtail's real user admin.

The matrix is role x action x target kind. Every admin row posts the full form the admin
itself would post, with one change, so an outcome can only come from the account rule.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from site_pages.roles import MENTORS_GROUP
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

User = get_user_model()

DONE = "done"  # the change is saved
DENIED = "denied"  # the admin refuses (redirect to the dashboard); nothing changes
IGNORED = "ignored"  # the form is saved, but the field is not the actor's to set: unchanged
INVALID = "invalid"  # the form answers with an error; nothing changes

NEW_PASSWORD = "a-new-long-passphrase-19"
BEYOND = "Account managers"  # a group whose rights nobody but a superuser holds


@pytest.fixture
def people(users, site_tree, settings):
    """Actors and targets. Every account has a name, as Wagtail's user form requires."""
    beyond = Group.objects.create(name=BEYOND)
    beyond.permissions.add(
        Permission.objects.get(content_type__app_label="auth", codename="change_group"),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    accounts = {
        "superuser": make_user("root", superuser=True),
        "other_superuser": make_user("root2", superuser=True),
        "secretariat": users["secretariat"],
        "other_secretariat": make_user("peer", settings.SAKURA_SECRETARIAT_GROUP),
        "chapter_editor": users["india_editor"],
        "other_chapter_editor": users["indonesia_editor"],
        "mentor": users["mentor"],
    }
    for name, user in accounts.items():
        user.first_name, user.last_name = name.title(), "Tester"
        user.save()
    return accounts


def target_of(people, role, kind):
    """The account a role acts on for a target kind; "self" is the actor's own."""
    if kind == "self":
        return people[role]
    return people[
        {"superuser": "other_superuser", "secretariat": "other_secretariat"}.get(
            kind, "other_chapter_editor"
        )
    ]


def edit_data(user, **changes):
    """The edit form as the admin posts it for this user, with the given changes."""
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": "on" if user.is_active else "",
        "is_superuser": "on" if user.is_superuser else "",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "password1": "",
        "password2": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def group_ids(*names):
    return [str(pk) for pk in Group.objects.filter(name__in=names).values_list("pk", flat=True)]


EDIT_ACTIONS = {
    # action: (form changes, does the saved user show the change?)
    "edit": (lambda u: {"first_name": "Renamed"}, lambda u: u.first_name == "Renamed"),
    "deactivate": (lambda u: {"is_active": ""}, lambda u: not u.is_active),
    "set_password": (
        lambda u: {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        lambda u: u.check_password(NEW_PASSWORD),
    ),
    "set_email": (lambda u: {"email": "new@example.net"}, lambda u: u.email == "new@example.net"),
    "set_groups": (
        lambda u: {"groups": group_ids(MENTORS_GROUP, "India chapter editors")},
        lambda u: (
            set(u.groups.values_list("name", flat=True)) == {MENTORS_GROUP, "India chapter editors"}
        ),
    ),
    "raise_groups": (
        lambda u: {"groups": group_ids(BEYOND)},
        lambda u: u.groups.filter(name=BEYOND).exists(),
    ),
    "set_superuser": (lambda u: {"is_superuser": "on"}, lambda u: u.is_superuser),
}

MATRIX = {
    # role: {action: (on a superuser, on a Secretariat member, on a chapter editor, on self)}
    "superuser": {
        "create": (DONE, DONE, DONE, None),
        "edit": (DONE, DONE, DONE, DONE),
        "deactivate": (DONE, DONE, DONE, IGNORED),
        "set_password": (DONE, DONE, DONE, DONE),
        "set_email": (DONE, DONE, DONE, DONE),
        "set_groups": (DONE, DONE, DONE, DONE),
        "raise_groups": (DONE, DONE, DONE, DONE),
        "set_superuser": (None, DONE, DONE, None),
        "delete": (DONE, DONE, DONE, DENIED),
    },
    "secretariat": {
        "create": (IGNORED, DONE, DONE, None),
        "edit": (DENIED, DONE, DONE, DONE),
        "deactivate": (DENIED, DONE, DONE, IGNORED),
        "set_password": (DENIED, IGNORED, IGNORED, IGNORED),
        "set_email": (DENIED, IGNORED, IGNORED, DONE),
        "set_groups": (DENIED, DONE, DONE, DONE),
        "raise_groups": (DENIED, INVALID, INVALID, INVALID),
        "set_superuser": (DENIED, IGNORED, IGNORED, IGNORED),
        "delete": (DENIED, DENIED, DENIED, DENIED),
    },
}
# Chapter editors and mentors hold no rights over accounts at all: every cell is DENIED. They
# change their own name, e-mail and password in their account settings, not the user admin.
for role in ("chapter_editor", "mentor"):
    MATRIX[role] = {
        action: (DENIED, DENIED, DENIED, None if action == "create" else DENIED)
        for action in MATRIX["superuser"]
    }

KINDS = ("superuser", "secretariat", "chapter_editor", "self")
# One test per role and action, over every target kind (the targets are separate accounts and
# "self" comes last, so one kind's change never touches another's).
CASES = [(role, action) for role, actions in MATRIX.items() for action in actions]


def assert_denied(response):
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("wagtailadmin_home")


def snapshot(user):
    user = User.objects.get(pk=user.pk)
    return (
        user.username,
        user.email,
        user.first_name,
        user.is_active,
        user.is_superuser,
        user.is_staff,
        user.password,
        frozenset(user.groups.values_list("name", flat=True)),
    )


def check_edit(client, actor, target, action, expected):
    url = reverse("wagtailusers_users:edit", args=(target.pk,))
    change, shows = EDIT_ACTIONS[action]
    before = snapshot(target)

    form_page = client.get(url)
    response = client.post(url, edit_data(target, **change(target)))

    saved = User.objects.get(pk=target.pk)
    if expected == DONE:
        assert form_page.status_code == 200
        assert response.status_code == 302, response.context["form"].errors
        assert response["Location"] == reverse("wagtailusers_users:index")
        assert shows(saved)
    elif expected == IGNORED:
        assert form_page.status_code == 200
        assert response.status_code == 302, response.context["form"].errors
        assert snapshot(target) == before
    elif expected == INVALID:
        assert response.status_code == 200
        assert "groups" in response.context["form"].errors
        assert snapshot(target) == before
    else:
        assert_denied(form_page)
        assert_denied(response)
        assert snapshot(target) == before


def create_data(kind, settings):
    data = {
        "username": f"new-{kind}",
        "email": f"new-{kind}@example.org",
        "first_name": "New",
        "last_name": "Comer",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    if kind == "superuser":
        data["is_superuser"] = "on"
    elif kind == "secretariat":
        data["groups"] = group_ids(settings.SAKURA_SECRETARIAT_GROUP)
    else:
        data["groups"] = group_ids("India chapter editors")
    return data


def check_create(client, actor, kind, expected, settings):
    url = reverse("wagtailusers_users:add")
    form_page = client.get(url)
    response = client.post(url, create_data(kind, settings))

    created = User.objects.filter(username=f"new-{kind}").first()
    if expected == DENIED:
        assert_denied(form_page)
        assert_denied(response)
        assert created is None
        return
    assert response.status_code == 302, response.context["form"].errors
    assert created is not None
    assert not created.is_staff
    assert created.is_superuser == (kind == "superuser" and expected == DONE)
    if expected == IGNORED:
        assert not created.is_superuser
    if actor.is_superuser:
        assert created.check_password(NEW_PASSWORD)
    else:
        # Invited: no password the Secretariat knows; a link to choose one went to the owner.
        assert not created.has_usable_password()
        assert [m.to for m in mail.outbox] == [[f"new-{kind}@example.org"]]
        assert "/admin/password_reset/confirm/" in mail.outbox[0].body
        mail.outbox.clear()
    if kind == "secretariat":
        assert created.groups.filter(name=settings.SAKURA_SECRETARIAT_GROUP).exists()


def check_delete(client, target, expected):
    url = reverse("wagtailusers_users:delete", args=(target.pk,))
    form_page = client.get(url)
    response = client.post(url)
    exists = User.objects.filter(pk=target.pk).exists()
    if expected == DONE:
        assert form_page.status_code == 200
        assert response.status_code == 302
        assert not exists
    else:
        assert_denied(form_page)
        assert_denied(response)
        assert exists


@pytest.mark.parametrize(("role", "action"), CASES, ids=[f"{r}-{a}" for r, a in CASES])
def test_account_matrix(client, people, settings, role, action):
    actor = people[role]
    client.force_login(actor)
    for kind, expected in zip(KINDS, MATRIX[role][action], strict=True):
        if expected is None:
            continue
        if action == "create":
            check_create(client, actor, kind, expected, settings)
        elif action == "delete":
            check_delete(client, target_of(people, role, kind), expected)
        else:
            check_edit(client, actor, target_of(people, role, kind), action, expected)


# ---------------------------------------------------------------------------------------------
# The other ways in: the listing, bulk actions, a forged group, the reset link
# ---------------------------------------------------------------------------------------------


def bulk_url(action, *targets):
    url = reverse("wagtail_bulk_action", args=(User._meta.app_label, User._meta.model_name, action))
    return url + "?" + "&".join(f"id={t.pk}" for t in targets)


def test_secretariat_bulk_assign_role_cannot_raise_anyone(client, people):
    client.force_login(people["secretariat"])
    editor, root = people["other_chapter_editor"], people["other_superuser"]
    beyond = Group.objects.get(name=BEYOND)

    response = client.post(bulk_url("assign_role", editor), {"role": str(beyond.pk)})
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not editor.groups.filter(name=BEYOND).exists()

    mentors = Group.objects.get(name=MENTORS_GROUP)
    response = client.post(bulk_url("assign_role", editor, root), {"role": str(mentors.pk)})
    assert response.status_code == 302
    assert editor.groups.filter(name=MENTORS_GROUP).exists()
    assert not root.groups.filter(name=MENTORS_GROUP).exists()  # a superuser is not theirs


def test_secretariat_bulk_deactivate_spares_superusers(client, people):
    client.force_login(people["secretariat"])
    editor, root = people["other_chapter_editor"], people["other_superuser"]

    response = client.post(bulk_url("set_active_state", editor, root), {"mark_as_active": "False"})

    assert response.status_code == 302
    assert not User.objects.get(pk=editor.pk).is_active
    assert User.objects.get(pk=root.pk).is_active


def test_superuser_bulk_actions_still_work(client, people):
    client.force_login(people["superuser"])
    root2 = people["other_superuser"]
    beyond = Group.objects.get(name=BEYOND)
    response = client.post(bulk_url("assign_role", root2), {"role": str(beyond.pk)})
    assert response.status_code == 302
    assert root2.groups.filter(name=BEYOND).exists()


def test_group_choices_are_the_actors_own_rights(client, people, settings):
    client.force_login(people["secretariat"])
    form = client.get(reverse("wagtailusers_users:add")).context["form"]
    offered = set(form.fields["groups"].queryset.values_list("name", flat=True))
    assert {settings.SAKURA_SECRETARIAT_GROUP, MENTORS_GROUP, "India chapter editors"} <= offered
    assert BEYOND not in offered
    assert form.fields["is_superuser"].disabled
    assert "password1" not in form.fields


def test_listing_offers_no_edit_of_a_superuser_to_the_secretariat(client, people):
    client.force_login(people["secretariat"])
    response = client.get(reverse("wagtailusers_users:index"))
    html = response.content.decode()
    root = people["other_superuser"]
    editor = people["other_chapter_editor"]
    assert reverse("wagtailusers_users:edit", args=(editor.pk,)) in html
    assert reverse("wagtailusers_users:edit", args=(root.pk,)) not in html
    assert reverse("wagtailusers_users:send_reset_link", args=(editor.pk,)) in html
    assert reverse("wagtailusers_users:send_reset_link", args=(root.pk,)) not in html


@pytest.mark.parametrize(
    ("role", "kind", "sent"),
    [
        ("secretariat", "chapter_editor", True),
        ("secretariat", "secretariat", True),
        ("secretariat", "superuser", False),
        ("superuser", "superuser", True),
        ("chapter_editor", "chapter_editor", False),
        ("mentor", "chapter_editor", False),
    ],
)
def test_password_reset_link_goes_to_the_owner(client, people, role, kind, sent):
    client.force_login(people[role])
    target = target_of(people, role, kind)
    before = snapshot(target)

    response = client.post(reverse("wagtailusers_users:send_reset_link", args=(target.pk,)))

    assert snapshot(target) == before  # the password stays the owner's until they choose
    if sent:
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailusers_users:edit", args=(target.pk,))
        assert [m.to for m in mail.outbox] == [[target.email]]
        assert "/admin/password_reset/confirm/" in mail.outbox[0].body
    else:
        assert_denied(response)
        assert mail.outbox == []


def test_reset_link_is_post_only(client, people):
    client.force_login(people["secretariat"])
    target = people["other_chapter_editor"]
    response = client.get(reverse("wagtailusers_users:send_reset_link", args=(target.pk,)))
    assert response.status_code == 405
    assert mail.outbox == []


def test_chapter_editor_may_not_add_themselves_to_a_group_through_the_admin(client, people):
    editor = people["chapter_editor"]
    client.force_login(editor)
    url = reverse("wagtailusers_users:edit", args=(editor.pk,))
    response = client.post(url, edit_data(editor, groups=group_ids("Secretariat")))
    assert_denied(response)
    assert not editor.groups.filter(name="Secretariat").exists()
