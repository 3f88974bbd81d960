"""A view restriction covers every language version of the page it is set on, and what is below
each of them: on the site (password form, login redirect), in the sitemap, the feeds, site
search and the API.

India's chapter page exists in English and Japanese, with an event below each version. The
restriction is set after the translations were made (wagtail-localize copies restrictions only
when it makes or syncs a translation), on the English version or on the Japanese one only. A
public event of Indonesia in both languages is the control every check must still find.
"""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from tests import factories as f
from tests.conftest import make_user, publish
from tests.database_snapshot import world_fixture
from tests.factories import translate
from tests.graphql_api.conftest import post_query
from tests.site_tree import build_site_tree

HOST = "http://testserver"
PASSWORD = "sakura-members"


def build_world():
    """The pages every test starts from, made once for the module (translations are the
    slow part): English and Japanese India and its event, the control in both languages."""
    tree = build_site_tree()
    soon = timezone.localdate() + datetime.timedelta(days=20)
    reunion = publish(
        f.EventPageFactory(parent=tree.india, title="Kirigami reunion", start_date=soon)
    )
    control = publish(
        f.EventPageFactory(parent=tree.indonesia, title="Kirigami control", start_date=soon)
    )
    translate(tree.home, "ja", "サクラサイエンスクラブ")
    translate(tree.chapters, "ja", "支部")
    india_ja = translate(tree.india, "ja", "インド Kirigami")
    translate(tree.indonesia, "ja", "インドネシア")
    pages = {
        "india": tree.india,
        "india_ja": india_ja,
        "reunion": reunion,
        "reunion_ja": translate(reunion, "ja", "Kirigami 同窓会"),
        "control": control,
        "control_ja": translate(control, "ja", "Kirigami 対照"),
    }
    return {"events": tree.events.pk, "pages": {name: page.pk for name, page in pages.items()}}


world = world_fixture(build_world)


@pytest.fixture
def pages(db, world):
    """The world's pages as the database holds them at the start of this test."""
    found = Page.objects.in_bulk(world["pages"].values())
    return {name: found[pk].specific for name, pk in world["pages"].items()}


HIDDEN = ("india", "india_ja", "reunion", "reunion_ja")
CONTROLS = ("control", "control_ja")


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=PASSWORD if kind == "password" else ""
    )
    if kind == "groups":
        restriction.groups.set([Group.objects.create(name="India members")])
    return restriction


@pytest.fixture(params=["en", "ja"])
def restricted_on(request):
    """Which language version holds the restriction."""
    return request.param


@pytest.fixture
def private(pages, restricted_on):
    """A password on one version of India's chapter page."""
    holder = pages["india"] if restricted_on == "en" else pages["india_ja"]
    other = pages["india_ja"] if restricted_on == "en" else pages["india"]
    restriction = restrict(holder, "password")
    # Wagtail by itself sees no restriction on the other version: the case the rule is for.
    assert not other.get_view_restrictions().exists()
    return restriction


# --- the site ---------------------------------------------------------------------------------


def password_form_action(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="password"' in html
    (action,) = re.findall(r'action="([^"]+)"', html)
    return action


@pytest.mark.parametrize("name", HIDDEN)
def test_every_version_asks_for_the_password(client, pages, private, name):
    url = pages[name].url
    response = client.get(url)
    action = password_form_action(response)
    assert pages[name].title not in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    # A wrong password opens nothing.
    client.post(action, {"password": "wrong", "return_url": url})
    password_form_action(client.get(url))
    # The right one, given on this version, opens every version.
    answer = client.post(action, {"password": PASSWORD, "return_url": url})
    assert answer.status_code == 302 and answer["Location"] == url
    for other in HIDDEN:
        response = client.get(pages[other].url)
        assert response.status_code == 200, other
        assert pages[other].title in response.content.decode()
        assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("kind", ["login", "groups"])
def test_every_version_asks_to_sign_in(client, pages, restricted_on, kind):
    holder = pages["india"] if restricted_on == "en" else pages["india_ja"]
    restriction = restrict(holder, kind)
    for name in HIDDEN:
        response = client.get(pages[name].url)
        assert response.status_code == 302, name
        assert "login" in response["Location"] and "next=" in response["Location"]
    for name in CONTROLS:
        assert client.get(pages[name].url).status_code == 200
    reader = make_user("reader")
    client.force_login(reader)
    expected = 200 if kind == "login" else 302
    for name in HIDDEN:
        assert client.get(pages[name].url).status_code == expected, name
    if kind == "groups":
        reader.groups.add(*restriction.groups.all())
        for name in HIDDEN:
            assert client.get(pages[name].url).status_code == 200, name


def test_a_page_without_restrictions_is_served_as_before(client, pages):
    for name in (*HIDDEN, *CONTROLS):
        response = client.get(pages[name].url)
        assert response.status_code == 200, name
        assert "no-cache" not in response.get("Cache-Control", "")


# --- sitemap, feeds, site search --------------------------------------------------------------


def test_sitemap_leaves_out_every_version(client, pages, private):
    text = client.get("/sitemap.xml").content.decode()
    for name in CONTROLS:
        assert HOST + pages[name].url in text
    for name in HIDDEN:
        assert HOST + pages[name].url not in text, name


@pytest.mark.parametrize("language", ["en", "ja"])
def test_feeds_leave_out_every_version(client, pages, private, language):
    text = client.get(f"/{language}/feeds/events/").content.decode()
    assert pages["control" if language == "en" else "control_ja"].title in text
    for name in ("reunion", "reunion_ja"):
        assert pages[name].title not in text
        assert pages[name].url not in text


@pytest.mark.parametrize("language", ["en", "ja"])
def test_site_search_leaves_out_every_version(client, pages, private, language):
    text = client.get(f"/{language}/search/?q=Kirigami").content.decode()
    assert pages["control" if language == "en" else "control_ja"].url in text
    for name in HIDDEN:
        assert f'href="{pages[name].url}"' not in text, name
        assert pages[name].title not in text, name


# --- the API ----------------------------------------------------------------------------------

QUERY = """
query($id: ID!, $jaId: ID!, $eventId: ID!, $eventJaId: ID!) {
  byPath: page(path: "chapters/india") { id title }
  byPathJa: page(path: "chapters/india", locale: JA) { id title }
  eventByPathJa: page(path: "chapters/india/kirigami-reunion", locale: JA) { id title }
  byId: page(id: $id) { id }
  byIdJa: page(id: $jaId) { id }
  event: page(id: $eventId) { id }
  eventJa: page(id: $eventJaId) { id }
  chapter(slug: "india", locale: JA) { id }
  chapters(locale: JA, first: 50) { edges { node { id title } } }
  chaptersEn: chapters(first: 50) { edges { node { id title } } }
  events(first: 50) { edges { node { id title } } }
  eventsJa: events(locale: JA, first: 50) { edges { node { id title } } }
  search(query: "Kirigami", first: 50) { edges { node { id title } } }
  searchJa: search(query: "Kirigami", locale: JA, first: 50) { edges { node { id title } } }
  home: page(path: "", locale: JA) { children(first: 50) { id children(first: 50) { id } } }
}
"""


def test_the_api_serves_no_version(client, pages, private):
    response = post_query(
        client,
        QUERY,
        {
            "id": str(pages["india"].pk),
            "jaId": str(pages["india_ja"].pk),
            "eventId": str(pages["reunion"].pk),
            "eventJaId": str(pages["reunion_ja"].pk),
        },
    )
    body = response.json()
    assert "errors" not in body, body
    data = body["data"]
    for name in ("byPath", "byPathJa", "eventByPathJa", "byId", "byIdJa", "event", "eventJa"):
        assert data[name] is None, name
    assert data["chapter"] is None
    text = json.dumps(data, ensure_ascii=False)
    for name in CONTROLS:
        assert f'"{pages[name].pk}"' in text, name
    for name in HIDDEN:
        assert f'"{pages[name].pk}"' not in text, name
        assert pages[name].title not in text, name


def test_an_alias_is_covered_like_the_page_it_mirrors(client, world, pages):
    """As Wagtail serves it: an alias made before the restriction (Wagtail copies restrictions
    only when it makes the alias) is kept out of the API and the sitemap too."""
    events = Page.objects.get(pk=world["events"])
    alias = pages["reunion"].create_alias(parent=events, update_slug="reunion-alias")
    assert client.get(alias.url).status_code == 200
    restrict(pages["reunion"], "login")
    assert not alias.view_restrictions.exists()

    assert client.get(alias.url).status_code == 302
    assert HOST + alias.url not in client.get("/sitemap.xml").content.decode()
    data = post_query(
        client,
        "query($id: ID!, $control: ID!) { byId: page(id: $id) { id }"
        ' byPath: page(path: "events/reunion-alias")'
        " { id } control: page(id: $control) { id } }",
        {"id": str(alias.pk), "control": str(pages["control"].pk)},
    ).json()["data"]
    assert data == {"byId": None, "byPath": None, "control": {"id": str(pages["control"].pk)}}
