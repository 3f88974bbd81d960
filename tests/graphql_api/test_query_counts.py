"""SQL query counts of every documented query stay the same when the result is ten times
larger: relations, images, renditions and stream-field references load in batches."""

import datetime

import pytest
import wagtail_factories
from django.core.management import call_command
from wagtail.rich_text import RichText

from site_pages import models as m
from tests import factories as f

pytestmark = pytest.mark.django_db

IMAGE_FIELDS = """
    id url width height alt focalPoint { x y }
    rendition(preset: CARD, width: 240, format: WEBP) { url width height }
    srcSet(preset: PORTRAIT)
"""

PAGE_FIELDS = """
    id title slug url locale isFallback seoTitle searchDescription pageType
    firstPublishedAt lastPublishedAt
    parent { id title url }
    ancestors { title url }
    translations { locale url title }
"""

BODY = f"""
    __typename
    ... on ParagraphBlock {{ html }}
    ... on ImageBlock {{ caption image {{ {IMAGE_FIELDS} }} }}
    ... on GalleryBlock {{ images {{ caption image {{ {IMAGE_FIELDS} }} }} }}
    ... on CallToActionBlock {{ text url }}
    ... on DocumentBlock {{ title document {{ url fileExtension }} }}
"""

EVENT_FIELDS = f"""
    {PAGE_FIELDS}
    ... on EventPage {{
        startDate endDate format kind edition editionLabel city venue country {{ name }}
        start {{ date precision iso display }} end {{ iso display }} datesDisplay
        kindLabel formatLabel
        heroImage {{ {IMAGE_FIELDS} }}
        gallery {{ caption image {{ {IMAGE_FIELDS} }} }}
        chapter {{ title url }}
        body {{ {BODY} }}
        outcome {{ {BODY} }}
    }}
"""


@pytest.fixture(autouse=True)
def unlimited_renditions(settings):
    """These tests measure the loading path once every rendition exists (the warm-up makes
    them); the per-request rendition budget has its own tests (test_image_budget.py)."""
    settings.SAKURA_IMAGE_RENDITION_BUDGET = 10_000


def rich_body(image, document, linked_page):
    return [
        (
            "paragraph",
            RichText(
                f'<p>See <a linktype="page" id="{linked_page.id}">the chapter</a> and '
                f'<a linktype="document" id="{document.id}">the report</a>.</p>'
            ),
        ),
        ("image", {"image": image, "caption": "Hall", "attribution": ""}),
        ("gallery", {"title": "", "images": [{"image": image, "caption": "", "attribution": ""}]}),
        ("call_to_action", {"text": "Chapter", "page": linked_page, "url": ""}),
        ("document", {"document": document, "title": ""}),
    ]


class Builder:
    """Adds items one by one, each with its own images, documents and relations."""

    def __init__(self, tree):
        self.tree = tree
        self.count = 0
        self.chapters = 0

    def image(self):
        return f.ImageFactory(title=f"Image {self.count}")

    def event(self, parent=None):
        self.count += 1
        image, document = self.image(), wagtail_factories.DocumentFactory()
        parent = parent or self.tree.india
        return f.EventPageFactory(
            parent=parent,
            title=f"Reunion {self.count}",
            slug=f"reunion-{self.count}",
            start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=self.count),
            hero_image=image,
            body=rich_body(image, document, self.tree.india),
            outcome=rich_body(self.image(), document, self.tree.indonesia),
            gallery_images=[m.EventGalleryImage(image=self.image(), caption="Hall")],
        )

    def chapter(self):
        self.count += 1
        self.chapters += 1
        code = ["MY", "NP", "LK", "VN", "BD", "SG", "TH", "CN", "JP", "KR", "PH", "MM"][
            self.chapters
        ]
        chapter = f.ChapterPageFactory(
            parent=self.tree.chapters,
            title=f"Chapter {self.count}",
            slug=f"chapter-{self.count}",
            country=code,
            founded_on=datetime.date(2019, 3, 1),
            founded_on_precision="month",
            hero_image=self.image(),
            coordinators=[
                m.ChapterCoordinator(
                    person=f.PersonFactory(photo=self.image()), role="chair", term_start=2021
                )
            ],
            social_links=[m.ChapterSocialLink(platform="facebook", url="https://facebook.com/x")],
        )
        self.event(parent=chapter)
        return chapter

    def column(self):
        self.count += 1
        page = f.MentorColumnPageFactory(
            parent=self.tree.mentors,
            mentor=f.MentorFactory(photo=self.image()),
            body=rich_body(self.image(), wagtail_factories.DocumentFactory(), self.tree.india),
        )
        page.topics.add("careers", f"topic {self.count}")
        page.save()
        return page

    def voice(self):
        self.count += 1
        return f.MemberVoicePageFactory(
            parent=self.tree.voices,
            photo=self.image(),
            body=rich_body(self.image(), wagtail_factories.DocumentFactory(), self.tree.india),
        )

    def yearbook(self):
        self.count += 1
        return f.YearbookPageFactory(
            parent=self.tree.yearbooks,
            fiscal_year=2014 + self.count,
            entries=[
                m.YearbookEntry(
                    person=f.PersonFactory(photo=self.image()),
                    chapter=self.tree.india,
                    role="chair",
                )
            ],
        )

    def program(self):
        self.count += 1
        return f.ProgramPageFactory(
            parent=self.tree.programs,
            hero_image=self.image(),
            body=rich_body(self.image(), wagtail_factories.DocumentFactory(), self.tree.india),
        )

    def mentor(self):
        self.count += 1
        return f.MentorFactory(photo=self.image())


def compare(query_count, builder, add, query, variables=None, expected_edges=None):
    add()
    query_count.measure(query, variables)  # warm: renditions are created on first use
    small = query_count.measure(query, variables)
    for _ in range(9):
        add()
    query_count.measure(query, variables)
    large = query_count.measure(query, variables)
    query_count.assert_same(small, large)
    if expected_edges:
        expected_edges(small[2], large[2])
    return small, large


def edges(body, *path):
    node = body["data"]
    for key in path:
        node = node[key]
    return node["edges"]


def test_events(site_tree, query_count):
    builder = Builder(site_tree)
    query = f"{{ events(first: 50) {{ totalCount edges {{ node {{ {EVENT_FIELDS} }} }} }} }}"

    def sizes(small, large):
        assert len(edges(small, "events")) == 1
        assert len(edges(large, "events")) == 10

    compare(query_count, builder, builder.event, query, expected_edges=sizes)


def test_chapters_with_coordinators_links_and_events(site_tree, query_count):
    builder = Builder(site_tree)
    query = f"""{{ chapters(first: 50) {{ totalCount edges {{ node {{ {PAGE_FIELDS}
        ... on ChapterPage {{
            acronym country {{ code name }} heroImage {{ {IMAGE_FIELDS} }}
            founded {{ date precision iso display }}
            coordinators {{
                id role roleLabel termStart person {{ name photo {{ {IMAGE_FIELDS} }} }}
            }}
            socialLinks {{ id platform url }}
            events(first: 5) {{ totalCount edges {{ node {{ {EVENT_FIELDS} }} }} }}
        }} }} }} }} }}"""

    def sizes(small, large):
        assert len(edges(large, "chapters")) == len(edges(small, "chapters")) + 9

    compare(query_count, builder, builder.chapter, query, expected_edges=sizes)


def test_chapter_by_slug_with_many_events(site_tree, query_count):
    builder = Builder(site_tree)
    query = f"""{{ chapter(slug: "india") {{ title
        events(first: 50) {{ totalCount edges {{ node {{ {EVENT_FIELDS} }} }} }} }} }}"""
    compare(query_count, builder, builder.event, query)


def test_page_children(site_tree, query_count):
    builder = Builder(site_tree)
    query = f"""{{ page(path: "chapters/india") {{ {PAGE_FIELDS}
        children(first: 50) {{ {EVENT_FIELDS} children {{ title }} }} }} }}"""
    compare(query_count, builder, builder.event, query)


def test_home_page_with_featured_and_upcoming(site_tree, query_count):
    builder = Builder(site_tree)
    home = site_tree.home

    def add():
        event = builder.event()
        event.start_date = datetime.date.today() + datetime.timedelta(days=builder.count)
        event.save()
        m.HomeFeaturedItem.objects.create(home=home, page=event)

    query = f"""{{ page(path: "") {{ ... on HomePage {{ heroImage {{ url }}
        featured {{ {EVENT_FIELDS} }} upcomingEvents {{ {EVENT_FIELDS} }} }} }} }}"""
    compare(query_count, builder, add, query)


def test_mentor_columns_and_mentors(site_tree, query_count):
    builder = Builder(site_tree)
    query = f"""{{
        mentorColumns(first: 50) {{ totalCount edges {{ node {{ {PAGE_FIELDS}
            ... on MentorColumnPage {{ date topics body {{ {BODY} }}
                mentor {{ name slug photo {{ {IMAGE_FIELDS} }} }} }} }} }} }}
        mentors(first: 50) {{ totalCount edges {{ node {{ name photo {{ {IMAGE_FIELDS} }} }} }} }}
    }}"""
    compare(query_count, builder, builder.column, query)


def test_member_voices(site_tree, query_count):
    builder = Builder(site_tree)
    query = f"""{{ memberVoices(first: 50) {{ totalCount edges {{ node {{ {PAGE_FIELDS}
        ... on MemberVoicePage {{ memberName country {{ name }} photo {{ {IMAGE_FIELDS} }}
            body {{ {BODY} }} }} }} }} }} }}"""
    compare(query_count, builder, builder.voice, query)


def test_yearbooks(site_tree, query_count):
    builder = Builder(site_tree)
    query = f"""{{ yearbooks(first: 50) {{ totalCount edges {{ node {{ {PAGE_FIELDS} fiscalYear
        entries {{ id role roleLabel photo {{ {IMAGE_FIELDS} }} person {{ name photo {{ url }} }}
            chapter {{ title url }} }} }} }} }} }}"""
    compare(query_count, builder, builder.yearbook, query)


def test_programs(site_tree, query_count):
    builder = Builder(site_tree)
    query = f"""{{ programs(first: 50) {{ totalCount edges {{ node {{ {PAGE_FIELDS}
        ... on ProgramPage {{ acronym category categoryLabel participantCount
        heroImage {{ {IMAGE_FIELDS} }}
        body {{ {BODY} }} children {{ title }} }} }} }} }} }}"""
    compare(query_count, builder, builder.program, query)


def test_search(site_tree, query_count):
    builder = Builder(site_tree)

    def add():
        builder.event()
        call_command("update_index", verbosity=0)

    query = f"""{{ search(query: "reunion", first: 50) {{ totalCount
        edges {{ node {{ {EVENT_FIELDS} }} }} }} }}"""

    def sizes(small, large):
        assert len(edges(large, "search")) == 10

    compare(query_count, builder, add, query, expected_edges=sizes)


def test_one_yearbook_with_many_entries(site_tree, query_count):
    builder = Builder(site_tree)
    yearbook = f.YearbookPageFactory(parent=site_tree.yearbooks, fiscal_year=2021)

    def add():
        builder.count += 1
        m.YearbookEntry.objects.create(
            yearbook=yearbook,
            person=f.PersonFactory(photo=builder.image()),
            chapter=site_tree.indonesia if builder.count % 2 else site_tree.india,
            role="coordinator",
            photo=builder.image(),
        )

    query = f"""{{ yearbook(fiscalYear: 2021) {{ {PAGE_FIELDS}
        entries {{ id role roleLabel photo {{ {IMAGE_FIELDS} }} person {{ name country {{ name }}
            photo {{ {IMAGE_FIELDS} }} }} chapter {{ title url }} }} }} }}"""
    _small, large = compare(query_count, builder, add, query)
    assert len(large[2]["data"]["yearbook"]["entries"]) == 10


def test_settings_and_page_by_id(site_tree, query_count):
    builder = Builder(site_tree)
    query = f"""query($id: ID) {{ settings {{ facebookUrl contactEmail }}
        page(id: $id) {{ {PAGE_FIELDS} children {{ {EVENT_FIELDS} }} }} }}"""
    compare(query_count, builder, builder.event, query, {"id": str(site_tree.india.pk)})


def test_newsletter_issues(site_tree, query_count):
    months = iter(range(1, 13))

    def add():
        m.NewsletterIssue.objects.create(
            language="en",
            month=datetime.date(2025, next(months), 1),
            intro="News of the month.",
            status=m.IssueStatus.SENT,
        )

    query = """{ newsletterIssues(first: 50) { totalCount
        edges { node { month monthLabel locale subject intro url } } } }"""

    def sizes(small, large):
        assert len(edges(small, "newsletterIssues")) == 1
        assert len(edges(large, "newsletterIssues")) == 10

    compare(query_count, None, add, query, expected_edges=sizes)


def test_a_mixed_list_with_intro_and_listing_image(site_tree, query_count):
    """`intro` and `listingImage` on the Page interface: no fragment per type, and the images of
    every type of page in the list load together."""
    builder = Builder(site_tree)

    def add():
        builder.event()
        builder.count += 1
        f.MemberVoicePageFactory(
            parent=site_tree.voices, title=f"Reunion voice {builder.count}", photo=builder.image()
        )
        call_command("update_index", verbosity=0)

    query = """{ search(query: "reunion", first: 50) { edges { node {
        __typename intro listingImage { alt rendition(preset: CARD) { url } } } } } }"""

    def sizes(small, large):
        nodes = [edge["node"] for edge in edges(large, "search")]
        assert len(nodes) == 20
        assert {node["__typename"] for node in nodes} == {"EventPage", "MemberVoicePage"}
        assert all(node["listingImage"]["rendition"]["url"] for node in nodes)

    compare(query_count, builder, add, query, expected_edges=sizes)
