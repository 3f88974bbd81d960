"""The moderation workflow through the admin: a chapter editor submits, the secretariat reviews.

The "Secretariat approval" workflow (site_pages/roles.py) covers the whole tree with one
"Secretariat review" group approval task, and WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT is on.
"""

import pytest
from django.urls import reverse
from wagtail.models import Collection, Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from site_pages.fallback import Reader
from site_pages.models import EventPage
from site_pages.roles import REVIEW_TASK_NAME, WORKFLOW_NAME
from tests import factories as f

pytestmark = pytest.mark.django_db

EVENT_SLUG = "2nd-india-reunion"
TITLE = "2nd India reunion"


@pytest.fixture
def photo(site_tree):
    return f.ImageFactory(title="Group photo", collection=Collection.objects.get(name="India"))


def event_form(title=TITLE, gallery=(), **extra):
    """The admin's EventPage form: StreamFields for body and outcome, an InlinePanel gallery.

    ``gallery`` holds (image, caption) pairs for new rows, or (image, caption, row id) for rows
    the page already has, which Django's formset counts as initial forms."""
    rows = []
    for image, caption, *row_id in gallery:
        row = {"image": str(image.pk), "caption": caption}
        if row_id:
            row["id"] = str(row_id[0])
        rows.append(row)
    return nested_form_data(
        {
            "title": title,
            "slug": EVENT_SLUG,
            "kind": "reunion",
            "edition": "2",
            "start_date": "2025-11-08",
            "end_date": "2025-11-09",
            "date_precision": "day",
            "format": "in_person",
            "venue": "IIT Delhi",
            "city": "New Delhi",
            "country": "IN",
            "body": streamfield(
                [
                    ("heading", {"text": "Programme", "level": "h2"}),
                    ("paragraph", rich_text("<p>Talks by alumni and a poster session.</p>")),
                ]
            ),
            "outcome": streamfield([("paragraph", rich_text("<p>120 alumni attended.</p>"))]),
            "gallery_images": inline_formset(rows, initial=sum("id" in row for row in rows)),
            **extra,
        }
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


# The edit view's buttons, as its form posts them.
SUBMIT = {"action-submit": "1"}
APPROVE = {"action-workflow-action": "1", "workflow-action-name": "approve"}


def post_edit(client, page, title, button):
    """Post ``page``'s edit form with a new title and its gallery rows kept, ``button`` pressed."""
    gallery = [(g.image, g.caption, g.pk) for g in page.gallery_images.all()]
    return client.post(edit_url(page), event_form(title=title, gallery=gallery, **button))


def fresh_event():
    return EventPage.objects.get(slug=EVENT_SLUG)


def submit_new_event(client, editor, parent, photo):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("site_pages", "eventpage", parent.pk))
    response = client.post(url, event_form(gallery=[(photo, "All of us")], **SUBMIT))
    assert response.status_code == 302, "the add form was not accepted"
    return response


def workflow_action(client, page, action, comment=""):
    """POST the admin's workflow action view, as the buttons in the page listing do."""
    task_state = page.current_workflow_task_state
    assert task_state is not None, "the page is not in moderation"
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


def assert_denied(response):
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def public_status(client, page):
    client.logout()
    response = client.get(page.get_url())
    return response.status_code, response.content.decode()


@pytest.fixture
def submitted(client, users, site_tree, photo):
    """An event that the India editor has created and submitted through the admin."""
    submit_new_event(client, users["india_editor"], site_tree.india, photo)
    return fresh_event()


@pytest.fixture
def approved(client, users, submitted):
    client.force_login(users["secretariat"])
    workflow_action(client, submitted, "approve")
    event = fresh_event()
    assert event.live
    return event


def test_editor_submits_a_new_event_for_review(client, users, site_tree, photo):
    response = submit_new_event(client, users["india_editor"], site_tree.india, photo)

    assert response["Location"] == reverse("wagtailadmin_explore", args=(site_tree.india.pk,))
    event = fresh_event()
    assert event.get_parent().pk == site_tree.india.pk
    assert event.owner == users["india_editor"]
    assert not event.live
    assert event.live_revision is None

    state = event.current_workflow_state
    assert state is not None
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME
    assert state.requested_by == users["india_editor"]
    assert event.current_workflow_task.name == REVIEW_TASK_NAME
    task_state = event.current_workflow_task_state
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert task_state.revision_id == event.latest_revision_id

    # What the secretariat reviews is what the editor entered.
    draft = event.get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == ["heading", "paragraph"]
    assert draft.body[0].value["text"] == "Programme"
    assert [block.block_type for block in draft.outcome] == ["paragraph"]
    assert [(g.image_id, g.caption) for g in draft.gallery_images.all()] == [
        (photo.pk, "All of us")
    ]
    assert (draft.city, draft.edition, draft.end_date.isoformat()) == ("New Delhi", 2, "2025-11-09")

    # The review lands with the secretariat only.
    task = event.current_workflow_task.specific
    assert task_state in task.get_task_states_user_can_moderate(users["secretariat"])
    assert not task.get_task_states_user_can_moderate(users["india_editor"]).exists()

    assert public_status(client, event)[0] == 404


def test_secretariat_approves_and_the_event_goes_live(client, users, site_tree, submitted):
    submitted_revision = submitted.latest_revision_id
    task_state_id = submitted.current_workflow_task_state.pk
    client.force_login(users["secretariat"])

    response = workflow_action(client, submitted, "approve", comment="Looks good")

    assert response.status_code == 302
    assert response["Location"] == edit_url(submitted)
    event = fresh_event()
    assert event.live
    assert event.live_revision_id == submitted_revision
    assert not event.has_unpublished_changes
    assert not event.workflow_in_progress
    assert event.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    task_state = TaskState.objects.get(pk=task_state_id)
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.finished_by == users["secretariat"]
    assert task_state.comment == "Looks good"

    assert event in site_tree.india.specific.events(Reader(site_tree.india.locale))
    status, html = public_status(client, event)
    assert status == 200
    assert TITLE in html
    assert "All of us" in html  # the gallery came through the approval too


@pytest.mark.parametrize("role", ["india_editor", "indonesia_editor", "mentor"])
def test_only_the_secretariat_may_approve(client, users, submitted, role):
    """The submitter (or any other contributor) cannot approve: Wagtail offers them no
    workflow action, and the action URL refuses them."""
    task = submitted.current_workflow_task.specific
    assert task.get_actions(submitted, users[role]) == []
    assert {name for name, *_ in task.get_actions(submitted, users["secretariat"])} == {
        "approve",
        "reject",
    }
    client.force_login(users[role])

    assert_denied(workflow_action(client, submitted, "approve"))
    assert_denied(workflow_action(client, submitted, "reject"))

    event = fresh_event()
    assert not event.live
    assert event.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert event.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_submitter_cannot_approve_or_edit_from_the_edit_view(client, users, submitted):
    """The edit view's own "approve" button is not available to the submitter either, and the
    page is locked to them while it is in review."""
    client.force_login(users["india_editor"])
    revisions_before = submitted.revisions.count()

    response = post_edit(client, submitted, "Approved by myself", APPROVE)

    assert response.status_code == 200  # the form comes back: the page is locked
    event = fresh_event()
    assert not event.live
    assert event.revisions.count() == revisions_before
    assert event.get_latest_revision_as_object().title == TITLE
    assert event.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert event.permissions_for_user(users["india_editor"]).page_locked()
    assert not event.permissions_for_user(users["secretariat"]).page_locked()


def test_secretariat_requests_changes_and_the_editor_resubmits(client, users, submitted):
    first_task_state = submitted.current_workflow_task_state
    client.force_login(users["secretariat"])

    response = workflow_action(client, submitted, "reject", comment="Add the venue's address")

    assert response.status_code == 302
    event = fresh_event()
    assert not event.live
    state = event.workflow_states.get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    first_task_state.refresh_from_db()
    assert first_task_state.status == TaskState.STATUS_REJECTED
    assert first_task_state.comment == "Add the venue's address"
    assert public_status(client, event)[0] == 404

    # The editor fixes the page and submits again: the same workflow resumes at the review.
    client.force_login(users["india_editor"])
    response = post_edit(client, event, "2nd India reunion at IIT Delhi", SUBMIT)

    assert response.status_code == 302
    event = fresh_event()
    assert not event.live
    state = event.workflow_states.get()  # still one run, resumed
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert event.current_workflow_task_state.pk != first_task_state.pk
    assert event.current_workflow_task_state.revision_id == event.latest_revision_id

    client.force_login(users["secretariat"])
    workflow_action(client, event, "approve")
    event = fresh_event()
    assert event.live
    assert event.title == "2nd India reunion at IIT Delhi"


def test_an_approved_page_edited_again_needs_a_new_approval(client, users, approved):
    live_revision = approved.live_revision_id
    client.force_login(users["india_editor"])

    response = post_edit(client, approved, "2nd India reunion (report)", SUBMIT)

    assert response.status_code == 302
    event = fresh_event()
    # The live page is still the approved one; the edit waits in a new workflow run.
    assert event.live
    assert event.title == TITLE
    assert event.live_revision_id == live_revision
    assert event.get_latest_revision_as_object().title == "2nd India reunion (report)"
    states = list(event.workflow_states.order_by("created_at", "pk"))
    assert [s.status for s in states] == [
        WorkflowState.STATUS_APPROVED,
        WorkflowState.STATUS_IN_PROGRESS,
    ]
    assert event.current_workflow_state == states[1]
    assert event.current_workflow_task_state.revision_id == event.latest_revision_id
    status, html = public_status(client, event)
    assert status == 200
    assert "(report)" not in html

    client.force_login(users["secretariat"])
    workflow_action(client, event, "approve")

    event = fresh_event()
    assert event.title == "2nd India reunion (report)"
    assert event.live_revision_id == event.latest_revision_id
    assert event.workflow_states.filter(status=WorkflowState.STATUS_APPROVED).count() == 2


def test_a_reviewers_own_edit_needs_approval_again(client, users, settings, submitted):
    """With WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT, a reviewer who edits the page and
    approves in one go from the edit view does not publish: the approval was for the submitted
    revision, and the review task starts again for the edited one."""
    assert settings.WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT is True
    first_task_state = submitted.current_workflow_task_state
    client.force_login(users["secretariat"])

    response = post_edit(
        client, submitted, "2nd India reunion (edited by the secretariat)", APPROVE
    )

    assert response.status_code == 302
    event = fresh_event()
    assert not event.live
    first_task_state.refresh_from_db()
    assert first_task_state.status == TaskState.STATUS_APPROVED
    second = event.current_workflow_task_state
    assert second is not None and second.pk != first_task_state.pk
    assert second.status == TaskState.STATUS_IN_PROGRESS
    assert second.revision_id == event.latest_revision_id != first_task_state.revision_id
    assert event.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    workflow_action(client, event, "approve")

    event = fresh_event()
    assert event.live
    assert event.title == "2nd India reunion (edited by the secretariat)"
    assert event.workflow_states.get().status == WorkflowState.STATUS_APPROVED


def test_secretariat_publishes_without_review(client, users, site_tree):
    """The secretariat's own pages need no review: "Publish" puts them live at once."""
    client.force_login(users["secretariat"])
    url = reverse("wagtailadmin_pages:add", args=("site_pages", "eventpage", site_tree.india.pk))

    response = client.post(url, event_form(**{"action-publish": "1"}))

    assert response.status_code == 302
    event = fresh_event()
    assert event.live
    assert not event.workflow_states.exists()
    assert Page.objects.get(pk=event.pk).live_revision_id == event.latest_revision_id
