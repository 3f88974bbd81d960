"""A member's question to the Sakura Mentors, in a real browser, from the form to the answer.

A reader asks in Japanese on /ja/sakura-mentor/ask/; the Secretariat passes the question to a
mentor in the admin; the mentor finds it on their dashboard and answers it in their column (the
Q&A block and its question chooser) and submits the column; the Secretariat approves it. The
asker's mailbox (a real SMTP server on loopback) then holds one Japanese e-mail with the
column's address, and the column shows the question and the answer.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from site_pages import models as m
from tests.browser.helpers import approve_from_dashboard, log_in, make_user, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

QUESTION = "研究室を訪問する前に、どんな準備をすればよいですか。"
ANSWER = "Read two recent papers from the lab and bring one question about each."
ASKER = "asker-ja@example.org"


def wait_for_mail(mailbox, address, timeout=10):
    with mailbox.arrived:
        mailbox.arrived.wait_for(lambda: mailbox.to(address), timeout=timeout)
    return mailbox.to(address)


def subject(message):
    # Python's parser keeps the space that folds Django's encoded (non-ASCII) subject line.
    return str(message["Subject"]).strip()


def test_a_question_asked_in_japanese_is_answered_in_a_column_and_the_asker_told(
    demo, open_page, smtp_server, settings
):
    # A person fills the form in seconds; the browser here is faster than the bot threshold.
    settings.SAKURA_SUBMISSION_MIN_FILL_SECONDS = 0
    mentor = m.Mentor.objects.get(slug="haruka-mori", locale__language_code="en")
    mentor.user = make_user("mori", "Mentors")
    mentor.save()
    make_user("tanaka", "Secretariat")
    column = m.MentorColumnPage.objects.get(slug="choosing-a-laboratory")

    # The reader asks, in Japanese, agrees that a column may quote the question (the label is
    # the Japanese one) and that their first name appears with it.
    reader = open_page(width=375)
    reader.goto(demo + "/ja/sakura-mentor/ask/")
    assert reader.get_by_role("heading", level=1).inner_text() == "サクラメンターに質問する"
    form = reader.locator("form.ask-form")
    form.locator("[name=question]").fill(QUESTION)
    form.locator("[name=topic]").select_option("study")
    form.locator("[name=programme_year]").fill("2019")
    form.locator("[name=name]").fill("Priya Sharma")
    form.get_by_label(
        "メンターが公開コラムで私の質問を国名とともに引用することに同意します"
    ).check()
    form.locator("[name=show_name]").check()
    form.locator("[name=email]").fill(ASKER)
    form.locator("[name=country]").select_option("IN")
    screenshot(reader, "ask_mentor_form_ja_375")
    form.get_by_role("button", name="質問を送信").click()
    reader.wait_for_url("**/ja/sakura-mentor/ask/thanks/")
    question = m.MentorQuestion.objects.get(email=ASKER)
    assert (question.language, question.status) == ("ja", "new")
    assert (question.consent_to_quote, question.show_name) == (True, True)
    [receipt] = wait_for_mail(smtp_server.mailbox, ASKER)
    assert subject(receipt) == "サクラメンターへのご質問を受け付けました"
    smtp_server.mailbox.clear()

    # The Secretariat passes it to Dr. Mori.
    secretariat = open_page()
    log_in(secretariat, demo, "tanaka")
    secretariat.goto(demo + reverse("wagtailsnippets_site_pages_mentorquestion:list"))
    secretariat.get_by_role("link", name=QUESTION).click()
    secretariat.select_option("#id_status", "assigned")
    secretariat.get_by_role("button", name="Choose mentor").click()
    secretariat.locator(".modal").get_by_role("link", name="Dr. Haruka Mori").first.click()
    secretariat.locator(".modal").wait_for(state="hidden")
    secretariat.get_by_role("button", name="Save").first.click()
    secretariat.wait_for_url("**/mentorquestion/")
    question.refresh_from_db()
    # Compared by id: reading the mentor's table from this thread would lock it (SQLite's shared
    # in-memory database) while the live server saves the column.
    assert (question.status, question.assigned_mentor_id) == ("assigned", mentor.pk)

    # The mentor sees it on their dashboard, without the asker's address.
    writer = open_page()
    log_in(writer, demo, "mori")
    panel = writer.locator("#assigned-questions-content")
    assert QUESTION in panel.inner_text()
    assert ASKER not in writer.content()
    screenshot(writer, "mentor_dashboard_question")

    # ... and answers it at the end of their column, then submits the column.
    writer.goto(demo + reverse("wagtailadmin_pages:edit", args=[column.pk]))
    writer.get_by_role("button", name="Insert a block").last.click()
    writer.get_by_role("option", name="Question and answer").click()
    block = writer.locator("[data-contentpath=body] [data-contentpath]").filter(
        has=writer.get_by_role("button", name="Choose a question")
    )
    block.get_by_role("button", name="Choose a question").last.click()
    modal = writer.locator(".modal")
    modal.get_by_role("link", name=QUESTION).click()
    modal.wait_for(state="hidden")
    answer = writer.locator("[data-contentpath=answer] [contenteditable=true]").last
    answer.click()
    answer.press_sequentially(ANSWER)
    # Draftail writes its hidden input after the keystrokes: submit once it holds the answer.
    saved = writer.locator("[data-contentpath=answer] input[type=hidden]").last
    expect(saved).to_have_value(re.compile("bring one question about each"))
    writer.get_by_role("button", name="More actions").click()
    writer.get_by_role("button", name="Submit to Secretariat approval").click()
    writer.wait_for_url(demo + f"/admin/pages/{column.get_parent().pk}/")
    assert "submitted for moderation" in writer.locator(".messages").inner_text()
    assert wait_for_mail(smtp_server.mailbox, ASKER, timeout=0) == []

    # The Secretariat approves: the column is live and the asker is told, in Japanese.
    message = approve_from_dashboard(secretariat, demo, column.title)
    assert f"You approved “{column.title}”. It is published." in message
    question.refresh_from_db()
    assert (question.status, question.answer_id) == ("answered", column.pk)

    [message] = wait_for_mail(smtp_server.mailbox, ASKER)
    assert subject(message) == "サクラメンターがご質問に回答しました"
    assert message["Content-Language"] == "ja"
    body = message.get_payload(decode=True).decode()
    assert "サクラメンターへのご質問ありがとうございました" in body
    assert column.url in body

    reader.goto(demo + column.url)
    quote = reader.locator(".question-answer-block", has_text=QUESTION)
    assert "Priya" in quote.inner_text()
    assert "Sharma" not in quote.inner_text()
    assert ANSWER in quote.inner_text()
    assert ASKER not in reader.content()
    screenshot(reader, "column_with_answer_375")
