"""Reviewers are told what their approval or request for changes did.

Wagtail's workflow action view (the "Approve" and "Request changes" of the dashboard's
"Awaiting your review" panel and of the page editor) acts and reloads the page without a word,
so a volunteer reviewer cannot tell whether the page went live, moved on to another review step
or went back to its author. This view, served at Wagtail's own address ahead of the admin's URLs
(``cms/urls.py``), runs Wagtail's view unchanged and then adds one message saying what happened,
shown on the page the reviewer lands on.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page, TaskState, WorkflowState


def outcome(page, task_state):
    """The message for a task state that the reviewer's action has just closed, or None."""
    title = page.get_admin_display_title()
    if task_state.status == TaskState.STATUS_REJECTED:
        return _(
            "You asked for changes to “%(title)s”. Its author has been told and sees your "
            "comment in the editor."
        ) % {"title": title}
    if task_state.status != TaskState.STATUS_APPROVED:
        return None
    workflow_state = task_state.workflow_state
    if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        return _("You approved “%(title)s”. It goes on to the next review step: %(task)s.") % {
            "title": title,
            "task": workflow_state.current_task_state.task.name,
        }
    if page.live and not page.has_unpublished_changes:
        return _("You approved “%(title)s”. It is published.") % {"title": title}
    if page.go_live_at:
        return _("You approved “%(title)s”. It will be published on %(date)s.") % {
            "title": title,
            "date": page.go_live_at.strftime("%Y-%m-%d %H:%M"),
        }
    return _("You approved “%(title)s”.") % {"title": title}


@require_admin_access
def workflow_action(request, page_id, action_name, task_state_id):
    open_before = TaskState.objects.filter(
        pk=task_state_id, status=TaskState.STATUS_IN_PROGRESS
    ).exists()
    wagtail_view = page_viewset_registry.as_view("workflow_action", page_id_kwarg="page_id")
    response = wagtail_view(
        request, page_id=page_id, action_name=action_name, task_state_id=task_state_id
    )
    if request.method == "POST" and open_before:
        task_state = TaskState.objects.filter(pk=task_state_id).first()
        # Only an action that closed the task (not a form sent back with errors).
        if task_state is not None and task_state.status != TaskState.STATUS_IN_PROGRESS:
            page = Page.objects.get(pk=page_id).specific
            message = outcome(page, task_state)
            if message:
                messages.success(request, message)
    return response
