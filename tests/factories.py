"""factory_boy factories for the content model, built on wagtail-factories."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Page, Site

from site_pages import models as m
from tests.block_factories import BodyStreamBlockFactory, ColumnBodyStreamBlockFactory


class TranslatableFactory(DjangoModelFactory):
    """A translatable model (a snippet), made in the default locale."""

    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        abstract = True


class PersonFactory(TranslatableFactory):
    name = factory.Sequence(lambda n: f"Member {n}")
    country = "IN"

    class Meta:
        model = m.Person


class MentorFactory(TranslatableFactory):
    name = factory.Sequence(lambda n: f"Dr. Mentor {n}")
    slug = factory.Sequence(lambda n: f"mentor-{n}")

    class Meta:
        model = m.Mentor


class MentorQuestionFactory(DjangoModelFactory):
    """A reader's question, assigned to a mentor and quotable, as the ask-a-mentor form
    records it."""

    question = "How do I choose a laboratory in Japan?"
    topic = "study"
    name = "Priya Sharma"
    country = "IN"
    email = "priya@example.org"
    language = "en"
    status = m.QuestionStatus.ASSIGNED
    assigned_mentor = factory.SubFactory(MentorFactory)
    consent_to_quote = True

    class Meta:
        model = m.MentorQuestion


class BodyPageFactory(wagtail_factories.PageFactory):
    """A page whose body is built block by block: ``body__0__heading__text="…"``."""

    body = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)

    class Meta:
        abstract = True


def section_factory(model, title):
    """The factory of a section's index page, which has no fields of its own to fill."""
    return factory.make_factory(model, FACTORY_CLASS=wagtail_factories.PageFactory, title=title)


class HomePageFactory(BodyPageFactory):
    title = "Sakura Science Club"
    slug = "home"

    class Meta:
        model = m.HomePage


def translate(page, code, title=None, *, live=True, **fields):
    """The ``code`` version of ``page`` as an editor makes it (missing parents copied as
    aliases), with this title and fields, published unless ``live`` is false."""
    copy = Page.objects.get(pk=page.pk).specific.copy_for_translation(
        Locale.objects.get(language_code=code), copy_parents=True
    )
    if title is not None:
        copy.title = title
    for name, value in fields.items():
        setattr(copy, name, value)
    revision = copy.save_revision()
    if live:
        revision.publish()
    return Page.objects.get(pk=copy.pk).specific


def default_site_home(**fields):
    """A home page in place of Wagtail's welcome page, as the root of the default site at
    localhost: the tree every test site is built on."""
    root = Page.get_first_root_node()
    for welcome in root.get_children():
        welcome.delete()
    root.refresh_from_db()
    home = HomePageFactory(parent=root, **fields)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


# The sections' index pages, titled as the site titles them.
ChapterIndexPageFactory = section_factory(m.ChapterIndexPage, "Chapters")
EventIndexPageFactory = section_factory(m.EventIndexPage, "Network events")
MentorColumnIndexPageFactory = section_factory(m.MentorColumnIndexPage, "Sakura Mentor")
MemberVoiceIndexPageFactory = section_factory(m.MemberVoiceIndexPage, "Members' Voice")
YearbookIndexPageFactory = section_factory(m.YearbookIndexPage, "Yearbooks")
ProgramIndexPageFactory = section_factory(m.ProgramIndexPage, "Programmes")


class ChapterPageFactory(BodyPageFactory):
    title = factory.LazyAttribute(lambda o: o.country)
    country = "IN"

    class Meta:
        model = m.ChapterPage


class EventPageFactory(BodyPageFactory):
    title = factory.Sequence(lambda n: f"Reunion {n}")
    start_date = datetime.date(2020, 2, 1)
    format = "online"
    outcome = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)

    class Meta:
        model = m.EventPage


class MentorColumnPageFactory(BodyPageFactory):
    title = factory.Sequence(lambda n: f"Column {n}")
    mentor = factory.SubFactory(MentorFactory)
    body = wagtail_factories.StreamFieldFactory(ColumnBodyStreamBlockFactory)

    class Meta:
        model = m.MentorColumnPage


class MemberVoicePageFactory(BodyPageFactory):
    title = factory.Sequence(lambda n: f"Voice {n}")
    member_name = "A member"
    country = "ID"

    class Meta:
        model = m.MemberVoicePage


class YearbookPageFactory(wagtail_factories.PageFactory):
    title = factory.LazyAttribute(lambda o: f"Yearbook {o.fiscal_year}")
    fiscal_year = factory.Sequence(lambda n: 2015 + n)

    class Meta:
        model = m.YearbookPage


class ProgramPageFactory(BodyPageFactory):
    title = factory.Sequence(lambda n: f"Programme {n}")
    category = "high_school"

    class Meta:
        model = m.ProgramPage


class StandardPageFactory(BodyPageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")

    class Meta:
        model = m.StandardPage


ImageFactory = wagtail_factories.ImageFactory
