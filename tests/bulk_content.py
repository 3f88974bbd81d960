"""Content added item by item, each item with its own images, documents and relations, for the
query-count tests of the API (tests/graphql_api/test_query_counts.py) and of the site
(tests/site_pages/test_query_counts.py): they measure once with one item and once with ten, so
that a query per item shows as a difference."""

import datetime

import wagtail_factories

from site_pages import models as m
from tests import factories as f
from tests.block_factories import stream

# Countries no demo chapter has: a chapter per country is the rule (ChapterPage.clean).
COUNTRIES = ["FR", "DE", "BR", "AR", "CA", "MX", "EG", "KE", "NG", "PE", "CL", "GH", "NO"]


def rich_body(image, document, linked_page):
    """A body with every kind of reference a stream can hold: a page and a document link in
    rich text, an image, a gallery, a call to action and a document block."""
    return stream(
        (
            "paragraph",
            {
                "value": f'<p>See <a linktype="page" id="{linked_page.id}">the chapter</a> and '
                f'<a linktype="document" id="{document.id}">the report</a>.</p>'
            },
        ),
        ("image", {"image": image, "caption": "Hall"}),
        ("gallery", {"images__0__image": image}),
        ("call_to_action", {"text": "Chapter", "page": linked_page}),
        ("document", {"document": document}),
    )


class ContentBuilder:
    """Adds items to a ``site_tree`` (tests/conftest.py) one by one."""

    def __init__(self, tree):
        self.tree = tree
        self.count = 0
        self.chapters = 0

    def image(self):
        return f.ImageFactory(title=f"Image {self.count}")

    def event(self, parent=None, **fields):
        self.count += 1
        image, document = self.image(), wagtail_factories.DocumentFactory()
        values = {
            "parent": parent or self.tree.india,
            "title": f"Reunion {self.count}",
            "slug": f"reunion-{self.count}",
            "start_date": datetime.date(2020, 1, 1) + datetime.timedelta(days=self.count),
            "hero_image": image,
            "body": rich_body(image, document, self.tree.india),
            "outcome": rich_body(self.image(), document, self.tree.indonesia),
            "gallery_images": [m.EventGalleryImage(image=self.image(), caption="Hall")],
            **fields,
        }
        return f.EventPageFactory(**values)

    def chapter(self):
        self.count += 1
        self.chapters += 1
        chapter = f.ChapterPageFactory(
            parent=self.tree.chapters,
            title=f"Chapter {self.count}",
            slug=f"chapter-{self.count}",
            country=COUNTRIES[self.chapters],
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

    def coordinator(self, chapter):
        """One more coordinator of ``chapter``, with a photo."""
        self.count += 1
        return m.ChapterCoordinator.objects.create(
            chapter=chapter,
            person=f.PersonFactory(photo=self.image()),
            role="coordinator",
            term_start=2020,
        )

    def gallery_image(self, event):
        self.count += 1
        return m.EventGalleryImage.objects.create(event=event, image=self.image(), caption="Hall")

    def column(self, mentor=None):
        self.count += 1
        page = f.MentorColumnPageFactory(
            parent=self.tree.mentors,
            title=f"Column {self.count}",
            date=datetime.date(2021, 1, 1) + datetime.timedelta(days=self.count),
            mentor=mentor or f.MentorFactory(photo=self.image()),
            body=rich_body(self.image(), wagtail_factories.DocumentFactory(), self.tree.india),
        )
        page.topics.add("careers", f"topic {self.count}")
        page.save()
        return page

    def voice(self):
        self.count += 1
        return f.MemberVoicePageFactory(
            parent=self.tree.voices,
            title=f"Voice {self.count}",
            photo=self.image(),
            body=rich_body(self.image(), wagtail_factories.DocumentFactory(), self.tree.india),
        )

    def yearbook(self, fiscal_year=None):
        self.count += 1
        return f.YearbookPageFactory(
            parent=self.tree.yearbooks,
            fiscal_year=fiscal_year or 2014 + self.count,
            entries=[
                m.YearbookEntry(
                    person=f.PersonFactory(photo=self.image()),
                    chapter=self.tree.india,
                    role="chair",
                )
            ],
        )

    def yearbook_entry(self, yearbook):
        self.count += 1
        return m.YearbookEntry.objects.create(
            yearbook=yearbook,
            person=f.PersonFactory(photo=self.image()),
            chapter=self.tree.indonesia if self.count % 2 else self.tree.india,
            role="coordinator",
            photo=self.image(),
        )

    def program(self, parent=None):
        self.count += 1
        return f.ProgramPageFactory(
            parent=parent or self.tree.programs,
            title=f"Programme {self.count}",
            hero_image=self.image(),
            body=rich_body(self.image(), wagtail_factories.DocumentFactory(), self.tree.india),
        )

    def mentor(self):
        self.count += 1
        return f.MentorFactory(photo=self.image())

    def times(self, count, add, *args):
        """``add(*args)`` ``count`` times."""
        return [add(*args) for _ in range(count)]
