"""The admin's "How to" page shows each reader the guides of the roles they hold, in their
admin language, and is in the menu only for those who have a guide."""

import pytest
from wagtail.users.models import UserProfile

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

SECTIONS = {
    "chapter": "how-to-chapter",
    "mentor": "how-to-mentor",
    "secretariat": "how-to-secretariat",
}


def guides(client, user):
    client.force_login(user)
    response = client.get("/admin/how-to/")
    assert response.status_code == 200
    html = response.content.decode()
    return {role for role, anchor in SECTIONS.items() if f'id="{anchor}"' in html}, html


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("india_editor", {"chapter"}),
        ("mentor", {"mentor"}),
        ("secretariat", {"secretariat"}),
    ],
)
def test_each_role_reads_its_own_guide(client, users, role, expected):
    shown, html = guides(client, users[role])
    assert shown == expected
    assert '"url": "/admin/how-to/"' in html  # in the sidebar's menu


def test_a_superuser_reads_every_guide(client, users):
    shown, _html = guides(client, make_user("root", superuser=True))
    assert shown == set(SECTIONS)


def test_the_guide_names_the_buttons_editors_see(client, users):
    _shown, html = guides(client, users["india_editor"])
    assert "Submit to Secretariat approval" in html  # the workflow's own button
    assert "Add event" in html


def test_the_guide_in_japanese(client, users):
    editor = users["india_editor"]
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "ja"
    profile.save()
    _shown, html = guides(client, editor)
    assert "支部の編集者の方へ" in html
    assert "「イベントを追加」" in html
