"""The URL policy through wagtail-localize's own endpoints, as a chapter editor translating their
chapter: segment overrides, string translations, PO uploads, "Submit for review" and "Publish".
"""

import json

import polib
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail_localize.models import OverridableSegment, SegmentOverride, StringTranslation

from tests.block_factories import stream
from tests.conftest import publish
from tests.site_pages.test_translations import (
    BODY,
    download_po,
    edit_url,
    fresh,
    india,
    open_language,
    put_form,
    string_segments,
    submit_translation,
    translation_of,
    version,
)

pytestmark = pytest.mark.django_db

BAD = "JaVaScRiPt:alert(document.cookie)"
EN_FORM = "https://forms.example.org/en"
JA_FORM = "https://forms.example.org/ja"
LINKED = "https://www.jst.go.jp/"


@pytest.fixture
def translating(client, users, site_tree, india):
    """India with a call to action and a link in rich text, being translated into Japanese by
    the India chapter editor (a new draft translation), once the Secretariat has opened the
    Japanese site."""
    open_language(client, users, site_tree, "ja")
    source = fresh(india)
    source.body = stream(
        ("paragraph", {"value": f'<p>{BODY} <a href="{LINKED}">JST</a></p>'}),
        ("call_to_action", {"text": "Register", "url": EN_FORM}),
    )
    publish(source)
    assert submit_translation(client, users["india_editor"], india, "ja").status_code == 302
    return translation_of(india, "ja")


def override_url(translation, source_value):
    segment = OverridableSegment.objects.get(
        source=translation.source, data_json=json.dumps(source_value)
    )
    return reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])


def submit_for_review(client, translation):
    """Submit as the translator does, accepting untranslated texts: these tests translate only
    the segment under test."""
    url = reverse("site_translations:submit_for_review", args=[translation.pk])
    response = client.post(url, {"untranslated": "accepted"})
    assert response.status_code == 302
    return [str(message) for message in get_messages(response.wsgi_request)]


def in_review(page):
    state = fresh(page).current_workflow_state
    return state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.parametrize(
    "source_value", [EN_FORM, LINKED], ids=["call-to-action", "rich-text-link"]
)
def test_an_override_outside_the_policy_is_shown_as_an_error_and_blocks_review(
    client, translating, source_value
):
    segment_url = override_url(translating, source_value)
    response = put_form(client, segment_url, {"value": BAD})
    assert response.status_code in (200, 201)
    answer = response.json()
    assert answer["data"] == BAD
    assert "is not allowed" in answer["error"]  # the translation editor shows this message
    assert SegmentOverride.objects.get(data_json=json.dumps(BAD)).has_error

    messages = submit_for_review(client, translating)
    assert any("Correct the translation first" in message for message in messages), messages
    draft = version(fresh(translating.source.get_source_instance()), "ja")
    assert not in_review(draft)
    assert "javascript" not in json.dumps(list(fresh(draft).body.raw_data)).lower()

    # Corrected, the error goes and the translation goes to review with the new address.
    response = put_form(client, segment_url, {"value": JA_FORM})
    assert response.json()["error"] is None
    assert not SegmentOverride.objects.get(data_json=json.dumps(JA_FORM)).has_error
    assert submit_for_review(client, translating)[-1].endswith("has been submitted for review.")
    assert in_review(draft)
    assert JA_FORM in json.dumps(list(fresh(draft).get_latest_revision_as_object().body.raw_data))


def test_the_secretariat_cannot_publish_a_translation_with_a_refused_override(
    client, users, translating, django_capture_on_commit_callbacks
):
    client.force_login(users["secretariat"])
    put_form(client, override_url(translating, EN_FORM), {"value": "data:text/html,x"})
    draft = version(fresh(translating.source.get_source_instance()), "ja")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(draft), {"action": "publish"})
    assert response.status_code == 302
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any(message.startswith("Not published.") for message in messages), messages
    assert not fresh(draft).live


def test_a_link_typed_into_a_string_is_an_error_and_blocks_review(client, translating):
    segment = string_segments(translating)[f"{BODY} JST"]
    url = reverse("wagtail_localize:edit_string_translation", args=[translating.pk, segment.pk])
    response = put_form(client, url, {"value": f'<a href="{BAD}">x</a> <a id="a1">JST</a>'})
    assert response.status_code == 201
    assert response.json()["error"]  # wagtail-localize's own message, shown on the string
    messages = submit_for_review(client, translating)
    assert any("Correct the translation first" in message for message in messages), messages


def upload(client, translation, content):
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    file = SimpleUploadedFile("india-ja.po", content, "text/x-gettext-translation")
    response = client.post(url, {"file": file, "next": "/admin/"})
    assert response.status_code == 302
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_po_file_with_a_refused_link_is_not_imported_at_all(client, translating):
    po = download_po(client, translating)
    for entry in po:
        if entry.msgid == "India":
            entry.msgstr = "インド"
        elif "JST" in entry.msgid:
            entry.msgstr = f'<a href="{BAD}">JST</a>'
    messages = upload(client, translating, str(po).encode())
    assert any(message.startswith("Nothing was imported.") for message in messages), messages
    assert any("is not allowed" in message for message in messages)
    assert not StringTranslation.objects.filter(locale=translating.target_locale).exists()


def test_a_po_file_without_the_translation_header_is_a_message_not_a_500(client, translating):
    po = download_po(client, translating)
    po.metadata.pop("X-WagtailLocalize-TranslationID")
    for entry in po:
        entry.msgstr = "インド"
    messages = upload(client, translating, str(po).encode())
    assert any("was not downloaded from this translation" in message for message in messages)
    assert not StringTranslation.objects.filter(locale=translating.target_locale).exists()


def test_a_file_that_is_not_a_po_file_is_a_message(client, translating):
    messages = upload(client, translating, b'msgid "unterminated\n\xff\xfe')
    assert messages[-1] == "Please upload a valid PO file."


def test_a_valid_po_file_is_imported(client, translating):
    po = download_po(client, translating)
    for entry in po:
        if entry.msgid == "India":
            entry.msgstr = "インド"
    messages = upload(client, translating, str(po).encode())
    assert messages[-1].startswith("Successfully imported translations from PO File.")
    assert StringTranslation.objects.filter(data="インド").exists()


def test_another_chapters_editor_cannot_upload(client, users, translating):
    client.force_login(users["indonesia_editor"])
    url = reverse("wagtail_localize:upload_pofile", args=[translating.pk])
    file = SimpleUploadedFile("x.po", str(polib.POFile()).encode())
    response = client.post(url, {"file": file})
    assert response.status_code in (302, 403)
    assert not StringTranslation.objects.exists()
