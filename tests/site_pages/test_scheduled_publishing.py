"""Scheduled publishing works without anyone running a command by hand (site_pages/scheduling.py):
the scheduler queues Wagtail's ``publish_scheduled`` on the task runner when a go-live or expiry
date has come, once per slot however many schedulers run; and until it has, the site (like the
API) never serves an expired or not-yet-live page at its address."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale, Page, PageLogEntry, Revision

from site_pages import scheduling
from site_pages.models import ScheduledRun
from site_pages.visibility import on_schedule, schedule_q
from tests import factories as f
from tests.conftest import WORKER_DB, fresh, publish
from tests.graphql_api.conftest import post_query

pytestmark = pytest.mark.django_db

PAGE = "query ($path: String!) { page(path: $path) { title } }"


def schedule_publication(page, go_live_at):
    """What an editor's "Publish" with a future go-live date does."""
    page.go_live_at = go_live_at
    page.save_revision().publish()
    return fresh(page)


def go_live_time_passes(page):
    """Move the scheduled revision's go-live time into the past, as the clock would: both the
    approval the scheduler looks for and the date in the revision that publishing reads."""
    past = timezone.now() - timedelta(seconds=1)
    revision = Revision.objects.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])


def queued_publishing():
    """The scheduled-publishing tasks in the database queue (publishing also queues Wagtail's own
    search and reference-index tasks)."""
    return DBTaskResult.objects.filter(task_path__endswith="publish_scheduled_content")


def seen(client, url):
    return client.get(url).status_code


NOW = timezone.now()
HOUR = timedelta(hours=1)
SCHEDULES = [
    (None, None, True),
    (NOW - HOUR, None, True),
    (NOW + HOUR, None, False),
    (None, NOW + HOUR, True),
    (None, NOW - HOUR, False),
    (NOW - 2 * HOUR, NOW - HOUR, False),
    (NOW - HOUR, NOW + HOUR, True),
]


@pytest.mark.parametrize(("go_live_at", "expire_at", "expected"), SCHEDULES)
def test_the_rule_for_one_page_agrees_with_the_rule_for_querysets(
    site_tree, go_live_at, expire_at, expected
):
    page = publish(f.StandardPageFactory(parent=site_tree.home))
    Page.objects.filter(pk=page.pk).update(go_live_at=go_live_at, expire_at=expire_at)
    page = fresh(page)
    in_queryset = Page.objects.filter(pk=page.pk).filter(schedule_q(NOW)).exists()
    assert on_schedule(page, NOW) is in_queryset is expected


def test_an_expired_page_is_not_served_before_the_scheduler_runs(site_tree, client):
    page = publish(f.StandardPageFactory(parent=site_tree.home, slug="spring-picnic"))
    assert seen(client, "/en/spring-picnic/") == 200

    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))

    assert fresh(page).live  # Wagtail's state has not caught up yet
    assert seen(client, "/en/spring-picnic/") == 404
    answer = post_query(client, PAGE, {"path": "/spring-picnic/"}).json()
    assert answer["data"]["page"] is None


def test_a_live_page_with_a_go_live_date_ahead_is_not_served(site_tree, client):
    page = publish(f.StandardPageFactory(parent=site_tree.home, slug="autumn-walk"))
    Page.objects.filter(pk=page.pk).update(go_live_at=timezone.now() + timedelta(days=1))

    assert seen(client, "/en/autumn-walk/") == 404
    assert post_query(client, PAGE, {"path": "/autumn-walk/"}).json()["data"]["page"] is None


def test_an_expired_translation_falls_back_like_an_untranslated_page(site_tree, client):
    page = publish(f.StandardPageFactory(parent=site_tree.home, slug="tea-ceremony", title="Tea"))
    ja = page.copy_for_translation(Locale.objects.get(language_code="ja"), copy_parents=True)
    ja.title = "茶道"
    ja.save_revision().publish()
    assert "茶道" in client.get("/ja/tea-ceremony/").content.decode()

    Page.objects.filter(pk=ja.pk).update(expire_at=timezone.now() - timedelta(minutes=1))

    response = client.get("/ja/tea-ceremony/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "茶道" not in html
    assert "Tea" in html


def test_a_tick_with_nothing_due_queues_nothing(site_tree, settings):
    publish(f.StandardPageFactory(parent=site_tree.home))
    assert scheduling.tick() is False
    assert not ScheduledRun.objects.exists()


def test_a_tick_publishes_a_page_whose_go_live_time_has_come(
    site_tree, client, django_capture_on_commit_callbacks
):
    page = f.StandardPageFactory(parent=site_tree.home, slug="reunion-photos", live=False)
    page = schedule_publication(page, timezone.now() + timedelta(minutes=30))
    assert not page.live
    assert scheduling.tick() is False  # not due yet
    assert seen(client, "/en/reunion-photos/") == 404

    go_live_time_passes(page)
    # The test settings run tasks where they are queued: the tick publishes at once.
    with django_capture_on_commit_callbacks(execute=True):
        assert scheduling.tick() is True

    page = fresh(page)
    assert page.live
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()
    assert seen(client, "/en/reunion-photos/") == 200


def test_a_tick_unpublishes_an_expired_page_and_logs_it(
    site_tree, django_capture_on_commit_callbacks
):
    page = publish(f.StandardPageFactory(parent=site_tree.home))
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert scheduling.tick() is True

    page = fresh(page)
    assert not page.live
    assert page.expired
    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish.scheduled").exists()


def test_each_slot_is_queued_once_however_many_schedulers_look(site_tree, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The schedulers' clock is fixed, and the page is due by that clock (not the real one).
    now = datetime(2026, 12, 2, 9, 0, 10, tzinfo=UTC)
    page = publish(f.StandardPageFactory(parent=site_tree.home))
    Page.objects.filter(pk=page.pk).update(expire_at=now - timedelta(minutes=1))

    # Three schedulers on three machines look within the same minute ...
    results = [scheduling.tick(now + timedelta(seconds=s)) for s in (0, 20, 40)]
    assert results == [True, False, False]
    assert queued_publishing().count() == 1
    # ... and the next minute, while the work is still undone, is queued again.
    assert scheduling.tick(now + timedelta(minutes=1)) is True
    assert queued_publishing().count() == 2
    assert ScheduledRun.objects.count() == 2


def test_slots_older_than_a_week_are_pruned(site_tree):
    old = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    ScheduledRun.objects.create(slot=old)
    assert scheduling.claim(old + timedelta(days=8)) is True
    assert list(ScheduledRun.objects.values_list("slot", flat=True)) == [old + timedelta(days=8)]


def test_slots_follow_the_interval_setting():
    moment = datetime(2026, 12, 2, 9, 7, 41, tzinfo=UTC)
    assert scheduling.slot_of(moment, 60) == datetime(2026, 12, 2, 9, 7, tzinfo=UTC)
    assert scheduling.slot_of(moment, 300) == datetime(2026, 12, 2, 9, 5, tzinfo=UTC)


@WORKER_DB
def test_the_scheduler_and_the_real_worker_publish_a_scheduled_page(site_tree, task_worker):
    """The processes `make run` starts: ``run_scheduler`` queues in the database, the worker
    (django-tasks-db's db_worker) runs Wagtail's command."""
    page = f.StandardPageFactory(parent=site_tree.home, live=False)
    page = schedule_publication(page, timezone.now() + timedelta(hours=2))
    go_live_time_passes(page)

    call_command("run_scheduler", once=True, verbosity=0)
    [result] = queued_publishing()
    assert result.status == "READY"
    assert not fresh(page).live

    task_worker()

    result.refresh_from_db()
    assert result.status == "SUCCESSFUL"
    assert fresh(page).live
