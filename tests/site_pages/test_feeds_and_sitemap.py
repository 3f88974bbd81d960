"""sitemap.xml and the RSS and Atom feeds: well-formed XML, the expected entries in every
language, never a draft, private, expired or unpublished page."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from site_pages.visibility import visible_pages
from tests import factories as f
from tests.conftest import publish
from tests.factories import translate

HOST = "http://testserver"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "atom": "http://www.w3.org/2005/Atom",
}


def xml(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith(content_type)
    return ET.fromstring(response.content)


def sitemap(client, dated=False):
    """{location: {hreflang: href}} of /sitemap.xml; with ``dated``, every entry must have a
    last-modified date (pages published through revisions have one)."""
    root = xml(client, "/sitemap.xml", "application/xml")
    assert root.tag == f"{{{NS['sm']}}}urlset"
    entries = {}
    for url in root.findall("sm:url", NS):
        location = url.findtext("sm:loc", namespaces=NS)
        assert location not in entries, f"{location} listed twice"
        if dated:
            lastmod = url.findtext("sm:lastmod", namespaces=NS)
            assert datetime.date.fromisoformat(lastmod), location
        entries[location] = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
    return entries


@pytest.fixture
def content(site_tree):
    """Published events and columns, a Japanese translation, and one hidden page of each kind
    readers must never be sent to."""
    soon = timezone.localdate() + datetime.timedelta(days=30)
    reunion = publish(
        f.EventPageFactory(
            parent=site_tree.india, title="2nd India reunion", start_date=soon, city="Delhi"
        )
    )
    talk = publish(f.EventPageFactory(parent=site_tree.events, title="AlumniTalk"))
    column = publish(f.MentorColumnPageFactory(parent=site_tree.mentors, title="On labs"))
    column.topics.add("careers")
    publish(column)
    translate(site_tree.india, "ja", "インド")
    reunion_ja = translate(reunion, "ja", "第2回インド同窓会")

    draft = f.EventPageFactory(parent=site_tree.india, title="Draft event", live=False)
    draft.save_revision()
    private = publish(f.EventPageFactory(parent=site_tree.events, title="Members-only talk"))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    expired = publish(f.MentorColumnPageFactory(parent=site_tree.mentors, title="Old news"))
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(1))
    gone = publish(f.MentorColumnPageFactory(parent=site_tree.mentors, title="Withdrawn"))
    gone.unpublish()
    return {
        "reunion": reunion,
        "reunion_ja": reunion_ja,
        "talk": talk,
        "column": column,
        "hidden": [draft, private, expired, gone],
    }


# --- sitemap ------------------------------------------------------------------------------------


def test_sitemap_lists_every_visible_page_of_every_language(client, site_tree, content):
    entries = sitemap(client)
    visible = visible_pages(Page.objects.filter(depth__gt=1))
    assert set(entries) == {HOST + page.url for page in visible}
    assert HOST + "/ja/chapters/india/" in entries
    assert HOST + content["reunion"].url in entries
    for page in content["hidden"]:
        assert HOST + (page.url or f"/en/{page.slug}/") not in entries
        assert not any(page.slug in location for location in entries)


def test_sitemap_entries_name_their_translations(client, site_tree, content):
    entries = sitemap(client)
    both = {
        "en": HOST + "/en/chapters/india/",
        "ja": HOST + "/ja/chapters/india/",
        "x-default": HOST + "/en/chapters/india/",
    }
    assert entries[HOST + "/en/chapters/india/"] == both
    assert entries[HOST + "/ja/chapters/india/"] == both
    assert entries[HOST + content["talk"].url] == {}  # no translation, no alternates


# --- feeds --------------------------------------------------------------------------------------


def rss_items(client, url):
    root = xml(client, url, "application/rss+xml")
    channel = root.find("channel")
    return channel, {item.findtext("title"): item for item in channel.findall("item")}


def test_events_feed_is_rss_with_the_visible_events(client, site_tree, content):
    channel, items = rss_items(client, "/en/feeds/events/")
    assert channel.findtext("title") == "Sakura Science Club events"
    assert channel.findtext("language") == "en"
    assert channel.findtext("link") == HOST + site_tree.events.url
    assert set(items) == {"2nd India reunion", "AlumniTalk"}
    reunion = items["2nd India reunion"]
    assert reunion.findtext("link") == HOST + content["reunion"].url
    assert "Delhi" in reunion.findtext("description")
    assert reunion.findtext("pubDate")


def test_events_feed_in_another_language_falls_back_per_event(client, site_tree, content):
    channel, items = rss_items(client, "/ja/feeds/events/")
    assert channel.findtext("language") == "ja"
    # The reunion in Japanese; the talk, not translated, in English.
    assert set(items) == {"第2回インド同窓会", "AlumniTalk"}
    assert items["第2回インド同窓会"].findtext("link") == HOST + content["reunion_ja"].url


def test_columns_feed_is_atom_with_authors_and_topics(client, site_tree, content):
    root = xml(client, "/en/feeds/columns/", "application/atom+xml")
    assert root.tag == f"{{{NS['atom']}}}feed"
    entries = {
        entry.findtext("atom:title", namespaces=NS): entry
        for entry in root.findall("atom:entry", NS)
    }
    assert set(entries) == {"On labs"}
    entry = entries["On labs"]
    column = content["column"]
    assert entry.find("atom:link", NS).get("href") == HOST + column.url
    assert entry.findtext("atom:author/atom:name", namespaces=NS) == column.mentor.name
    assert [c.get("term") for c in entry.findall("atom:category", NS)] == ["careers"]


# --- on the demo site ---------------------------------------------------------------------------


def test_demo_sitemap_and_feeds_are_valid_and_complete(db, client, demo):
    visible = visible_pages(Page.objects.filter(depth__gt=1))
    assert set(sitemap(client, dated=True)) == {HOST + page.url for page in visible}
    for code in Locale.objects.values_list("language_code", flat=True):
        _channel, items = rss_items(client, f"/{code}/feeds/events/")
        assert items, code
        root = xml(client, f"/{code}/feeds/columns/", "application/atom+xml")
        assert root.findall("atom:entry", NS), code
