"""Translating makes nothing live without review: by role, through wagtail-localize's own views.

- "Translate this page" into a language whose home page and section indexes do not exist yet
  would create them as live aliases (site-wide, for every reader); only those who may publish
  those pages (the Secretariat) may do that, everybody else gets a message and nothing is made;
- once the Secretariat has opened the language, a chapter editor's translation is a draft;
- "Convert to alias page", which makes a draft translation mirror the live source at once, is
  the Secretariat's only: hidden from others and refused by the view.
"""

import json
import re
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation

from tests.site_pages.test_translations import (
    denied,
    edit_url,
    fresh,
    india,
    ja_india,
    locale,
    open_language,
    submit_translation,
    version,
)

pytestmark = pytest.mark.django_db

NOT_PERMITTED = ("indonesia_editor", "mentor")


def pages_in(code):
    return Page.objects.filter(locale__language_code=code)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_chapter_editor_cannot_open_a_language_by_translating_their_chapter(
    client,
    users,
    india,
):
    response = submit_translation(client, users["india_editor"], india, "th")
    assert response.status_code == 302
    assert any(
        "cannot be translated into Thai yet" in message and "Ask the Secretariat" in message
        for message in messages_of(response)
    ), messages_of(response)
    assert not pages_in("th").exists()
    assert not Translation.objects.filter(target_locale=locale("th")).exists()


@pytest.mark.parametrize("role", NOT_PERMITTED)
def test_others_may_not_translate_the_chapter_at_all(client, users, india, role):
    response = submit_translation(client, users[role], india, "th")
    assert denied(response) or response.status_code == 403
    assert not pages_in("th").exists()


def test_the_secretariat_opens_a_language_with_its_home_page(client, users, site_tree, india):
    response = submit_translation(client, users["secretariat"], india, "th")
    assert response.status_code == 302
    home = site_tree.home.get_translation(locale("th"))
    assert home.alias_of_id == site_tree.home.pk and home.live
    assert not version(india, "th").live  # the chapter itself is a draft to translate


def test_in_an_open_language_the_chapter_editors_translation_is_a_draft(
    client,
    users,
    site_tree,
    india,
):
    open_language(client, users, site_tree, "th")
    live_before = set(pages_in("th").filter(live=True).values_list("pk", flat=True))
    response = submit_translation(client, users["india_editor"], india, "th")
    assert response.status_code == 302
    assert not version(india, "th").live
    assert set(pages_in("th").filter(live=True).values_list("pk", flat=True)) == live_before


def convert_url(page):
    return reverse("wagtail_localize:convert_to_alias", args=[page.pk])


@pytest.mark.parametrize("role", ["india_editor", *NOT_PERMITTED])
def test_only_the_secretariat_may_convert_a_translation_to_an_alias(
    client,
    users,
    ja_india,
    role,
):
    client.force_login(users[role])
    for response in (client.get(convert_url(ja_india)), client.post(convert_url(ja_india))):
        assert denied(response) or response.status_code == 403
        assert fresh(ja_india).alias_of_id is None
    # The edit view's menu button posts there, and wagtail-localize redirects to the view.
    client.post(edit_url(ja_india), {"localize-convert-to-alias": "1"}, follow=True)
    assert fresh(ja_india).alias_of_id is None


def editor_props(client, page):
    """The props wagtail-localize's translation editor (a React app) is started with."""
    html = client.get(edit_url(page)).content.decode()
    return json.loads(unescape(re.search(r'data-props="([^"]*)"', html).group(1)))


def test_the_convert_button_is_shown_to_the_secretariat_only(client, users, ja_india):
    client.force_login(users["india_editor"])
    assert editor_props(client, ja_india)["links"]["convertToAliasUrl"] is None
    client.force_login(users["secretariat"])
    assert editor_props(client, ja_india)["links"]["convertToAliasUrl"] == convert_url(ja_india)
    response = client.post(convert_url(ja_india))
    assert response.status_code == 302
    assert fresh(ja_india).alias_of_id is not None
