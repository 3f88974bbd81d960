"""``submitMemberVoice`` over HTTP (JSON and the GraphQL multipart request spec): a draft page in
the right locale, in the Secretariat's workflow, with its photo in the Submissions collection;
every field error with its code and in the reader's language; the honeypot, the rate limits, the
idempotency key, the size caps; nothing public until the Secretariat approves."""

import io
import json
import os

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, WorkflowState

from site_pages.models import MemberVoicePage, MemberVoiceSubmission
from site_pages.roles import SUBMISSIONS_COLLECTION
from tests.factories import translate
from tests.graphql_api import refusals
from tests.graphql_api.conftest import data_of, post_query

SUBMIT = """
mutation Submit($input: SubmitMemberVoiceInput!) {
  submitMemberVoice(input: $input) {
    voice { id status }
    errors { field message code retryAfter }
    clientMutationId
  }
}
"""
NAME = "Zephyrine Quasar"


def valid_input(**changes):
    data = {
        "locale": "EN",
        "name": NAME,
        "email": "zephyrine@example.org",
        "country": "ID",
        "programme": "Sakura Science High School Program",
        "programmeYear": 2019,
        "affiliation": "Institut Teknologi Bandung",
        "message": "Two weeks in Tsukuba changed my plans.\n\nNow I study <b>materials</b>.",
        "consent": True,
    }
    data.update(changes)
    return data


def png_bytes(size=(40, 30), format="PNG", noise=False):
    buffer = io.BytesIO()
    if noise:
        image = PILImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = PILImage.new("RGB", size, (200, 30, 90))
    image.save(buffer, format=format)
    return buffer.getvalue()


def photo(name="me.png", content=None):
    return SimpleUploadedFile(name, png_bytes() if content is None else content, "image/png")


def multipart(client, variables, upload, **extra):
    """A request by the GraphQL multipart request spec: the file in part "0", mapped onto
    ``variables.input.photo``."""
    return client.post(
        "/graphql/",
        {
            "operations": json.dumps({"query": SUBMIT, "variables": variables}),
            "map": json.dumps({"0": ["variables.input.photo"]}),
            "0": upload,
        },
        **extra,
    )


@pytest.fixture
def submit(site_tree, client, django_capture_on_commit_callbacks):
    def run(upload=None, **changes):
        variables = {"input": {"photo": None, **valid_input(**changes)}}
        with django_capture_on_commit_callbacks(execute=True):
            if upload is None:
                response = post_query(client, SUBMIT, variables)
            else:
                response = multipart(client, variables, upload)
        return data_of(response)["submitMemberVoice"]

    return run


@pytest.fixture
def ja_voices(site_tree):
    translate(site_tree.home, "ja", "さくらサイエンスクラブ")
    return translate(site_tree.voices, "ja", "メンバーの声")


def test_a_submission_becomes_a_draft_in_the_secretariats_workflow(submit, ja_voices, mailoutbox):
    payload = submit(upload=photo("Zephyrine Quasar.png"), locale="JA")
    assert payload["errors"] == []
    assert payload["voice"]["status"] == "IN_REVIEW"
    submission = MemberVoiceSubmission.objects.get(pk=payload["voice"]["id"])
    page = submission.page
    assert (submission.email, submission.language) == ("zephyrine@example.org", "ja")
    assert submission.consent_to_publish is True
    # A draft in the Japanese section, never published.
    assert page.get_parent().pk == ja_voices.pk and page.locale.language_code == "ja"
    assert page.live is False and page.first_published_at is None
    assert (page.member_name, page.country.code, page.programme_year) == (NAME, "ID", 2019)
    assert page.programme == "Sakura Science High School Program"
    assert page.affiliation == "Institut Teknologi Bandung"
    # Plain text stays text: two paragraphs, the markup escaped.
    sources = [block.value.source for block in page.body]
    assert sources == [
        "<p>Two weeks in Tsukuba changed my plans.</p>",
        "<p>Now I study &lt;b&gt;materials&lt;/b&gt;.</p>",
    ]
    # The photo: in the Submissions collection, under a name that does not carry the sender's.
    assert page.photo.collection.name == SUBMISSIONS_COLLECTION
    assert (page.photo.width, page.photo.height) == (40, 30)
    assert "zephyrine" not in page.photo.file.name.lower()
    # In the Secretariat's workflow, waiting for its review.
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Secretariat approval"
    assert state.current_task_state.task.name == "Secretariat review"
    # The sender's confirmation, in Japanese, quoting the message.
    [message] = [m for m in mailoutbox if m.to == ["zephyrine@example.org"]]
    assert message.subject == "メンバーの声へのメッセージを受け付けました"
    assert "Two weeks in Tsukuba" in message.body


def test_without_a_section_in_the_language_it_falls_back(submit, site_tree):
    payload = submit(locale="ID")
    assert payload["errors"] == []
    submission = MemberVoiceSubmission.objects.get()
    assert submission.language == "id"
    assert submission.page.get_parent().pk == site_tree.voices.pk
    assert submission.page.locale.language_code == "en"
    assert submission.page.photo is None


def test_without_any_section_submissions_are_unavailable(submit, site_tree):
    site_tree.voices.unpublish()
    [error] = submit()["errors"]
    assert (error["field"], error["code"]) == (None, "UNAVAILABLE")
    assert not MemberVoicePage.objects.exclude(pk=site_tree.voices.pk).exists()


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"message": ""}, "message", "REQUIRED"),
        ({"message": "x" * 3001}, "message", "TOO_LONG"),
        ({"name": "  "}, "name", "REQUIRED"),
        ({"name": "n" * 201}, "name", "TOO_LONG"),
        ({"email": "not an address"}, "email", "INVALID"),
        ({"country": "XX"}, "country", "INVALID"),
        ({"programme": "p" * 201}, "programme", "TOO_LONG"),
        ({"programmeYear": 2001}, "programmeYear", "INVALID"),
        ({"programmeYear": 2999}, "programmeYear", "INVALID"),
        ({"affiliation": "a" * 256}, "affiliation", "TOO_LONG"),
        ({"consent": False}, "consent", "REQUIRED"),
        ({"photo": "data:image/png;base64,AAAA"}, "photo", "INVALID"),
        ({"clientMutationId": "k" * 101}, "clientMutationId", "TOO_LONG"),
    ],
)
def test_each_field_error_has_its_code(submit, changes, field, code):
    payload = submit(**changes)
    assert payload["voice"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)]
    assert payload["errors"][0]["message"]
    assert not MemberVoiceSubmission.objects.exists()
    assert not MemberVoicePage.objects.filter(live=False).exists()


@pytest.mark.parametrize(
    ("upload", "code", "words"),
    [
        (lambda: photo("me.txt", b"hello"), "INVALID", "“.txt”"),
        (lambda: photo("me.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"), "INVALID", "SVG"),
        (lambda: photo("me.png", png_bytes(format="JPEG")), "INVALID", "JPEG"),
        (lambda: photo("me.png", png_bytes()[:60]), "INVALID", ""),
        (lambda: photo("me.png", png_bytes(size=(100, 100), noise=True)), "TOO_LARGE", "limit"),
    ],
)
def test_a_bad_photo_is_a_field_error(submit, settings, upload, code, words):
    # The random pixels of a 100 x 100 PNG exceed this; the other files stay under it.
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1500
    payload = submit(upload=upload())
    [error] = payload["errors"]
    assert (error["field"], error["code"]) == ("photo", code)
    assert words in error["message"]
    assert not MemberVoiceSubmission.objects.exists()


def test_field_errors_are_in_the_readers_language(submit):
    payload = submit(locale="JA", message="", consent=False, email="nope")
    messages = {error["field"]: error["message"] for error in payload["errors"]}
    assert messages == {
        "email": "有効なメールアドレスを入力してください。",
        "message": "この項目は必須です",
        "consent": "公開への同意をいただいた場合にのみ、メッセージを掲載できます。",
    }


def test_a_retried_request_makes_one_submission(submit, mailoutbox):
    first = submit(upload=photo(), clientMutationId="retry-1")
    again = submit(upload=photo(), clientMutationId="retry-1", message="Edited on the retry")
    assert again["voice"] == first["voice"]
    assert again["clientMutationId"] == "retry-1"
    assert MemberVoiceSubmission.objects.count() == 1
    assert MemberVoicePage.objects.filter(live=False).count() == 1
    assert len(mailoutbox) == 1


def test_the_honeypot_refuses_and_stores_nothing(submit, mailoutbox):
    payload = submit(website="http://spam.example")
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("website", "REJECTED")]
    assert not MemberVoiceSubmission.objects.exists()
    assert mailoutbox == []


def test_rate_limited_per_email_address(submit, settings):
    settings.SAKURA_SUBMISSION_RATES = {"per_address": "100/h", "per_email": "1/h"}
    error = refusals.rate_limited_after(submit, [{}], {"locale": "JA"}, 3600)
    assert "分後" in error["message"]
    assert submit(email="other@example.org")["errors"] == []
    assert MemberVoiceSubmission.objects.count() == 2


def test_rate_limited_per_client_address(submit, settings):
    settings.SAKURA_SUBMISSION_RATES = {"per_address": "1/m", "per_email": "100/h"}
    accepted, refused = [{"email": "one@example.org"}], {"email": "two@example.org"}
    refusals.rate_limited_after(submit, accepted, refused, 60)
    assert MemberVoiceSubmission.objects.count() == 1


def test_mutations_are_refused_over_get(site_tree, client):
    refusals.over_get(client, SUBMIT, {"input": valid_input()})
    assert not MemberVoiceSubmission.objects.exists()


def test_a_body_over_the_limit_is_refused_with_413(site_tree, client, settings):
    settings.SAKURA_GRAPHQL = {**settings.SAKURA_GRAPHQL, "MAX_BODY_BYTES": 5000}
    big = photo(content=b"\x89PNG" + b"0" * 10_000)
    error = refusals.too_large(multipart(client, {"input": {**valid_input(), "photo": None}}, big))
    assert "(4.9\xa0KB in all" in error["message"]
    assert not MemberVoiceSubmission.objects.exists()


def test_a_json_body_over_djangos_memory_limit_is_413(site_tree, client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    refusals.too_large(post_query(client, SUBMIT, {"input": valid_input(message="x" * 3000)}))


@pytest.mark.parametrize(
    "file_map",
    [
        {"0": ["variables.input.name.first"]},  # through a string
        {"0": ["variables.nothing.photo"]},  # no such variable
        {"0": "variables.input.photo"},  # not a list of paths
        ["variables.input.photo"],  # not an object
        {"9": ["variables.input.photo"]},  # no such file part
    ],
)
def test_a_broken_multipart_request_is_a_400(site_tree, client, file_map):
    response = client.post(
        "/graphql/",
        {
            "operations": json.dumps({"query": SUBMIT, "variables": {"input": valid_input()}}),
            "map": json.dumps(file_map),
            "0": photo(),
        },
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert not MemberVoiceSubmission.objects.exists()


# --- nothing public until approved ------------------------------------------------------------

READ = """
query ($path: String!) {
  memberVoices { totalCount edges { node { memberName } } }
  search(query: "Zephyrine") { totalCount }
  page(path: $path) { title }
}
"""


def read_api(client, page):
    path = page.url_path.split("/", 2)[2]  # below the site's root
    response = post_query(client, READ, {"path": "/" + path})
    assert response.status_code == 200
    return response.json()


def test_nothing_is_public_until_the_secretariat_approves(submit, client, users):
    payload = submit(upload=photo(), clientMutationId="follow-up")
    page = MemberVoiceSubmission.objects.get(pk=payload["voice"]["id"]).page
    site_views = [page.get_parent().url, "/en/search/?q=Zephyrine", "/sitemap.xml"]
    body = read_api(client, page)
    assert body["data"]["memberVoices"]["totalCount"] == 0
    assert body["data"]["search"]["totalCount"] == 0
    assert body["data"]["page"] is None
    for url in site_views:
        response = client.get(url)
        assert response.status_code == 200, url
        assert NAME not in response.content.decode(), url
    assert client.get(page.url).status_code == 404

    # The Secretariat approves the task: the page goes live, and readers see it.
    state = WorkflowState.objects.get(object_id=str(page.pk))
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state.specific, users["secretariat"], "approve")
    page = Page.objects.get(pk=page.pk).specific
    assert page.live
    body = read_api(client, page)
    assert body["data"]["memberVoices"]["edges"] == [{"node": {"memberName": NAME}}]
    assert body["data"]["search"]["totalCount"] == 1
    assert NAME in client.get(page.url).content.decode()
    # The sender's retry (or follow-up) of the same request now reads PUBLISHED.
    assert submit(clientMutationId="follow-up")["voice"]["status"] == "PUBLISHED"
    assert MemberVoiceSubmission.objects.count() == 1


def test_no_type_exposes_the_senders_personal_data():
    from tests.graphql_api.test_ask_mentor import output_types

    types = output_types()
    assert set(types["MemberVoiceSubmission"].fields) == {"id", "status"}
    assert all("email" not in {n.lower() for n in t.fields} for t in types.values())


class UnwritableStorage(FileSystemStorage):
    """Media storage that refuses every write, as a full disk or an unreachable bucket does."""

    def _save(self, name, content):
        raise OSError("No space left on device")


def test_a_storage_failure_is_a_field_error_and_keeps_nothing(submit, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.UnwritableStorage"},
    }
    payload = submit(upload=photo(), locale="JA")
    [error] = payload["errors"]
    assert (error["field"], error["code"]) == ("photo", "UNAVAILABLE")
    assert "メディアストレージ" in error["message"]
    assert not MemberVoiceSubmission.objects.exists()
    assert not MemberVoicePage.objects.filter(live=False).exists()
    assert not get_image_model().objects.exists()
