"""The chooser of the Q&A block (``MentorQuestionChooserBlock``): a mentor is offered the
questions assigned to them, the Secretariat every question (``question_answers.py``).

Mentors hold no permission on MentorQuestion, so the snippet chooser would refuse them; this
chooser shows only the question text, never the asker's name or e-mail address.
"""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from site_pages.question_answers import answerable_questions


class AnswerableQuestionsMixin:
    request: HttpRequest  # set by the Wagtail chooser view this is combined with

    def get_object_list(self):
        return answerable_questions(self.request.user).order_by("status", "-created_at")


class QuestionChooseView(AnswerableQuestionsMixin, ChooseView):
    pass


class QuestionChooseResultsView(AnswerableQuestionsMixin, ChooseResultsView):
    pass


class QuestionChosenView(ChosenView):
    def get_object(self, pk):
        return answerable_questions(self.request.user).get(pk=pk)


class MentorQuestionChooserViewSet(ChooserViewSet):
    model = "site_pages.MentorQuestion"
    icon = "help"
    choose_one_text = _("Choose a question")
    choose_another_text = _("Choose another question")
    edit_item_text = None
    choose_view_class = QuestionChooseView
    choose_results_view_class = QuestionChooseResultsView
    chosen_view_class = QuestionChosenView
    # The block names this chooser itself; the triage form's fields keep Wagtail's widgets.
    register_widget = False


question_chooser_viewset = MentorQuestionChooserViewSet("mentor_question_chooser")
