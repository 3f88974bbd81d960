"""Access, erasure and retention of members' personal data (site_pages/personal_data.py):
``export_personal_data EMAIL``, ``erase_personal_data EMAIL`` and the daily retention rule."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from freezegun import freeze_time
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry

from site_pages.models import (
    MemberVoicePage,
    MemberVoiceSubmission,
    MentorQuestion,
    OutgoingEmail,
    QuestionStatus,
)
from site_pages.personal_data import apply_retention
from site_pages.voice_intake import draft_voice
from tests import factories as f
from tests.conftest import WORKER_DB, publish

pytestmark = pytest.mark.django_db

AYU = "Ayu@Example.org"
OTHER = "someone-else@example.org"


def ask(email, *, status=QuestionStatus.NEW, days_ago=0):
    question = MentorQuestion.objects.create(
        question="How do I find a lab in Japan?",
        topic="research",
        name="Ayu Lestari",
        email=email,
        language="id",
        country="ID",
        programme_year=2019,
        status=status,
    )
    MentorQuestion.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return question


def send_voice(site_tree, email, *, live=False, days_ago=0, photo=True):
    page = draft_voice(
        site_tree.voices,
        name="Ayu Lestari",
        country="ID",
        message="Kyoto changed how I work.\n\nThank you, mentors.",
        programme="Sakura Science High School Program",
        programme_year=2019,
        photo=f.ImageFactory(title="Submitted photo") if photo else None,
    )
    submission = MemberVoiceSubmission.objects.create(
        page=page, email=email, language="id", consent_to_publish=True
    )
    MemberVoiceSubmission.objects.filter(pk=submission.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    if live:
        publish(page)
    return MemberVoicePage.objects.get(pk=page.pk)


def mail(email, *, sent_days_ago=None, key="k"):
    sent_at = None if sent_days_ago is None else timezone.now() - timedelta(days=sent_days_ago)
    return OutgoingEmail.objects.create(
        key=key, to=email, subject="Thank you", body="We received it.", sent_at=sent_at
    )


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_export_lists_everything_held_about_the_address_in_any_case(site_tree):
    ask(AYU)
    send_voice(site_tree, AYU)
    mail(AYU, sent_days_ago=1)
    ask(OTHER)

    data = json.loads(run("export_personal_data", "ayu@example.org"))

    [question] = data["mentor_questions"]
    assert question["name"] == "Ayu Lestari" and question["email"] == AYU
    assert question["question"] == "How do I find a lab in Japan?"
    [voice] = data["member_voices"]
    assert voice["name"] == "Ayu Lestari" and voice["published"] is False
    assert voice["message"] == "Kyoto changed how I work.\n\nThank you, mentors."
    assert voice["programme"] == "Sakura Science High School Program"
    [sent] = data["emails_sent"]
    assert sent["subject"] == "Thank you" and sent["sent_at"]
    assert OTHER not in json.dumps(data)


def test_erasure_removes_questions_drafts_photos_and_mail_and_keeps_others(site_tree):
    ask(AYU)
    draft = send_voice(site_tree, AYU)
    photo_id = draft.photo_id
    mail(AYU)
    theirs = ask(OTHER)
    other_voice = send_voice(site_tree, OTHER, photo=False)
    from wagtail.models import PageLogEntry

    assert PageLogEntry.objects.filter(page_id=draft.pk).exists()  # titled with the name

    output = run("erase_personal_data", AYU.upper())

    assert "Erased 1 mentor question(s), 1 draft voice(s), 0 published voice(s)" in output
    assert not MentorQuestion.objects.filter(email__iexact=AYU).exists()
    assert not MemberVoicePage.objects.filter(pk=draft.pk).exists()
    assert not MemberVoiceSubmission.objects.filter(email__iexact=AYU).exists()
    assert not get_image_model().objects.filter(pk=photo_id).exists()
    assert not OutgoingEmail.objects.filter(to__iexact=AYU).exists()
    assert MentorQuestion.objects.filter(pk=theirs.pk).exists()
    assert MemberVoiceSubmission.objects.filter(page=other_voice).exists()
    assert not PageLogEntry.objects.filter(page_id=draft.pk).exists()
    assert PageLogEntry.objects.filter(page_id=other_voice.pk).exists()
    assert json.loads(run("export_personal_data", AYU)) == {
        "email": AYU,
        "mentor_questions": [],
        "member_voices": [],
        "emails_sent": [],
        "newsletter_subscriptions": [],
    }


def test_a_published_voice_is_kept_unless_the_secretariat_unpublishes_it(site_tree):
    published = send_voice(site_tree, AYU, live=True)

    output = run("erase_personal_data", AYU)
    assert "Kept published voice" in output and "--unpublish" in output
    assert MemberVoicePage.objects.filter(pk=published.pk, live=True).exists()

    output = run("erase_personal_data", AYU, "--unpublish")
    assert "1 published voice(s)" in output
    assert not MemberVoicePage.objects.filter(pk=published.pk).exists()


def test_a_malformed_address_is_refused_by_name():
    with pytest.raises(CommandError, match="is not an e-mail address"):
        call_command("export_personal_data", "not-an-address")
    with pytest.raises(CommandError, match="is not an e-mail address"):
        call_command("erase_personal_data", "not-an-address")


def test_retention_deletes_only_spent_data_past_the_period(site_tree, settings):
    settings.SAKURA_PERSONAL_DATA_RETENTION_DAYS = 30
    old_answered = ask(AYU, status=QuestionStatus.ANSWERED, days_ago=40)
    old_declined = ask(AYU, status=QuestionStatus.DECLINED, days_ago=40)
    old_open = ask(AYU, status=QuestionStatus.ASSIGNED, days_ago=40)
    recent_answered = ask(AYU, status=QuestionStatus.ANSWERED, days_ago=5)
    old_live = send_voice(site_tree, AYU, live=True, days_ago=40, photo=False)
    recent_draft = send_voice(site_tree, OTHER, days_ago=5, photo=False)
    old_sent = mail(AYU, sent_days_ago=40, key="old-sent")
    unsent = mail(AYU, key="unsent")
    OutgoingEmail.objects.filter(pk=unsent.pk).update(created_at=timezone.now() - timedelta(60))

    result = apply_retention()

    assert (result.questions, result.voice_records, result.emails) == (2, 1, 1)
    remaining = set(MentorQuestion.objects.values_list("pk", flat=True))
    assert remaining == {old_open.pk, recent_answered.pk, old_answered.pk}
    # An answered question stays for the column that quotes it, without its asker.
    old_answered.refresh_from_db()
    assert (old_answered.name, old_answered.email, old_answered.show_name) == ("", "", False)
    assert old_answered.question == "How do I find a lab in Japan?"
    assert old_answered.country.code == "ID"
    assert MentorQuestion.objects.get(pk=recent_answered.pk).email == AYU
    assert old_declined.pk not in remaining
    # The published voice stays, without the record of who sent it; a recent draft waits.
    assert MemberVoicePage.objects.filter(pk=old_live.pk, live=True).exists()
    assert not MemberVoiceSubmission.objects.filter(page=old_live).exists()
    assert MemberVoiceSubmission.objects.filter(page=recent_draft).exists()
    assert not OutgoingEmail.objects.filter(pk=old_sent.pk).exists()
    assert OutgoingEmail.objects.filter(pk=unsent.pk).exists()
    assert "anonymised 0 question(s)" in run("apply_retention")  # idempotent


def reject(page, user):
    """The Secretariat's "Request changes" on a voice in its workflow."""
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state.specific, user, "reject")


def test_retention_deletes_voices_left_unpublished_and_untouched_past_the_period(
    site_tree, users, settings
):
    settings.SAKURA_PERSONAL_DATA_RETENTION_DAYS = 30
    secretariat = users["secretariat"]
    with freeze_time(timezone.now() - timedelta(days=40)):
        never_decided = send_voice(site_tree, AYU)  # with its photo
        rejected = send_voice(site_tree, "rejected@example.org", photo=False)
        reject(rejected, secretariat)
        rejected_lately = send_voice(site_tree, "lately@example.org", photo=False)
        edited_lately = send_voice(site_tree, "edited@example.org", photo=False)
        taken_down = send_voice(site_tree, "down@example.org", live=True, photo=False)
    with freeze_time(timezone.now() - timedelta(days=35)):
        taken_down.unpublish(user=secretariat)
    with freeze_time(timezone.now() - timedelta(days=5)):
        reject(rejected_lately, secretariat)
        edited_lately.save_revision(user=secretariat)
        taken_down_lately = send_voice(site_tree, "down2@example.org", live=True, photo=False)
        taken_down_lately.unpublish(user=secretariat)
    photo = never_decided.photo
    spent = [never_decided, rejected, taken_down]

    result = apply_retention()

    assert result.voice_drafts == 3
    kept = set(MemberVoicePage.objects.values_list("pk", flat=True))
    assert kept == {rejected_lately.pk, edited_lately.pk, taken_down_lately.pk}
    for page in spent:
        assert not PageLogEntry.objects.filter(page_id=page.pk).exists()
    assert not get_image_model().objects.filter(pk=photo.pk).exists()
    assert set(MemberVoiceSubmission.objects.values_list("email", flat=True)) == {
        "lately@example.org",
        "edited@example.org",
        "down2@example.org",
    }
    assert "0 unpublished voice(s)" in run("apply_retention")


@WORKER_DB
def test_the_scheduler_queues_the_retention_rule_daily(site_tree, settings, task_worker):
    from django_tasks_db.models import DBTaskResult

    from site_pages.scheduling import queue_daily_work

    settings.SAKURA_PERSONAL_DATA_RETENTION_DAYS = 30
    spent = ask(AYU, status=QuestionStatus.DECLINED, days_ago=40)
    queue_daily_work()
    [result] = DBTaskResult.objects.filter(task_path__endswith="apply_retention_task")
    task_worker()
    result.refresh_from_db()
    assert result.status == "SUCCESSFUL"
    assert not MentorQuestion.objects.filter(pk=spent.pk).exists()
