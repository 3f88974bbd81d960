"""A chapter editor's "Your chapter" dashboard panel (site_pages/chapter_dashboard.py): their
chapter's pages waiting for something, upcoming events and "Add event"; nobody else's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow

from site_pages.chapter_dashboard import own_chapters
from tests import factories as f
from tests.conftest import publish

pytestmark = pytest.mark.django_db


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panel(html, slug):
    start = html.index(f'id="your-chapter-{slug}-section"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def chapter_work(site_tree, users):
    india = site_tree.india
    soon = timezone.localdate() + datetime.timedelta(days=30)
    upcoming = f.EventPageFactory(parent=india, title="Delhi reunion 2027", start_date=soon)
    publish(upcoming)
    past = f.EventPageFactory(
        parent=india, title="Old reunion", start_date=datetime.date(2019, 5, 1)
    )
    publish(past)
    draft = f.EventPageFactory(parent=india, title="Draft workshop", live=False)
    draft.save_revision()
    workflow = Workflow.objects.get(name="Secretariat approval")
    in_review = f.EventPageFactory(parent=india, title="Reunion in review", live=False)
    in_review.save_revision()
    workflow.start(in_review, users["india_editor"])
    returned = f.EventPageFactory(parent=india, title="Reunion to fix", live=False)
    returned.save_revision()
    state = workflow.start(returned, users["india_editor"])
    state.current_task_state.task.specific.on_action(
        state.current_task_state, users["secretariat"], "reject"
    )
    theirs = f.EventPageFactory(parent=site_tree.indonesia, title="Jakarta draft", live=False)
    theirs.save_revision()
    return site_tree


def test_a_chapter_editor_sees_their_chapters_work_and_can_add_an_event(
    client, users, chapter_work
):
    html = dashboard(client, users["india_editor"])
    mine = panel(html, "india")
    add_event = reverse(
        "wagtailadmin_pages:add", args=["site_pages", "eventpage", chapter_work.india.pk]
    )
    assert f'href="{add_event}"' in mine
    sections = {
        "Changes requested by the Secretariat": "Reunion to fix",
        "Waiting for the Secretariat's review": "Reunion in review",
        "Drafts not published yet": "Draft workshop",
        "Upcoming events": "Delhi reunion 2027",
    }
    for heading, title in sections.items():
        after = mine[mine.index(heading) :]
        assert title in after[: after.index("</ul>")], heading
    assert "Old reunion" not in mine
    assert "Jakarta draft" not in html
    assert 'id="your-chapter-indonesia-section"' not in html


def test_the_panel_is_in_the_editors_language(client, users, chapter_work):
    user = users["india_editor"]
    user.wagtail_userprofile.preferred_language = "ja"
    user.wagtail_userprofile.save()
    html = dashboard(client, user)
    assert "あなたの支部: India" in html
    assert "イベントを追加" in html


@pytest.mark.parametrize("role", ["secretariat", "mentor"])
def test_others_get_no_chapter_panel(client, users, chapter_work, role):
    assert own_chapters(users[role]) == []
    assert 'class="w-panel w-panel--dashboard your-chapter' not in dashboard(client, users[role])


def test_the_panel_costs_the_same_queries_whatever_the_chapter_holds(
    client, users, chapter_work, django_assert_num_queries
):
    from site_pages.chapter_dashboard import ITEMS_PER_LIST, panel_for

    def shown(panel):
        """How many drafts and upcoming events India's panel lists."""
        [work] = panel.work
        return len(work.drafts), len(work.upcoming)

    user = users["india_editor"]
    with django_assert_num_queries(10):
        few = panel_for(user)
    for number in range(10):
        # A draft lists once it has a revision, as an editor's would.
        draft = f.EventPageFactory(parent=chapter_work.india, title=f"Draft {number}", live=False)
        draft.save_revision()
        publish(
            f.EventPageFactory(
                parent=chapter_work.india,
                title=f"Reunion {number}",
                start_date=timezone.localdate() + datetime.timedelta(days=number + 1),
            )
        )
    with django_assert_num_queries(10):
        many = panel_for(user)
    # Each list shows a few of its pages: one draft and one upcoming event, then as many as fit.
    assert shown(few) == (1, 1)
    assert shown(many) == (ITEMS_PER_LIST, ITEMS_PER_LIST)
