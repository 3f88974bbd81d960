"""One allow-list of URL schemes (site_pages/url_policy.py): at save time through the admin forms
and the model (every other path), and again at output in the site, the API and the feeds.

The wagtail-localize paths (overrides, strings, PO files, publishing and review) are in
tests/site_pages/test_translation_urls.py.
"""

import datetime
import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from site_pages import models as m
from site_pages.stored_links import URLPolicyMixin
from site_pages.url_policy import clean_html, safe_url, validate_url
from tests import factories as f
from tests.block_factories import stream
from tests.conftest import publish
from tests.graphql_api.conftest import post_query
from tests.site_pages.admin_forms import add_url, chapter_post, event_post

pytestmark = pytest.mark.django_db

ALLOWED = [
    "https://www.jst.go.jp/",
    "http://example.org/a?b=1&c=2",
    "HTTPS://EXAMPLE.ORG/",
    "mailto:ssc@jst.go.jp",
    "tel:+81-3-5214-0093",
    "/en/chapters/india/",
    "#programme",
    "?page=2",
    "//www.example.org/",
    "chapters/india/",
]
REFUSED = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://ftp.example.org/",
]
BAD = "javascript:alert(document.cookie)"
POLICY_MESSAGE = "links must start with http://, https://, mailto: or tel:"


@pytest.mark.parametrize("url", ALLOWED)
def test_allowed_addresses_pass_and_are_served(url):
    validate_url(url)
    assert safe_url(url) == url
    assert "href=" in clean_html(f'<a href="{url.replace("&", "&amp;")}">x</a>')


@pytest.mark.parametrize("url", REFUSED)
def test_other_schemes_and_disguised_ones_are_refused_and_dropped(url):
    with pytest.raises(ValidationError):
        validate_url(url)
    assert safe_url(url) == ""
    attribute = url.replace('"', "&quot;")
    assert clean_html(f'<p><a href="{attribute}">x</a></p>') == "<p><a>x</a></p>"


def test_a_doubly_encoded_scheme_is_refused_where_a_client_might_decode_it_twice():
    # As an HTML attribute it decodes once, to a harmless relative address; a client that
    # decodes the API's plain value again would get javascript:, so the value is refused.
    with pytest.raises(ValidationError):
        validate_url("&amp;#106;avascript:alert(1)")
    assert safe_url("&amp;#106;avascript:alert(1)") == ""


def test_the_message_names_the_address_and_the_allowed_schemes():
    with pytest.raises(ValidationError) as excinfo:
        validate_url("vbscript:msgbox(1)")
    assert excinfo.value.messages == [
        "“vbscript:msgbox(1)” is not allowed: links must start with http://, https://, "
        "mailto: or tel:, or be an address on this site."
    ]
    with pytest.raises(ValidationError) as excinfo:
        validate_url("https://example.org/\x00")
    assert "control characters" in excinfo.value.messages[0]


def test_output_html_keeps_formatting_and_drops_script_and_handlers():
    html = (
        '<h3>Plan</h3><p data-block-key="x1">A <b>bold</b> <a href="/en/">link</a>'
        '<img src="x" onerror="alert(1)"><script>alert(1)</script>'
        '<a href="https://x.org" onclick="alert(1)">out</a></p>'
    )
    assert clean_html(html) == (
        '<h3>Plan</h3><p>A <b>bold</b> <a href="/en/">link</a><a href="https://x.org">out</a></p>'
    )


def test_every_model_storing_addresses_checks_them_when_saved():
    """A new model with a URL field, rich text or a body must use the policy's mixin.

    A webhook's address is never shown to readers: the server calls it, so it has a stricter
    check of its own (site_pages/webhook_urls.py: http or https, no private or loopback address).
    """
    from site_pages.webhook_urls import validate_webhook_url

    for model in apps.get_app_config("site_pages").get_models():
        if model._meta.model_name == "webhook":
            assert validate_webhook_url in model._meta.get_field("url").validators
            continue
        stores_urls = any(
            isinstance(field, models.URLField | RichTextField | StreamField)
            for field in model._meta.concrete_fields
        )
        if stores_urls:
            assert issubclass(model, URLPolicyMixin), model.__name__


# --- save time: admin forms ---------------------------------------------------------------------


@pytest.fixture
def chapter_editor(client, users):
    client.force_login(users["india_editor"])
    return client


def refused(response, message=POLICY_MESSAGE):
    assert response.status_code == 200
    html = response.content.decode()
    assert "validation errors" in html
    assert message in html
    return html


def call_to_action(url):
    return streamfield([("call_to_action", {"text": "Register", "page": "", "url": url})])


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "Enter a valid URL."),
        # Shown on the block's own field (Wagtail renders StreamField errors as JSON).
        ("ftp://ftp.example.org/file", "ftp://ftp.example.org/file\\u201d is not allowed"),
    ],
)
def test_admin_refuses_a_call_to_action_outside_the_policy(chapter_editor, site_tree, url, message):
    data = event_post(body=call_to_action(url))
    response = chapter_editor.post(add_url("eventpage", site_tree.india), data)
    html = refused(response, message)
    assert "&quot;url&quot;: {&quot;messages&quot;" in html
    assert not Page.objects.filter(slug="3rd-india-reunion").exists()


def paragraph_with_link(href):
    return streamfield([("paragraph", rich_text(f'<p>See <a href="{href}">this</a>.</p>'))])


def test_admin_refuses_a_rich_text_link_outside_the_policy(chapter_editor, site_tree):
    data = event_post(body=paragraph_with_link("ftp://ftp.example.org/"))
    response = chapter_editor.post(add_url("eventpage", site_tree.india), data)
    refused(response)
    assert not Page.objects.filter(slug="3rd-india-reunion").exists()


@pytest.mark.parametrize("href", ["javascript:alert(1)", "data:text/html,hi", "vbscript:x"])
def test_the_rich_text_editor_drops_script_links_before_saving(chapter_editor, site_tree, href):
    """Wagtail's editor (Draftail's converter) removes these addresses itself, keeping the
    text; the policy refuses what it lets through (ftp:, above)."""
    data = event_post(body=paragraph_with_link(href))
    response = chapter_editor.post(add_url("eventpage", site_tree.india), data)
    assert response.status_code == 302
    page = m.EventPage.objects.get(slug="3rd-india-reunion")
    assert "<a>this</a>" in page.body[0].value.source
    assert "href" not in page.body[0].value.source


def test_admin_accepts_allowed_links(chapter_editor, site_tree):
    body = streamfield(
        [
            ("paragraph", rich_text('<p>Write to <a href="mailto:ssc@jst.go.jp">us</a>.</p>')),
            ("call_to_action", {"text": "Register", "page": "", "url": "https://jst.go.jp/r"}),
        ]
    )
    data = event_post(body=body, registration_url="https://forms.example.org/reunion")
    response = chapter_editor.post(add_url("eventpage", site_tree.india), data)
    assert response.status_code == 302
    page = m.EventPage.objects.get(slug="3rd-india-reunion")
    assert page.body[1].value["url"] == "https://jst.go.jp/r"


def test_admin_refuses_an_ftp_registration_link(chapter_editor, site_tree):
    data = event_post(registration_url="ftp://ftp.example.org/form")
    response = chapter_editor.post(add_url("eventpage", site_tree.india), data)
    refused(response)


def test_admin_refuses_a_social_link_outside_the_policy(client, users, site_tree):
    client.force_login(users["secretariat"])
    data = chapter_post(
        social_links=inline_formset([{"platform": "website", "url": "ftp://example.org/"}])
    )
    response = client.post(add_url("chapterpage", site_tree.chapters), data)
    assert response.status_code == 200
    assert not Page.objects.filter(slug="japan").exists()


def test_network_settings_refuse_an_address_outside_the_policy(client, users, site_tree):
    client.force_login(users["secretariat"])
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["site_pages", "networksettings", site.pk])
    data = {
        "facebook_url": "",
        "instagram_url": "",
        "youtube_url": "",
        "newsletter_url": "ftp://lists.example.org/sakura",
        "contact": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "“ftp://lists.example.org/sakura” is not allowed" in response.content.decode()
    assert m.NetworkSettings.for_site(site).newsletter_url == ""
    response = client.post(url, {**data, "newsletter_url": "https://lists.example.org/"})
    assert response.status_code == 302
    assert m.NetworkSettings.for_site(site).newsletter_url == "https://lists.example.org/"


# --- save time: the model, for every path that skips the forms ---------------------------------


def event_with(site_tree, **fields):
    return f.EventPageFactory(parent=site_tree.india, **fields)


@pytest.mark.parametrize(
    "block",
    [
        ("call_to_action", {"text": "Go", "url": BAD}),
        ("paragraph", {"value": f'<p><a href="{BAD}">Go</a></p>'}),
        ("paragraph", {"value": '<p><a href="java&#x09;script:alert(1)">Go</a></p>'}),
    ],
    ids=["call-to-action", "rich-text", "rich-text-entity"],
)
def test_saving_a_page_or_a_revision_refuses_an_address_in_the_body(site_tree, block):
    page = event_with(site_tree)
    page.body = stream(block)
    with pytest.raises(ValidationError) as excinfo:
        page.save()
    assert "body" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        page.save_revision()


def test_saving_a_page_refuses_a_bad_address_in_an_inline_child(site_tree):
    india = m.ChapterPage.objects.get(pk=site_tree.india.pk)
    india.social_links.add(m.ChapterSocialLink(platform="website", url=BAD))
    with pytest.raises(ValidationError) as excinfo:
        india.save_revision()
    assert BAD in " ".join(excinfo.value.messages)


def test_saving_settings_runs_the_policy_in_full_clean(site_tree):
    settings = m.NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    settings.newsletter_url = "ftp://lists.example.org/"
    with pytest.raises(ValidationError) as excinfo:
        settings.full_clean()
    assert "newsletter_url" in excinfo.value.message_dict


# --- output: bad addresses written straight into the database -----------------------------------


@pytest.fixture
def poisoned(site_tree):
    """Published pages and settings whose stored addresses bypassed validation, as an import
    or a database edit might leave them."""
    event = publish(
        event_with(
            site_tree,
            title="Reunion <b>2030</b>",
            slug="reunion-2030",
            start_date=datetime.date.today() + datetime.timedelta(days=30),
            format="online",
            intro='Come <img src=x onerror="alert(1)"> along',
        )
    )
    body = stream(
        (
            "paragraph",
            {"value": f'<p>Read <a href="{BAD}">this</a> and <a href="/en/">that</a>.</p>'},
        ),
        ("call_to_action", {"text": "Bad", "url": BAD}),
        ("call_to_action", {"text": "Good", "url": "https://jst.go.jp/good"}),
    )
    # update() stores the values as they are: save() would refuse them.
    m.EventPage.objects.filter(pk=event.pk).update(
        registration_url="data:text/html,<script>alert(1)</script>",
        body=StreamValue(m.EventPage.body.field.stream_block, body),
    )
    india = site_tree.india
    m.ChapterSocialLink.objects.create(chapter=india, platform="website", url=BAD)
    m.ChapterSocialLink.objects.create(
        chapter=india, platform="facebook", url="https://www.facebook.com/groups/isca"
    )
    m.NetworkSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"facebook_url": BAD, "newsletter_url": "https://lists.example.org/"},
    )
    return m.EventPage.objects.get(pk=event.pk)


def test_the_site_drops_addresses_outside_the_policy(client, poisoned, site_tree):
    event_html = client.get(poisoned.url).content.decode()
    chapter_html = client.get(m.ChapterPage.objects.get(pk=site_tree.india.pk).url)
    chapter_html = chapter_html.content.decode()
    for html in (event_html, chapter_html):
        assert "javascript:" not in html.lower()
        assert "data:text/html" not in html
    assert '<a href="/en/">that</a>' in event_html
    assert "<a>this</a>" in event_html
    assert 'href="https://jst.go.jp/good"' in event_html
    assert "Bad</a>" not in event_html
    assert ">Register<" not in event_html  # the registration link had a data: address
    assert 'href="https://www.facebook.com/groups/isca"' in chapter_html
    assert 'href="https://lists.example.org/"' in chapter_html  # footer, from the settings
    assert ">Facebook</a>" not in chapter_html.split("site-footer")[1]


def test_the_api_drops_addresses_outside_the_policy(client, poisoned, site_tree):
    query = """
    query ($path: String!) {
      event: page(path: $path, locale: EN) {
        ... on EventPage {
          registrationUrl
          body {
            __typename
            ... on ParagraphBlock { html }
            ... on CallToActionBlock { text url }
          }
        }
      }
      chapter(slug: "india", locale: EN) { socialLinks { platform url } }
      settings { facebookUrl newsletterUrl }
    }
    """
    path = poisoned.url.removeprefix("/en/").strip("/")
    response = post_query(client, query, {"path": path})
    body = response.json()
    assert "errors" not in body, body
    data = body["data"]
    assert "javascript" not in json.dumps(data).lower()
    assert data["event"]["registrationUrl"] == ""
    paragraph, bad, good = data["event"]["body"]
    assert paragraph["html"] == '<p>Read <a>this</a> and <a href="/en/">that</a>.</p>'
    assert bad == {"__typename": "CallToActionBlock", "text": "Bad", "url": None}
    assert good["url"] == "https://jst.go.jp/good"
    assert data["chapter"]["socialLinks"] == [
        {"platform": "FACEBOOK", "url": "https://www.facebook.com/groups/isca"}
    ]
    assert data["settings"] == {"facebookUrl": "", "newsletterUrl": "https://lists.example.org/"}


def test_feeds_carry_descriptions_as_escaped_text(client, poisoned):
    response = client.get("/en/feeds/events/")
    xml = response.content.decode()
    # Escaped twice: once for HTML (feed readers render descriptions as HTML), once for XML.
    assert "Come &amp;lt;img src=x onerror=&amp;quot;alert(1)&amp;quot;&amp;gt; along" in xml
    assert "<img" not in xml and "&lt;img" not in xml
    assert "javascript" not in xml.lower()
