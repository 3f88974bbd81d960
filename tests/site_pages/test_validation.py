"""Validation rules: each mistake an editor can make is refused with a clear, specific message.

Two levels for every rule: the model or block itself (``full_clean`` / ``clean``), so that
imports and scripts are guarded too, and the Wagtail admin, where an editor must see the message
in the re-rendered form and nothing may be half-saved.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import inline_formset, streamfield

from site_pages import blocks
from site_pages import models as m
from site_pages.social_links import PlatformURLValidator, validate_platform_url
from tests import factories as f
from tests.site_pages.admin_forms import add_url, chapter_post, event_post

pytestmark = pytest.mark.django_db

FULL_ADDRESS = "Enter a full web address starting with https://, such as https://www.example.org/."
NOT_FACEBOOK = "This is not an address on Facebook: it should be on facebook.com or fb.com."
# Only the parts that name the platform and its host: the article ("a Instagram") is clumsy.
NOT_INSTAGRAM_HOST = "Instagram: it should be on instagram.com."
INDIA_TAKEN = "India already has a chapter page, “India”. Each country has one chapter."
CITY_NEEDED = "Give the city of an event that members attend in person."
MEMBER_FIGURE_NEEDED = "Give the member figure that the year refers to."


def errors_of(excinfo):
    """The field -> messages dict of a model ValidationError."""
    return excinfo.value.message_dict


def clean_errors(instance):
    """The field -> messages dict ``full_clean`` refuses ``instance`` with."""
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return errors_of(excinfo)


def url_refusal(platform, url):
    """The messages ``validate_platform_url`` refuses ``url`` with in a ``platform`` slot."""
    with pytest.raises(ValidationError) as excinfo:
        validate_platform_url(platform, url)
    return excinfo.value.messages


# --- Social addresses -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.facebook.com/IndiaSakuraScienceClub",
        "https://facebook.com/groups/sakura",
        "https://m.facebook.com/sakura",
        "http://web.facebook.com/sakura",
        "https://fb.com/sakura",
        "https://WWW.FACEBOOK.COM/Sakura",
        "https://www.facebook.com./sakura",
        "",
    ],
)
def test_facebook_addresses_are_accepted(url):
    validate_platform_url("facebook", url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.instagram.com/sakura",
        "https://facebook.com.evil.example/sakura",
        "https://www.facebook.com.evil.example/sakura",
        "https://evilfacebook.com/sakura",
        "https://facebok.com/sakura",
        "https://facebook.co/sakura",
        "https://evil.example/facebook.com",
        "https://evil.example/?next=https://facebook.com",
        "https://facebook.com@evil.example/sakura",
        # A browser reads the backslash as the end of the host and goes to evil.example.
        "https://evil.example\\@facebook.com/sakura",
        "https://user:secret@facebook.com/sakura",
    ],
)
def test_other_hosts_in_a_facebook_slot_are_refused(url):
    assert url_refusal("facebook", url) == [NOT_FACEBOOK]


@pytest.mark.parametrize(
    "url",
    [
        "facebook.com/sakura",
        "www.facebook.com",
        "not a url",
        "//facebook.com/sakura",
        "ftp://facebook.com/sakura",
        "javascript:alert(1)",
        "https://",
        "https:///facebook.com/sakura",
        "https://[facebook.com/sakura",
    ],
)
def test_malformed_addresses_ask_for_a_full_web_address(url):
    assert url_refusal("facebook", url) == [FULL_ADDRESS]


def test_the_message_names_the_platform_and_its_hosts():
    [message] = url_refusal("instagram", "https://www.facebook.com/sakura")
    assert message.startswith("This is not an address on Instagram")
    assert message.endswith(NOT_INSTAGRAM_HOST)
    validate_platform_url("instagram", "https://www.instagram.com/sakura")
    validate_platform_url("youtube", "https://youtu.be/abc")
    validate_platform_url("x", "https://twitter.com/sakura")
    validate_platform_url("linkedin", "https://www.linkedin.com/company/sakura")


def test_a_website_may_be_on_any_host_but_must_be_a_full_address():
    validate_platform_url("website", "https://isca.example.org/")
    assert url_refusal("website", "isca.example.org") == [FULL_ADDRESS]


def test_the_settings_validator_compares_by_platform():
    assert PlatformURLValidator("facebook") == PlatformURLValidator("facebook")
    assert PlatformURLValidator("facebook") != PlatformURLValidator("instagram")


def chapter_link(site_tree, platform, url):
    return m.ChapterSocialLink(chapter=site_tree.india, platform=platform, url=url)


def test_chapter_social_link_on_the_wrong_platform(site_tree):
    link = chapter_link(site_tree, "facebook", "https://www.instagram.com/isca_india")
    assert clean_errors(link) == {"url": [NOT_FACEBOOK]}


def test_chapter_social_link_on_a_look_alike_host(site_tree):
    link = chapter_link(site_tree, "facebook", "https://facebook.com.evil.example/isca")
    assert clean_errors(link) == {"url": [NOT_FACEBOOK]}


@pytest.mark.parametrize("url", ["facebook.com/x", "not a url", "https://[facebook.com/x"])
def test_chapter_social_link_malformed(site_tree, url):
    link = chapter_link(site_tree, "facebook", url)
    errors = clean_errors(link)
    # Django's own URL check and ours both speak; ours says what a full address looks like.
    assert FULL_ADDRESS in errors["url"]
    assert set(errors) == {"url"}


@pytest.mark.parametrize(
    ("platform", "url"),
    [
        ("facebook", "https://m.facebook.com/isca"),
        ("facebook", "https://www.facebook.com/isca"),
        ("instagram", "https://www.instagram.com/isca_india"),
        ("website", "https://isca.example.org/"),
    ],
)
def test_chapter_social_link_valid(site_tree, platform, url):
    chapter_link(site_tree, platform, url).full_clean()


def test_network_settings_refuse_a_wrong_platform(site_tree):
    settings = m.NetworkSettings(
        site=site_tree.home.get_site(),
        facebook_url="https://www.instagram.com/sakura",
        instagram_url="https://www.facebook.com/sakura",
        youtube_url="https://vimeo.com/sakura",
    )
    errors = clean_errors(settings)
    assert set(errors) == {"facebook_url", "instagram_url", "youtube_url"}
    assert errors["facebook_url"] == [NOT_FACEBOOK]
    assert errors["instagram_url"][0].endswith(NOT_INSTAGRAM_HOST)
    assert errors["youtube_url"] == [
        "This is not an address on YouTube: it should be on youtube.com or youtu.be."
    ]


@pytest.mark.parametrize("url", ["https://facebook.com.evil.example/", "https://[facebook.com/"])
def test_network_settings_refuse_look_alike_and_malformed_addresses(site_tree, url):
    settings = m.NetworkSettings(site=site_tree.home.get_site(), facebook_url=url)
    errors = clean_errors(settings)
    assert set(errors) == {"facebook_url"}
    assert {NOT_FACEBOOK, FULL_ADDRESS} & set(errors["facebook_url"])


def test_network_settings_valid(site_tree):
    m.NetworkSettings(
        site=site_tree.home.get_site(),
        facebook_url="https://m.facebook.com/sakura",
        instagram_url="https://www.instagram.com/sakura",
        youtube_url="https://www.youtube.com/@sakura",
        newsletter_url="https://lists.example.org/sakura",
    ).full_clean()
    m.NetworkSettings(site=site_tree.home.get_site()).full_clean()


# --- Events -----------------------------------------------------------------------------------


@pytest.fixture
def event(site_tree):
    return f.EventPageFactory(
        parent=site_tree.events,
        start_date=datetime.date(2024, 3, 10),
        format="in_person",
        city="New Delhi",
    )


def test_event_that_ends_before_it_starts(event):
    event.end_date = datetime.date(2024, 3, 9)
    assert clean_errors(event) == {
        "end_date": ["The event ends (2024-03-09) before it starts (2024-03-10)."]
    }


@pytest.mark.parametrize("end_date", [None, datetime.date(2024, 3, 10), datetime.date(2024, 3, 12)])
def test_event_dates_valid(event, end_date):
    event.end_date = end_date
    event.full_clean()


@pytest.mark.parametrize("event_format", ["in_person", "hybrid"])
def test_event_attended_in_person_needs_a_city(event, event_format):
    event.format = event_format
    event.city = ""
    assert clean_errors(event) == {"city": [CITY_NEEDED]}


def test_online_event_needs_no_city(event):
    event.format = "online"
    event.city = ""
    event.full_clean()


def test_event_reports_every_mistake_at_once(event):
    event.end_date = datetime.date(2024, 3, 1)
    event.city = ""
    assert set(clean_errors(event)) == {"end_date", "city"}


def test_an_invalid_event_is_not_saved_into_the_tree(site_tree):
    before = m.EventPage.objects.count()
    page = m.EventPage(
        title="Broken reunion",
        slug="broken-reunion",
        start_date=datetime.date(2024, 3, 10),
        end_date=datetime.date(2024, 3, 9),
        format="online",
    )
    with pytest.raises(ValidationError):
        site_tree.events.add_child(instance=page)
    assert m.EventPage.objects.count() == before
    assert not Page.objects.filter(slug="broken-reunion").exists()


# --- Chapters ---------------------------------------------------------------------------------


def test_a_second_chapter_for_the_same_country_is_refused(site_tree):
    before = m.ChapterPage.objects.count()
    page = m.ChapterPage(title="ISCA again", slug="isca-again", country="IN")
    with pytest.raises(ValidationError) as excinfo:
        site_tree.chapters.add_child(instance=page)
    assert errors_of(excinfo) == {"country": [INDIA_TAKEN]}
    assert m.ChapterPage.objects.count() == before


def test_editing_the_existing_chapter_is_not_a_duplicate(site_tree):
    site_tree.india.local_name = "India Sakura Science Club Alumni Association"
    site_tree.india.full_clean()
    site_tree.indonesia.full_clean()


def test_another_country_is_accepted(site_tree):
    page = m.ChapterPage(title="Japan", slug="japan", country="JP")
    site_tree.chapters.add_child(instance=page)
    assert m.ChapterPage.objects.filter(country="JP").count() == 1


def test_moving_a_chapter_onto_a_taken_country_is_refused(site_tree):
    site_tree.indonesia.country = "IN"
    assert clean_errors(site_tree.indonesia) == {"country": [INDIA_TAKEN]}


def test_the_country_check_is_per_locale(site_tree):
    japanese = Locale.objects.get(language_code="ja")
    india_ja = site_tree.india.copy_for_translation(japanese, copy_parents=True)
    india_ja.title = "インド"
    # A translation of India is India's page in another language, not a second chapter.
    india_ja.full_clean()
    india_ja.save_revision().publish()

    second = m.ChapterPage(title="Another India", slug="another-india", country="IN")
    second.locale = japanese
    with pytest.raises(ValidationError) as excinfo:
        india_ja.get_parent().add_child(instance=second)
    assert errors_of(excinfo) == {
        "country": ["India already has a chapter page, “インド”. Each country has one chapter."]
    }


def test_member_year_needs_the_member_figure(site_tree):
    india = site_tree.india
    india.member_count_year = 2023
    assert clean_errors(india) == {"member_count": [MEMBER_FIGURE_NEEDED]}
    india.member_count = 600
    india.full_clean()


def test_chapter_reports_the_member_figure_together_with_the_country(site_tree):
    site_tree.indonesia.country = "IN"
    site_tree.indonesia.member_count_year = 2023
    assert clean_errors(site_tree.indonesia) == {
        "country": [INDIA_TAKEN],
        "member_count": [MEMBER_FIGURE_NEEDED],
    }


@pytest.mark.parametrize(("start", "end"), [(2022, 2020), (2023, 2022)])
def test_coordinator_term_that_ends_before_it_starts(site_tree, start, end):
    coordinator = m.ChapterCoordinator(
        chapter=site_tree.india, person=f.PersonFactory(), term_start=start, term_end=end
    )
    assert clean_errors(coordinator) == {
        "term_end": [f"The last year ({end}) is before the first year ({start})."]
    }


@pytest.mark.parametrize("end", [None, 2022, 2024])
def test_coordinator_term_valid(site_tree, end):
    m.ChapterCoordinator(
        chapter=site_tree.india, person=f.PersonFactory(), term_start=2022, term_end=end
    ).full_clean()


# --- Yearbooks and programmes -----------------------------------------------------------------


def test_a_second_yearbook_for_a_fiscal_year_is_refused(site_tree):
    first = f.YearbookPageFactory(parent=site_tree.yearbooks, fiscal_year=2021)
    first.full_clean()
    before = m.YearbookPage.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        site_tree.yearbooks.add_child(
            instance=m.YearbookPage(title="FY2021 again", slug="fy2021-again", fiscal_year=2021)
        )
    assert errors_of(excinfo) == {
        "fiscal_year": ["There is already a yearbook for fiscal year 2021: “Yearbook 2021”."]
    }
    assert m.YearbookPage.objects.count() == before
    site_tree.yearbooks.add_child(
        instance=m.YearbookPage(title="FY2022", slug="fy2022", fiscal_year=2022)
    )
    assert m.YearbookPage.objects.count() == before + 1


def test_changing_a_yearbook_onto_a_taken_year_is_refused(site_tree):
    f.YearbookPageFactory(parent=site_tree.yearbooks, fiscal_year=2021)
    other = f.YearbookPageFactory(parent=site_tree.yearbooks, fiscal_year=2022)
    other.fiscal_year = 2021
    errors = clean_errors(other)
    assert set(errors) == {"fiscal_year"}
    assert "fiscal year 2021" in errors["fiscal_year"][0]


def test_programme_that_ends_before_it_starts(site_tree):
    programme = f.ProgramPageFactory(parent=site_tree.programs, first_year=2014)
    programme.first_year, programme.last_year = 2021, 2020
    assert clean_errors(programme) == {
        "last_year": ["The last year (2020) is before the first year (2021)."]
    }


@pytest.mark.parametrize(
    ("first", "last"), [(2014, 2024), (2020, 2020), (2020, None), (None, None)]
)
def test_programme_years_valid(site_tree, first, last):
    programme = f.ProgramPageFactory(parent=site_tree.programs)
    programme.first_year, programme.last_year = first, last
    programme.full_clean()


# --- Blocks -----------------------------------------------------------------------------------


LINK_BOTH = "Choose either a page of this site or an outside URL, not both."
LINK_NEITHER = "Choose a page of this site or enter an outside URL."


def link_value(**value):
    return blocks.LinkBlock().to_python({"text": "Read more", "page": None, "url": "", **value})


def link_errors(excinfo):
    return {name: error.messages for name, error in excinfo.value.block_errors.items()}


def test_link_with_both_a_page_and_a_url(site_tree):
    block = blocks.LinkBlock()
    value = link_value(page=site_tree.india.id, url="https://www.jst.go.jp/")
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(value)
    assert link_errors(excinfo) == {"page": [LINK_BOTH], "url": [LINK_BOTH]}


def test_link_with_neither_a_page_nor_a_url(site_tree):
    with pytest.raises(StructBlockValidationError) as excinfo:
        blocks.LinkBlock().clean(link_value())
    assert link_errors(excinfo) == {"page": [LINK_NEITHER], "url": [LINK_NEITHER]}


def test_link_with_a_page_or_a_url(site_tree):
    block = blocks.LinkBlock()
    assert block.clean(link_value(page=site_tree.india.id))["page"] == site_tree.india.page_ptr
    assert block.clean(link_value(url="https://www.jst.go.jp/"))["url"] == "https://www.jst.go.jp/"


def contest_value(*ranks):
    return blocks.ContestResultsBlock().to_python(
        {
            "contest": "E-poster contest",
            "awards": [{"rank": rank, "title": f"Entry {rank}", "winner": ""} for rank in ranks],
        }
    )


def test_contest_results_with_a_duplicate_rank():
    with pytest.raises(StructBlockValidationError) as excinfo:
        blocks.ContestResultsBlock().clean(contest_value(1, 2, 2))
    assert link_errors(excinfo) == {"awards": ["Each rank may be awarded only once."]}


def test_contest_results_with_distinct_ranks():
    value = blocks.ContestResultsBlock().clean(contest_value(1, 2, 3))
    assert [award["rank"] for award in value["awards"]] == [1, 2, 3]


# --- The admin: what an editor sees -----------------------------------------------------------


@pytest.fixture
def editor(client, users):
    client.force_login(users["secretariat"])
    return client


def assert_form_refused(response, message):
    assert response.status_code == 200
    html = response.content.decode()
    assert "The page could not be created due to validation errors." in html
    assert message in html


@pytest.mark.parametrize("action", [{}, {"action-publish": "action-publish"}])
def test_admin_refuses_an_event_ending_before_it_starts(editor, site_tree, action):
    before = m.EventPage.objects.count()
    response = editor.post(
        add_url("eventpage", site_tree.india), {**event_post(end_date="2024-03-09"), **action}
    )
    assert_form_refused(response, "The event ends (2024-03-09) before it starts (2024-03-10).")
    assert m.EventPage.objects.count() == before
    assert not Page.objects.filter(slug="3rd-india-reunion").exists()


def contest_post(*ranks):
    awards = {
        str(index): {
            "value": {"rank": str(rank), "title": f"Entry {rank}", "winner": ""},
            "deleted": "",
            "order": str(index),
            "id": "",
        }
        for index, rank in enumerate(ranks)
    }
    awards["count"] = str(len(ranks))
    return streamfield([("contest_results", {"contest": "E-poster contest", "awards": awards})])


def test_admin_refuses_contest_results_with_a_duplicate_rank(editor, site_tree):
    response = editor.post(
        add_url("eventpage", site_tree.india), event_post(outcome=contest_post(1, 2, 1))
    )
    assert_form_refused(response, "Each rank may be awarded only once.")
    assert not Page.objects.filter(slug="3rd-india-reunion").exists()


def test_admin_saves_contest_results_with_distinct_ranks(editor, site_tree):
    response = editor.post(
        add_url("eventpage", site_tree.india), event_post(outcome=contest_post(1, 2, 3))
    )
    assert response.status_code == 302
    outcome = m.EventPage.objects.get(slug="3rd-india-reunion").outcome
    assert [award["rank"] for award in outcome[0].value["awards"]] == [1, 2, 3]


def test_admin_refuses_an_in_person_event_without_a_city(editor, site_tree):
    response = editor.post(add_url("eventpage", site_tree.events), event_post(city=""))
    assert_form_refused(response, CITY_NEEDED)
    assert not Page.objects.filter(slug="3rd-india-reunion").exists()


@pytest.mark.parametrize(
    "fields", [{}, {"format": "online", "city": ""}, {"end_date": "2024-03-12"}]
)
def test_admin_creates_a_valid_event(editor, site_tree, fields):
    response = editor.post(add_url("eventpage", site_tree.india), event_post(**fields))
    assert response.status_code == 302
    event = m.EventPage.objects.get(slug="3rd-india-reunion")
    assert event.get_parent().id == site_tree.india.id
    assert event.start_date == datetime.date(2024, 3, 10)


def test_admin_refuses_a_second_chapter_for_a_country(editor, site_tree):
    before = m.ChapterPage.objects.count()
    response = editor.post(
        add_url("chapterpage", site_tree.chapters),
        chapter_post(title="India (new)", slug="india-new", country="IN"),
    )
    assert_form_refused(response, INDIA_TAKEN)
    assert m.ChapterPage.objects.count() == before
    assert not Page.objects.filter(slug="india-new").exists()


def test_admin_creates_a_chapter_for_a_new_country(editor, site_tree):
    response = editor.post(add_url("chapterpage", site_tree.chapters), chapter_post())
    assert response.status_code == 302
    assert m.ChapterPage.objects.get(slug="japan").country.code == "JP"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://www.instagram.com/sakura_japan", NOT_FACEBOOK),
        ("https://facebook.com.evil.example/sakura", NOT_FACEBOOK),
        ("not a url", "Enter a valid URL."),
    ],
)
def test_admin_refuses_a_malformed_or_wrong_platform_social_link(editor, site_tree, url, message):
    data = chapter_post(social_links=inline_formset([{"platform": "facebook", "url": url}]))
    response = editor.post(add_url("chapterpage", site_tree.chapters), data)
    assert_form_refused(response, message)
    assert not Page.objects.filter(slug="japan").exists()
    assert not m.ChapterSocialLink.objects.exists()


def test_admin_saves_a_valid_social_link(editor, site_tree):
    data = chapter_post(
        social_links=inline_formset(
            [{"platform": "facebook", "url": "https://m.facebook.com/sakura_japan"}]
        )
    )
    response = editor.post(add_url("chapterpage", site_tree.chapters), data)
    assert response.status_code == 302
    japan = m.ChapterPage.objects.get(slug="japan")
    assert [link.url for link in japan.social_links.all()] == [
        "https://m.facebook.com/sakura_japan"
    ]


def test_admin_refuses_a_coordinator_term_that_ends_before_it_starts(editor, site_tree):
    person = f.PersonFactory()
    data = chapter_post(
        coordinators=inline_formset(
            [{"person": person.pk, "role": "chair", "term_start": "2022", "term_end": "2020"}]
        )
    )
    response = editor.post(add_url("chapterpage", site_tree.chapters), data)
    assert_form_refused(response, "The last year (2020) is before the first year (2022).")
    assert not Page.objects.filter(slug="japan").exists()
    assert not m.ChapterCoordinator.objects.exists()


def settings_url(site):
    return reverse("wagtailsettings:edit", args=("site_pages", "networksettings", site.id))


def settings_post(**fields):
    return {
        "facebook_url": "https://www.facebook.com/sakurascienceclub",
        "instagram_url": "",
        "youtube_url": "",
        "newsletter_url": "",
        "contact": "",
        **fields,
    }


@pytest.mark.parametrize(
    "url", ["https://www.instagram.com/sakura", "https://facebook.com.evil.example/sakura"]
)
def test_admin_settings_refuse_a_wrong_platform(editor, site_tree, url):
    site = site_tree.home.get_site()
    stored = m.NetworkSettings.for_site(site)
    stored.facebook_url = "https://www.facebook.com/sakurascienceclub"
    stored.save()

    response = editor.post(settings_url(site), settings_post(facebook_url=url))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The setting could not be saved due to errors." in html
    assert NOT_FACEBOOK in html
    stored.refresh_from_db()
    assert stored.facebook_url == "https://www.facebook.com/sakurascienceclub"


def test_admin_settings_save_a_valid_address(editor, site_tree):
    site = site_tree.home.get_site()
    response = editor.post(
        settings_url(site), settings_post(facebook_url="https://m.facebook.com/sakura")
    )
    assert response.status_code == 302
    assert m.NetworkSettings.for_site(site).facebook_url == "https://m.facebook.com/sakura"
