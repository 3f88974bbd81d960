"""A reviewer who approves or asks for changes (from the dashboard's "Awaiting your review" or
the editor) is told what happened: published, on to the next step, or back to the author."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupApprovalTask, TaskState, WorkflowTask

from tests import factories as f
from tests.conftest import fresh

pytestmark = pytest.mark.django_db

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def submit(site_tree, users):
    """An India event a chapter editor wrote and submitted to the Secretariat's approval."""
    event = f.EventPageFactory(parent=site_tree.india, title="3rd India reunion", live=False)
    event.save_revision(user=users["india_editor"])
    event.get_workflow().start(fresh(event), users["india_editor"])
    return fresh(event)


@pytest.fixture
def submitted(site_tree, users):
    return submit(site_tree, users)


def act(client, page, action, data=None):
    """What the dashboard's modal posts (an XMLHttpRequest), then the page it reloads."""
    task_state = fresh(page).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    answer = client.post(url, data or {"comment": ""}, **XHR)
    assert answer.status_code == 200
    assert answer.json()["step"] == "success"
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_approving_from_the_dashboard_says_the_page_is_published(client, users, submitted):
    client.force_login(users["secretariat"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "3rd India reunion" in dashboard  # in "Awaiting your review"

    html = act(client, submitted, "approve")

    assert fresh(submitted).live
    assert "You approved “3rd India reunion”. It is published." in html


def test_asking_for_changes_says_the_author_is_told(client, users, submitted):
    client.force_login(users["secretariat"])
    html = act(client, submitted, "reject", {"comment": "Add the venue, please."})
    assert not fresh(submitted).live
    assert "You asked for changes to “3rd India reunion”. Its author has been told" in html


def test_approving_a_step_of_a_longer_workflow_names_the_next_step(client, users, site_tree):
    workflow = site_tree.india.get_workflow()
    final = GroupApprovalTask.objects.create(name="Final check by the editor-in-chief")
    # Another group: Wagtail approves a step at once for a member of its groups.
    final.groups.set([Group.objects.create(name="Editors-in-chief")])
    WorkflowTask.objects.create(workflow=workflow, task=final, sort_order=99)
    submitted = submit(site_tree, users)
    client.force_login(users["secretariat"])

    html = act(client, submitted, "approve")

    assert not fresh(submitted).live
    assert "It goes on to the next review step: Final check by the editor-in-chief." in html


def test_the_japanese_reviewer_reads_it_in_japanese(client, users, submitted):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(users["secretariat"])
    profile.preferred_language = "ja"
    profile.save()
    client.force_login(users["secretariat"])
    assert "を承認しました。公開されました。" in act(client, submitted, "approve")


def test_acting_on_a_closed_task_adds_no_message(client, users, submitted):
    client.force_login(users["secretariat"])
    task_state = fresh(submitted).current_workflow_task_state
    act(client, submitted, "approve")
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(submitted.pk, "approve", task_state.pk)
    )
    client.post(url, {"comment": ""}, **XHR)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "You approved" not in html
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED


def test_someone_outside_the_review_changes_nothing(client, users, submitted):
    client.force_login(users["indonesia_editor"])
    task_state = fresh(submitted).current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(submitted.pk, "approve", task_state.pk)
    )
    client.post(url, {"comment": ""}, **XHR)
    assert not fresh(submitted).live
    assert "You approved" not in client.get(reverse("wagtailadmin_home")).content.decode()
