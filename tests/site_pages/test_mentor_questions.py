"""Ask a Sakura Mentor on the site (the same rules as ``askMentor``: site_pages/question_intake.py)
and the Secretariat's triage of the questions in the admin."""

import functools

import pytest
from django.test import Client
from django.urls import reverse

from site_pages.models import MentorQuestion, QuestionStatus
from tests import factories as f
from tests.conftest import make_user
from tests.site_pages import reader_forms
from tests.site_pages.reader_forms import started


@pytest.fixture
def ja_mentors(site_tree):
    return reader_forms.japanese(site_tree, site_tree.mentors, "サクラメンター")


def ask_url(index):
    return index.url + index.reverse_subpage("ask")


QUESTION = {
    "question": "研究室の選び方を教えてください。",
    "topic": "study",
    "name": "Nguyen Van An",
    "email": "an@example.org",
    "country": "VN",
    "programme_year": "2018",
    "consent_to_quote": "on",
}


def form_data(**changes):
    return reader_forms.filled(QUESTION, changes)


def test_the_section_links_to_the_form_in_every_language(client, site_tree, ja_mentors):
    reader_forms.assert_linked_in_every_language(client, (site_tree.mentors, ja_mentors), ask_url)


def test_asking_in_japanese(client, ja_mentors, mailoutbox, django_capture_on_commit_callbacks):
    html = reader_forms.shown_form(client, ask_url(ja_mentors))
    assert "サクラメンターに質問する" in html
    send = functools.partial(reader_forms.send, client, django_capture_on_commit_callbacks)
    response = send(ask_url(ja_mentors), form_data())
    thanks = client.get(response["Location"])
    assert "ご質問ありがとうございます" in thanks.content.decode()
    question = MentorQuestion.objects.get()
    assert (question.language, question.status) == ("ja", QuestionStatus.NEW)
    assert (question.consent_to_quote, question.show_name) == (True, False)
    assert mailoutbox[0].subject == "サクラメンターへのご質問を受け付けました"
    # The same form sent twice (a double click, a reload) asks once.
    send(ask_url(ja_mentors), form_data())
    assert MentorQuestion.objects.count() == 1
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"question": ""}, "この項目は必須です"),
        ({"email": "nope"}, "有効なメールアドレスを入力してください。"),
        ({"question": "あ" * 4001}, "4000"),
        ({"programme_year": "2999"}, "プログラム参加年に未来の年は指定できません。"),
        ({"topic": "gossip"}, "正しく選択してください"),
        ({"mentor": "nobody"}, "正しく選択してください"),
        ({"country": "XX"}, "正しく選択してください"),
        ({"consent_to_quote": ""}, "ご質問がコラムで引用されることに同意してください"),
    ],
)
def test_errors_are_shown_in_japanese(client, ja_mentors, changes, message):
    response = client.post(ask_url(ja_mentors), form_data(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MentorQuestion.objects.exists()


def test_odd_input_never_breaks_the_form(client, ja_mentors):
    odd = ({}, {"programme_year": "x" * 50}, {"question": "\x00"}, {"show_name": "maybe"})
    reader_forms.assert_odd_input_shows_the_form(client, ask_url(ja_mentors), odd, MentorQuestion)


def test_the_honeypot_thanks_the_bot_and_stores_nothing(client, ja_mentors, mailoutbox):
    response = client.post(ask_url(ja_mentors), form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not MentorQuestion.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("token", [None, "forged", "fresh"])
def test_a_form_sent_too_fast_is_thanked_and_dropped(client, ja_mentors, mailoutbox, token):
    data = form_data()
    if token is None:
        del data["started"]
    else:
        data["started"] = started(0) if token == "fresh" else token
    response = client.post(ask_url(ja_mentors), data)
    assert response.status_code == 302
    assert not MentorQuestion.objects.exists()
    assert mailoutbox == []


def test_a_quick_reader_still_sees_what_to_correct(client, ja_mentors):
    response = client.post(ask_url(ja_mentors), form_data(started=started(0), email="nope"))
    assert response.status_code == 200
    assert "有効なメールアドレスを入力してください。" in response.content.decode()


def test_the_form_is_rate_limited(client, ja_mentors, settings):
    reader_forms.assert_one_post_per_email(
        client, settings, ask_url(ja_mentors), form_data, MentorQuestion
    )


def test_the_form_refuses_a_post_without_csrf_token(ja_mentors):
    client = Client(enforce_csrf_checks=True)
    response = client.post(ask_url(ja_mentors), form_data())
    assert response.status_code == 403
    assert not MentorQuestion.objects.exists()


# --- the Secretariat's triage -------------------------------------------------------------------


@pytest.fixture
def question(site_tree):
    return MentorQuestion.objects.create(
        question="Which scholarships cover a master's degree?",
        topic="scholarships",
        name="Private Person",
        email="private@example.org",
        language="id",
    )


def listing_url():
    return reverse("wagtailsnippets_site_pages_mentorquestion:list")


def edit_url(question):
    return reverse("wagtailsnippets_site_pages_mentorquestion:edit", args=[question.pk])


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("secretariat", True),
        ("superuser", True),
        ("india_editor", False),
        ("indonesia_editor", False),
        ("mentor", False),
    ],
)
def test_only_the_secretariat_sees_questions(client, users, question, role, allowed):
    user = users.get(role) or make_user("root", superuser=True)
    client.force_login(user)
    listing = client.get(listing_url())
    edit = client.get(edit_url(question))
    if allowed:
        assert listing.status_code == 200 and edit.status_code == 200
        assert "Which scholarships" in listing.content.decode()
        assert "private@example.org" in edit.content.decode()
    else:
        for response in (listing, edit):
            assert response.status_code in (302, 403)
            assert "private@example.org" not in response.content.decode()
            assert "Which scholarships" not in response.content.decode()
        menu = client.get(reverse("wagtailadmin_home")).content.decode()
        assert listing_url() not in menu


def test_nobody_adds_questions_in_the_admin(admin_client, question):
    assert admin_client.get(listing_url()).status_code == 200
    add = reverse("wagtailsnippets_site_pages_mentorquestion:add")
    assert admin_client.get(add).status_code in (302, 403)


def test_the_secretariat_filters_and_assigns(client, users, question):
    mentor = f.MentorFactory(name="Dr. Sato")
    other = MentorQuestion.objects.create(
        question="Is Osaka expensive?", topic="life", name="X", email="x@example.org", language="ja"
    )
    client.force_login(users["secretariat"])
    by_topic = client.get(listing_url(), {"topic": "life"}).content.decode()
    assert "Is Osaka expensive?" in by_topic and "Which scholarships" not in by_topic
    by_language = client.get(listing_url(), {"language": "id"}).content.decode()
    assert "Which scholarships" in by_language and "Is Osaka" not in by_language
    response = client.post(
        edit_url(question), {"status": "assigned", "assigned_mentor": mentor.pk, "answer": ""}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.status, question.assigned_mentor) == ("assigned", mentor)
    # What the asker sent is read-only in the admin.
    assert question.email == "private@example.org"
    by_status = client.get(listing_url(), {"status": "assigned"}).content.decode()
    assert "Which scholarships" in by_status and "Is Osaka" not in by_status
    by_mentor = client.get(listing_url(), {"assigned_mentor": mentor.pk}).content.decode()
    assert "Which scholarships" in by_mentor
    assert other.status == "new"


def test_the_secretariat_sees_whether_the_asker_agreed_to_be_quoted(client, users, question):
    quotable = f.MentorQuestionFactory(
        question="May I quote myself?", status=QuestionStatus.NEW, assigned_mentor=None
    )
    client.force_login(users["secretariat"])
    listing = client.get(listing_url()).content.decode()
    assert "consent to be quoted" in listing.lower()
    agreed = client.get(listing_url(), {"consent_to_quote": "true"}).content.decode()
    assert "May I quote myself?" in agreed and "Which scholarships" not in agreed
    edit = client.get(edit_url(quotable)).content.decode()
    assert "Only such questions can be answered in a column." in edit
    # Recorded as the asker gave it: a read-only field, which a post does not change.
    client.post(edit_url(question), {"status": "new", "consent_to_quote": "on", "answer": ""})
    question.refresh_from_db()
    assert question.consent_to_quote is False


def test_a_mentor_sees_the_questions_assigned_to_them_on_the_dashboard(client, users, question):
    own = f.MentorFactory(name="Dr. Own", user=users["mentor"])
    someone_else = f.MentorFactory(name="Dr. Other")
    question.status, question.assigned_mentor = "assigned", own
    question.save()
    # Askers who did not agree to be quoted (the factory's question agrees).
    consented = f.MentorQuestionFactory(
        question="May I visit your lab?",
        name="Agreed Asker",
        show_name=True,
        assigned_mentor=own,
        consent_to_quote=False,
    )
    f.MentorQuestionFactory(
        question="Not yours to answer", assigned_mentor=someone_else, consent_to_quote=False
    )
    client.force_login(users["mentor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Which scholarships" in html and consented.question in html
    assert "Not yours to answer" not in html
    assert "Agreed Asker" in html
    assert "Private Person" not in html
    assert "@example.org" not in html
    # The list and the edit view stay the Secretariat's.
    assert client.get(edit_url(question)).status_code in (302, 403)
    # An editor who is not this mentor sees no panel.
    client.force_login(users["india_editor"])
    assert "Which scholarships" not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize(
    ("status", "field"), [("assigned", "assigned_mentor"), ("answered", "answer")]
)
def test_a_status_needs_its_mentor_or_column(client, users, question, status, field):
    client.force_login(users["secretariat"])
    response = client.post(
        edit_url(question), {"status": status, "assigned_mentor": "", "answer": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    question.refresh_from_db()
    assert question.status == "new"


def test_the_confirmation_arrives_over_smtp_in_japanese(
    client, ja_mentors, smtp_server, django_capture_on_commit_callbacks
):
    reader_forms.send(client, django_capture_on_commit_callbacks, ask_url(ja_mentors), form_data())
    [message] = smtp_server.mailbox.to("an@example.org")
    # A long encoded subject is folded onto its own line; the parser keeps the fold's space.
    assert message["Subject"].strip() == "サクラメンターへのご質問を受け付けました"
    assert message["Content-Language"] == "ja"
    body = message.get_content()
    assert "Nguyen Van An 様" in body and "研究室の選び方を教えてください。" in body
