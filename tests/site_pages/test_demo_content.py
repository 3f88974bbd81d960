"""load_demo_content builds the whole site from the seeds and is idempotent."""

from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Collection, Site

from site_pages import models as m
from site_pages.demo.content import upcoming_network_events

# The demo as load_demo_content leaves it, restored once for the module (tests/conftest.py);
# each test runs in a savepoint rolled back after it.
pytestmark = pytest.mark.usefixtures("db", "demo")

SEED_CHAPTERS = {
    "JP": None,
    "CN": None,
    "IN": "ISCA",
    "ID": "SAAI",
    "MY": "MASSA",
    "NP": "SSCN",
    "LK": "SSCAASL",
    "VN": "SSCV",
    "BD": None,
    "SG": None,
    "TH": None,
}


# The demo's home page, chapters and programmes also exist in Japanese (and some in Indonesian):
# the English originals are the ones these tests look at.
EN = {"locale__language_code": "en"}


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


UPCOMING = [spec["slug"] for spec in upcoming_network_events(date.today())]


def test_running_twice_adds_nothing():
    first = row_counts()
    call_command("load_demo_content", verbosity=0)
    second = row_counts()
    changed = {
        label: (first[label], second[label]) for label in first if first[label] != second[label]
    }
    assert changed == {}
    assert first["site_pages.EventPage"] > 20


def test_the_home_page_always_has_upcoming_events(client):
    events = m.EventPage.objects.filter(slug__in=UPCOMING)
    assert all(event.start_date > timezone.localdate() for event in events)
    assert set(events.values_list("date_precision", flat=True)) == {"day"}
    html = client.get("/en/").content.decode()
    assert "AlumniTalk: careers in Japanese research" in html
    assert "Chapter coordinators&#x27; meeting" in html


def test_the_site_is_served_where_the_admin_base_url_says(settings):
    """`make run` sets WAGTAILADMIN_BASE_URL from PORT: page addresses in e-mails and feeds
    (the Site's hostname and port) lead to that server, also after a restart on another."""
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("testserver", 80)
    settings.WAGTAILADMIN_BASE_URL = "http://localhost:8765"
    call_command("load_demo_content", verbosity=0)
    site.refresh_from_db()
    assert site.root_url == "http://localhost:8765"
    home = m.HomePage.objects.get(**EN)
    assert home.full_url == "http://localhost:8765/en/"


def test_every_seed_chapter_with_its_acronym():
    chapters = {page.country.code: page for page in m.ChapterPage.objects.live().filter(**EN)}
    assert set(chapters) == set(SEED_CHAPTERS)
    for code, acronym in SEED_CHAPTERS.items():
        if acronym:
            assert chapters[code].acronym == acronym
    assert chapters["CN"].member_count == 10000
    assert chapters["IN"].founded_on.isoformat() == "2018-10-01"
    links = chapters["ID"].social_links.get()
    assert links.url == "https://www.facebook.com/sakurascienceclubid/"


def test_reunions_keep_their_real_dates():
    reunion = m.EventPage.objects.get(slug="2nd-india-reunion")
    assert reunion.start_date.isoformat() == "2020-02-01"
    assert reunion.chapter.country.code == "IN"
    assert reunion.edition_label == "2nd reunion"
    third = m.EventPage.objects.get(slug="3rd-india-reunion")
    contest = third.outcome[0].value
    assert [award["rank"] for award in contest["awards"]] == [1, 2, 3]


def test_dates_the_seeds_give_to_the_month_print_as_months(client):
    """The seeds know every founding and event date only to the month."""
    founded = m.ChapterPage.objects.exclude(founded_on=None)
    assert set(founded.values_list("founded_on_precision", flat=True)) == {"month"}
    seeded = m.EventPage.objects.exclude(slug__in=UPCOMING)
    assert set(seeded.values_list("date_precision", flat=True)) == {"month"}
    for language, expected in (("en", "October 2018"), ("ja", "2018年10月")):
        html = client.get(f"/{language}/chapters/india/").content.decode()
        assert f'<time datetime="2018-10">{expected}</time>' in html


def test_every_chapter_event_programme_and_voice_has_a_picture_of_its_own():
    pages = [
        *m.ChapterPage.objects.filter(**EN),
        *m.EventPage.objects.filter(**EN),
        *m.ProgramPage.objects.filter(**EN),
    ]
    pictures = [page.hero_image for page in pages]
    pictures += [voice.photo for voice in m.MemberVoicePage.objects.filter(**EN)]
    assert None not in pictures
    assert len({picture.pk for picture in pictures}) == len(pictures)
    files = {picture.file.name for picture in pictures}
    assert len(files) == len(pictures) and all(name.endswith(".jpg") for name in files)
    # Painted for the page: the same bytes twice would be the same picture under two names.
    assert len({picture.get_file_hash() for picture in pictures}) == len(pictures)


def test_the_japanese_footer_gives_the_secretariats_japanese_address(client):
    html = client.get("/ja/").content.decode()
    assert "東京都千代田区四番町5-3" in html
    assert "Yonbancho" not in html
    assert "Yonbancho" in client.get("/en/").content.decode()


def test_programmes_with_their_figures():
    sshp = m.ProgramPage.objects.get(acronym="SSHP", **EN)
    assert (sshp.first_year, sshp.course_count, sshp.participant_count) == (2014, 49, 5539)
    supporters = m.ProgramPage.objects.get(slug="sakura-science-supporters-program", **EN)
    officers = {page.specific.participant_count for page in supporters.get_children()}
    assert officers == {153, 26, 30}


def test_columns_voices_yearbook_images_and_settings():
    assert m.MentorColumnPage.objects.live().count() >= 2
    assert m.MemberVoicePage.objects.live().count() >= 2
    questions = sorted(m.MentorQuestion.objects.values_list("status", "answer__slug"))
    assert questions == [
        ("answered", "choosing-a-laboratory"),
        ("answered", "job-hunting-calendar"),
        ("assigned", None),
        ("new", None),
    ]
    # Asked through the form, which records the consent to be quoted.
    assert not m.MentorQuestion.objects.filter(consent_to_quote=False).exists()
    # Members' messages waiting for the Secretariat: drafts in the workflow, one in Japanese.
    pending = m.MemberVoiceSubmission.objects.order_by("idempotency_key")
    assert [(s.page.live, s.page.locale.language_code) for s in pending] == [
        (False, "en"),
        (False, "ja"),
    ]
    assert all(s.page.current_workflow_state.status == "in_progress" for s in pending)
    assert pending[0].page.photo.collection.name == "Submissions"
    yearbook = m.YearbookPage.objects.get(fiscal_year=2021)
    assert yearbook.entries.count() >= 2
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, m.HomePage)
    network = m.NetworkSettings.for_site(site)
    assert network.instagram_url.startswith("https://www.instagram.com/")
    image = m.ChapterPage.objects.get(slug="india", **EN).hero_image
    assert image.width == 1200
    assert image.collection.name == "India"


def test_newsletter_subscribers_and_a_sent_issue_in_the_archive(client):
    subscribers = m.Subscriber.objects.all()
    assert subscribers.count() == 3
    assert all(s.confirmed for s in subscribers)
    assert {s.email.rsplit("@")[1] for s in subscribers} == {"example.org", "example.com"}
    sent = m.NewsletterIssue.objects.get(status=m.IssueStatus.SENT)
    assert sent.language == "en" and sent.recipient_count == 2
    kinds = [section["kind"] for section in sent.content["sections"]]
    assert {"chapters", "columns", "voices"} <= set(kinds)
    draft = m.NewsletterIssue.objects.get(language="ja")
    assert draft.status == m.IssueStatus.DRAFT
    # The Japanese draft is built from the demo too: English reports under the chapters'
    # Japanese names, marked as English (the fallback rule).
    [chapters, *_rest] = draft.digest()["sections"]
    assert chapters["kind"] == "chapters"
    assert {item.get("language") for item in chapters["items"]} == {"en"}
    assert "インド" in {item["chapter_title"] for item in chapters["items"]}
    archive = client.get("/en/newsletter/").content.decode()
    issue_url = f"/en/newsletter/{sent.month:%Y-%m}/"
    assert issue_url in archive
    page = client.get(issue_url).content.decode()
    assert "Reunions season has started" in page
    assert "@example." not in page


def test_columns_answer_questions_without_mailing_anyone(client):
    html = client.get("/en/sakura-mentor/choosing-a-laboratory/").content.decode()
    assert "Farhana from Bangladesh asks" in html
    assert "whether a laboratory in Japan suits me?" in html
    assert "join the lab&#x27;s seminar online" in html
    html = client.get("/en/sakura-mentor/job-hunting-calendar/").content.decode()
    assert "A member from Vietnam asks" in html
    assert "Tran" not in html
    assert "@example.org" not in html
    # The askers' e-mails are on record as sent; nothing waits for a worker.
    emails = m.OutgoingEmail.objects.filter(key__startswith="mentor-answer:")
    assert emails.count() == 2
    assert not emails.filter(sent_at=None).exists()
    assert all("/sakura-mentor/" in email.body for email in emails)


def test_roles_exist_for_every_chapter():
    names = set(Group.objects.values_list("name", flat=True))
    expected = {"Secretariat", "Mentors", "India chapter editors", "Vietnam chapter editors"}
    assert expected <= names
    assert Collection.objects.filter(name="Sri Lanka").exists()


def test_every_demo_page_renders(client):
    home = m.HomePage.objects.get(**EN)  # the translations: test_demo_translations.py
    for page in home.get_descendants(inclusive=True).live().specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
