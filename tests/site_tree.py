"""The small site tree most tests start from, and how the ``site_tree`` fixture makes it.

Building it (nine pages saved and published through wagtail-factories, then the editorial
groups and permissions) fires thousands of signals and costs about 0.7 s of CPU; several
hundred tests use it. So it is built once per test process, and what the build added to the
migrated database is kept as a DatabaseDifference that each test applies in its own
transaction (milliseconds). Where applying would not give the same rows the fixture builds
the tree as before, and counts why in ``made``.
"""

from collections import Counter
from dataclasses import dataclass, fields

from wagtail.models import Page

from site_pages import models as m
from site_pages.roles import setup_editorial_roles
from tests import factories as f

# How each site_tree was made: "applied", or "built: <why>"; a test checks the fast path.
made = Counter()


@dataclass
class SiteTree:
    home: m.HomePage
    chapters: m.ChapterIndexPage
    india: m.ChapterPage
    indonesia: m.ChapterPage
    events: m.EventIndexPage
    mentors: m.MentorColumnIndexPage
    voices: m.MemberVoiceIndexPage
    yearbooks: m.YearbookIndexPage
    programs: m.ProgramIndexPage

    def pks(self):
        return {field.name: getattr(self, field.name).pk for field in fields(self)}

    @classmethod
    def fetch(cls, pks):
        """The pages as the database holds them now, as their specific classes."""
        pages = Page.objects.in_bulk(pks.values())
        return cls(**{name: pages[pk].specific for name, pk in pks.items()})


def build_site_tree():
    """Home with every section and two chapters, as the default site's root."""
    home = f.default_site_home()
    chapters = f.ChapterIndexPageFactory(parent=home)
    tree = SiteTree(
        home=home,
        chapters=chapters,
        india=f.ChapterPageFactory(parent=chapters, title="India", slug="india", country="IN"),
        indonesia=f.ChapterPageFactory(
            parent=chapters, title="Indonesia", slug="indonesia", country="ID"
        ),
        events=f.EventIndexPageFactory(parent=home),
        mentors=f.MentorColumnIndexPageFactory(parent=home),
        voices=f.MemberVoiceIndexPageFactory(parent=home),
        yearbooks=f.YearbookIndexPageFactory(parent=home),
        programs=f.ProgramIndexPageFactory(parent=home),
    )
    setup_editorial_roles()
    return tree


def transactional(item):
    """Whether the test ``item`` commits (transactional_db, live_server,
    django_db(transaction=True)): there the rows would not roll back with the test, so the tree
    is built as before, and the migrated rows are put back after it (tests/conftest.py)."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server"} & set(item.fixturenames))
