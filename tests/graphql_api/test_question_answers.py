"""The Q&A block of a mentor column in the API: the question quoted from the MentorQuestion,
the asker named only with consent, never their e-mail address, and a constant query count."""

import json

import pytest
from wagtail.models import Locale

from site_pages.models import MentorColumnPage
from tests import factories as f
from tests.block_factories import stream
from tests.conftest import publish

pytestmark = pytest.mark.django_db

QUERY = """query ($path: String!, $locale: Locale) { page(path: $path, locale: $locale) {
    ... on MentorColumnPage { body { __typename ... on QuestionAnswerBlock {
        id question askerName askerCountry { code name } answer } } } } }"""


def ask(mentor, number=0, **fields):
    return f.MentorQuestionFactory(
        assigned_mentor=mentor,
        question=f"How do I choose a laboratory? ({number})",
        email=f"priya{number}@example.org",
        **fields,
    )


def column_answering(site_tree, questions, slug="answers"):
    column = f.MentorColumnPageFactory(
        parent=site_tree.mentors, slug=slug, mentor=questions[0].assigned_mentor
    )
    column.body = stream(
        *[
            (
                "question_answer",
                {
                    "question": question,
                    "answer__value": f'<p>Answer {n}, see <a linktype="page" '
                    f'id="{site_tree.india.pk}">India</a>.</p>',
                },
            )
            for n, question in enumerate(questions)
        ],
    )
    return publish(column)


def path_of(column):
    return column.url.strip("/").split("/", 1)[1] + "/"


def blocks(gql_data, column, locale=None):
    data = gql_data(QUERY, path=path_of(column), locale=locale)
    return data["page"]["body"]


def test_the_block_quotes_without_the_name_unless_the_asker_agreed(site_tree, gql, gql_data):
    mentor = f.MentorFactory()
    hidden = ask(mentor, 1)
    shown = ask(mentor, 2, show_name=True)
    column = column_answering(site_tree, [hidden, shown])
    first, second = blocks(gql_data, column)
    assert first["__typename"] == "QuestionAnswerBlock"
    assert first["question"] == hidden.question
    assert first["askerName"] is None
    assert first["askerCountry"] == {"code": "IN", "name": "India"}
    assert 'href="/en/chapters/india/"' in first["answer"] and "Answer 0" in first["answer"]
    assert second["askerName"] == "Priya"
    raw = json.dumps(gql(QUERY, path=path_of(column)))
    assert "@example.org" not in raw and "Sharma" not in raw


def test_an_erased_question_leaves_the_answer(site_tree, gql_data):
    question = ask(f.MentorFactory())
    column = column_answering(site_tree, [question])
    question.delete()
    [block] = blocks(gql_data, column)
    assert block["question"] is None and block["askerName"] is None
    assert "Answer 0" in block["answer"]


def test_a_translation_names_the_country_in_its_language(site_tree, gql_data):
    question = ask(f.MentorFactory())
    column = column_answering(site_tree, [question])
    home = site_tree.home.copy_for_translation(Locale.objects.get(language_code="ja"))
    home.save_revision().publish()
    translated = column.copy_for_translation(
        Locale.objects.get(language_code="ja"), copy_parents=True
    )
    translated.save_revision().publish()
    translated = MentorColumnPage.objects.get(pk=translated.pk)
    [block] = blocks(gql_data, translated, locale="JA")
    assert block["question"] == question.question
    assert block["askerCountry"]["name"] == "インド"


def test_the_query_count_does_not_grow_with_the_questions(site_tree, query_count):
    mentor = f.MentorFactory()
    one = column_answering(site_tree, [ask(mentor, 0)], slug="one")
    five = column_answering(site_tree, [ask(mentor, n) for n in range(1, 6)], slug="five")
    small = query_count.measure(QUERY, {"path": path_of(one)})
    large = query_count.measure(QUERY, {"path": path_of(five)})
    query_count.assert_count(11, small, large)
    for answer, size in ((small, 1), (large, 5)):
        body = answer[2]["data"]["page"]["body"]
        assert len(body) == size
        assert all(block["question"] for block in body)
