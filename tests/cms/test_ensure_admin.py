"""`manage.py ensure_admin`: the login `make run` prints for a newcomer."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from site_pages.management.commands import ensure_admin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def login_file(tmp_path, monkeypatch):
    path = tmp_path / ".admin-login"
    monkeypatch.setattr(ensure_admin, "LOGIN_FILE", path)
    for name in ("ADMIN_USERNAME", "ADMIN_PASSWORD", "ADMIN_EMAIL"):
        monkeypatch.delenv(name, raising=False)
    return path


def run():
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


def printed_password(output):
    return next(line.split(": ", 1)[1] for line in output.splitlines() if "password:" in line)


def test_creates_a_superuser_with_a_random_password_and_prints_it():
    output = run()
    password = printed_password(output)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert user.check_password(password)
    assert len(password) >= 12


def test_a_second_run_prints_the_same_login_without_changing_it():
    first = printed_password(run())
    second = printed_password(run())
    assert first == second
    assert get_user_model().objects.count() == 1


def test_environment_sets_the_login(monkeypatch):
    monkeypatch.setenv("ADMIN_USERNAME", "secretariat")
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-chosen-password")
    output = run()
    assert "secretariat" in output
    assert (
        get_user_model()
        .objects.get(username="secretariat")
        .check_password("a-long-chosen-password")
    )


def test_existing_user_without_a_remembered_password_is_not_changed(login_file):
    get_user_model().objects.create_superuser("admin", "a@example.org", "kept-password")
    output = run()
    assert "unchanged" in output
    assert get_user_model().objects.get(username="admin").check_password("kept-password")
