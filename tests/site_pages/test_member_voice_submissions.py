"""Members' Voice on the site: the "Share your voice" form in every language (the same rules as
``submitMemberVoice``: site_pages/voice_intake.py), and who sees the submissions in the admin."""

import functools

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from site_pages.models import MemberVoicePage, MemberVoiceSubmission
from tests.graphql_api.test_submit_member_voice import photo
from tests.site_pages import reader_forms
from tests.site_pages.reader_forms import started


@pytest.fixture
def ja_voices(site_tree):
    return reader_forms.japanese(site_tree, site_tree.voices, "メンバーの声")


def share_url(index):
    return index.url + index.reverse_subpage("share")


VOICE = {
    "name": "Tran Thi Mai",
    "email": "mai@example.org",
    "country": "VN",
    "programme": "さくらサイエンスハイスクールプログラム",
    "programme_year": "2018",
    "affiliation": "Hanoi University of Science",
    "message": "筑波での二週間が進路を変えました。",
    "consent": "on",
}


def form_data(**changes):
    return reader_forms.filled(VOICE, changes)


def test_the_section_links_to_the_form_in_every_language(client, site_tree, ja_voices):
    reader_forms.assert_linked_in_every_language(client, (site_tree.voices, ja_voices), share_url)


def test_sharing_in_japanese(client, ja_voices, mailoutbox, django_capture_on_commit_callbacks):
    html = reader_forms.shown_form(client, share_url(ja_voices))
    assert "あなたの声を届ける" in html and "掲載することに同意します" in html
    assert 'enctype="multipart/form-data"' in html
    send = functools.partial(reader_forms.send, client, django_capture_on_commit_callbacks)
    response = send(share_url(ja_voices), {**form_data(), "photo": photo()})
    thanks = client.get(response["Location"])
    assert "メッセージをありがとうございます" in thanks.content.decode()
    submission = MemberVoiceSubmission.objects.get()
    voice = submission.page
    assert (voice.locale.language_code, voice.get_parent().pk) == ("ja", ja_voices.pk)
    assert voice.live is False and voice.photo is not None
    assert voice.member_name == "Tran Thi Mai" and voice.country.code == "VN"
    state = WorkflowState.objects.get(object_id=str(voice.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert mailoutbox[0].subject == "メンバーの声へのメッセージを受け付けました"
    assert "Tran Thi Mai 様" in mailoutbox[0].body
    # The same form sent twice (a double click, a reload) makes one submission.
    send(share_url(ja_voices), {**form_data(), "photo": photo()})
    assert MemberVoiceSubmission.objects.count() == 1
    assert len(mailoutbox) == 1


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, ja_voices, settings):
    settings.SAKURA_GRAPHQL = {**settings.SAKURA_GRAPHQL, "MAX_BODY_BYTES": 500}
    response = client.post(share_url(ja_voices), {**form_data(), "photo": photo()})
    assert response.status_code == 413
    html = response.content.decode()
    assert "を超えています。小さめの写真を選んで" in html
    assert not MemberVoiceSubmission.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"message": ""}, "この項目は必須です"),
        ({"message": "あ" * 3001}, "3000"),
        ({"consent": ""}, "公開への同意をいただいた場合にのみ"),
        ({"email": "nope"}, "有効なメールアドレスを入力してください。"),
        ({"programme_year": "2099"}, "プログラム参加年に未来の年は指定できません。"),
        ({"country": "XX"}, "正しく選択してください"),
        ({"photo": photo("me.svg", b"<svg/>")}, "SVG"),
    ],
)
def test_errors_are_shown_in_japanese_with_the_values_kept(client, ja_voices, changes, message):
    response = client.post(share_url(ja_voices), form_data(**changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    # What the reader typed is still there to correct.
    assert 'value="Hanoi University of Science"' in html
    assert 'value="Tran Thi Mai"' in html or "name" in changes
    assert not MemberVoiceSubmission.objects.exists()


def test_odd_input_never_breaks_the_form(client, ja_voices):
    odd = ({}, {"programme_year": "x" * 50}, {"message": "\x00"}, {"consent": "maybe"})
    reader_forms.assert_odd_input_shows_the_form(
        client, share_url(ja_voices), odd, MemberVoiceSubmission
    )


def test_bots_are_thanked_and_nothing_is_stored(client, ja_voices, mailoutbox):
    for data in (form_data(website="http://spam.example"), form_data(started=started(0))):
        response = client.post(share_url(ja_voices), data)
        assert response.status_code == 302
    assert not MemberVoiceSubmission.objects.exists()
    assert mailoutbox == []


def test_the_form_is_rate_limited(client, ja_voices, settings):
    reader_forms.assert_one_post_per_email(
        client, settings, share_url(ja_voices), form_data, MemberVoiceSubmission
    )


# --- who sees submissions ---------------------------------------------------------------------


@pytest.fixture
def submission(client, site_tree, django_capture_on_commit_callbacks):
    data = form_data(name="Private Sender")
    reader_forms.send(client, django_capture_on_commit_callbacks, share_url(site_tree.voices), data)
    client.logout()
    return MemberVoiceSubmission.objects.get()


def listing_url():
    return reverse("wagtailsnippets_site_pages_membervoicesubmission:list")


def test_the_secretariat_sees_the_submission_and_reviews_the_draft(
    client, users, submission, mailoutbox
):
    # Wagtail's workflow tells the reviewers that a page waits for them.
    notices = [m for m in mailoutbox if m.to == [users["secretariat"].email]]
    assert len(notices) == 1 and "Private Sender" in notices[0].subject
    client.force_login(users["secretariat"])
    listing = client.get(listing_url()).content.decode()
    assert "Private Sender" in listing
    assert reverse("wagtailadmin_pages:edit", args=[submission.page_id]) in listing
    detail = reverse("wagtailsnippets_site_pages_membervoicesubmission:edit", args=[submission.pk])
    assert "mai@example.org" in client.get(detail).content.decode()
    # The draft waits on the Secretariat's dashboard, and its editor opens.
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Private Sender" in dashboard
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[submission.page_id]))
    assert edit.status_code == 200


@pytest.mark.parametrize("role", ["india_editor", "indonesia_editor", "mentor"])
def test_other_roles_see_no_submission(client, users, submission, role):
    client.force_login(users[role])
    for url in (
        listing_url(),
        reverse("wagtailsnippets_site_pages_membervoicesubmission:edit", args=[submission.pk]),
        reverse("wagtailadmin_pages:edit", args=[submission.page_id]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "mai@example.org" not in response.content.decode()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Private Sender" not in dashboard
    assert listing_url() not in dashboard


def test_nobody_adds_submissions_in_the_admin(admin_client, submission):
    add = reverse("wagtailsnippets_site_pages_membervoicesubmission:add")
    assert admin_client.get(add).status_code in (302, 403)


def test_anonymous_readers_cannot_publish(client, submission):
    page = submission.page
    publish = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(publish, {"action-publish": "action-publish", "title": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert MemberVoicePage.objects.get(pk=page.pk).live is False
