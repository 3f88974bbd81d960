"""A question for the Sakura Mentors, received through ``submission_intake.py`` from the site
and the API: validated by ``question_form.py``, stored as a MentorQuestion, confirmed by e-mail
in the asker's language."""

from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from site_pages.mail import queue_email_in
from site_pages.models import MentorQuestion
from site_pages.question_form import MentorQuestionForm
from site_pages.submission_intake import Intake, receive


class QuestionIntake(Intake):
    form_class = MentorQuestionForm
    model = MentorQuestion
    rate_group = "ask-mentor"

    def rate_limited_message(self, minutes):
        return _("Too many questions in a short time. Please try again in %(minutes)s minutes.") % {
            "minutes": minutes
        }

    def store(self, request, form, idempotency_key):
        question = form.save(commit=False)
        question.idempotency_key = idempotency_key
        question.save()
        return question

    def confirm(self, question, form):
        queue_email_in(
            question.language,
            key=f"mentor-question-received:{question.pk}",
            to=question.email,
            subject=gettext_lazy("Your question to the Sakura Mentors"),
            template="site_pages/mail/mentor_question_received.txt",
            context={"question": question},
        )


QUESTIONS = QuestionIntake()


# What the API's ``askMentor`` runs: ``receive`` bound to this kind of submission.
ask_mentor = partial(receive, QUESTIONS)
