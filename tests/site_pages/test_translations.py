"""Translating content with wagtail-localize, end to end through its admin views.

- which fields and blocks translate and which stay in sync with the source;
- a chapter translated into Japanese, published, served under /ja/; the source edited, the
  translation out of date; "Sync translated pages", up to date again;
- a chapter editor, who may not publish, translates with a PO file (download, edit, upload),
  cannot publish, submits for review; readers see the published version until the secretariat
  approves, then the new one;
- machine translation with wagtail-localize's dummy backend;
- who may translate what: a chapter editor translates their own chapter only, syncing with
  "Publish immediately" needs the right to publish;
- the translation status report (the demo's translations: test_demo_translations.py).

wagtail-localize publishes on transaction commit, so the publishing requests run inside
``django_capture_on_commit_callbacks(execute=True)``.
"""

import datetime
from urllib.parse import urlencode

import polib
import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from wagtail.models import (
    GroupPagePermission,
    Locale,
    WorkflowState,
    get_page_models,
    get_translatable_models,
)
from wagtail.users.models import UserProfile
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import OverridableSegmentValue, StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from site_pages import models as m
from site_pages.locales import content_language_codes, sync_locales
from site_pages.roles import chapter_group_name
from site_pages.translations import permissions
from site_pages.translations.status import TranslationState, translation_statuses
from tests import factories as f
from tests.block_factories import LinkBlockFactory, stream
from tests.conftest import fresh, make_user, publish
from tests.settings_process import settings_read

pytestmark = pytest.mark.django_db

INTRO = "ISCA was founded at the first reunion."
BODY = "Alumni who volunteered as coordinators run the chapter."
JA_TITLE = "インド"
JA_INTRO = "ISCAは第1回同窓会で設立されました。"
JA_BODY = "コーディネーターを買って出た同窓生が支部を運営しています。"
EN_URL = "https://www.jst.go.jp/EN/"
JA_URL = "https://www.jst.go.jp/"


def locale(code):
    return Locale.objects.get(language_code=code)


def version(page, code):
    return page.get_translations().get(locale__language_code=code).specific


@pytest.fixture
def india(site_tree):
    """The India chapter with text to translate, published like an editor's page."""
    chapter = fresh(site_tree.india)
    chapter.intro = INTRO
    chapter.acronym = "ISCA"
    chapter.founded_on = datetime.date(2018, 10, 1)
    chapter.member_count = 400
    chapter.member_count_year = 2021
    chapter.hero_image = f.ImageFactory(title="Reunion")
    chapter.body = stream(("paragraph", {"value": f"<p>{BODY}</p>"}))
    return publish(chapter)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submit_translation(client, user, page, *codes):
    """wagtail-localize's "Translate this page" form, as the admin posts it."""
    client.force_login(user)
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    return client.post(url, {"locales": [locale(code).pk for code in codes]})


def translation_of(page, code):
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code=code
    )


def string_segments(translation):
    return {
        segment.string.as_value().render_text(): segment
        for segment in StringSegment.objects.filter(source=translation.source).select_related(
            "string", "context"
        )
    }


def put_form(client, url, data):
    return client.generic(
        "PUT", url, urlencode(data), content_type="application/x-www-form-urlencoded"
    )


def denied(response):
    """Wagtail's admin answers a refused request with a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def publish_translation(client, page, capture):
    with capture(execute=True):
        return client.post(edit_url(page), {"action": "publish"})


def public_text(client, page):
    client.logout()
    response = client.get(fresh(page).url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def ja_india(client, users, india, django_capture_on_commit_callbacks):
    """India translated into Japanese and published by the secretariat, in the admin."""
    response = submit_translation(client, users["secretariat"], india, "ja")
    assert response.status_code == 302
    translation = translation_of(india, "ja")
    segments = string_segments(translation)
    for source_text, translated in {"India": JA_TITLE, INTRO: JA_INTRO, BODY: JA_BODY}.items():
        url = reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, segments[source_text].pk],
        )
        assert put_form(client, url, {"value": translated}).status_code == 201
    page = version(india, "ja")
    response = publish_translation(client, page, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    return fresh(page)


# --- locales -------------------------------------------------------------------------------------


def test_every_content_language_has_a_locale(db):
    assert set(Locale.objects.values_list("language_code", flat=True)) >= set(
        content_language_codes()
    )
    assert len(content_language_codes()) == 10


def test_a_language_added_in_settings_gets_its_locale(settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [*settings.WAGTAIL_CONTENT_LANGUAGES, ("ko", "Korean")]
    sync_locales()
    assert Locale.objects.filter(language_code="ko").exists()


# --- which fields translate ----------------------------------------------------------------------

PAGE_TEXT = {"title", "seo_title", "search_description", "intro"}
PAGE_SYNCED = {"slug", "show_in_menus"}

FIELDS = {
    m.HomePage: (
        PAGE_TEXT | {"hero_heading", "hero_text", "body"},
        PAGE_SYNCED | {"hero_image", "featured_items"},
    ),
    m.ChapterIndexPage: (PAGE_TEXT, PAGE_SYNCED),
    m.ChapterPage: (
        PAGE_TEXT | {"local_name", "body"},
        PAGE_SYNCED
        | {
            "country",
            "acronym",
            "founded_on",
            "founded_on_precision",
            "member_count",
            "member_count_year",
            "hero_image",
            "coordinators",
            "social_links",
        },
    ),
    m.EventPage: (
        PAGE_TEXT | {"venue", "city", "body", "outcome"},
        PAGE_SYNCED
        | {
            "kind",
            "edition",
            "start_date",
            "end_date",
            "date_precision",
            "format",
            "country",
            "registration_url",
            "hero_image",
            "gallery_images",
        },
    ),
    m.MentorColumnPage: (
        PAGE_TEXT | {"mentor", "body"},
        PAGE_SYNCED | {"date", "topics", "tagged_topics"},
    ),
    m.MemberVoicePage: (
        PAGE_TEXT | {"member_name", "affiliation", "programme", "body"},
        PAGE_SYNCED | {"country", "programme_year", "photo"},
    ),
    m.YearbookPage: (PAGE_TEXT, PAGE_SYNCED | {"fiscal_year", "entries"}),
    m.ProgramPage: (
        PAGE_TEXT | {"body"},
        PAGE_SYNCED
        | {
            "acronym",
            "category",
            "first_year",
            "last_year",
            "course_count",
            "participant_count",
            "hero_image",
        },
    ),
    m.StandardPage: (PAGE_TEXT | {"body"}, PAGE_SYNCED),
    m.Person: ({"name", "affiliation", "bio"}, {"country", "programme_year", "photo"}),
    m.Mentor: (
        {"name", "position", "affiliation", "research_field", "bio"},
        # The admin account stays the source's: a mentor's translations are theirs too.
        {"slug", "country_of_origin", "photo", "user"},
    ),
    # The address reads differently per language; e-mail and telephone are overridable facts.
    m.NetworkContact: ({"postal_address"}, {"name", "contact_email", "contact_phone"}),
}


def classified(model):
    translated, synced = set(), set()
    for field in get_translatable_fields(model):
        if type(field).__name__ == "TranslatableField":
            translated.add(field.field_name)
        else:
            synced.add(field.field_name)
    return translated, synced


@pytest.mark.parametrize("model", list(FIELDS), ids=lambda model: model.__name__)
def test_text_translates_and_facts_stay_in_sync(model):
    assert classified(model) == FIELDS[model]


def test_slugs_stay_the_sources_so_every_language_has_the_same_addresses():
    for model in [*FIELDS, m.EventIndexPage]:
        fields = {field.field_name: field for field in get_translatable_fields(model)}
        if "slug" in fields:
            assert fields["slug"].is_synchronized(model())
            assert not fields["slug"].is_overridable(model()), model


def test_every_content_model_is_covered():
    """A new page type or snippet must be added to FIELDS, with a decision for each field."""
    ours = {
        model
        for model in [*get_page_models(), *get_translatable_models()]
        if model._meta.app_label == "site_pages"
    }
    indexes = {
        m.EventIndexPage,
        m.MentorColumnIndexPage,
        m.MemberVoiceIndexPage,
        m.YearbookIndexPage,
        m.ProgramIndexPage,
    }
    assert ours - indexes == set(FIELDS)


def test_blocks_text_translates_links_images_and_figures_stay_overridable(site_tree):
    image = f.ImageFactory()
    document = wagtail_factories.DocumentFactory()
    page = f.StandardPageFactory(
        parent=site_tree.home,
        body__0__heading__text="Programme",
        body__1__paragraph__value='<p>See <a href="https://jst.go.jp/">JST</a>.</p>',
        body__2__image__image=image,
        body__2__image__caption="The hall",
        body__2__image__attribution="JST",
        body__3__figures__title="In numbers",
        body__3__figures__figures__0__value="5,539",
        body__3__figures__figures__0__label="students",
        body__4__call_to_action__text="Apply",
        body__4__call_to_action__url="https://jst.go.jp/a",
        body__5__call_to_action__text="Our chapter",
        body__5__call_to_action__page=site_tree.india,
        body__6__document__document=document,
        body__6__document__title="Annual report",
        body__7__contest_results__contest="E-poster",
        body__7__contest_results__awards__0__rank=1,
        body__7__contest_results__awards__0__title="Ties",
    )
    page = fresh(page)
    segments = extract_segments(page)
    strings = {s.render_text() for s in segments if isinstance(s, StringSegmentValue)}
    overridables = {}
    for segment in segments:
        if isinstance(segment, OverridableSegmentValue):
            overridables.setdefault(segment.path.split(".")[-1], []).append(segment.data)
    assert {"Programme", "See JST.", "The hall", "JST", "In numbers", "students"} <= strings
    assert {"Apply", "Our chapter", "Annual report", "E-poster", "Ties"} <= strings
    # Numbers, links, pages, images and documents stay the source's, but a translator may point
    # them elsewhere (a Japanese registration form, a Japanese edition of a report).
    assert "5,539" not in strings and overridables["value"] == ["5,539"]
    assert overridables["url"] == ["https://jst.go.jp/a"]
    assert overridables["page"] == [site_tree.india.pk]
    assert overridables["image"] == [image.pk]
    assert overridables["document"] == [document.pk]
    assert ["https://jst.go.jp/"] in overridables.values()  # a link inside rich text
    assert not any("rank" in s.path or "level" in s.path for s in segments)


def test_a_translator_points_a_link_at_the_japanese_edition(
    client, users, india, django_capture_on_commit_callbacks
):
    source = fresh(india)
    source.body.append(("call_to_action", LinkBlockFactory(text="Apply", url=EN_URL)))
    publish(source)
    submit_translation(client, users["secretariat"], india, "ja")
    translation = translation_of(india, "ja")
    segment = OverridableSegment.objects.get(
        source=translation.source, context__path__endswith=".url"
    )
    url = reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])
    assert put_form(client, url, {"value": JA_URL}).status_code == 201
    publish_translation(client, version(india, "ja"), django_capture_on_commit_callbacks)
    assert fresh(version(india, "ja")).body[-1].value["url"] == JA_URL
    assert fresh(india).body[-1].value["url"] == EN_URL


# --- a chapter, end to end -----------------------------------------------------------------------


def test_a_translation_starts_as_a_draft_and_goes_live_when_published(
    client, users, india, django_capture_on_commit_callbacks
):
    submit_translation(client, users["secretariat"], india, "ja")
    draft = version(india, "ja")
    assert not draft.live  # not published untranslated (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_...)
    translation = translation_of(india, "ja")
    assert translation.enabled and translation.source.locale.language_code == "en"

    client.force_login(users["secretariat"])
    assert client.get(edit_url(draft)).status_code == 200  # the translation editor
    segments = string_segments(translation)
    url = reverse(
        "wagtail_localize:edit_string_translation", args=[translation.pk, segments["India"].pk]
    )
    assert put_form(client, url, {"value": JA_TITLE}).status_code == 201
    publish_translation(client, draft, django_capture_on_commit_callbacks)

    page = fresh(draft)
    assert page.live and page.title == JA_TITLE
    assert page.intro == INTRO  # not translated yet: the source's text meanwhile


def test_the_japanese_chapter_is_served_under_ja_with_its_facts_in_sync(client, india, ja_india):
    assert ja_india.url == "/ja/chapters/india/"
    html = public_text(client, ja_india)
    assert JA_INTRO in html and JA_BODY in html
    assert 'lang="ja"' in html
    assert (ja_india.slug, ja_india.country, ja_india.acronym) == ("india", "IN", "ISCA")
    assert ja_india.founded_on == india.founded_on
    assert (ja_india.member_count, ja_india.member_count_year) == (400, 2021)
    assert ja_india.hero_image_id == india.hero_image_id
    assert client.get("/en/chapters/india/").status_code == 200


def status(page, code):
    return translation_statuses([page])[page.pk][code].state


def test_editing_the_source_makes_the_translation_out_of_date_until_synced(
    client, users, india, ja_india, django_capture_on_commit_callbacks
):
    assert status(india, "ja") == TranslationState.UP_TO_DATE
    assert status(india, "en") == TranslationState.SOURCE
    assert status(india, "id") == TranslationState.MISSING

    source = fresh(india)
    source.intro = "ISCA was founded in 2018 at the ambassador's residence."
    publish(source)
    assert status(india, "ja") == TranslationState.OUT_OF_DATE

    # "Sync translated pages", with "Publish immediately".
    translation = translation_of(india, "ja")
    client.force_login(users["secretariat"])
    url = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert status(india, "ja") == TranslationState.UP_TO_DATE
    page = fresh(ja_india)
    assert page.title == JA_TITLE  # kept
    assert page.intro == "ISCA was founded in 2018 at the ambassador's residence."  # to translate


def test_syncing_without_publishing_leaves_the_translation_out_of_date(
    client, users, india, ja_india
):
    source = fresh(india)
    source.intro = "A new introduction."
    publish(source)
    client.force_login(users["secretariat"])
    source_id = translation_of(india, "ja").source.pk
    client.post(reverse("wagtail_localize:update_translations", args=[source_id]), {})
    # The snapshot is new, but the live translation was made from the old one.
    assert status(india, "ja") == TranslationState.OUT_OF_DATE
    assert fresh(ja_india).intro == JA_INTRO


def test_the_editor_of_an_out_of_date_translation_says_so_and_what_to_do(
    client, users, india, ja_india
):
    client.force_login(users["india_editor"])
    assert "This translation is out of date" not in client.get(edit_url(ja_india)).content.decode()

    source = fresh(india)
    source.intro = "A new introduction."
    publish(source)
    html = client.get(edit_url(ja_india)).content.decode()
    assert "This translation is out of date: the English page has changed" in html
    assert "Sync translated pages" in html
    assert "This translation is out of date" not in client.get(edit_url(india)).content.decode()

    client.force_login(users["secretariat"])
    source_id = translation_of(india, "ja").source.pk
    client.post(reverse("wagtail_localize:update_translations", args=[source_id]), {})
    html = client.get(edit_url(ja_india)).content.decode()
    assert "it was synced with the English page, but the new version is not published" in html


@pytest.mark.parametrize("pending", ["draft", "in review"])
def test_syncing_says_when_the_source_has_changes_it_does_not_copy(
    client, users, india, ja_india, pending
):
    source = fresh(india)
    source.intro = "An introduction still being written."
    if pending == "draft":
        source.save_revision(user=users["secretariat"])
        expected = "has a draft that is not published. Syncing copies its published version"
    else:
        client.force_login(users["india_editor"])
        source.save_revision(user=users["india_editor"])
        source.get_workflow().start(fresh(india), users["india_editor"])
        expected = "has changes waiting for review. Syncing copies its published version"
    client.force_login(users["secretariat"])
    url = reverse(
        "wagtail_localize:update_translations", args=[translation_of(india, "ja").source.pk]
    )

    before = client.get(url)
    assert expected in before.content.decode()
    after = client.post(url, {}, follow=True)

    html = after.content.decode()
    assert expected in html
    assert translation_of(india, "ja").source.get_source_instance().intro == INTRO  # live text


def test_syncing_a_source_without_pending_changes_says_nothing_more(client, users, india, ja_india):
    client.force_login(users["secretariat"])
    url = reverse(
        "wagtail_localize:update_translations", args=[translation_of(india, "ja").source.pk]
    )
    html = client.post(url, {}, follow=True).content.decode()
    assert "Syncing copies its published version" not in html


# --- a chapter editor translates; the secretariat reviews ----------------------------------------


def download_po(client, translation):
    url = reverse("wagtail_localize:download_pofile", args=[translation.pk])
    response = client.get(url)
    assert response.status_code == 200
    return polib.pofile(response.content.decode())


def upload_po(client, translation, po):
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    upload = SimpleUploadedFile("india-ja.po", str(po).encode(), "text/x-gettext-translation")
    response = client.post(url, {"file": upload, "next": "/admin/"})
    assert response.status_code == 302
    return response


def approve(client, users, page):
    client.force_login(users["secretariat"])
    page = fresh(page)
    task_state = page.current_workflow_task_state
    assert task_state is not None, "the page is not in review"
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    return client.post(url, {"comment": ""})


def test_po_round_trip_goes_live_after_review(client, users, india, ja_india):
    """An outside translator's PO file, brought in by the India editor, changes the published
    Japanese page only once the secretariat has approved it."""
    editor = users["india_editor"]
    client.force_login(editor)
    translation = translation_of(india, "ja")

    po = download_po(client, translation)
    assert {entry.msgid for entry in po} >= {"India", INTRO, BODY}
    for entry in po:
        if entry.msgid == INTRO:
            entry.msgstr = "ISCAは2018年、大使公邸での第1回同窓会で設立されました。"
    upload_po(client, translation, po)
    assert StringTranslation.objects.filter(
        data="ISCAは2018年、大使公邸での第1回同窓会で設立されました。",
        locale__language_code="ja",
        last_translated_by=editor,
    ).exists()

    # The editor may not publish: the editor's "Publish" is refused.
    response = client.post(edit_url(ja_india), {"action": "publish"})
    assert denied(response)
    editor_view = client.get(edit_url(ja_india))
    assert editor_view.status_code == 200
    assert b"Submit for review" in editor_view.content

    response = client.post(
        reverse("site_translations:submit_for_review", args=[translation.pk]),
        {"next": edit_url(ja_india)},
    )
    assert response.status_code == 302
    page = fresh(ja_india)
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.has_unpublished_changes
    # Readers (and the API) still get the published version.
    assert page.intro == JA_INTRO
    assert JA_INTRO in public_text(client, page)

    response = approve(client, users, page)
    assert response.status_code == 302
    page = fresh(page)
    assert page.intro == "ISCAは2018年、大使公邸での第1回同窓会で設立されました。"
    assert not page.has_unpublished_changes
    assert "大使公邸" in public_text(client, page)
    assert status(india, "ja") == TranslationState.UP_TO_DATE


def open_language(client, users, site_tree, code):
    """The Secretariat starts a language: translating the chapters index creates that
    language's home page (a live alias of the English one, the Secretariat's decision)."""
    response = submit_translation(client, users["secretariat"], site_tree.chapters, code)
    assert response.status_code == 302


def test_a_new_translation_by_a_chapter_editor_goes_live_only_after_review(
    client, users, site_tree, india
):
    open_language(client, users, site_tree, "ja")
    editor = users["india_editor"]
    response = submit_translation(client, editor, india, "ja")
    assert response.status_code == 302
    draft = version(india, "ja")
    assert not draft.live
    translation = translation_of(india, "ja")
    client.force_login(editor)
    po = download_po(client, translation)
    for entry in po:
        entry.msgstr = {"India": JA_TITLE, INTRO: JA_INTRO, BODY: JA_BODY}[entry.msgid]
    upload_po(client, translation, po)
    assert denied(client.post(edit_url(draft), {"action": "publish"}))
    assert not fresh(draft).live

    client.post(reverse("site_translations:submit_for_review", args=[translation.pk]))
    assert not fresh(draft).live
    assert status(india, "ja") == TranslationState.IN_REVIEW

    approve(client, users, draft)
    page = fresh(draft)
    assert page.live and page.title == JA_TITLE and page.intro == JA_INTRO
    assert status(india, "ja") == TranslationState.UP_TO_DATE


def review_url(translation):
    return reverse("site_translations:submit_for_review", args=[translation.pk])


def test_an_incomplete_translation_is_submitted_only_once_the_translator_confirms(
    client, users, site_tree, india
):
    open_language(client, users, site_tree, "ja")
    editor = users["india_editor"]
    submit_translation(client, editor, india, "ja")
    draft = version(india, "ja")
    translation = translation_of(india, "ja")
    client.force_login(editor)
    po = download_po(client, translation)
    for entry in po:
        entry.msgstr = JA_TITLE if entry.msgid == "India" else ""
    upload_po(client, translation, po)

    editor_html = client.get(edit_url(draft)).content.decode()
    assert "2 of 3 texts are not translated yet. Readers would see them in English." in editor_html
    assert 'name="untranslated" value="accepted"' in editor_html

    revisions = fresh(draft).revisions.count()
    response = client.post(review_url(translation), follow=True)
    assert "2 of 3 texts are not translated yet" in response.content.decode()
    assert fresh(draft).current_workflow_state is None  # nothing submitted
    assert fresh(draft).revisions.count() == revisions

    client.post(review_url(translation), {"untranslated": "accepted"})
    state = fresh(draft).current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS


def test_the_incomplete_translation_warning_reads_in_japanese(client, users, site_tree, india):
    open_language(client, users, site_tree, "ja")
    editor = users["india_editor"]
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "ja"
    profile.save()
    submit_translation(client, editor, india, "ja")
    translation = translation_of(india, "ja")

    response = client.post(review_url(translation), follow=True)

    assert "3件中3件のテキストがまだ翻訳されていません" in response.content.decode()
    editor_html = client.get(edit_url(version(india, "ja"))).content.decode()
    assert "未翻訳のテキストがあるまま提出" in editor_html


def test_a_complete_translation_says_so_and_needs_no_confirmation(client, users, india, ja_india):
    client.force_login(users["india_editor"])
    assert "Every text is translated (3 texts)." in client.get(edit_url(ja_india)).content.decode()
    client.post(review_url(translation_of(india, "ja")))
    assert fresh(ja_india).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_in_review_the_page_is_locked_for_the_translator_until_changes_are_asked(
    client, users, india, ja_india
):
    translation = translation_of(india, "ja")
    client.force_login(users["india_editor"])
    client.post(review_url(translation))
    state = fresh(ja_india).current_workflow_state
    revisions = fresh(ja_india).revisions.count()

    response = client.post(review_url(translation), follow=True)
    assert "This page is in review" in response.content.decode()
    assert fresh(ja_india).revisions.count() == revisions  # nothing saved

    client.force_login(users["secretariat"])
    task_state = fresh(ja_india).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(ja_india.pk, "reject", task_state.pk))
    client.post(url, {"comment": "Please use the chapter's Japanese name."})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(users["india_editor"])
    client.post(review_url(translation))
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # the same review, resumed
    assert fresh(ja_india).current_workflow_state == state


def test_a_reviewer_submitting_again_restarts_the_review(client, users, india, ja_india):
    translation = translation_of(india, "ja")
    client.force_login(users["india_editor"])
    client.post(review_url(translation))
    first = fresh(ja_india).current_workflow_state
    client.force_login(users["secretariat"])
    client.post(review_url(translation))
    first.refresh_from_db()
    assert first.status == WorkflowState.STATUS_CANCELLED
    current = fresh(ja_india).current_workflow_state
    assert current != first and current.status == WorkflowState.STATUS_IN_PROGRESS


def test_wagtail_localize_draft_save_would_publish_the_text_of_a_live_page(india, ja_india):
    """Why review.py builds drafts of live pages itself: wagtail-localize's own
    ``save_target(publish=False)`` writes into the live row that readers are served."""
    translation = translation_of(india, "ja")
    segment = string_segments(translation)[INTRO]
    StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=locale("ja")
    ).update(data="未承認の文")
    translation.save_target(publish=False)
    assert fresh(ja_india).intro == "未承認の文"


# --- machine translation -------------------------------------------------------------------------


def test_machine_translation_is_off_by_default(client, users, india, ja_india):
    assert get_machine_translator() is None
    client.force_login(users["secretariat"])
    translation = translation_of(india, "ja")
    client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    assert not StringTranslation.objects.filter(
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    ).exists()


def test_machine_translation_fills_the_strings_to_review(
    client, users, site_tree, india, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
    }
    open_language(client, users, site_tree, "ja")
    submit_translation(client, users["india_editor"], india, "ja")
    translation = translation_of(india, "ja")
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    assert client.post(url, {"next": "/admin/"}).status_code == 302
    machine = StringTranslation.objects.filter(
        locale__language_code="ja", translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    # The dummy backend reverses the words.
    assert set(machine.values_list("data", flat=True)) >= {
        "India",
        "reunion. first the at founded was ISCA",
    }
    assert not version(india, "ja").live  # a suggestion, not a publication
    client.post(reverse("site_translations:submit_for_review", args=[translation.pk]))
    approve(client, users, version(india, "ja"))
    assert fresh(version(india, "ja")).intro == "reunion. first the at founded was ISCA"


def test_deepl_is_offered_only_between_the_languages_it_translates():
    from site_pages.translations.machine import DeepLTranslator

    translator = DeepLTranslator({"AUTH_KEY": "x:fx", "LANGUAGES": ["en", "ja", "id"]})
    assert translator.can_translate(locale("en"), locale("ja"))
    assert not translator.can_translate(locale("en"), locale("si"))
    assert not translator.can_translate(locale("en"), locale("en"))


def machine_translator_setting(**env):
    """WAGTAILLOCALIZE_MACHINE_TRANSLATOR as a fresh interpreter reads it from ``env``."""
    expression = "getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', None)"
    return settings_read(expression, env=env, unset=["DEEPL_"])


def test_deepl_is_switched_on_by_its_key_in_the_environment():
    assert machine_translator_setting() is None
    configured = machine_translator_setting(DEEPL_API_KEY="secret:fx", DEEPL_LANGUAGES="en,ja")
    assert configured["CLASS"] == "site_pages.translations.machine.DeepLTranslator"
    assert configured["OPTIONS"]["AUTH_KEY"] == "secret:fx"
    assert configured["OPTIONS"]["LANGUAGES"] == ["en", "ja"]


# --- who may translate what ----------------------------------------------------------------------


def test_wagtail_localize_addresses_reach_the_checked_views():
    def view_class(name, *args):
        return resolve(reverse(f"wagtail_localize:{name}", args=args)).func.view_class

    assert view_class("submit_page_translation", 1) is permissions.SubmitPageTranslationView
    assert (
        view_class("submit_snippet_translation", "site_pages", "person", 1)
        is permissions.SubmitSnippetTranslationView
    )
    assert view_class("update_translations", 1) is permissions.UpdateTranslationsView


def test_chapter_editors_may_translate_but_mentors_may_not(users):
    assert users["india_editor"].has_perm(permissions.SUBMIT_TRANSLATION)
    assert users["secretariat"].has_perm(permissions.SUBMIT_TRANSLATION)
    assert not users["mentor"].has_perm(permissions.SUBMIT_TRANSLATION)


def test_a_chapter_editor_translates_their_own_chapter_only(client, users, site_tree, india):
    editor = users["indonesia_editor"]
    assert denied(submit_translation(client, editor, india, "ja"))
    assert not india.get_translations().exists()
    client.force_login(editor)
    form = reverse("wagtail_localize:submit_page_translation", args=[india.pk])
    assert denied(client.get(form))

    own = fresh(site_tree.indonesia)
    open_language(client, users, site_tree, "id")
    response = submit_translation(client, editor, own, "id")
    assert response.status_code == 302
    assert own.get_translations().filter(locale__language_code="id").exists()


def test_a_chapter_editor_cannot_touch_another_chapters_translation(client, users, india, ja_india):
    client.force_login(users["indonesia_editor"])
    translation = translation_of(india, "ja")
    segment = string_segments(translation)[INTRO]
    edit = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    assert put_form(client, edit, {"value": "x"}).status_code == 403
    download = reverse("wagtail_localize:download_pofile", args=[translation.pk])
    assert denied(client.get(download))
    review = reverse("site_translations:submit_for_review", args=[translation.pk])
    assert denied(client.post(review))
    sync = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    assert denied(client.post(sync, {}))


def test_the_india_editor_may_sync_but_not_publish_while_syncing(client, users, india, ja_india):
    source = fresh(india)
    source.intro = "A newer introduction."
    publish(source)
    client.force_login(users["india_editor"])
    url = reverse(
        "wagtail_localize:update_translations", args=[translation_of(india, "ja").source.pk]
    )
    assert denied(client.post(url, {"publish_translations": "on"}))
    assert fresh(ja_india).intro == JA_INTRO
    assert status(india, "ja") == TranslationState.OUT_OF_DATE
    assert client.post(url, {}).status_code == 302  # sync only: translators take it from there
    assert TranslationSource.objects.get(object_id=india.translation_key).content_json.count(
        "A newer introduction."
    )


def test_snippets_are_translated_by_those_who_may_edit_them(client, users, site_tree):
    person = f.PersonFactory(name="Priya")
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["site_pages", "person", person.pk]
    )
    client.force_login(users["india_editor"])  # may add people, not edit them
    assert denied(client.post(url, {"locales": [locale("ja").pk]}))
    client.force_login(users["secretariat"])
    assert client.post(url, {"locales": [locale("ja").pk]}).status_code == 302
    assert m.Person.objects.filter(locale__language_code="ja", name="Priya").exists()

    # Adding people does not let a chapter editor rewrite anyone's translated entry either.
    translation = Translation.objects.get(source__object_id=person.translation_key)
    segment = string_segments(translation)["Priya"]
    client.force_login(users["india_editor"])
    edit = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    assert denied(put_form(client, edit, {"value": "プリヤ"}))
    assert denied(client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])))
    client.force_login(users["secretariat"])
    assert put_form(client, edit, {"value": "プリヤ"}).status_code == 201


# --- the status report ---------------------------------------------------------------------------


def test_the_report_lists_pages_against_languages(client, users, india, ja_india, site_tree):
    source = fresh(india)
    source.intro = "Changed."
    publish(source)
    client.force_login(users["secretariat"])
    response = client.get(reverse("site_translations:status_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Translation status" in html and "Japanese" in html
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("site_translations:status_report") in menu
    assert "Out of date" in html and "Missing" in html
    assert edit_url(india) in html  # the source page's row
    assert (
        reverse("wagtail_localize:submit_page_translation", args=[india.pk]) + "?select_locale=id"
    ) in html


def report_rows(client, **filters):
    response = client.get(reverse("site_translations:status_report"), filters)
    assert response.status_code == 200
    return response, [row.title for row in response.context["object_list"]]


def test_the_report_marks_each_state_and_links_to_its_fix(client, users, india, ja_india):
    source = fresh(india)
    source.intro = "Changed."
    publish(source)
    client.force_login(users["secretariat"])
    response, _titles = report_rows(client)
    html = response.content.decode()
    sync = reverse(
        "wagtail_localize:update_translations", args=[translation_of(india, "ja").source.pk]
    )
    # Out of date because the source changed: the cell leads to "Sync translated pages".
    assert f'sakura-tstatus--out_of_date" href="{sync}?next=' in html
    assert 'sakura-tstatus--missing" href="' in html
    assert "translation_report.css" in html


def test_a_translation_in_review_shows_as_in_review(client, users, india, ja_india):
    client.force_login(users["india_editor"])
    client.post(review_url(translation_of(india, "ja")))
    response, _titles = report_rows(client)
    html = response.content.decode()
    assert f'sakura-tstatus--in_review" href="{edit_url(ja_india)}"' in html
    assert status(india, "ja") == TranslationState.IN_REVIEW


def test_the_report_filters_by_chapter_language_and_state(
    client, users, site_tree, india, ja_india
):
    source = fresh(india)
    source.intro = "Changed."
    publish(source)
    client.force_login(users["secretariat"])

    _response, titles = report_rows(client, chapter=site_tree.indonesia.pk)
    assert titles == ["Indonesia"]

    response, titles = report_rows(client, state="out_of_date")
    assert titles == ["India"]
    response, titles = report_rows(client, state="out_of_date", locale="id")
    assert titles == []
    response, titles = report_rows(client, state="missing", locale="ja")
    assert "India" not in titles and "Indonesia" in titles

    response, _titles = report_rows(client, locale="ja")
    headers = [column.label for column in response.context["table"].columns.values()]
    assert [str(label) for label in headers] == ["Page", "Japanese"]


def test_an_unknown_filter_value_is_a_form_error_not_a_crash(client, users, site_tree):
    client.force_login(users["secretariat"])
    response = client.get(
        reverse("site_translations:status_report"), {"state": "nonsense", "locale": "xx"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_chapter_editor_sees_their_own_chapter_in_the_report(client, users, india, site_tree):
    client.force_login(users["india_editor"])
    response = client.get(reverse("site_translations:status_report"))
    assert response.status_code == 200
    titles = [row.title for row in response.context["object_list"]]
    assert "India" in titles and "Indonesia" not in titles
    client.force_login(users["mentor"])
    assert denied(client.get(reverse("site_translations:status_report")))


def test_the_report_costs_the_same_queries_for_more_pages(client, users, site_tree):
    client.force_login(users["secretariat"])
    report_rows(client)  # warms Wagtail's cache of site root paths

    def measured():
        with CaptureQueriesContext(connection) as captured:
            _response, titles = report_rows(client)
        return len(captured), titles, [q["sql"] for q in captured.captured_queries]

    small = measured()
    for number in range(10):
        f.EventPageFactory(parent=site_tree.events, title=f"Talk {number}")
    large = measured()
    counts = (small[0], large[0])
    assert counts == (23, 23), "\n".join(["--- small", *small[2], "--- large", *large[2]])
    assert (len(small[1]), len(large[1])) == (9, 19)  # one row a page, ten more talks
    assert {f"Talk {number}" for number in range(10)} <= set(large[1])


def test_statuses_name_aliases_hand_translations_and_drafts(site_tree):
    home = fresh(site_tree.home)
    india = fresh(site_tree.india)
    by_hand = india.copy_for_translation(locale("ja"), copy_parents=True)  # home & index aliases
    by_hand.save_revision().publish()
    draft = india.copy_for_translation(locale("vi"), copy_parents=True)
    statuses = translation_statuses([home, india])
    assert statuses[home.pk]["ja"].state == TranslationState.ALIAS
    assert statuses[india.pk]["ja"].state == TranslationState.NOT_SYNCED
    assert statuses[india.pk]["vi"].state == TranslationState.DRAFT
    assert statuses[india.pk]["vi"].page_id == draft.pk
    assert statuses[india.pk]["th"].state == TranslationState.MISSING


def test_chapter_editor_group_exists_for_the_translated_chapter(site_tree, india, ja_india):
    """The Japanese chapter page is covered by the India editors' rights, as the English one."""
    group = Group.objects.get(name=chapter_group_name(india))
    assert GroupPagePermission.objects.filter(group=group, page=ja_india).exists()
    editor = make_user("india2", group.name)
    assert fresh(ja_india).permissions_for_user(editor).can_edit()
    assert not fresh(ja_india).permissions_for_user(editor).can_publish()
