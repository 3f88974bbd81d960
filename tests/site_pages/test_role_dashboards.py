"""The mentor's "Your columns" and the Secretariat's "Submissions" and "Translations out of date"
panels on the admin dashboard (site_pages/role_dashboards.py); who sees which:
test_dashboard_roles.py."""

import datetime
import re

import pytest

from site_pages import models as m
from site_pages.models.newsletter import IssueStatus
from tests import factories as f
from tests.conftest import publish

pytestmark = pytest.mark.django_db


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def count_beside(html, label):
    found = re.search(re.escape(label) + r'</a> <span class="w-status[^"]*">(\d+)</span>', html)
    assert found, label
    return int(found.group(1))


@pytest.fixture
def columns(site_tree, users):
    mine = f.MentorFactory(name="Dr. Mine", user=users["mentor"])
    theirs = f.MentorFactory(name="Dr. Theirs")
    return {
        "draft": f.MentorColumnPageFactory(
            parent=site_tree.mentors, title="My draft column", mentor=mine, live=False
        ),
        "published": publish(
            f.MentorColumnPageFactory(
                parent=site_tree.mentors, title="My published column", mentor=mine
            )
        ),
        "theirs": publish(
            f.MentorColumnPageFactory(
                parent=site_tree.mentors, title="Someone else's column", mentor=theirs
            )
        ),
    }


def test_a_mentor_sees_their_columns_and_can_write_one(client, users, site_tree, columns):
    columns["draft"].save_revision()
    html = dashboard(client, users["mentor"])
    panel = html.split('id="your-columns', 1)[1]
    assert "My draft column" in panel
    assert "My published column" in panel
    assert "Someone else&#x27;s column" not in panel and "Someone else's column" not in panel
    write = f"/admin/pages/add/site_pages/mentorcolumnpage/{site_tree.mentors.pk}/"
    assert f'href="{write}"' in panel
    assert client.get(write).status_code == 200  # the button leads to a form they may use


@pytest.mark.parametrize("role", ["india_editor", "secretariat"])
def test_no_columns_panel_without_a_mentor_of_ones_own(client, users, columns, role):
    assert 'id="your-columns' not in dashboard(client, users[role])


def test_the_secretariat_sees_what_waits_for_them_counted(client, users, site_tree):
    m.MentorQuestion.objects.create(
        question="How do I find a lab?",
        topic="research",
        name="Ana",
        email="ana@example.org",
        language="en",
    )
    m.NewsletterIssue.objects.create(month=datetime.date(2026, 11, 1), language="en")
    html = dashboard(client, users["secretariat"])
    assert 'id="secretariat-submissions' in html
    assert count_beside(html, "New questions for the mentors, to assign") == 1
    assert count_beside(html, "Newsletter issues to approve") == 1
    assert count_beside(html, "Members&#x27; Voice messages not published yet") == 0
    assert "Every translation is up to date." in html
    m.NewsletterIssue.objects.update(status=IssueStatus.SENT)
    html = dashboard(client, users["secretariat"])
    assert count_beside(html, "Newsletter issues to approve") == 0


@pytest.mark.parametrize("role", ["india_editor", "mentor"])
def test_others_do_not_see_the_secretariats_panel(client, users, role):
    assert 'id="secretariat-submissions' not in dashboard(client, users[role])
