"""Who may do what in the admin: the editorial roles of site_pages/roles.py, end to end.

The matrices below are read row by row: a role, an action, a target page and what must happen.
Every admin row is exercised through the real Wagtail admin views with a full, valid form, so a
refusal can only come from the permission check and not from a form error.
"""

from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from site_pages import models as m
from site_pages.roles import WORKFLOW_NAME, setup_editorial_roles
from tests import factories as f
from tests.conftest import fresh, make_user, publish
from tests.site_pages import admin_forms

pytestmark = pytest.mark.django_db

Image = get_image_model()

NEW_TITLE = "Changed in the admin"
NEW_SLUG = "new-child-page"

# What must happen when a role tries an action in the admin.
DONE = "done"  # the view accepts it and the change is made (a draft for edit/add, live for publish)
DRAFT = "draft only"  # the publish button is ignored: the change is saved as a draft, not live
DENIED = "denied"  # the admin refuses: redirect to the dashboard, nothing is saved


# ---------------------------------------------------------------------------------------------
# Fixtures and form data
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def targets(site_tree):
    """The pages the matrices act on, each published so it has a live revision."""
    india_event = f.EventPageFactory(parent=site_tree.india, title="India reunion", slug="reunion")
    indonesia_event = f.EventPageFactory(
        parent=site_tree.indonesia, title="Indonesia reunion", slug="reunion"
    )
    pages = {
        "india": site_tree.india,
        "india_event": india_event,
        "indonesia": site_tree.indonesia,
        "indonesia_event": indonesia_event,
        "mentors": site_tree.mentors,
    }
    return {name: publish(page) for name, page in pages.items()}


def login(client, users, role):
    if role != "anonymous":
        client.force_login(users[role])
    return client


def edit_form(page, title, **extra):
    """The edit form of a page as the admin would post it, with a new title."""
    page = page.specific
    data = {"title": title, "slug": page.slug}
    if isinstance(page, m.ChapterPage):
        data |= {
            "country": page.country.code,
            "founded_on_precision": page.founded_on_precision,
            "body": streamfield([]),
            "coordinators": inline_formset([]),
            "social_links": inline_formset([]),
        }
    elif isinstance(page, m.EventPage):
        data |= {
            "kind": page.kind,
            "start_date": page.start_date.isoformat(),
            "date_precision": page.date_precision,
            "format": page.format,
            "city": page.city,
            "body": streamfield([]),
            "outcome": streamfield([]),
            "gallery_images": inline_formset([]),
        }
    elif isinstance(page, m.MentorColumnIndexPage):
        data |= {"intro": page.intro}
    else:
        raise AssertionError(f"no edit form for {type(page).__name__}")
    return nested_form_data({**data, **extra})


def child_form(parent, user_id=None):
    """(model name, form data) of a valid new child page for the admin's add view. A column's
    Mentor is linked to the adding user, as a mentor may only write as their own Mentor."""
    parent = parent.specific
    if isinstance(parent, m.ChapterPage):
        return "eventpage", admin_forms.event_form(
            title="Chapter meeting",
            slug=NEW_SLUG,
            kind="meeting",
            start_date="2025-06-14",
            format="online",
        )
    if isinstance(parent, m.MentorColumnIndexPage):
        return "mentorcolumnpage", nested_form_data(
            {
                "title": "Research life in Tsukuba",
                "slug": NEW_SLUG,
                "mentor": str(f.MentorFactory(user_id=user_id).pk),
                "date": "2025-06-14",
                "topics": "",
                "body": streamfield([]),
            }
        )
    raise AssertionError(f"no child form for {type(parent).__name__}")


def assert_denied(response):
    """Wagtail turns PermissionDenied in the admin into a redirect to the dashboard."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("wagtailadmin_home")


# ---------------------------------------------------------------------------------------------
# The admin matrix: role x action x target, through the admin views
# ---------------------------------------------------------------------------------------------

ADMIN_MATRIX = [
    # role               action     target             expected
    ("secretariat",      "edit",    "india",           DONE),
    ("secretariat",      "edit",    "india_event",     DONE),
    ("secretariat",      "edit",    "indonesia",       DONE),
    ("secretariat",      "edit",    "indonesia_event", DONE),
    ("secretariat",      "edit",    "mentors",         DONE),
    ("secretariat",      "add",     "india",           DONE),
    ("secretariat",      "add",     "indonesia",       DONE),
    ("secretariat",      "add",     "mentors",         DONE),
    ("secretariat",      "publish", "india",           DONE),
    ("secretariat",      "publish", "india_event",     DONE),
    ("secretariat",      "publish", "indonesia",       DONE),
    ("secretariat",      "publish", "indonesia_event", DONE),
    ("secretariat",      "publish", "mentors",         DONE),

    ("india_editor",     "edit",    "india",           DONE),
    ("india_editor",     "edit",    "india_event",     DONE),
    ("india_editor",     "edit",    "indonesia",       DENIED),
    ("india_editor",     "edit",    "indonesia_event", DENIED),
    ("india_editor",     "edit",    "mentors",         DENIED),
    ("india_editor",     "add",     "india",           DONE),
    ("india_editor",     "add",     "indonesia",       DENIED),
    ("india_editor",     "add",     "mentors",         DENIED),
    ("india_editor",     "publish", "india",           DRAFT),
    ("india_editor",     "publish", "india_event",     DRAFT),
    ("india_editor",     "publish", "indonesia",       DENIED),
    ("india_editor",     "publish", "indonesia_event", DENIED),
    ("india_editor",     "publish", "mentors",         DENIED),

    ("indonesia_editor", "edit",    "india",           DENIED),
    ("indonesia_editor", "edit",    "indonesia_event", DONE),
    ("indonesia_editor", "add",     "india",           DENIED),
    ("indonesia_editor", "add",     "indonesia",       DONE),
    ("indonesia_editor", "publish", "indonesia",       DRAFT),

    ("mentor",           "edit",    "india",           DENIED),
    ("mentor",           "edit",    "indonesia_event", DENIED),
    # The Sakura Mentor index is the Secretariat's; mentors add columns under it
    # (their own columns: tests/site_pages/test_mentor_columns.py).
    ("mentor",           "edit",    "mentors",         DENIED),
    ("mentor",           "add",     "india",           DENIED),
    ("mentor",           "add",     "indonesia",       DENIED),
    ("mentor",           "add",     "mentors",         DONE),
    ("mentor",           "publish", "india",           DENIED),
    ("mentor",           "publish", "mentors",         DENIED),
]  # fmt: skip


def check_edit(client, page, expected):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    revisions_before = page.revisions.count()

    form_page = client.get(url)
    response = client.post(url, edit_form(page, NEW_TITLE))

    page_now = fresh(page)
    if expected == DONE:
        assert form_page.status_code == 200
        assert response.status_code == 302
        assert response["Location"] == url  # "Save draft" stays on the edit view
        assert page_now.revisions.count() == revisions_before + 1
        assert page_now.get_latest_revision_as_object().title == NEW_TITLE
        # Saving is not publishing: the live page keeps its title.
        assert page_now.title == page.title
        assert page_now.has_unpublished_changes
    else:
        assert_denied(form_page)
        assert_denied(response)
        assert page_now.revisions.count() == revisions_before
        assert page_now.get_latest_revision_as_object().title == page.title


def check_add(client, parent, expected):
    model_name, data = child_form(parent, user_id=client.session.get("_auth_user_id"))
    url = admin_forms.add_url(model_name, parent)

    form_page = client.get(url)
    response = client.post(url, data)

    created = Page.objects.child_of(parent).filter(slug=NEW_SLUG).first()
    if expected == DONE:
        assert form_page.status_code == 200
        assert created is not None, "the admin did not create the page"
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(created.pk,))
        assert created.specific_class.__name__.lower() == model_name
        assert not created.live  # "Save draft" creates a draft
        assert created.owner_id == int(client.session["_auth_user_id"])
    else:
        assert_denied(form_page)
        assert_denied(response)
        assert created is None


def check_publish(client, page, expected):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    live_revision_before = page.live_revision_id
    revisions_before = page.revisions.count()

    response = client.post(url, edit_form(page, NEW_TITLE, **{"action-publish": "action-publish"}))

    page_now = fresh(page)
    if expected == DONE:
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_explore", args=(page.get_parent().pk,))
        assert page_now.title == NEW_TITLE
        assert page_now.live
        assert page_now.live_revision_id != live_revision_before
        assert page_now.live_revision_id == page_now.latest_revision_id
        assert not page_now.has_unpublished_changes
    elif expected == DRAFT:
        # Wagtail ignores action-publish without publish permission and falls back to "save
        # draft": the edit is kept as a new revision, but the live page does not change.
        assert response.status_code == 302
        assert response["Location"] == url
        assert page_now.revisions.count() == revisions_before + 1
        assert page_now.get_latest_revision_as_object().title == NEW_TITLE
        assert page_now.title == page.title
        assert page_now.live_revision_id == live_revision_before
        assert page_now.has_unpublished_changes
        assert not page_now.workflow_in_progress  # nor is it submitted for approval
    else:
        assert_denied(response)
        assert page_now.title == page.title
        assert page_now.revisions.count() == revisions_before
        assert page_now.live_revision_id == live_revision_before


CHECKS = {"edit": check_edit, "add": check_add, "publish": check_publish}


@pytest.mark.parametrize(
    ("role", "action", "target", "expected"),
    ADMIN_MATRIX,
    ids=[f"{role}-{action}-{target}" for role, action, target, _ in ADMIN_MATRIX],
)
def test_admin_matrix(client, users, targets, role, action, target, expected):
    login(client, users, role)
    CHECKS[action](client, targets[target], expected)


# ---------------------------------------------------------------------------------------------
# The same rules as Wagtail's permission tester reports them (what the admin UI builds on)
# ---------------------------------------------------------------------------------------------

PERMISSION_MATRIX = [
    # role               target             can_edit can_add_subpage can_publish
    ("secretariat",      "india",           True,    True,           True),
    ("secretariat",      "india_event",     True,    False,          True),
    ("secretariat",      "indonesia",       True,    True,           True),
    ("secretariat",      "indonesia_event", True,    False,          True),
    ("secretariat",      "mentors",         True,    True,           True),

    ("india_editor",     "india",           True,    True,           False),
    ("india_editor",     "india_event",     True,    False,          False),
    ("india_editor",     "indonesia",       False,   False,          False),
    ("india_editor",     "indonesia_event", False,   False,          False),
    ("india_editor",     "mentors",         False,   False,          False),

    ("indonesia_editor", "india",           False,   False,          False),
    ("indonesia_editor", "india_event",     False,   False,          False),
    ("indonesia_editor", "indonesia",       True,    True,           False),
    ("indonesia_editor", "indonesia_event", True,    False,          False),
    ("indonesia_editor", "mentors",         False,   False,          False),

    ("mentor",           "india",           False,   False,          False),
    ("mentor",           "india_event",     False,   False,          False),
    ("mentor",           "indonesia",       False,   False,          False),
    ("mentor",           "indonesia_event", False,   False,          False),
    ("mentor",           "mentors",         False,   True,           False),

    ("anonymous",        "india",           False,   False,          False),
    ("anonymous",        "india_event",     False,   False,          False),
    ("anonymous",        "mentors",         False,   False,          False),
]  # fmt: skip
# Events take no child pages (EventPage.subpage_types == []), so nobody may add under one.


@pytest.mark.parametrize("role", sorted({row[0] for row in PERMISSION_MATRIX}))
def test_permission_tester_matrix(users, targets, role):
    """One test per role, comparing its rows of the table at once."""
    user = AnonymousUser() if role == "anonymous" else users[role]
    expected = {target: flags for who, target, *flags in PERMISSION_MATRIX if who == role}
    actual = {}
    for target in expected:
        perms = targets[target].permissions_for_user(user)
        actual[target] = [perms.can_edit(), perms.can_add_subpage(), perms.can_publish()]
    assert actual == expected


def test_india_editor_may_not_publish_a_new_page_either(client, users, targets):
    """Creating with "Publish" is the other way to put a page live; it too becomes a draft."""
    client.force_login(users["india_editor"])
    india = targets["india"]
    model_name, data = child_form(india)
    url = admin_forms.add_url(model_name, india)

    response = client.post(url, {**data, "action-publish": "action-publish"})

    created = Page.objects.child_of(india).get(slug=NEW_SLUG)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(created.pk,))
    assert not created.live
    assert created.live_revision_id is None
    assert created.latest_revision_id is not None


@pytest.mark.parametrize(
    "url_name",
    ["edit", "add", "publish", "images"],
)
def test_anonymous_user_is_sent_to_login(client, targets, url_name):
    india = targets["india"]
    revisions_before = india.revisions.count()
    edit_url = reverse("wagtailadmin_pages:edit", args=(india.pk,))
    if url_name == "edit":
        url, response = edit_url, client.get(edit_url)
    elif url_name == "add":
        url = admin_forms.add_url("eventpage", india)
        response = client.post(url, child_form(india)[1])
    elif url_name == "publish":
        url = edit_url
        response = client.post(url, edit_form(india, NEW_TITLE, **{"action-publish": "1"}))
    else:
        url = reverse("wagtailimages:add")
        response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('wagtailadmin_login')}?next={url}"
    assert fresh(india).title == india.title
    assert not Page.objects.filter(slug=NEW_SLUG).exists()
    assert fresh(india).revisions.count() == revisions_before


def test_chapter_rights_cover_every_locale(users, site_tree):
    """A translation of a chapter page is its editors' too, and still nobody else's."""
    japanese, _created = Locale.objects.get_or_create(language_code="ja")
    india_ja = site_tree.india.copy_for_translation(japanese, copy_parents=True)

    assert india_ja.locale == japanese
    assert india_ja.permissions_for_user(users["india_editor"]).can_edit()
    assert india_ja.permissions_for_user(users["india_editor"]).can_add_subpage()
    assert not india_ja.permissions_for_user(users["india_editor"]).can_publish()
    assert not india_ja.permissions_for_user(users["indonesia_editor"]).can_edit()
    # The Japanese home page, created along the way, is not the chapter's.
    home_ja = india_ja.get_parent().get_parent()
    assert not home_ja.permissions_for_user(users["india_editor"]).can_edit()


# ---------------------------------------------------------------------------------------------
# Image collections
# ---------------------------------------------------------------------------------------------


def png_upload(name="photo.png"):
    return SimpleUploadedFile(name, get_test_image_file().file.getvalue(), "image/png")


@pytest.mark.parametrize(
    ("role", "own_collection", "other_collection"),
    [
        ("india_editor", "India", "Indonesia"),
        ("indonesia_editor", "Indonesia", "India"),
        ("mentor", "Sakura Mentor", "India"),
    ],
)
def test_contributor_uploads_land_in_their_own_collection(
    client, users, site_tree, role, own_collection, other_collection
):
    """Wagtail offers a collection field only when a user may add to several collections;
    a contributor has one, so the field is left out and a forged value is ignored."""
    client.force_login(users[role])
    url = reverse("wagtailimages:add")

    form_page = client.get(url)
    assert form_page.status_code == 200
    assert "collection" not in form_page.context["form"].fields
    assert "title" in form_page.context["form"].fields

    other = Collection.objects.get(name=other_collection)
    response = client.post(
        url, {"title": "Reunion photo", "file": png_upload(), "collection": str(other.pk)}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailimages:index")
    image = Image.objects.get(title="Reunion photo")
    assert image.collection.name == own_collection
    assert not Image.objects.filter(collection=other).exists()


def test_secretariat_chooses_any_collection(client, users, site_tree):
    client.force_login(users["secretariat"])
    url = reverse("wagtailimages:add")

    form_page = client.get(url)
    choices = set(form_page.context["form"].fields["collection"].queryset.values_list("name"))
    assert {("India",), ("Indonesia",), ("Sakura Mentor",)} <= choices

    indonesia = Collection.objects.get(name="Indonesia")
    response = client.post(
        url, {"title": "Jakarta reunion", "file": png_upload(), "collection": str(indonesia.pk)}
    )

    assert response.status_code == 302
    assert Image.objects.get(title="Jakarta reunion").collection == indonesia


def test_india_editor_sees_and_edits_only_india_images(client, users, site_tree):
    indonesia_image = f.ImageFactory(
        title="Jakarta", collection=Collection.objects.get(name="Indonesia")
    )
    india_image = f.ImageFactory(title="Delhi", collection=Collection.objects.get(name="India"))
    client.force_login(users["india_editor"])

    chooser = client.get(reverse("wagtailimages_chooser:choose"))
    assert chooser.status_code == 200
    assert "Delhi" in chooser.json()["html"]
    assert "Jakarta" not in chooser.json()["html"]

    for image, allowed in ((india_image, True), (indonesia_image, False)):
        url = reverse("wagtailimages:edit", args=(image.pk,))
        form_page = client.get(url)
        response = client.post(url, {"title": "Renamed", "collection": str(image.collection_id)})
        if allowed:
            assert form_page.status_code == 200
            assert response.status_code == 302
            assert Image.objects.get(pk=image.pk).title == "Renamed"
        else:
            assert_denied(form_page)
            assert_denied(response)
            assert Image.objects.get(pk=image.pk).title == "Jakarta"


# ---------------------------------------------------------------------------------------------
# A new chapter gets its group, collection and rights; the setup is idempotent
# ---------------------------------------------------------------------------------------------


def role_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Group,
            Collection,
            GroupPagePermission,
            GroupCollectionPermission,
            Group.permissions.through,
            Workflow,
            WorkflowTask,
            WorkflowPage,
            GroupApprovalTask,
        )
    }


def codenames(queryset):
    return set(queryset.values_list("permission__codename", flat=True))


def test_new_chapter_from_the_admin_gets_its_editors(client, users, site_tree):
    client.force_login(users["secretariat"])
    assert not Group.objects.filter(name="Malaysia chapter editors").exists()
    assert not Collection.objects.filter(name="Malaysia").exists()

    data = admin_forms.chapter_form(title="Malaysia", slug="malaysia", country="MY")
    data["action-publish"] = "action-publish"
    response = client.post(admin_forms.add_url("chapterpage", site_tree.chapters), data)

    assert response.status_code == 302
    malaysia = m.ChapterPage.objects.get(country="MY")
    assert malaysia.live  # the secretariat publishes directly, without the workflow

    group = Group.objects.get(name="Malaysia chapter editors")
    assert codenames(GroupPagePermission.objects.filter(group=group, page=malaysia)) == {
        "add_page",
        "change_page",
    }
    assert not GroupPagePermission.objects.filter(group=group).exclude(page=malaysia).exists()
    assert group.permissions.filter(codename="access_admin").exists()

    collection = Collection.objects.get(name="Malaysia")
    assert collection.get_parent() == Collection.get_first_root_node()
    assert codenames(GroupCollectionPermission.objects.filter(group=group)) == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }
    assert set(
        GroupCollectionPermission.objects.filter(group=group).values_list("collection", flat=True)
    ) == {collection.pk}

    # A member of the new group edits Malaysia and nothing of India's.
    editor = make_user("malaysia", group.name)
    assert malaysia.permissions_for_user(editor).can_edit()
    assert malaysia.permissions_for_user(editor).can_add_subpage()
    assert not malaysia.permissions_for_user(editor).can_publish()
    assert not site_tree.india.permissions_for_user(editor).can_edit()

    # Running the setup again, as the command and as a function, creates nothing new.
    before = role_counts()
    call_command("setup_editorial_roles", stdout=StringIO())
    setup_editorial_roles()
    assert role_counts() == before
    assert Group.objects.filter(name="Malaysia chapter editors").count() == 1
    assert Collection.objects.filter(name="Malaysia").count() == 1


def test_setup_is_idempotent_on_the_fixture_tree(site_tree):
    before = role_counts()
    assert before["GroupPagePermission"] > 0 and before["GroupCollectionPermission"] > 0

    setup_editorial_roles()
    call_command("setup_editorial_roles", stdout=StringIO())

    assert role_counts() == before
    root_workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    assert root_workflow.name == WORKFLOW_NAME
    assert root_workflow.active


def test_secretariat_cannot_manage_groups(users, site_tree):
    """Group management stays with superusers, so no editor can raise their own rights."""
    secretariat = users["secretariat"]
    assert secretariat.has_perm("wagtailadmin.access_admin")
    assert secretariat.has_perm("auth.change_user")
    assert not secretariat.has_perm("auth.change_group")
    assert not secretariat.has_perm("auth.add_group")
    assert Permission.objects.filter(codename="change_group").exists()
    for role in ("india_editor", "indonesia_editor", "mentor"):
        assert not users[role].has_perm("auth.change_user")


def test_wagtail_default_groups_are_retired_unless_someone_belongs_to_them(db):
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow

    from site_pages.roles import setup_editorial_roles
    from tests.conftest import make_user

    editors = Group.objects.get(name="Editors")
    assert editors.page_permissions.exists()  # site-wide rights from Wagtail's migration
    make_user("kept-moderator", "Moderators")
    setup_editorial_roles()
    assert not Group.objects.filter(name="Editors").exists()
    assert Group.objects.filter(name="Moderators").exists()
    default = Workflow.objects.get(name="Moderators approval")
    assert not default.active
    assert Workflow.objects.get(name="Secretariat approval").active
