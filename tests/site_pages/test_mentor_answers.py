"""A mentor answers members' questions inside a column (the Q&A block,
site_pages/question_answers.py): whom the chooser offers, what readers see, and the asker's one
e-mail when the column is live."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from site_pages.models import MentorColumnPage, MentorQuestion, OutgoingEmail, QuestionStatus
from site_pages.roles import MENTORS_GROUP
from tests import factories as f
from tests.block_factories import stream
from tests.conftest import make_user, publish

pytestmark = pytest.mark.django_db


def ask(mentor, **fields):
    return f.MentorQuestionFactory(assigned_mentor=mentor, **fields)


@pytest.fixture
def setting(users, site_tree):
    mine = f.MentorFactory(name="Dr. Mine", user=users["mentor"])
    other_user = make_user("other-mentor", MENTORS_GROUP)
    theirs = f.MentorFactory(name="Dr. Theirs", user=other_user)
    column = f.MentorColumnPageFactory(
        parent=site_tree.mentors, title="Choosing a lab", mentor=mine
    )
    publish(column)
    return {
        "mine": mine,
        "theirs": theirs,
        "column": MentorColumnPage.objects.get(pk=column.pk),
        "own_question": ask(mine),
        "their_question": ask(theirs, question="Is Osaka expensive?", email="x@example.org"),
    }


def qa_block(question, answer="<p>Visit three labs before you decide.</p>"):
    return ("question_answer", {"question": question, "answer__value": answer})


def with_answers(column, *blocks):
    column.body = stream(*blocks)
    return column


def edit_data(column, *blocks):
    return nested_form_data(
        {
            "title": column.title,
            "slug": column.slug,
            "mentor": str(column.mentor_id),
            "date": column.date.isoformat(),
            "topics": "",
            "intro": column.intro,
            "body": streamfield(
                [
                    ("question_answer", {"question": q.pk, "answer": rich_text(answer)})
                    for q, answer in blocks
                ]
            ),
        }
    )


def post_answer(client, column, question, answer, **buttons):
    """Save ``column`` from its edit view with one block answering ``question``."""
    url = reverse("wagtailadmin_pages:edit", args=(column.pk,))
    return client.post(url, {**edit_data(column, (question, answer)), **buttons})


def chooser_html(response):
    return response.json()["html"]


# --- choosing a question ---------------------------------------------------------------------


def test_a_mentor_is_offered_only_their_assigned_questions(client, users, setting):
    declined = ask(setting["mine"], question="Declined one", status=QuestionStatus.DECLINED)
    client.force_login(users["mentor"])
    html = chooser_html(client.get(reverse("mentor_question_chooser:choose")))
    assert setting["own_question"].question in html
    assert setting["their_question"].question not in html
    assert declined.question not in html
    assert "priya@example.org" not in html and "Priya" not in html
    chosen = reverse("mentor_question_chooser:chosen", args=[setting["their_question"].pk])
    assert client.get(chosen, follow=True).status_code == 404
    own = reverse("mentor_question_chooser:chosen", args=[setting["own_question"].pk])
    assert client.get(own, follow=True).status_code == 200


def test_the_secretariat_is_offered_every_question(client, users, setting):
    client.force_login(users["secretariat"])
    html = chooser_html(client.get(reverse("mentor_question_chooser:choose")))
    assert setting["own_question"].question in html
    assert setting["their_question"].question in html


def test_a_chapter_editor_is_offered_no_question(client, users, setting):
    client.force_login(users["india_editor"])
    html = chooser_html(client.get(reverse("mentor_question_chooser:choose")))
    assert setting["own_question"].question not in html
    assert setting["their_question"].question not in html


def test_a_mentor_cannot_post_another_mentors_question(client, users, setting):
    column = setting["column"]
    client.force_login(users["mentor"])
    response = post_answer(client, column, setting["their_question"], "<p>Yes.</p>")
    assert response.status_code == 200
    assert "This question is not assigned to you" in response.content.decode()
    latest = Page.objects.get(pk=column.pk).specific.get_latest_revision_as_object()
    assert not latest.body.raw_data

    response = post_answer(client, column, setting["own_question"], "<p>Visit.</p>")
    assert response.status_code == 302
    latest = Page.objects.get(pk=column.pk).specific.get_latest_revision_as_object()
    assert latest.body[0].value["question"] == setting["own_question"]


def test_the_secretariat_may_quote_any_question(client, users, setting):
    column = setting["column"]
    client.force_login(users["secretariat"])
    response = post_answer(client, column, setting["their_question"], "<p>Yes.</p>")
    assert response.status_code == 302


# --- what readers see --------------------------------------------------------------------------


def test_a_question_whose_asker_did_not_agree_to_be_quoted_is_offered_to_nobody(
    client, users, setting
):
    # Recorded before the consent was asked for, or stored by hand: no column may quote it.
    unquotable = ask(setting["mine"], question="Not to be quoted", consent_to_quote=False)
    for role in ("mentor", "secretariat"):
        client.force_login(users[role])
        html = chooser_html(client.get(reverse("mentor_question_chooser:choose")))
        assert setting["own_question"].question in html
        assert unquotable.question not in html
    column = setting["column"]
    response = post_answer(client, column, unquotable, "<p>Yes.</p>")
    assert response.status_code == 200
    assert "The asker did not agree that this question is quoted" in response.content.decode()


def test_an_asker_who_did_not_agree_to_be_named_is_introduced_by_country(client, setting):
    column = with_answers(setting["column"], qa_block(setting["own_question"]))
    publish(column)
    html = client.get(column.url).content.decode()
    assert "How do I choose a laboratory in Japan?" in html
    assert "A member from India asks" in html
    assert "Visit three labs before you decide." in html
    assert "Priya" not in html and "Sharma" not in html
    assert "priya@example.org" not in html


def test_a_consenting_asker_is_named_by_first_name(client, setting):
    question = setting["own_question"]
    question.show_name = True
    question.save()
    column = with_answers(setting["column"], qa_block(question))
    publish(column)
    html = client.get(column.url).content.decode()
    assert "Priya from India asks" in html
    assert "Sharma" not in html and "priya@example.org" not in html


def test_the_attribution_is_in_the_readers_language(client, setting):
    column = with_answers(setting["column"], qa_block(setting["own_question"]))
    publish(column)
    translated = column.copy_for_translation(
        Locale.objects.get(language_code="ja"), copy_parents=True
    )
    translated.save_revision().publish()
    translated = MentorColumnPage.objects.get(pk=translated.pk)
    html = client.get(translated.url).content.decode()
    assert "インド" in html
    assert "How do I choose a laboratory in Japan?" in html


# --- the column goes live ----------------------------------------------------------------------


def asker_messages(mailoutbox):
    return [message for message in mailoutbox if "priya@example.org" in message.to]


def test_publishing_answers_the_question_and_mails_the_asker_once(
    setting, mailoutbox, django_capture_on_commit_callbacks
):
    question = setting["own_question"]
    column = with_answers(setting["column"], qa_block(question))
    with django_capture_on_commit_callbacks(execute=True):
        column.save_revision().publish()
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    assert question.answer_id == column.pk
    [message] = mailoutbox
    assert message.to == ["priya@example.org"]
    assert "http://localhost/" in message.body and column.url_path.split("/")[-2] in message.body
    assert message.extra_headers["Content-Language"] == "en"

    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=column.pk).specific.save_revision().publish()
        Page.objects.get(pk=column.pk).specific.unpublish()
        Page.objects.get(pk=column.pk).specific.save_revision().publish()
    assert len(mailoutbox) == 1
    assert OutgoingEmail.objects.filter(to="priya@example.org").count() == 1


def test_retention_forgets_the_asker_but_the_column_keeps_quoting_the_question(
    client, setting, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from site_pages.personal_data import apply_retention

    question = setting["own_question"]
    question.show_name = True
    question.save()
    column = with_answers(setting["column"], qa_block(question))
    with django_capture_on_commit_callbacks(execute=True):
        column.save_revision().publish()
    settings.SAKURA_PERSONAL_DATA_RETENTION_DAYS = 30
    MentorQuestion.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - timedelta(days=40)
    )
    OutgoingEmail.objects.update(sent_at=timezone.now() - timedelta(days=40))
    apply_retention()

    html = client.get(column.url).content.decode()
    assert "How do I choose a laboratory in Japan?" in html
    assert "A member from India asks" in html
    assert "Priya" not in html
    # Published again after its e-mail record is gone: nobody left to tell, nothing fails.
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=column.pk).specific.save_revision().publish()
    assert len(mailoutbox) == 1
    assert not OutgoingEmail.objects.exists()


def test_a_draft_or_a_column_in_review_changes_nothing(
    client, users, setting, mailoutbox, django_capture_on_commit_callbacks
):
    question = setting["own_question"]
    column = setting["column"]
    client.force_login(users["mentor"])
    with django_capture_on_commit_callbacks(execute=True):
        draft = post_answer(client, column, question, "<p>Draft.</p>")
        submitted = post_answer(client, column, question, "<p>Draft.</p>", **{"action-submit": "1"})
    assert draft.status_code == submitted.status_code == 302
    assert Page.objects.get(pk=column.pk).workflow_in_progress
    question.refresh_from_db()
    assert question.status == QuestionStatus.ASSIGNED and question.answer is None
    assert not asker_messages(mailoutbox)
    assert not OutgoingEmail.objects.exists()

    # The Secretariat approves: the column is live, the question answered, the asker told.
    client.force_login(users["secretariat"])
    task_state = Page.objects.get(pk=column.pk).current_workflow_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=(column.pk, "approve", task_state.pk)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(approve, {"comment": ""}).status_code == 302
    assert Page.objects.get(pk=column.pk).live
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED and question.answer_id == column.pk
    [message] = asker_messages(mailoutbox)
    assert column.get_full_url() in message.body


def test_a_scheduled_column_answers_when_it_goes_live(
    setting, mailoutbox, django_capture_on_commit_callbacks
):
    question = setting["own_question"]
    column = with_answers(setting["column"], qa_block(question))
    column.go_live_at = timezone.now() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        column.save_revision().publish()
    question.refresh_from_db()
    assert question.status == QuestionStatus.ASSIGNED and not asker_messages(mailoutbox)

    revision = Revision.objects.get(object_id=str(column.pk), approved_go_live_at__isnull=False)
    past = timezone.now() - timedelta(seconds=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=io.StringIO())
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    assert len(asker_messages(mailoutbox)) == 1


def test_the_link_leads_to_the_askers_language(
    setting, smtp_server, django_capture_on_commit_callbacks
):
    question = setting["own_question"]
    question.language = "ja"
    question.save()
    column = setting["column"]
    translated = column.copy_for_translation(
        Locale.objects.get(language_code="ja"), copy_parents=True
    )
    translated.save_revision().publish()
    translated = MentorColumnPage.objects.get(pk=translated.pk)
    column = with_answers(column, qa_block(question))
    with django_capture_on_commit_callbacks(execute=True):
        column.save_revision().publish()
    [message] = smtp_server.mailbox.to("priya@example.org")
    assert message["Content-Language"] == "ja"
    body = message.get_payload(decode=True).decode()
    assert translated.get_full_url() in body
    assert "サクラメンター" in message["Subject"] or "回答" in message["Subject"]


def test_translators_get_the_answer_but_not_the_question(setting):
    from wagtail_localize.models import TranslationSource

    column = with_answers(setting["column"], qa_block(setting["own_question"]))
    publish(column)
    source, _created = TranslationSource.get_or_create_from_instance(column)
    strings = [s.string.data for s in source.stringsegment_set.select_related("string")]
    assert "Visit three labs before you decide." in strings
    assert not any("laboratory" in string for string in strings)
    assert not source.overridablesegment_set.filter(context__path__contains="question").exists()
