"""The ``site_tree`` fixture applies rows built once per process (tests/site_tree.py): the tree
it gives must be the one building gives, and it must build wherever applying is not safe."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Collection, GroupPagePermission, Page, Site, Workflow

from tests.site_tree import build_site_tree, made


def tree_state():
    """What tests read of the tree, named by what does not depend on ids (PostgreSQL's
    sequences move on when the per-process build is rolled back, so its ids differ)."""
    pages = [
        (
            page.url_path,
            page.path,
            page.depth,
            page.numchild,
            type(page.specific).__name__,
            page.title,
            page.locale.language_code,
            page.live,
            page.has_unpublished_changes,
            page.first_published_at is not None,
            page.revisions.count(),
            page.live_revision.content["title"] if page.live_revision else None,
            str(page.translation_key) == str(page.specific.translation_key),
        )
        for page in Page.objects.order_by("path").select_related("locale")
    ]
    groups = {
        group.name: sorted(group.permissions.values_list("content_type__app_label", "codename"))
        for group in Group.objects.all()
    }
    page_permissions = sorted(
        GroupPagePermission.objects.values_list(
            "group__name", "page__url_path", "permission__codename"
        )
    )
    collections = sorted(Collection.objects.values_list("path", "name"))
    workflows = sorted(Workflow.objects.values_list("name", "active"))
    sites = sorted(
        Site.objects.values_list("hostname", "port", "is_default_site", "root_page__url_path")
    )
    return pages, groups, page_permissions, collections, workflows, sites


def test_applied_tree_is_the_built_tree(request, site_tree_difference, db):
    with transaction.atomic():
        built = build_site_tree()
        built_state = tree_state()
        transaction.set_rollback(True)
    applied = made["applied"]
    tree = request.getfixturevalue("site_tree")
    assert made["applied"] == applied + 1
    assert tree_state() == built_state
    assert Site.objects.get(is_default_site=True).root_page_id == tree.home.pk
    assert type(tree.india) is type(built.india)
    assert [tree.india.country, tree.indonesia.country] == ["IN", "ID"]
    assert tree.india.get_parent().pk == tree.chapters.pk
    assert tree.home.get_site().hostname == "localhost"


@pytest.fixture
def earlier_user(db):
    return get_user_model().objects.create_user("made-before-the-tree")


def test_rows_made_before_the_tree_stay(earlier_user, request):
    applied = made["applied"]
    request.getfixturevalue("site_tree")
    assert made["applied"] == applied + 1
    assert get_user_model().objects.filter(pk=earlier_user.pk).exists()


@pytest.fixture
def earlier_secretariat(db):
    return Group.objects.create(name=settings.SAKURA_SECRETARIAT_GROUP)


def test_a_colliding_row_makes_the_tree_built(earlier_secretariat, request):
    colliding = made["built: IntegrityError"]
    tree = request.getfixturevalue("site_tree")
    assert made["built: IntegrityError"] == colliding + 1
    # Built on top of the earlier row, as setup_editorial_roles finds it.
    secretariat = Group.objects.get(name=settings.SAKURA_SECRETARIAT_GROUP)
    assert secretariat.pk == earlier_secretariat.pk
    assert GroupPagePermission.objects.filter(group=secretariat).exists()
    assert Site.objects.get(is_default_site=True).root_page_id == tree.home.pk


@pytest.fixture
def earlier_welcome_title(db):
    """Wagtail's welcome page, which the tree replaces (its row is among those applying
    removes), renamed: removing it by id would silently drop the change."""
    Page.objects.filter(depth=2).update(title="Changed before the tree")


def test_a_changed_row_makes_the_tree_built(earlier_welcome_title, request):
    changed = made["built: RowsChanged"]
    tree = request.getfixturevalue("site_tree")
    assert made["built: RowsChanged"] == changed + 1
    assert list(Page.objects.filter(depth=2)) == [tree.home.page_ptr]


# Serialized rollback: a transactional test's flush would otherwise leave the next tests on
# this worker without the migrated rows (the root page, locales).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_transactional_test_gets_a_built_tree(request):
    built = made["built: transactional test"]
    tree = request.getfixturevalue("site_tree")
    assert made["built: transactional test"] == built + 1
    assert Site.objects.get(is_default_site=True).root_page_id == tree.home.pk
