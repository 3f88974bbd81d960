"""Answering members' questions inside a Sakura Mentor column (the Q&A block).

Who may answer which question, how the asker is named to readers, and what happens when the
column goes live: the questions it answers become ANSWERED and each asker is told once, in
their language, where to read the answer. The site's block template and the API's block type
both read the attribution from here.
"""

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from site_pages.mail import queue_email
from site_pages.mentor_access import own_mentors
from site_pages.models import MentorQuestion, QuestionStatus

QUESTION_ANSWER_BLOCK = "question_answer"


def may_answer_any(user):
    """The Secretariat (who triage the questions) may quote any question in any column."""
    return user.is_active and (
        user.is_superuser or user.has_perm("site_pages.change_mentorquestion")
    )


def answerable_questions(user):
    """The questions a user may quote in a column: those whose asker agreed to be quoted, and,
    for a mentor, assigned to them."""
    questions = MentorQuestion.objects.exclude(status=QuestionStatus.DECLINED).filter(
        consent_to_quote=True
    )
    if may_answer_any(user):
        return questions
    if not user.is_active:
        return questions.none()
    return questions.filter(assigned_mentor__in=own_mentors(user))


def question_ids(stream_value):
    """Ids of the questions quoted in a column body, in order, from the stored JSON."""
    ids = []
    for item in stream_value.raw_data:
        if item.get("type") == QUESTION_ANSWER_BLOCK:
            pk = (item.get("value") or {}).get("question")
            if pk and pk not in ids:
                ids.append(pk)
    return ids


def first_name(name):
    parts = name.split()
    return parts[0] if parts else ""


def asker_name(question):
    """The asker's first name, only when they agreed that it appears with the answer."""
    return first_name(question.name) if question.show_name else None


def asker_country(question):
    """The asker's country in the active language, or None."""
    return str(question.country.name) if question.country else None


def asker_line(question):
    """How the quote is introduced to readers ("Priya from India asks")."""
    name, country = asker_name(question), asker_country(question)
    if name and country:
        return _("%(name)s from %(country)s asks") % {"name": name, "country": country}
    if name:
        return _("%(name)s asks") % {"name": name}
    if country:
        return _("A member from %(country)s asks") % {"country": country}
    return _("A member asks")


def column_url_for(column, language):
    """The column's full URL in the asker's language when that translation is live."""
    from site_pages.models import MentorColumnPage

    translated = (
        MentorColumnPage.objects.live()
        .public()
        .filter(translation_key=column.translation_key, locale__language_code=language)
        .first()
    )
    return (translated or column).get_full_url()


def answer_email_key(question):
    """One answer e-mail per question, whichever column or translation goes live first."""
    return f"mentor-answer:{question.pk}"


def answer_email(question, column):
    with translation.override(question.language):
        url = column_url_for(column, question.language)
        subject = _("A Sakura Mentor has answered your question")
        greeting = _("Dear %(name)s,") % {"name": question.name} if question.name else ""
        lines = [
            greeting,
            "",
            _("Thank you for asking the Sakura Mentors. Your question has been answered:"),
            "",
            url,
            "",
            _("The Sakura Science Club Secretariat"),
        ]
        return subject, "\n".join(lines).lstrip("\n")


def answer_questions(sender, instance, **kwargs):
    """``page_published`` receiver: a live column answers the questions it quotes.

    Wagtail sends the signal for every way a page goes live (publish, scheduled publishing,
    workflow approval); drafts and columns in review send nothing. The e-mail key makes a
    republished column, or its translations going live, tell nobody twice.
    """
    column = instance
    ids = question_ids(column.body)
    if not ids:
        return
    questions = MentorQuestion.objects.filter(pk__in=ids).exclude(status=QuestionStatus.DECLINED)
    for question in questions:
        if question.status != QuestionStatus.ANSWERED or question.answer_id is None:
            question.status = QuestionStatus.ANSWERED
            question.answer = column
            question.save(update_fields=["status", "answer"])
        if not question.email:
            continue  # the asker was forgotten (retention or erasure): nobody to tell
        subject, body = answer_email(question, column)
        queue_email(
            key=answer_email_key(question),
            to=question.email,
            subject=subject,
            body=body,
            language=question.language,
        )


def unanswerable_blocks(user, stream_value):
    """{block index: message} for Q&A blocks quoting a question the user may not answer."""
    chosen = {
        index: (item.get("value") or {}).get("question")
        for index, item in enumerate(stream_value.raw_data)
        if item.get("type") == QUESTION_ANSWER_BLOCK
    }
    if not chosen:
        return {}
    allowed = set(
        answerable_questions(user)
        .filter(Q(pk__in=[pk for pk in chosen.values() if pk]))
        .values_list("pk", flat=True)
    )
    refused = {pk for pk in chosen.values() if pk and pk not in allowed}
    unquotable = set(
        MentorQuestion.objects.filter(pk__in=refused, consent_to_quote=False).values_list(
            "pk", flat=True
        )
    )
    return {
        index: _("The asker did not agree that this question is quoted in a column.")
        if pk in unquotable
        else _("This question is not assigned to you; choose one of your own questions.")
        for index, pk in chosen.items()
        if pk in refused
    }
