"""Mentors act on their own columns only (site_pages/mentor_access.py), through the admin views.

Read the matrix row by row: a role, an action, a target and whether the admin lets it happen.
"own" is a column of the Mentor linked to the mentor's account, "other" another mentor's.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from site_pages import models as m
from site_pages.roles import MENTORS_GROUP
from tests import factories as f
from tests.conftest import make_user, publish

pytestmark = pytest.mark.django_db

ALLOWED, DENIED = True, False


@pytest.fixture
def columns(users, site_tree):
    mentor = users["mentor"]
    other_mentor_user = make_user("other-mentor", MENTORS_GROUP)
    mine = f.MentorFactory(name="Dr. Mine", user=mentor)
    theirs = f.MentorFactory(name="Dr. Theirs", user=other_mentor_user)
    own = f.MentorColumnPageFactory(parent=site_tree.mentors, title="My column", mentor=mine)
    other = f.MentorColumnPageFactory(parent=site_tree.mentors, title="Their column", mentor=theirs)
    other_draft = f.MentorColumnPageFactory(
        parent=site_tree.mentors, title="Their unpublished draft", mentor=theirs, live=False
    )
    publish(own)
    publish(other)
    return {
        "own": own,
        "other": other,
        "other_draft": other_draft,
        "index": site_tree.mentors,
        "mine": mine,
        "theirs": theirs,
        "other_user": other_mentor_user,
    }


def column_form(page, **extra):
    page = page.specific
    return nested_form_data(
        {
            "title": page.title + " (edited)",
            "slug": page.slug,
            "mentor": str(page.mentor_id),
            "date": page.date.isoformat(),
            "topics": "",
            "intro": page.intro,
            "body": streamfield([]),
            **extra,
        }
    )


def html_of(response):
    """The chooser answers JSON (browsing) or an HTML fragment (search results)."""
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def assert_denied(response):
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("wagtailadmin_home")


def latest_title(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().title


def do_edit(client, page):
    before = latest_title(page)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.post(url, column_form(page))
    done = latest_title(page) != before
    return response, done


def do_submit(client, page):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.post(url, column_form(page, **{"action-submit": "1"}))
    return response, Page.objects.get(pk=page.pk).workflow_in_progress


def do_preview(client, page):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    response = client.get(url)
    return response, response.status_code == 200


def do_view_draft(client, page):
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))
    return response, response.status_code == 200


def do_revisions(client, page):
    response = client.get(reverse("wagtailadmin_pages:history", args=(page.pk,)))
    return response, response.status_code == 200


def do_delete(client, page):
    url = reverse("wagtailadmin_pages:delete", args=(page.pk,))
    client.get(url)
    response = client.post(url)
    return response, not Page.objects.filter(pk=page.pk).exists()


def do_copy(client, page):
    url = reverse("wagtailadmin_pages:copy", args=(page.pk,))
    response = client.get(url)
    return response, response.status_code == 200


def do_move(client, page):
    url = reverse("wagtailadmin_pages:move", args=(page.pk,))
    response = client.get(url)
    return response, response.status_code == 200


ACTIONS = {
    "edit": do_edit,
    "submit": do_submit,
    "preview": do_preview,
    "view_draft": do_view_draft,
    "revisions": do_revisions,
    "delete": do_delete,
    "copy": do_copy,
    "move": do_move,
}

MATRIX = [
    # role          action        target         allowed
    ("mentor",      "edit",       "own",         ALLOWED),
    ("mentor",      "edit",       "other",       DENIED),
    ("mentor",      "edit",       "other_draft", DENIED),
    ("mentor",      "edit",       "index",       DENIED),
    ("mentor",      "submit",     "own",         ALLOWED),
    ("mentor",      "submit",     "other",       DENIED),
    ("mentor",      "preview",    "own",         ALLOWED),
    ("mentor",      "preview",    "other_draft", DENIED),
    ("mentor",      "view_draft", "own",         ALLOWED),
    ("mentor",      "view_draft", "other_draft", DENIED),
    ("mentor",      "revisions",  "own",         ALLOWED),
    ("mentor",      "revisions",  "other",       DENIED),
    ("mentor",      "delete",     "other_draft", DENIED),
    ("mentor",      "delete",     "other",       DENIED),
    ("mentor",      "delete",     "index",       DENIED),
    ("mentor",      "copy",       "other",       DENIED),
    ("mentor",      "move",       "other",       DENIED),
    ("mentor",      "move",       "index",       DENIED),

    ("secretariat", "edit",       "other",       ALLOWED),
    ("secretariat", "edit",       "index",       ALLOWED),
    ("secretariat", "view_draft", "other_draft", ALLOWED),
    ("secretariat", "delete",     "other_draft", ALLOWED),

    ("india_editor", "edit",      "own",         DENIED),
    ("india_editor", "view_draft", "other_draft", DENIED),
]  # fmt: skip


@pytest.mark.parametrize(
    ("role", "action", "target", "allowed"),
    MATRIX,
    ids=[f"{r}-{a}-{t}" for r, a, t, _ in MATRIX],
)
def test_mentor_column_matrix(client, users, columns, role, action, target, allowed):
    client.force_login(users[role])
    page = columns[target]
    if target == "index" and action == "edit":
        url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        data = nested_form_data({"title": "Renamed", "slug": page.slug, "intro": ""})
        response = client.post(url, data)
        done = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().title
        done = done == "Renamed"
    else:
        response, done = ACTIONS[action](client, page)
    if allowed:
        assert done, response
    else:
        assert not done
        assert_denied(response)


def test_the_permission_tester_agrees(users, columns):
    mentor = users["mentor"]
    own = columns["own"].permissions_for_user(mentor)
    other = columns["other"].permissions_for_user(mentor)
    index = columns["index"].permissions_for_user(mentor)
    assert own.can_edit() and own.can_submit_for_moderation() and not own.can_publish()
    assert not other.can_edit()
    assert not other.can_submit_for_moderation()
    assert not other.can_delete()
    assert not other.can_view_revisions()
    assert not other.can_lock()
    assert index.can_add_subpage() and not index.can_edit() and not index.can_delete()
    # A plain Page from a listing gets the same answer as the specific page.
    assert not Page.objects.get(pk=columns["other"].pk).permissions_for_user(mentor).can_edit()


def new_column(mentor_id):
    return nested_form_data(
        {
            "title": "A new column",
            "slug": "a-new-column",
            "mentor": str(mentor_id),
            "date": "2025-06-14",
            "topics": "",
            "intro": "",
            "body": streamfield([]),
        }
    )


def test_a_mentor_adds_columns_only_as_their_own_mentor(client, users, columns):
    client.force_login(users["mentor"])
    url = reverse(
        "wagtailadmin_pages:add", args=("site_pages", "mentorcolumnpage", columns["index"].pk)
    )
    form = client.get(url).context["form"]
    assert list(form.fields["mentor"].queryset) == [columns["mine"]]

    response = client.post(url, new_column(columns["theirs"].pk))
    assert response.status_code == 200
    assert "mentor" in response.context["form"].errors
    assert not m.MentorColumnPage.objects.filter(slug="a-new-column").exists()

    response = client.post(url, new_column(columns["mine"].pk))
    created = m.MentorColumnPage.objects.get(slug="a-new-column")
    assert response.status_code == 302
    assert created.mentor == columns["mine"]
    assert not created.live


def test_a_mentor_cannot_hand_their_column_to_another_mentor(client, users, columns):
    client.force_login(users["mentor"])
    own = columns["own"]
    url = reverse("wagtailadmin_pages:edit", args=(own.pk,))
    response = client.post(url, column_form(own, mentor=str(columns["theirs"].pk)))
    assert response.status_code == 200
    assert "mentor" in response.context["form"].errors


def test_the_secretariat_chooses_any_mentor(client, users, columns):
    client.force_login(users["secretariat"])
    url = reverse(
        "wagtailadmin_pages:add", args=("site_pages", "mentorcolumnpage", columns["index"].pk)
    )
    offered = set(client.get(url).context["form"].fields["mentor"].queryset)
    assert {columns["mine"], columns["theirs"]} <= offered


def test_explorer_search_and_chooser_leave_out_other_mentors_drafts(client, users, columns):
    client.force_login(users["mentor"])
    explorer = client.get(reverse("wagtailadmin_explore", args=(columns["index"].pk,)))
    html = explorer.content.decode()
    assert "My column" in html
    assert "Their unpublished draft" not in html
    assert "Their column" not in html

    search = client.get(reverse("wagtailadmin_pages:search"), {"q": "column"})
    assert "Their unpublished draft" not in search.content.decode()

    chooser = client.get(reverse("wagtailadmin_choose_page_child", args=(columns["index"].pk,)))
    html = html_of(chooser)
    assert "My column" in html
    assert "Their unpublished draft" not in html
    assert "Their column" in html  # live and public: anyone may link to it


def test_chapter_editors_choose_only_their_chapter_and_the_public_tree(client, users, site_tree):
    f.EventPageFactory(parent=site_tree.indonesia, title="Jakarta secret plans", live=False)
    f.EventPageFactory(parent=site_tree.india, title="Delhi draft", live=False)
    client.force_login(users["india_editor"])

    child_url = "wagtailadmin_choose_page_child"
    indonesia = client.get(reverse(child_url, args=(site_tree.indonesia.pk,)))
    assert "Jakarta secret plans" not in html_of(indonesia)
    india = client.get(reverse("wagtailadmin_choose_page_child", args=(site_tree.india.pk,)))
    assert "Delhi draft" in html_of(india)

    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "secret"})
    assert "Jakarta secret plans" not in html_of(search)
    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "draft"})
    assert "Delhi draft" in html_of(search)
