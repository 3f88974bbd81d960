"""The network's contact details in the reader's language: the footer and the API's `settings`
pick the same version (NetworkSettings.contact_for, the fallback rule of site_pages/fallback.py)."""

import re

import pytest
from wagtail.models import Locale

from graphql_api.core.locale import enum_name
from site_pages import models as m
from tests.graphql_api.conftest import post_query

pytestmark = pytest.mark.django_db

ENGLISH = "Science Plaza, 5-3 Yonbancho, Chiyoda-ku, Tokyo 102-8666, Japan"
JAPANESE = "〒102-8666 東京都千代田区四番町5-3 サイエンスプラザ"


@pytest.fixture
def contact(site_tree):
    english = m.NetworkContact.objects.create(
        locale=site_tree.home.locale,
        name="Secretariat",
        contact_email="office@example.org",
        contact_phone="+81 3-5214-8288",
        postal_address=ENGLISH,
    )
    japanese = english.copy_for_translation(Locale.objects.get(language_code="ja"))
    japanese.postal_address = JAPANESE
    japanese.save()
    network = m.NetworkSettings.for_site(site_tree.home.get_site())
    network.contact = english
    network.save()
    return english


def footer(client, language):
    html = client.get(f"/{language}/").content.decode()
    return re.search(r"<footer.*</footer>", html, re.S).group(0)


def settings_in(client, locale):
    body = post_query(
        client,
        """query($locale: Locale) { settings(locale: $locale) {
            contactEmail contactPhone postalAddress contactLocale isFallback } }""",
        {"locale": locale and enum_name(locale)},
    ).json()
    assert "errors" not in body, body
    return body["data"]["settings"]


def test_the_japanese_footer_gives_the_japanese_address(client, contact):
    html = footer(client, "ja")
    assert JAPANESE in html
    assert ENGLISH not in html
    assert "<address>" in html and "<span lang=" not in html  # the reader's: no lang of its own


def test_the_english_footer_keeps_the_english_address(client, contact):
    html = footer(client, "en")
    assert ENGLISH in html and JAPANESE not in html


def test_an_untranslated_language_falls_back_and_says_so(client, contact):
    html = footer(client, "id")
    assert ENGLISH in html
    # The address is English; the labels around it ("E-mail") are in the reader's language.
    assert f'<span lang="en">{ENGLISH}</span>' in html
    assert "<address>" in html


def test_the_api_follows_the_readers_language_with_fallback(client, contact):
    assert settings_in(client, "ja") == {
        "contactEmail": "office@example.org",
        "contactPhone": "+81 3-5214-8288",
        "postalAddress": JAPANESE,
        "contactLocale": "ja",
        "isFallback": False,
    }
    indonesian = settings_in(client, "id")
    assert (indonesian["postalAddress"], indonesian["contactLocale"]) == (ENGLISH, "en")
    assert indonesian["isFallback"] is True
    assert settings_in(client, None)["postalAddress"] == ENGLISH


def test_no_contact_details_leave_the_footer_and_the_fields_empty(client, site_tree):
    assert "<address" not in footer(client, "ja")
    data = settings_in(client, "ja")
    assert data == {
        "contactEmail": "",
        "contactPhone": "",
        "postalAddress": "",
        "contactLocale": None,
        "isFallback": False,
    }


def test_an_unknown_locale_is_refused(client, contact):
    body = post_query(client, "{ settings(locale: XX) { postalAddress } }").json()
    assert body["errors"][0]["extensions"]["code"] == "UNKNOWN_LOCALE"
