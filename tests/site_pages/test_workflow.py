import pytest
from django.urls import reverse
from wagtail.models import Page, Collection
from wagtail.test.utils.form_data import querydict_from_html, nested_form_data, streamfield, inline_formset, rich_text
from site_pages.models import EventPage

pytestmark = pytest.mark.django_db

def form(title, **extra):
    return nested_form_data({
        "title": title, "slug": "2nd-india-reunion", "kind": "reunion",
        "start_date": "2025-11-08", "format": "in_person", "city": "New Delhi",
        "body": streamfield([("paragraph", rich_text("<p>Programme</p>"))]),
        "outcome": streamfield([]),
        "gallery_images": inline_formset([]),
        **extra,
    })

def test_explore(client, site_tree, users):
    client.force_login(users["india_editor"])
    url = reverse("wagtailadmin_pages:add", args=("site_pages", "eventpage", site_tree.india.id))
    r = client.post(url, form("2nd India reunion", **{"action-submit": "1"}))
    ev = EventPage.objects.get(slug="2nd-india-reunion")
    print(ev.url, ev.get_url())
    print("public before", client.get(ev.get_url()).status_code)
    edit = reverse("wagtailadmin_pages:edit", args=(ev.id,))
    r = client.post(edit, form("Hacked"))
    print("locked edit", r.status_code, r.get("Location"), ev.revisions.count())
    r = client.post(edit, form("2nd India reunion", **{"action-workflow-action": "1", "workflow-action-name": "approve"}))
    print("self approve via edit", r.status_code, r.get("Location"), ev.revisions.count())
    ev.refresh_from_db(); print(ev.live, ev.current_workflow_state.status)
    client.force_login(users["secretariat"])
    r = client.post(edit, form("2nd India reunion (fixed)", **{"action-workflow-action": "1", "workflow-action-name": "approve"}))
    print("sec approve with edit", r.status_code, r.get("Location"), ev.revisions.count())
    ev = EventPage.objects.get(id=ev.id)
    ws = ev.workflow_states.get()
    print(ev.live, ws.status, [(t.status, t.revision_id) for t in ws.task_states.order_by("id")], ev.latest_revision_id)
    ts = ev.current_workflow_task_state
    r = client.post(reverse("wagtailadmin_pages:workflow_action", args=(ev.id, "approve", ts.id)), {"comment": "ok"})
    ev = EventPage.objects.get(id=ev.id)
    ws = ev.workflow_states.get()
    print(ev.live, ev.title, ws.status, [(t.status, t.revision_id, t.comment) for t in ws.task_states.order_by("id")], ev.latest_revision_id)
    client.logout()
    r = client.get(ev.get_url()); print("public after", r.status_code, b"(fixed)" in r.content)
    assert 0
