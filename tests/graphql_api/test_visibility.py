"""Only live, public pages of the requested site are ever served, wherever a page can surface.

A matrix of hidden states (drafts, unpublished, expired, scheduled, private, another site's
pages, and unpublished changes to a live page) against every field of the API through which a
page can reach a reader. Every cell also checks a visible control page, so that a query that
returns nothing at all cannot pass.

The world is built once for the module inside a transaction that is rolled back at the end;
each test then runs in its own savepoint, as usual, and only reads.
"""

import datetime
import json
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction, Site

from graphql_api.core.ids import wagtail_id
from site_pages import models as m
from site_pages.roles import setup_editorial_roles
from site_pages.visibility import is_visible
from tests import factories as f
from tests.block_factories import stream
from tests.child_pages import add, add_event, child
from tests.conftest import fresh
from tests.database_snapshot import world_fixture
from tests.graphql_api.conftest import objects_in, post_query

HIDDEN_STATES = [
    "draft",  # created and saved as a draft, never published
    "unpublished",  # published, then unpublished
    "expired",  # live, expiry passed, `publish_scheduled` not run yet
    "scheduled",  # published with a go-live date in the future
    "private_password",  # view restriction on the page itself ...
    "private_login",
    "private_groups",
    "private_parent",  # ... or on its parent
    "other_site",  # in another Site's tree
]
# A live page with a newer draft: the page must be served, with its published content only.
DRAFT_CHANGES = "unpublished_changes"
STATES = [*HIDDEN_STATES, DRAFT_CHANGES]

SECRET_TITLE = "SECRET DRAFT TITLE"
SECRET_MARKERS = ("secret draft", "secret-draft")

OTHER_HOST = "other.example"
# Each chapter needs its own country (one chapter per country and language), each yearbook its
# own fiscal year.
COUNTRIES = ["VN", "TH", "NP", "LK", "BD", "MY", "PH", "MM", "KH", "LA"]
BASE_COUNTRIES = ["FR", "DE", "IT", "ES", "PT", "NL", "BE", "SE", "NO", "FI"]
CONTROL_FISCAL_YEAR = 2023


# --- building the world ------------------------------------------------------------------------


def today():
    return timezone.localdate()


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=kind,
        password="sesame" if kind == PageViewRestriction.PASSWORD else "",
    )
    if kind == PageViewRestriction.GROUPS:
        group, _created = Group.objects.get_or_create(name="Members only")
        restriction.groups.set([group])
    return restriction


def add_draft_changes(page):
    """Save, without publishing, a revision that changes the title, slug, intro and body."""
    page = fresh(page)
    page.title = SECRET_TITLE
    page.slug = f"secret-draft-{page.pk}"
    if hasattr(page, "intro"):
        page.intro = "SECRET DRAFT INTRO"
    page.seo_title = "SECRET DRAFT SEO"
    page.search_description = "SECRET DRAFT DESCRIPTION"
    if hasattr(page, "body"):
        page.body = stream(("paragraph", {"value": "<p>SECRET DRAFT BODY</p>"}))
    page.save_revision()
    return fresh(page)


def make(factory, parent, state, **kwargs):
    """A page under ``parent`` in ``state``; states reached through the parent or the site
    (private_parent, other_site) only need the page published."""
    if state in ("draft", "scheduled"):
        page = child(factory, parent, live=False, **kwargs)
        if state == "scheduled":
            page.go_live_at = timezone.now() + datetime.timedelta(days=7)
            page.save_revision().publish()  # stays a draft until the go-live date
        else:
            page.save_revision()
        page = fresh(page)
        assert not page.live
        return page
    page = add(factory, parent, intro=f"Published intro of {kwargs['title']}", **kwargs)
    if state == "unpublished":
        page.unpublish()
    elif state == "expired":
        # What the page looks like between its expiry and the next `publish_scheduled` run.
        Page.objects.filter(pk=page.pk).update(
            expire_at=timezone.now() - datetime.timedelta(hours=1)
        )
    elif state.startswith("private_") and state != "private_parent":
        restrict(page, state.removeprefix("private_"))
    elif state == DRAFT_CHANGES:
        add_draft_changes(page)
    return fresh(page)


@dataclass
class Case:
    """The pages of one state. ``hidden`` lists every page of the state readers must not see
    (empty for unpublished changes, whose pages are visible with their published content)."""

    state: str
    event: m.EventPage  # an event in the state
    chapter: m.ChapterPage  # a chapter in the state
    chapter_child: m.EventPage  # a live event under that chapter
    column: m.MentorColumnPage
    voice: m.MemberVoicePage
    program: m.ProgramPage
    yearbook: m.YearbookPage
    # For private states the restriction on the Japanese version covers the English one too
    # (``hides_every_version``); otherwise the English versions stay visible.
    translation_base: m.EventPage  # an English event ...
    translation: m.EventPage  # ... whose Japanese version is in the state
    chapter_base: m.ChapterPage  # an English chapter ...
    chapter_translation: m.ChapterPage  # ... whose Japanese version is in the state ...
    chapter_base_event: m.EventPage  # ... and an English event under it
    hidden: list = field(default_factory=list)

    @property
    def visible(self):
        return self.state == DRAFT_CHANGES

    @property
    def hides_every_version(self):
        """A restriction on the Japanese version covers the English one too (and what is below
        it), so there is nothing to fall back to."""
        return self.state in ("private_password", "private_login", "private_groups")

    def forbidden_texts(self):
        if self.visible:
            return SECRET_MARKERS
        return [f'"{page.title.lower()}"' for page in self.hidden]

    def hidden_ids(self):
        return {str(page.pk) for page in self.hidden}


@dataclass
class World:
    home: m.HomePage
    india: m.ChapterPage
    indonesia: m.ChapterPage
    control_event: m.EventPage
    control_column: m.MentorColumnPage
    control_voice: m.MemberVoicePage
    control_program: m.ProgramPage
    control_yearbook: m.YearbookPage
    other_home: m.HomePage
    other_event: m.EventPage
    cases: dict

    def controls(self):
        return [
            self.india,
            self.indonesia,
            self.control_event,
            self.control_column,
            self.control_voice,
            self.control_program,
            self.control_yearbook,
        ]


def build_sections(home):
    return {
        "chapters": child(f.ChapterIndexPageFactory, home, title="Chapters"),
        "events": child(f.EventIndexPageFactory, home, title="Network events"),
        "mentors": child(f.MentorColumnIndexPageFactory, home, title="Sakura Mentor"),
        "voices": child(f.MemberVoiceIndexPageFactory, home, title="Members' Voice"),
        "yearbooks": child(f.YearbookIndexPageFactory, home, title="Yearbooks"),
        "programs": child(f.ProgramIndexPageFactory, home, title="Programmes"),
    }


def build_case(state, sections, india, other_sections, ja):
    """The pages of one state: under the default site's sections, under members-only parents
    (private_parent) or under the other site's sections (other_site)."""
    label = state
    page_state = state
    hidden_extra = []
    parents = sections
    if state == "other_site":
        parents = other_sections
        page_state = "published"
        hidden_extra = [other_sections["chapters"].get_parent()]  # the other site's home
    if state == "private_parent":
        page_state = "published"
        # Members-only parents: a chapter, sections and a programme with a login restriction.
        chapter = add(
            f.ChapterPageFactory,
            sections["chapters"],
            title=f"Kirigami chapter {label}",
            slug=f"chapter-{label}",
            country=COUNTRIES[STATES.index(state)],
        )
        home = sections["chapters"].get_parent()
        parents = {
            "mentors": add(f.MentorColumnIndexPageFactory, home, title="Kirigami members columns"),
            "voices": add(f.MemberVoiceIndexPageFactory, home, title="Kirigami members voices"),
            "yearbooks": add(f.YearbookIndexPageFactory, home, title="Kirigami members yearbooks"),
            "programs": add(
                f.ProgramPageFactory, sections["programs"], title="Kirigami members programme"
            ),
        }
        for parent in [chapter, *parents.values()]:
            restrict(parent, PageViewRestriction.LOGIN)
        hidden_extra = list(parents.values())
    else:
        chapter = make(
            f.ChapterPageFactory,
            parents["chapters"],
            page_state,
            # The other site's chapter has India's slug, and a title sorting before India's
            # (`chapter(slug:)` takes the first by title): only the site keeps it out.
            title="Hidden Kirigami chapter other_site"
            if state == "other_site"
            else f"Kirigami chapter {label}",
            slug="india" if state == "other_site" else f"chapter-{label}",
            country=COUNTRIES[STATES.index(state)],
        )
    # The state's event is under India, except where the state comes from the chapter.
    event_parent = chapter if state in ("private_parent", "other_site") else india
    event = make(
        f.EventPageFactory,
        event_parent,
        page_state,
        title=f"Kirigami event {label}",
        # Hidden events come after the control in the home page's three upcoming events, so
        # that any of them showing up there is seen; the visible one shares the control's day.
        start_date=today() + datetime.timedelta(days=0 if state == DRAFT_CHANGES else 1),
    )
    chapter_child = (
        event
        if event_parent is chapter
        else add_event(chapter, f"Kirigami orphan of {label}", datetime.date(2021, 5, 1))
    )
    translation_base = add_event(india, f"Kirigami translated {label}", datetime.date(2021, 6, 1))
    translation = make(
        f.EventPageFactory,
        event_parent,
        page_state,
        title=f"Kirigami ja {label}",
        locale=ja,
        translation_key=translation_base.translation_key,
        start_date=datetime.date(2021, 6, 1),
    )
    chapter_base = add(
        f.ChapterPageFactory,
        india.get_parent(),
        title=f"Kirigami translated chapter {label}",
        country=BASE_COUNTRIES[STATES.index(state)],
    )
    chapter_translation = make(
        f.ChapterPageFactory,
        event_parent if state == "private_parent" else parents["chapters"],
        page_state,
        title=f"Kirigami ja chapter {label}",
        slug=f"ja-chapter-{label}",
        country=chapter_base.country,
        locale=ja,
        translation_key=chapter_base.translation_key,
    )
    chapter_base_event = add_event(
        chapter_base, f"Kirigami event of translated chapter {label}", datetime.date(2021, 7, 1)
    )
    column = make(
        f.MentorColumnPageFactory, parents["mentors"], page_state, title=f"Kirigami column {label}"
    )
    voice = make(
        f.MemberVoicePageFactory, parents["voices"], page_state, title=f"Kirigami voice {label}"
    )
    program = make(
        f.ProgramPageFactory, parents["programs"], page_state, title=f"Kirigami programme {label}"
    )
    yearbook = make(
        f.YearbookPageFactory,
        parents["yearbooks"],
        page_state,
        title=f"Kirigami yearbook {label}",
        fiscal_year=2030 + STATES.index(state),
    )
    case = Case(
        state=state,
        event=event,
        chapter=chapter,
        chapter_child=chapter_child,
        column=column,
        voice=voice,
        program=program,
        yearbook=yearbook,
        translation_base=translation_base,
        translation=translation,
        chapter_base=chapter_base,
        chapter_translation=chapter_translation,
        chapter_base_event=chapter_base_event,
    )
    if state != DRAFT_CHANGES:
        case.hidden = [event, chapter, column, voice, program, yearbook, translation]
        case.hidden += [chapter_translation, *hidden_extra]
        if case.hides_every_version:
            case.hidden += [translation_base, chapter_base, chapter_base_event]
        # A private chapter's restriction covers its events; the other site's are elsewhere.
        if state.startswith("private_") or state == "other_site":
            case.hidden.append(chapter_child)
    return case


def build_world():
    home = f.default_site_home()
    sections = build_sections(home)
    india = child(
        f.ChapterPageFactory, sections["chapters"], title="India", slug="india", country="IN"
    )
    indonesia = child(
        f.ChapterPageFactory,
        sections["chapters"],
        title="Indonesia",
        slug="indonesia",
        country="ID",
    )
    setup_editorial_roles()
    control_event = add(
        f.EventPageFactory,
        india,
        title="Kirigami control event",
        # Before every state's event: first in the three upcoming events of the home page.
        start_date=today(),
    )
    control_column = add(
        f.MentorColumnPageFactory, sections["mentors"], title="Kirigami control column"
    )
    control_voice = add(
        f.MemberVoicePageFactory, sections["voices"], title="Kirigami control voice"
    )
    control_program = add(
        f.ProgramPageFactory, sections["programs"], title="Kirigami control programme"
    )
    control_yearbook = add(
        f.YearbookPageFactory,
        sections["yearbooks"],
        title="Kirigami control yearbook",
        fiscal_year=CONTROL_FISCAL_YEAR,
    )

    other_home = f.HomePageFactory(
        parent=Page.get_first_root_node(), title="Other network", slug="other-home"
    )
    Site.objects.create(hostname=OTHER_HOST, port=80, root_page=other_home)
    other_sections = build_sections(other_home)
    ja = Locale.objects.get(language_code="ja")

    cases = {state: build_case(state, sections, india, other_sections, ja) for state in STATES}
    other_event = cases["other_site"].event

    # The home page features every page of every state, and the control event.
    featured = [control_event] + [
        page
        for case in cases.values()
        for page in (
            case.event,
            case.chapter,
            case.column,
            case.voice,
            case.program,
            case.translation_base,
            case.chapter_base,
        )
    ]
    for order, page in enumerate(featured):
        m.HomeFeaturedItem.objects.create(home=home, page=page, sort_order=order)

    # A visible page linking to every state's event, by a call to action and in rich text.
    links = [control_event] + [case.event for case in cases.values()]
    labels = ["control", *cases]
    # Stored JSON, not the block factories: each block's id names the state it links to, and
    # the test below finds the blocks by those ids.
    body = []
    for label, page in zip(labels, links, strict=True):
        body.append(
            {
                "type": "call_to_action",
                "value": {"text": f"cta {label}", "page": page.pk, "url": ""},
                "id": f"cta-{label}",
            }
        )
        body.append(
            {
                "type": "paragraph",
                "value": f'<p>Read <a linktype="page" id="{page.pk}">link {label}</a>.</p>',
                "id": f"paragraph-{label}",
            }
        )
    add(f.StandardPageFactory, home, title="Links", slug="links", body=json.dumps(body))

    # The control yearbook lists a coordinator of every state's chapter and of every
    # translated chapter, and one of India.
    entries = [("Coordinator control", india)]
    for label, case in cases.items():
        entries.append((f"Coordinator {label}", case.chapter))
        entries.append((f"Coordinator base {label}", case.chapter_base))
    for order, (name, chapter) in enumerate(entries):
        m.YearbookEntry.objects.create(
            yearbook=control_yearbook,
            person=f.PersonFactory(name=name),
            chapter=chapter,
            sort_order=order,
        )

    return World(
        home=fresh(home),
        india=fresh(india),
        indonesia=fresh(indonesia),
        control_event=fresh(control_event),
        control_column=fresh(control_column),
        control_voice=fresh(control_voice),
        control_program=fresh(control_program),
        control_yearbook=fresh(control_yearbook),
        other_home=fresh(other_home),
        other_event=fresh(other_event),
        cases=cases,
    )


world = world_fixture(build_world)


@pytest.fixture
def run(db, client, world):
    """Run a query that must succeed: (data, the response's JSON text in lower case)."""

    def raw(query, **variables):
        response = post_query(client, query, variables)
        assert response.status_code == 200, response.content
        return response.json()

    def execute(query, **variables):
        body = raw(query, **variables)
        assert "errors" not in body, body["errors"]
        return body["data"], json.dumps(body["data"], ensure_ascii=False).lower()

    execute.raw = raw
    return execute


# --- helpers for the checks ---------------------------------------------------------------------


def ids_in(data):
    """Page ids in ``data``, a fallback's or draft's id (``15@ja``) read as its page's."""
    ids = (node["id"] for node in objects_in(data) if node.get("id") is not None)
    return {str(wagtail_id(value)) if wagtail_id(value) else value for value in ids}


def nodes(connection):
    return [edge["node"] for edge in connection["edges"]]


def assert_no_leak(case, data, text):
    """No hidden page's id, and none of its titles (or the draft text), anywhere."""
    leaked = case.hidden_ids() & ids_in(data)
    assert not leaked, f"hidden pages served: {leaked}"
    for forbidden in case.forbidden_texts():
        assert forbidden not in text, f"“{forbidden}” in the response"


def assert_listed(pages, data):
    missing = {str(page.pk) for page in pages} - ids_in(data)
    assert not missing, f"visible pages missing: {missing}"


def assert_published(node, page):
    """``node`` is ``page`` as last published."""
    assert node is not None
    assert wagtail_id(node["id"]) == page.pk
    assert node["title"] == page.title
    assert SECRET_TITLE not in node["title"]


def assert_full_count(connection):
    assert connection["totalCount"] == len(connection["edges"])


def rel_path(page):
    """The page's path relative to its own site's home page."""
    return page.url_path.strip("/").split("/", 1)[1] if page.depth > 2 else ""


# --- places where a page can surface -------------------------------------------------------------

PRIMARY = ("event", "chapter", "column", "voice", "program", "yearbook")


def page_by_path(run, world, case):
    aliases = "\n".join(
        f'{kind}: page(path: "{rel_path(getattr(case, kind))}") {{ id title }}' for kind in PRIMARY
    )
    data, text = run(
        f'query {{ {aliases} control: page(path: "{rel_path(world.control_event)}") {{ id }} }}'
    )
    assert data["control"]["id"] == str(world.control_event.pk)
    for kind in PRIMARY:
        if case.visible:
            assert_published(data[kind], getattr(case, kind))
        elif case.state == "other_site" and kind == "chapter":  # same path as India's
            assert data[kind]["id"] == str(world.india.pk)
        else:
            assert data[kind] is None, kind
    if case.visible:  # the draft's new slug is not an address yet
        drafted = f"{rel_path(case.event).rsplit('/', 1)[0]}/secret-draft-{case.event.pk}"
        data, text = run("query($path: String!) { page(path: $path) { id } }", path=drafted)
        assert data["page"] is None
    assert_no_leak(case, data, text)


CONTENT = """
fragment content on Page {
    id title slug url seoTitle searchDescription
    translations { title url }
    ... on EventPage { intro body { ...blocks } outcome { ...blocks } }
    ... on ChapterPage { intro body { ...blocks } }
    ... on MentorColumnPage { intro body { ...blocks } }
    ... on MemberVoicePage { intro body { ...blocks } }
    ... on ProgramPage { intro body { ...blocks } }
    ... on YearbookPage { intro }
}
fragment blocks on BodyBlock {
    ... on ParagraphBlock { html }
    ... on CallToActionBlock { text url }
}
"""


def page_by_id(run, world, case):
    """Every page of the state by id, with the fields that hold its content."""
    pages = case.hidden or [getattr(case, kind) for kind in PRIMARY]
    pages = [*pages, case.chapter_child]
    aliases = "\n".join(
        f'p{index}: page(id: "{page.pk}") {{ ...content }}' for index, page in enumerate(pages)
    )
    data, text = run(
        f'query {{ {aliases} control: page(id: "{world.control_event.pk}") {{ ...content }} }}'
        + CONTENT
    )
    assert_published(data["control"], world.control_event)
    for index, page in enumerate(pages):
        if page in case.hidden:
            assert data[f"p{index}"] is None, page.title
        else:
            assert_published(data[f"p{index}"], page)
            assert data[f"p{index}"]["intro"] == page.intro
    assert_no_leak(case, data, text)


EVENT_LIST = "totalCount edges { node { id title } }"


def events(run, world, case):
    data, text = run(
        f"""query {{
            all: events(first: 100) {{ {EVENT_LIST} }}
            upcoming: events(upcoming: true, first: 100) {{ {EVENT_LIST} }}
            india: events(chapter: "india", first: 100) {{ {EVENT_LIST} }}
        }}"""
    )
    for connection in data.values():
        assert_full_count(connection)
        assert_listed([world.control_event], connection)
    if case.visible:
        listed = {node["id"]: node for node in nodes(data["all"])}
        assert_published(listed.get(str(case.event.pk)), case.event)
        assert_listed([case.event], data["upcoming"])
        assert_listed([case.event], data["india"])
    assert_no_leak(case, data, text)


def chapter_events(run, world, case):
    data, text = run(
        f"""query($host: String!) {{
            india: chapter(slug: "india") {{
                id
                all: events(first: 100) {{ {EVENT_LIST} }}
                upcoming: events(upcoming: true, first: 100) {{ {EVENT_LIST} }}
            }}
            host: chapter(slug: $host) {{ id title events(first: 100) {{ {EVENT_LIST} }} }}
        }}""",
        host=case.chapter.slug,
    )
    for connection in (data["india"]["all"], data["india"]["upcoming"]):
        assert_full_count(connection)
        assert_listed([world.control_event], connection)
    if case.visible:
        assert_published(data["host"], case.chapter)
        assert_listed([case.chapter_child], data["host"]["events"])
        assert_listed([case.event], data["india"]["all"])
    elif case.state == "other_site":  # same slug as India: India it is
        assert data["host"]["id"] == str(world.india.pk)
    else:
        assert data["host"] is None
    assert_no_leak(case, data, text)


def chapters(run, world, case):
    data, text = run("query { chapters(first: 100) { totalCount edges { node { id title } } } }")
    assert_full_count(data["chapters"])
    assert_listed([world.india, world.indonesia], data)
    if case.visible:
        listed = {node["id"]: node for node in nodes(data["chapters"])}
        assert_published(listed.get(str(case.chapter.pk)), case.chapter)
    assert_no_leak(case, data, text)


def chapter_by_slug(run, world, case):
    data, text = run(
        "query($slug: String!) { hidden: chapter(slug: $slug) { id title } "
        'control: chapter(slug: "indonesia") { id } }',
        slug=case.chapter.slug,
    )
    assert data["control"]["id"] == str(world.indonesia.pk)
    if case.visible:
        assert_published(data["hidden"], case.chapter)
    elif case.state == "other_site":
        assert data["hidden"]["id"] == str(world.india.pk)
    else:
        assert data["hidden"] is None
    assert_no_leak(case, data, text)


def children(run, world, case):
    """The whole tree, down from the home page through ``children``."""
    data, text = run(
        """query {
            page(path: "") {
                id
                children(first: 100) {
                    id title
                    children(first: 100) {
                        id title
                        children(first: 100) { id title children(first: 100) { id title } }
                    }
                }
            }
        }"""
    )
    assert_listed(world.controls(), data)
    if case.visible:
        assert_listed([case.event, case.chapter, case.column, case.voice, case.program], data)
        # The walk reads in English: the English version of a translated page is listed
        # (site_pages/fallback.py), wherever its Japanese version lies in the tree.
        assert_listed([case.yearbook, case.chapter_child, case.translation_base], data)
    assert_no_leak(case, data, text)


RELATIONS = "id title parent { id title } ancestors { id title } chapter { id title }"


def parent_ancestors_chapter(run, world, case):
    """EventPage.chapter, parent and ancestors, in a list and on one page."""
    data, text = run(
        f"""query($child: ID!, $control: ID!) {{
            events(first: 100) {{ edges {{ node {{ {RELATIONS} }} }} }}
            child: page(id: $child) {{ ... on EventPage {{ {RELATIONS} }} }}
            control: page(id: $control) {{ ... on EventPage {{ {RELATIONS} }} }}
        }}""",
        child=str(case.chapter_child.pk),
        control=str(world.control_event.pk),
    )
    control = data["control"]
    assert control["chapter"]["id"] == control["parent"]["id"] == str(world.india.pk)
    assert [a["id"] for a in control["ancestors"]][-1] == str(world.india.pk)
    listed = {node["id"]: node for node in nodes(data["events"])}
    assert listed[str(world.control_event.pk)]["chapter"]["id"] == str(world.india.pk)
    if case.visible:
        assert_published(data["child"]["chapter"], case.chapter)
        assert_published(listed[str(case.chapter_child.pk)]["chapter"], case.chapter)
    elif case.chapter_child in case.hidden:
        assert data["child"] is None
    else:
        # A live event under a chapter that is not live: Wagtail serves it, and so does the
        # API for now; either way the chapter itself must not come with it.
        for node in (data["child"], listed.get(str(case.chapter_child.pk))):
            if node is not None:
                assert node["chapter"] is None
                assert node["parent"] is None
                assert str(case.chapter.pk) not in ids_in(node["ancestors"])
    assert_no_leak(case, data, text)


def search(run, world, case):
    data, text = run(
        """query {
            all: search(query: "Kirigami", first: 100) { totalCount edges { node { id title } } }
            events: search(query: "Kirigami", types: [EVENT_PAGE], first: 100) {
                totalCount edges { node { id title } }
            }
            secret: search(query: "SECRET") { totalCount edges { node { id } } }
        }"""
    )
    for name in ("all", "events"):
        assert_full_count(data[name])
    assert_listed([world.control_event, world.control_column, world.control_voice], data["all"])
    assert_listed([world.control_program, world.control_yearbook], data["all"])
    assert_listed([world.control_event], data["events"])
    assert data["secret"]["totalCount"] == 0
    if case.visible:
        assert_listed([case.event, case.chapter, case.column, case.voice, case.program], data)
    assert_no_leak(case, data, text)


def assert_home_lists(run, world, case, field, pages):
    """The home page's ``field`` lists the control event and, when the case is visible,
    ``pages`` as published; nothing of the case leaks into it."""
    query = 'query { page(path: "") { ... on HomePage { FIELD { id title } } } }'
    data, text = run(query.replace("FIELD", field))
    listed = {node["id"]: node for node in data["page"][field]}
    assert str(world.control_event.pk) in listed
    if case.visible:
        for page in pages:
            assert_published(listed.get(str(page.pk)), page)
    assert_no_leak(case, data, text)


def home_featured(run, world, case):
    featured = (case.event, case.chapter, case.column, case.voice, case.program)
    assert_home_lists(run, world, case, "featured", featured)


def home_upcoming(run, world, case):
    assert_home_lists(run, world, case, "upcomingEvents", (case.event,))


def translations(run, world, case):
    data, text = run(
        "query($id: ID!) { page(id: $id) { id translations { locale title url } } }",
        id=str(case.translation_base.pk),
    )
    if case.hides_every_version:
        assert data["page"] is None
        assert_no_leak(case, data, text)
        return
    versions = {t["locale"]: t for t in data["page"]["translations"]}
    assert versions["en"]["title"] == case.translation_base.title
    if case.visible:
        assert versions["ja"]["title"] == case.translation.title
    else:
        assert "ja" not in versions
    assert_no_leak(case, data, text)


def locale_fallback(run, world, case):
    """Where the Japanese version is hidden, Japanese readers get the English one: as the page,
    in lists, and as the parent, ancestor or chapter of another page."""
    data, text = run(
        f"""query($id: ID!, $event: ID!, $chapter: String!) {{
            page(id: $id, locale: JA) {{ id title isFallback }}
            events(locale: JA, first: 100) {{ {EVENT_LIST} }}
            event: page(id: $event, locale: JA) {{ ... on EventPage {{ {RELATIONS} }} }}
            chapter(slug: $chapter, locale: JA) {{ id title isFallback }}
            chapters(locale: JA, first: 100) {{ {EVENT_LIST} }}
            home: page(path: "", locale: JA) {{ ... on HomePage {{ featured {{ id title }} }} }}
            yearbook(fiscalYear: {CONTROL_FISCAL_YEAR}, locale: JA) {{
                entries {{ person {{ name }} chapter {{ id title }} }}
            }}
            search(query: "Kirigami", locale: JA, first: 100) {{ {EVENT_LIST} }}
        }}""",
        id=str(case.translation_base.pk),
        event=str(case.chapter_base_event.pk),
        chapter=case.chapter_base.slug,
    )
    for name in ("events", "chapters"):
        assert_full_count(data[name])
    assert_listed([world.control_event], data["events"])
    assert_listed([world.india], data["chapters"])
    event = data["event"]
    if case.hides_every_version:
        for name in ("page", "event", "chapter"):
            assert data[name] is None, name
        entries = {e["person"]["name"]: e for e in data["yearbook"]["entries"]}
        assert entries[f"Coordinator base {case.state}"]["chapter"] is None
        assert_no_leak(case, data, text)
        return
    if case.visible:
        translated, translated_chapter = case.translation, case.chapter_translation
    else:
        translated, translated_chapter = case.translation_base, case.chapter_base
    assert_published(data["page"], translated)
    assert data["page"]["isFallback"] is not case.visible
    assert_listed([translated], data["events"])
    assert_listed([translated_chapter], data["chapters"])
    assert_listed([translated, translated_chapter], data["home"])
    assert_listed([translated, translated_chapter], data["search"])
    assert_full_count(data["search"])
    entries = {e["person"]["name"]: e for e in data["yearbook"]["entries"]}
    assert_published(entries[f"Coordinator base {case.state}"]["chapter"], translated_chapter)
    assert_published(data["chapter"], translated_chapter)
    assert_published(event["chapter"], translated_chapter)
    assert_published(event["parent"], translated_chapter)
    assert_published(event["ancestors"][-1], translated_chapter)
    assert_no_leak(case, data, text)


def chapter_events_in_language(run, world, case):
    """A chapter's events for Japanese readers: an event whose Japanese version is hidden is
    listed in English."""
    data, text = run(
        f"""query {{
            india: chapter(slug: "india", locale: JA) {{
                events(first: 100) {{ {EVENT_LIST} }}
            }}
        }}"""
    )
    events = data["india"]["events"]
    assert_full_count(events)
    assert_listed([world.control_event], events)
    if not case.hides_every_version:
        translated = case.translation if case.visible else case.translation_base
        assert_listed([translated], events)
    assert_no_leak(case, data, text)


def body_links(run, world, case):
    """A call to action and a rich-text link to the page, in a visible page's body."""
    data, text = run(
        """query($event: ID!, $control: ID!) {
            links: page(path: "links") {
                ... on StandardPage {
                    body {
                        ... on CallToActionBlock { id text url }
                        ... on ParagraphBlock { id html }
                    }
                }
            }
            event: page(id: $event) { url }
            control: page(id: $control) { url }
        }""",
        event=str(case.event.pk),
        control=str(world.control_event.pk),
    )
    # A block's id is the page's, then the block's own (graphql_api/core/ids.py).
    blocks = {block["id"].split("/")[-1]: block for block in data["links"]["body"]}
    control_url = data["control"]["url"]
    assert control_url
    assert blocks["cta-control"]["url"] == control_url
    assert f'<a href="{control_url}">link control</a>' in blocks["paragraph-control"]["html"]
    cta, paragraph = blocks[f"cta-{case.state}"], blocks[f"paragraph-{case.state}"]
    assert cta["text"] == f"cta {case.state}"
    if case.visible:
        assert cta["url"] == data["event"]["url"]
        assert f'<a href="{cta["url"]}">link {case.state}</a>' in paragraph["html"]
    else:
        assert data["event"] is None
        assert cta["url"] is None
        assert f"<a>link {case.state}</a>" in paragraph["html"]
        assert f"/{case.event.slug}/" not in text
    assert_no_leak(case, data, text)


def yearbook_entries(run, world, case):
    data, text = run(
        f"""query {{
            yearbook(fiscalYear: {CONTROL_FISCAL_YEAR}) {{
                id entries {{ person {{ name }} chapter {{ id title }} }}
            }}
            yearbooks(first: 100) {{ edges {{ node {{
                id entries {{ person {{ name }} chapter {{ id title }} }}
            }} }} }}
        }}"""
    )
    listed = [data["yearbook"]] + [
        y for y in nodes(data["yearbooks"]) if y["id"] == str(world.control_yearbook.pk)
    ]
    assert len(listed) == 2
    for yearbook in listed:
        entries = {e["person"]["name"]: e for e in yearbook["entries"]}
        assert entries["Coordinator control"]["chapter"]["id"] == str(world.india.pk)
        entry = entries[f"Coordinator {case.state}"]
        if case.visible:
            assert_published(entry["chapter"], case.chapter)
        else:
            assert entry["chapter"] is None
    assert_no_leak(case, data, text)


def yearbooks(run, world, case):
    data, text = run(
        f"""query {{
            yearbooks(first: 100) {{ totalCount edges {{ node {{ id title fiscalYear }} }} }}
            hidden: yearbook(fiscalYear: {case.yearbook.fiscal_year}) {{ id title }}
        }}"""
    )
    assert_full_count(data["yearbooks"])
    assert_listed([world.control_yearbook], nodes(data["yearbooks"]))
    if case.visible:
        assert_published(data["hidden"], case.yearbook)
    else:
        assert data["hidden"] is None
    assert_no_leak(case, data, text)


def page_connection(name):
    def check(run, world, case):
        data, text = run(f"query {{ list: {name}(first: 100) {{ {EVENT_LIST} }} }}")
        assert_full_count(data["list"])
        control = {"mentorColumns": world.control_column, "memberVoices": world.control_voice}
        assert_listed([control[name]], data)
        if case.visible:
            page = case.column if name == "mentorColumns" else case.voice
            listed = {node["id"]: node for node in nodes(data["list"])}
            assert_published(listed.get(str(page.pk)), page)
        assert_no_leak(case, data, text)

    check.__name__ = name
    return check


def programs(run, world, case):
    data, text = run(
        "query { programs(first: 100) { totalCount"
        " edges { node { id title parent { id title } } } } }"
    )
    assert_full_count(data["programs"])
    assert_listed([world.control_program], data)
    if case.visible:
        listed = {node["id"]: node for node in nodes(data["programs"])}
        assert_published(listed.get(str(case.program.pk)), case.program)
    assert_no_leak(case, data, text)


PLACES = [
    page_by_path,
    page_by_id,
    events,
    chapter_events,
    chapters,
    chapter_by_slug,
    children,
    parent_ancestors_chapter,
    search,
    home_featured,
    home_upcoming,
    translations,
    locale_fallback,
    chapter_events_in_language,
    body_links,
    yearbook_entries,
    yearbooks,
    page_connection("mentorColumns"),
    page_connection("memberVoices"),
    programs,
]

# (place, state) -> reason, for cells that fail because of a known bug in the API.
# (place, state) -> reason, for a known bug marked xfail(strict=True) until it is fixed.
KNOWN_BUGS = {}


def matrix():
    for place in PLACES:
        for state in STATES:
            reason = KNOWN_BUGS.get((place.__name__, state))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(place, state, marks=marks, id=f"{place.__name__}-{state}")


@pytest.mark.parametrize(("place", "state"), list(matrix()))
def test_hidden_pages_never_surface(run, world, place, state):
    place(run, world, world.cases[state])


# --- the world is what the matrix assumes --------------------------------------------------------


@pytest.mark.parametrize("state", STATES)
def test_each_state_is_built_as_described(db, world, state):
    case = world.cases[state]
    site = Site.objects.get(is_default_site=True)
    for page in world.controls():
        assert is_visible(page, site)
    for page in case.hidden:
        assert not is_visible(page, site), page.title
    event = fresh(case.event)
    if state == "draft":
        assert not event.live and event.latest_revision_id and not event.first_published_at
    elif state == "unpublished":
        assert not event.live and event.first_published_at
    elif state == "expired":
        assert event.live and event.expire_at < timezone.now()
    elif state == "scheduled":
        assert not event.live
        assert event.latest_revision.approved_go_live_at > timezone.now()
    elif state.startswith("private_"):
        assert event.live and event.get_view_restrictions().exists()
    elif state == "other_site":
        assert event.live and event.get_site().hostname == OTHER_HOST
    else:
        for page in (event, case.chapter, case.column, case.voice, case.program, case.yearbook):
            page = fresh(page)
            assert page.live and page.has_unpublished_changes
            assert page.title != SECRET_TITLE
            assert page.get_latest_revision_as_object().title == SECRET_TITLE
            assert is_visible(page, site)


def test_other_site_serves_its_own_pages(db, client, world):
    """The other site's pages are hidden from the default site only because of the site."""
    response = post_query(
        client,
        "query { events(first: 100) { edges { node { id } } } }",
        HTTP_HOST=OTHER_HOST,
    )
    ids = ids_in(response.json()["data"])
    assert str(world.other_event.pk) in ids
    assert str(world.control_event.pk) not in ids


@pytest.mark.parametrize("state", [s for s in HIDDEN_STATES if s != "other_site"])
def test_events_chapter_filter_treats_hidden_chapters_as_unknown(run, world, state):
    """`events(chapter:)` answers a hidden chapter's slug as it answers a slug that does not
    exist, so that it cannot tell which unpublished or private chapters exist. (The other
    site's chapter is left out: it has India's slug.)"""
    case = world.cases[state]
    query = "query($slug: String!) { events(chapter: $slug) { totalCount edges { node { id } } } }"
    unknown = run.raw(query, slug="no-such-chapter")
    hidden = run.raw(query, slug=case.chapter.slug)
    if unknown.get("errors"):
        assert [e["extensions"] for e in hidden.get("errors") or []] == [
            e["extensions"] for e in unknown["errors"]
        ]
    else:
        assert hidden["data"] == unknown["data"]


def test_parent_and_chapter_selected_together(run, world):
    """`parent` (with its own relations) and `chapter` on the same events: both are the
    parent, loaded once for both selections (loading it twice lost `parent`'s relations)."""
    data, _text = run(
        """query {
            events(chapter: "india", first: 100) {
                edges { node { id parent { id children(first: 100) { id } } chapter { id } } }
            }
        }"""
    )
    node = next(
        edge["node"]
        for edge in data["events"]["edges"]
        if edge["node"]["id"] == str(world.control_event.pk)
    )
    assert node["chapter"]["id"] == node["parent"]["id"] == str(world.india.pk)
    assert str(world.control_event.pk) in ids_in(node["parent"]["children"])
