"""A mentor's questions on their admin dashboard: those the Secretariat assigned to them.

Mentors hold no permission on MentorQuestion (``submission_access.py``), so this panel is how
they see their questions, and it shows only what they need to answer one: never the asker's
e-mail address, and their name only when the asker agreed to show it.
"""

from site_pages.dashboard_panels import WorkPanel
from site_pages.mentor_access import own_mentors
from site_pages.models import MentorQuestion, QuestionStatus


def assigned_questions(user):
    return MentorQuestion.objects.filter(
        assigned_mentor__in=own_mentors(user), status=QuestionStatus.ASSIGNED
    ).order_by("created_at")


def for_mentor(question):
    """What a mentor may read of a question."""
    return {
        "text": question.question,
        "topic": question.get_topic_display(),
        "language": question.get_language_display(),
        "country": question.country.name if question.country else "",
        "programme_year": question.programme_year,
        "asked_at": question.created_at,
        "asker": question.name if question.show_name else "",
    }


class AssignedQuestionsPanel(WorkPanel):
    name = "assigned_questions"
    template_name = "site_pages/admin/assigned_questions_panel.html"
    order = 90
    context_name = "questions"


def panel_for(user):
    if not user.is_active:
        return None
    questions = [for_mentor(question) for question in assigned_questions(user)]
    return AssignedQuestionsPanel(questions) if questions else None
