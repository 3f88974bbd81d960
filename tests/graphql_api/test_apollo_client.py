"""A real Apollo Client against the live API: its normalised cache (InMemoryCache, with the
possibleTypes GraphQL Code Generator makes from graphql_api/schema.graphql) never mixes
languages, fallbacks or drafts, because every object's id names what it holds
(graphql_api/core/ids.py, docs/graphql.md "Ids and client caches").

The node project is tests/apollo/ (`make install` runs `npm ci` there). On CI a missing node or
node_modules fails the test instead of skipping it.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.cache import caches

from site_pages import models as m
from site_pages.preview import make_preview_token
from tests import factories as f
from tests.conftest import fresh, publish
from tests.graphql_api.test_locales import translate
from tests.system_tools import require_system_tool

# A live server commits, so the test is transactional; serialized rollback gives it the freshly
# migrated database (root page, locales) whatever ran before, and its flush leaves nothing that
# clashes with the next serialized test's (as for the browser tests).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PROJECT = Path(__file__).resolve().parents[1] / "apollo"
TIMEOUT = 120


def require_node_project():
    node = shutil.which("node")
    require_system_tool(node, "node is missing: install Node.js and npm (make system-deps).")
    installed = (PROJECT / "node_modules" / "@apollo" / "client").is_dir()
    require_system_tool(installed, f"{PROJECT}/node_modules is missing: run make install.")
    return node


def run(command, **kwargs):
    done = subprocess.run(
        command, cwd=PROJECT, capture_output=True, text=True, timeout=TIMEOUT, **kwargs
    )
    assert done.returncode == 0, f"{command[0]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture
def content(site_tree):
    """India in English and Japanese (the same block uuids, Japanese text), Indonesia in English
    only (a fallback for Japanese readers), and a saved draft of English India with a token."""
    # Stored JSON, not the block factories: the Apollo cache merges blocks by these fixed ids.
    body = [
        {"type": "heading", "value": {"text": "About", "level": "h2"}, "id": "about"},
        {"type": "paragraph", "value": "<p>Alumni of India.</p>", "id": "text"},
    ]
    india = fresh(site_tree.india)
    india.body = body
    india.coordinators = [
        m.ChapterCoordinator(person=f.PersonFactory(name="Asha"), role="chair", term_start=2021)
    ]
    india.social_links = [m.ChapterSocialLink(platform="facebook", url="https://facebook.com/i")]
    india = publish(india)
    japanese_body = [
        {"type": "heading", "value": {"text": "概要", "level": "h2"}, "id": "about"},
        {"type": "paragraph", "value": "<p>インドの同窓生。</p>", "id": "text"},
    ]
    india_ja = translate(india, "ja", "インド", body=japanese_body)
    indonesia = publish(fresh(site_tree.indonesia))
    draft = fresh(india)
    draft.title = "India (draft)"
    draft.body = [{"type": "paragraph", "value": "<p>Draft text.</p>", "id": "text"}]
    draft.save_revision()
    token = make_preview_token(fresh(india))
    # The server's answer cache must not answer with pages of another test's database.
    for cache in caches.all():
        cache.clear()
    return india, india_ja, indonesia, token


def test_apollo_cache_keeps_languages_fallbacks_and_drafts_apart(live_server, content):
    node = require_node_project()
    india, india_ja, indonesia, token = content
    run([str(PROJECT / "node_modules" / ".bin" / "graphql-codegen"), "--config", "codegen.yml"])
    requests = [
        {"path": "chapters/india", "locale": "EN"},
        {"path": "chapters/india", "locale": "JA"},
        {"path": "chapters/indonesia", "locale": "EN"},
        {"path": "chapters/indonesia", "locale": "JA"},
        {"previewToken": token},
    ]
    requests_file = PROJECT / "generated" / "requests.json"
    requests_file.write_text(json.dumps(requests))
    output = run(
        [
            node,
            "cache-check.mjs",
            f"{live_server.url}/graphql/",
            str(requests_file),
            str(PROJECT / "generated" / "possible-types.json"),
        ]
    )
    result = json.loads(output)
    answers, cached = result["answers"], result["cached"]
    en, ja, indonesia_en, indonesia_ja, preview = (answer["page"] for answer in answers)

    # The server answered what each request asked for ...
    assert (en["title"], ja["title"], preview["title"]) == ("India", "インド", "India (draft)")
    assert (indonesia_en["isFallback"], indonesia_ja["isFallback"]) == (False, True)
    # ... and after all of them, the cache still answers each query exactly as the server did:
    # the Japanese version, the fallback copy and the draft overwrote nothing.
    assert cached == answers
    assert cached[0]["page"]["title"] == "India"
    assert [b.get("html") or b.get("text") for b in cached[0]["page"]["body"]] == [
        "About",
        "<p>Alumni of India.</p>",
    ]
    assert cached[2]["page"]["isFallback"] is False

    # One cache entry per object as served, keyed by __typename and id.
    entries = result["entries"]
    assert f"ChapterPage:{india.pk}" in entries
    assert f"ChapterPage:{india_ja.pk}" in entries
    assert f"ChapterPage:{indonesia.pk}" in entries
    assert f"ChapterPage:{indonesia.pk}@ja" in entries
    assert f"ChapterPage:{india.pk}~draft{fresh(india).latest_revision_id}" in entries
    assert f"ParagraphBlock:{india.pk}/text" in entries
    assert f"ParagraphBlock:{india_ja.pk}/text" in entries
