"""``askMentor`` over HTTP: success, every field error with its code, the idempotency key, the
honeypot, the rate limits, POST only, and no personal data readable through any query."""

import pytest
from graphql import get_named_type

from graphql_api.schema import schema
from site_pages.models import MentorQuestion
from tests import factories as f
from tests.graphql_api import refusals
from tests.graphql_api.conftest import post_query

ASK = """
mutation Ask($input: AskMentorInput!) {
  askMentor(input: $input) {
    question { id status }
    errors { field message code retryAfter }
    clientMutationId
  }
}
"""


def valid_input(**changes):
    data = {
        "locale": "EN",
        "question": "How do I find a supervisor for a PhD in Japan?",
        "topic": "STUDY",
        "name": "Dewi Lestari",
        "email": "dewi@example.org",
        "country": "ID",
        "programmeYear": 2019,
        "consentToQuote": True,
        "showName": True,
    }
    data.update(changes)
    return data


@pytest.fixture
def ask(gql_data, django_capture_on_commit_callbacks):
    def run(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            return gql_data(ASK, input=valid_input(**changes))["askMentor"]

    return run


def test_a_question_is_received_and_confirmed_by_email(ask, mailoutbox):
    mentor = f.MentorFactory(slug="tanaka", name="Dr. Tanaka")
    payload = ask(mentor="tanaka", locale="JA")
    assert payload["errors"] == []
    assert payload["question"]["status"] == "NEW"
    question = MentorQuestion.objects.get(pk=payload["question"]["id"])
    assert question.mentor_asked == mentor
    assert question.language == "ja"
    assert question.email == "dewi@example.org"
    assert question.country.code == "ID" and question.programme_year == 2019
    assert (question.consent_to_quote, question.show_name) == (True, True)
    assert [message.to for message in mailoutbox] == [["dewi@example.org"]]
    assert mailoutbox[0].subject == "サクラメンターへのご質問を受け付けました"
    assert "How do I find a supervisor" in mailoutbox[0].body
    assert mailoutbox[0].extra_headers["Content-Language"] == "ja"


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"question": ""}, "question", "REQUIRED"),
        ({"question": "x" * 4001}, "question", "TOO_LONG"),
        ({"name": "  "}, "name", "REQUIRED"),
        ({"name": "n" * 201}, "name", "TOO_LONG"),
        ({"email": ""}, "email", "REQUIRED"),
        ({"email": "not an address"}, "email", "INVALID"),
        ({"country": "XX"}, "country", "INVALID"),
        ({"programmeYear": 2001}, "programmeYear", "INVALID"),
        ({"programmeYear": 2999}, "programmeYear", "INVALID"),
        ({"mentor": "nobody"}, "mentor", "INVALID"),
        ({"clientMutationId": "k" * 101}, "clientMutationId", "TOO_LONG"),
        # Mentors answer in published columns: a question is asked with consent to be quoted.
        ({"consentToQuote": False}, "consentToQuote", "REQUIRED"),
    ],
)
def test_each_field_error_has_its_code(ask, changes, field, code):
    payload = ask(**changes)
    assert payload["question"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)]
    assert payload["errors"][0]["message"]
    assert not MentorQuestion.objects.exists()


def test_a_client_that_does_not_send_the_consent_gets_a_field_error(db, client):
    # Clients written before the consent existed get an error they can show, not a schema error.
    data = valid_input(locale="JA")
    del data["consentToQuote"]
    response = post_query(client, ASK, {"input": data})
    payload = response.json()["data"]["askMentor"]
    assert payload["question"] is None
    [error] = payload["errors"]
    assert (error["field"], error["code"]) == ("consentToQuote", "REQUIRED")
    assert "引用されることに同意してください" in error["message"]
    assert not MentorQuestion.objects.exists()


def test_an_unknown_locale_is_refused_by_the_schema(db, client):
    # `locale` is the Locale enum: an unknown language never reaches the intake.
    response = post_query(client, ASK, {"input": valid_input(locale="xx")})
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "UNKNOWN_LOCALE"
    assert not MentorQuestion.objects.exists()


def test_an_unknown_topic_is_refused_by_the_schema(db, client):
    response = post_query(client, ASK, {"input": valid_input(topic="GOSSIP")})
    assert response.json()["errors"]
    assert not MentorQuestion.objects.exists()


def test_field_errors_are_in_the_readers_language(ask):
    payload = ask(locale="JA", question="", email="nope")
    messages = {error["field"]: error["message"] for error in payload["errors"]}
    assert messages == {
        "question": "この項目は必須です",
        "email": "有効なメールアドレスを入力してください。",
    }


def test_a_retried_request_returns_the_same_question(ask, mailoutbox):
    first = ask(clientMutationId="retry-1")
    again = ask(clientMutationId="retry-1", question="Edited on the second try")
    assert again["question"] == first["question"]
    assert again["clientMutationId"] == "retry-1"
    assert MentorQuestion.objects.count() == 1
    assert len(mailoutbox) == 1
    # Another asker choosing the same key does not meet the first one's question.
    other = ask(clientMutationId="retry-1", email="someone@example.org")
    assert other["question"]["id"] != first["question"]["id"]
    assert MentorQuestion.objects.count() == 2


def test_the_honeypot_refuses_and_stores_nothing(ask, mailoutbox):
    payload = ask(website="http://spam.example")
    assert payload["question"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("website", "REJECTED")]
    assert not MentorQuestion.objects.exists()
    assert mailoutbox == []


def test_rate_limited_per_email_address_with_retry_after(ask, settings):
    settings.SAKURA_SUBMISSION_RATES = {"per_address": "100/h", "per_email": "2/h"}
    accepted = [{"question": f"Question {number}"} for number in range(2)]
    refusals.rate_limited_after(ask, accepted, {"question": "One too many"}, 3600)
    # Another address is counted on its own.
    assert ask(email="other@example.org")["errors"] == []
    assert MentorQuestion.objects.count() == 3


def test_rate_limited_per_client_address(ask, settings):
    settings.SAKURA_SUBMISSION_RATES = {"per_address": "2/m", "per_email": "100/h"}
    accepted = [{"email": f"asker{number}@example.org"} for number in range(2)]
    refused = {"email": "asker3@example.org", "locale": "JA"}
    error = refusals.rate_limited_after(ask, accepted, refused, 60)
    assert "分後" in error["message"]


def test_a_body_over_the_limit_is_refused_with_413(db, client, settings):
    # Refused before it is read: no field error to give, the request as a whole is too large.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    refusals.too_large(post_query(client, ASK, {"input": valid_input(question="x" * 3000)}))
    assert not MentorQuestion.objects.exists()


def test_mutations_are_refused_over_get(db, client):
    refusals.over_get(client, ASK, {"input": valid_input()})
    assert not MentorQuestion.objects.exists()


PERSONAL = {"email", "name", "askerName", "showName", "idempotencyKey", "website"}


def output_types():
    """Every object type a client can read, reached from the query and mutation roots."""
    seen, todo = {}, [schema._schema.query_type, schema._schema.mutation_type]
    while todo:
        current = get_named_type(todo.pop())
        if current.name in seen or not hasattr(current, "fields"):
            if hasattr(current, "types"):  # unions
                todo.extend(t for t in current.types if t.name not in seen)
            continue
        seen[current.name] = current
        todo.extend(field.type for field in current.fields.values())
        todo.extend(getattr(current, "interfaces", ()))
    for possible in schema._schema.type_map.values():
        if getattr(possible, "interfaces", None) and possible.name not in seen:
            seen[possible.name] = possible
    return seen


def test_no_query_type_exposes_the_askers_personal_data():
    types = output_types()
    assert "MentorQuestion" in types
    assert set(types["MentorQuestion"].fields) == {"id", "status"}
    # "name" is the title of many things (mentors, people); a question's type has none.
    question_like = [name for name in types if "Question" in name]
    # A published answer names its asker only when they agreed (show_name); the block's
    # tests check that the name is null otherwise (test_question_answers.py).
    consented = {"QuestionAnswerBlock": {"askerName"}}
    for type_name in question_like:
        exposed = set(types[type_name].fields) - consented.get(type_name, set())
        assert not exposed & PERSONAL, type_name
    assert all("email" not in {n.lower() for n in t.fields} for t in types.values())


def test_personal_fields_cannot_be_selected(ask, client):
    ask()
    response = post_query(
        client,
        "mutation($input: AskMentorInput!) { askMentor(input: $input) "
        "{ question { id email name } } }",
        {"input": valid_input(clientMutationId="k")},
    )
    body = response.json()
    assert "data" not in body or body["data"] is None
    assert "dewi@example.org" not in response.content.decode()
