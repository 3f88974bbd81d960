"""The page-tree rules: which page types may live where."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from site_pages import models as m

pytestmark = pytest.mark.django_db

SECTIONS = {
    m.ChapterIndexPage,
    m.EventIndexPage,
    m.MentorColumnIndexPage,
    m.MemberVoiceIndexPage,
    m.YearbookIndexPage,
    m.ProgramIndexPage,
    m.StandardPage,
}


class TestPageTree(WagtailPageTestCase):
    def test_home_holds_the_sections(self):
        self.assertAllowedParentPageTypes(m.HomePage, {Page})
        self.assertAllowedSubpageTypes(m.HomePage, SECTIONS)

    def test_chapters(self):
        self.assertAllowedSubpageTypes(m.ChapterIndexPage, {m.ChapterPage})
        self.assertAllowedParentPageTypes(m.ChapterPage, {m.ChapterIndexPage})
        self.assertAllowedSubpageTypes(m.ChapterPage, {m.EventPage})
        self.assertCanNotCreateAt(m.HomePage, m.ChapterPage)

    def test_events_only_under_a_chapter_or_the_event_index(self):
        self.assertAllowedParentPageTypes(m.EventPage, {m.ChapterPage, m.EventIndexPage})
        self.assertCanCreateAt(m.ChapterPage, m.EventPage)
        self.assertCanCreateAt(m.EventIndexPage, m.EventPage)
        for parent in (m.HomePage, m.ChapterIndexPage, m.StandardPage, m.ProgramPage):
            self.assertCanNotCreateAt(parent, m.EventPage)
        self.assertAllowedSubpageTypes(m.EventPage, set())

    def test_leaf_pages_sit_under_their_own_index(self):
        pairs = [
            (m.MentorColumnIndexPage, m.MentorColumnPage),
            (m.MemberVoiceIndexPage, m.MemberVoicePage),
            (m.YearbookIndexPage, m.YearbookPage),
        ]
        for index, leaf in pairs:
            self.assertAllowedSubpageTypes(index, {leaf})
            self.assertAllowedParentPageTypes(leaf, {index})
            self.assertAllowedSubpageTypes(leaf, set())

    def test_programmes_nest_for_the_officer_programmes(self):
        self.assertAllowedParentPageTypes(m.ProgramPage, {m.ProgramIndexPage, m.ProgramPage})
        self.assertAllowedSubpageTypes(m.ProgramPage, {m.ProgramPage})

    def test_standard_pages(self):
        self.assertAllowedParentPageTypes(m.StandardPage, {m.HomePage, m.StandardPage})
        self.assertAllowedSubpageTypes(m.StandardPage, {m.StandardPage})

    def test_sections_sit_under_the_home_page(self):
        for section in SECTIONS - {m.StandardPage}:
            self.assertAllowedParentPageTypes(section, {m.HomePage})


def test_each_section_index_exists_once_per_home(site_tree):
    for index in (
        site_tree.chapters,
        site_tree.events,
        site_tree.mentors,
        site_tree.voices,
        site_tree.yearbooks,
        site_tree.programs,
    ):
        assert not type(index).can_create_at(site_tree.home), type(index).__name__
    assert m.StandardPage.can_create_at(site_tree.home)
