"""What the browser tests share: screenshots, users with a role, signing in."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import Error as PlaywrightError

SCREENSHOTS = Path(__file__).resolve().parent.parent / "output" / "screenshots"
TIMEOUT_MS = 15_000


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    try:
        page.screenshot(path=str(path), full_page=True)
    except PlaywrightError as error:
        # Chromium now and then refuses a full-page capture ("Unable to capture screenshot")
        # on a busy machine; the page is unchanged, so one more try says whether it can be had.
        if "Unable to capture screenshot" not in str(error):
            raise
        page.wait_for_timeout(500)
        page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0
    return path


def make_user(username, group):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=f"{username}-password-1"
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(page, base, username):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", f"{username}-password-1")
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")


def approve_from_dashboard(page, base, title):
    """Approve the page titled ``title`` from the row in the dashboard's "Awaiting your review"
    panel, as a reviewer does; the admin's message after it."""
    page.goto(base + "/admin/")
    row = page.locator("#awaiting-review-content tr", has_text=title)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_load_state("networkidle")
    messages = page.locator(".messages")
    messages.wait_for()
    return messages.inner_text()
