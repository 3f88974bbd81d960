"""A chapter editor's "Pages" explorer and page chooser open at their chapter, in their admin
language; others keep Wagtail's start (site_pages/chapter_start.py)."""

import json
import re

import pytest
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from site_pages.roles import chapter_group_name
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def explorer_start(client):
    """The page id the sidebar's "Pages" item opens at, read from the admin's sidebar data."""
    html = client.get("/admin/").content.decode()
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    data = json.loads(props.group(1))

    def find(node):
        if isinstance(node, dict):
            if node.get("_type") == "wagtail.sidebar.PageExplorerMenuItem":
                return node["_args"][1]
            for value in node.values():
                found = find(value)
                if found is not None:
                    return found
        elif isinstance(node, list):
            for value in node:
                found = find(value)
                if found is not None:
                    return found
        return None

    return find(data)


def chooser_parent(client, **params):
    response = client.get("/admin/choose-page/", params)
    assert response.status_code == 200
    return response.json()["step"], response.json()["parent_page_id"]


@pytest.fixture
def japanese_india(site_tree):
    return site_tree.india.copy_for_translation(
        Locale.objects.get(language_code="ja"), copy_parents=True
    )


def test_a_chapter_editor_starts_at_their_chapter(client, users, site_tree):
    client.force_login(users["india_editor"])
    assert explorer_start(client) == site_tree.india.pk
    assert chooser_parent(client) == ("browse", site_tree.india.pk)


def test_in_their_admin_language(client, users, site_tree, japanese_india):
    editor = users["india_editor"]
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "ja"
    profile.save()
    client.force_login(editor)
    assert explorer_start(client) == japanese_india.pk
    assert chooser_parent(client) == ("browse", japanese_india.pk)


def test_a_chooser_for_one_page_type_or_already_open_elsewhere_is_left_to_wagtail(
    client, users, site_tree
):
    client.force_login(users["india_editor"])
    _step, parent = chooser_parent(client, page_type="site_pages.eventindexpage")
    assert parent != site_tree.india.pk
    response = client.get(f"/admin/choose-page/{site_tree.home.pk}/")
    assert response.json()["parent_page_id"] == site_tree.home.pk


@pytest.mark.parametrize("role", ["secretariat", "mentor"])
def test_others_keep_wagtails_start(client, users, site_tree, role):
    client.force_login(users[role])
    assert explorer_start(client) != site_tree.india.pk
    assert chooser_parent(client)[1] != site_tree.india.pk


def test_an_editor_of_two_chapters_keeps_wagtails_start(client, users, site_tree):
    editor = make_user(
        "both",
        chapter_group_name(site_tree.india),
        chapter_group_name(site_tree.indonesia),
    )
    client.force_login(editor)
    assert explorer_start(client) == site_tree.chapters.pk  # their common ancestor
    assert chooser_parent(client)[1] not in {site_tree.india.pk, site_tree.indonesia.pk}


def test_the_chooser_still_needs_an_admin_login(client, site_tree):
    response = client.get("/admin/choose-page/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
