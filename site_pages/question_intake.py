"""A question for the Sakura Mentors, received through ``submission_intake.py`` from the site
and the API: validated by ``question_form.py``, stored as a MentorQuestion, confirmed by e-mail
in the asker's language."""

from functools import partial

from django.utils.translation import gettext_lazy

from site_pages.models import MentorQuestion
from site_pages.question_form import MentorQuestionForm
from site_pages.submission_intake import Intake, receive


class QuestionIntake(Intake):
    form_class = MentorQuestionForm
    model = MentorQuestion
    rate_group = "ask-mentor"
    rate_limited_text = gettext_lazy(
        "Too many questions in a short time. Please try again in %(minutes)s minutes."
    )
    receipt_key = "mentor-question-received"
    receipt_subject = gettext_lazy("Your question to the Sakura Mentors")
    receipt_template = "site_pages/mail/mentor_question_received.txt"

    def store(self, request, form, idempotency_key):
        question = form.save(commit=False)
        question.idempotency_key = idempotency_key
        question.save()
        return question

    def receipt_context(self, question, form):
        return {"question": question}


QUESTIONS = QuestionIntake()


# What the API's ``askMentor`` runs: ``receive`` bound to this kind of submission.
ask_mentor = partial(receive, QUESTIONS)
