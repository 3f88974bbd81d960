"""Who sees which dashboard panel: each role its own panels, none of another role's, and no panel
showing another chapter's or another mentor's work (site_pages/chapter_dashboard.py,
role_dashboards.py, question_dashboard.py). Every role's panels cost the same number of queries
whatever the amount of content."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow

from site_pages import models as m
from site_pages.chapter_dashboard import panel_for as chapter_panel_for
from site_pages.question_dashboard import panel_for as questions_panel_for
from site_pages.role_dashboards import columns_panel_for, secretariat_panels_for
from tests import factories as f
from tests.conftest import fresh, publish
from tests.graphql_api.test_translation_status import localize

pytestmark = pytest.mark.django_db

PANELS = {
    "india": 'id="your-chapter-india-section"',
    "indonesia": 'id="your-chapter-indonesia-section"',
    "columns": 'id="your-columns-section"',
    "questions": 'id="assigned-questions-section"',
    "submissions": 'id="secretariat-submissions-section"',
    "translations": 'id="secretariat-translations-section"',
    "awaiting_review": 'id="awaiting-review-section"',
}

# What each role's dashboard shows, and the titles and texts it shows of others' work (none).
EXPECTED = {
    "india_editor": {"india"},
    "indonesia_editor": {"indonesia"},
    "mentor": {"columns", "questions"},
    "secretariat": {"submissions", "translations", "awaiting_review"},
}


def chapter_work(chapter, name, editor, secretariat, capture):
    """A chapter with one page in each state its panel lists, titled after ``name``."""
    workflow = Workflow.objects.get(name="Secretariat approval")
    soon = timezone.localdate() + datetime.timedelta(days=20)
    publish(f.EventPageFactory(parent=chapter, title=f"{name} upcoming", start_date=soon))
    f.EventPageFactory(parent=chapter, title=f"{name} draft", live=False).save_revision()
    in_review = f.EventPageFactory(parent=chapter, title=f"{name} in review", live=False)
    in_review.save_revision()
    workflow.start(in_review, editor)
    to_fix = f.EventPageFactory(parent=chapter, title=f"{name} to fix", live=False)
    to_fix.save_revision()
    state = workflow.start(to_fix, editor)
    state.current_task_state.task.specific.on_action(
        state.current_task_state, secretariat, "reject"
    )
    # A Japanese translation, then the source changes: the translation is out of date.
    localize(chapter, "ja", f"{name} in Japanese", capture)
    source = fresh(chapter)
    source.intro = f"{name}: a new introduction."
    publish(source)


@pytest.fixture
def work(site_tree, users, django_capture_on_commit_callbacks):
    secretariat = users["secretariat"]
    for chapter, name, editor in (
        (site_tree.india, "India", users["india_editor"]),
        (site_tree.indonesia, "Indonesia", users["indonesia_editor"]),
    ):
        chapter_work(chapter, name, editor, secretariat, django_capture_on_commit_callbacks)
    mine = f.MentorFactory(name="Dr. Mine", user=users["mentor"])
    theirs = f.MentorFactory(name="Dr. Theirs")
    for mentor, name in ((mine, "Mine"), (theirs, "Theirs")):
        f.MentorColumnPageFactory(
            parent=site_tree.mentors, title=f"{name} column draft", mentor=mentor, live=False
        ).save_revision()
        f.MentorQuestionFactory(
            question=f"Question for {name}", email=f"ana-{name}@example.org", assigned_mentor=mentor
        )
    f.MentorQuestionFactory(
        question="Question nobody holds yet",
        email="ben@example.org",
        status=m.QuestionStatus.NEW,
        assigned_mentor=None,
    )
    return site_tree


# The titles and texts each role's work is made of.
OWN_WORK = {
    "india_editor": [
        "India upcoming",
        "India draft",
        "India in review",
        "India to fix",
        "India in Japanese",
    ],
    "indonesia_editor": [
        "Indonesia upcoming",
        "Indonesia draft",
        "Indonesia in review",
        "Indonesia to fix",
        "Indonesia in Japanese",
    ],
    "mentor": ["Mine column draft", "Question for Mine"],
}
OTHERS_ONLY = ["Theirs column draft", "Question for Theirs", "Question nobody holds yet"]


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_its_panels_and_nothing_of_others(client, users, work, role):
    html = dashboard(client, users[role])
    shown = {name for name, marker in PANELS.items() if marker in html}
    assert shown == EXPECTED[role]
    for title in OWN_WORK.get(role, []):
        assert title in html, title
    others = [
        title for other, titles in OWN_WORK.items() if other != role for title in titles
    ] + OTHERS_ONLY
    if role == "secretariat":
        # The Secretariat reviews every chapter's pages and runs every translation; it still
        # sees nobody's questions (those are the mentors') or unsubmitted drafts.
        others = [*OTHERS_ONLY, "India draft", "Indonesia draft", "Mine column draft"]
    leaked = [title for title in others if title in html]
    assert not leaked, f"{role} sees {leaked}"


def test_the_secretariat_panels_count_and_list_the_translations(client, users, work):
    html = dashboard(client, users["secretariat"])
    panel = html[html.index(PANELS["translations"]) :]
    panel = panel[: panel.index("</section>")]
    assert "2 translations are older than their source pages." in panel
    assert "India in Japanese" in panel and "Indonesia in Japanese" in panel
    assert f'href="{reverse("site_translations:status_report")}"' in panel


def panels_of(user):
    """Every panel of ours the dashboard would show ``user``, rendered."""
    panels = [
        chapter_panel_for(user),
        columns_panel_for(user),
        questions_panel_for(user),
        *secretariat_panels_for(user),
    ]
    return [panel.render_html({}) for panel in panels if panel is not None]


def more_work(site_tree, users, capture, round_number):
    """Ten more pages of every kind, for India, Indonesia and both mentors."""
    for number in range(10):
        suffix = f"{round_number}-{number}"
        for chapter in (site_tree.india, site_tree.indonesia):
            f.EventPageFactory(parent=chapter, title=f"Draft {suffix}", live=False).save_revision()
            publish(
                f.EventPageFactory(
                    parent=chapter,
                    title=f"Upcoming {suffix}",
                    start_date=timezone.localdate() + datetime.timedelta(days=number + 1),
                )
            )
        for mentor in m.Mentor.objects.all():
            f.MentorColumnPageFactory(
                parent=site_tree.mentors,
                title=f"Column {suffix} of {mentor.pk}",
                mentor=mentor,
                live=False,
            ).save_revision()
            f.MentorQuestionFactory(
                question=f"Question {suffix}",
                email=f"ana-{suffix}-{mentor.pk}@example.org",
                assigned_mentor=mentor,
            )


def measured_panels(user):
    """(SQL of rendering ``user``'s panels, the number of items they list)."""
    with CaptureQueriesContext(connection) as captured:
        html = "".join(panels_of(user))
    assert html
    items = len(re.findall(r"<(?:li|tr)\b", html))
    return [query["sql"] for query in captured.captured_queries], items


# Role: (SQL queries at both sizes, items listed with the fixture's work, with ten more of
# every kind). A chapter's lists and a mentor's grow up to their few; the Secretariat's panels
# are counts and out-of-date translations, of which more_work adds none. Same on SQLite and
# PostgreSQL.
PINNED = {
    "india_editor": (14, 5, 13),
    "indonesia_editor": (14, 5, 13),
    "mentor": (11, 2, 16),
    "secretariat": (10, 5, 5),
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_roles_panels_cost_the_same_queries_whatever_the_content(
    users, work, role, django_capture_on_commit_callbacks
):
    user = users[role]
    small, small_items = measured_panels(user)
    more_work(work, users, django_capture_on_commit_callbacks, 1)
    large, large_items = measured_panels(user)
    expected, *sizes = PINNED[role]
    if not len(small) == len(large) == expected:
        listing = "\n".join(
            [f"--- small ({len(small)} queries)", *small, f"--- large ({len(large)})", *large]
        )
        pytest.fail(f"{role}: expected {expected} queries\n{listing}")
    assert [small_items, large_items] == sizes, role


def test_wagtails_own_dashboard_strings_read_in_japanese(client, users, work):
    """Gaps in Wagtail's Japanese catalogue, filled by site_pages/wagtail_catalogue_gaps.py."""
    user = users["india_editor"]
    user.wagtail_userprofile.preferred_language = "ja"
    user.wagtail_userprofile.save()
    html = dashboard(client, user)
    for japanese in ("すべてのページを検索…", "編集者ガイド", "ページ "):
        assert japanese in html, japanese
    for english in ("Search all pages", "editor guide", " Pages <span"):
        assert english not in html, english
