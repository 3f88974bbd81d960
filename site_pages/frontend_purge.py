"""A CDN in front of the site and the API: answers name their cache tags in a header, and the
CDN is told to drop them on the same changes that drop the server's own kept answers.

Public answers (site pages, feeds, GraphQL GET answers) carry their tags (site_pages/
cache_tags.py) in ``SAKURA_CACHE_TAGS["HEADER"]``: ``Surrogate-Key`` (space-separated, Fastly
and Varnish's xkey) by default, ``Cache-Tag`` (comma-separated) for Cloudflare. A header past
``MAX_HEADER_LENGTH`` names whole kinds instead of single pages, images and snippets (each
change also moves its kind's listing tag, so that is still correct, only coarser). Every answer
also carries ``ALL``, which a change that drops every kept answer purges.

The CDN is ``wagtail.contrib.frontend_cache``'s, configured by environment (cms/settings/
base.py: ``FRONTEND_CACHE_BACKEND`` http, cloudflare or cloudfront). On a change the tags are
purged (an HTTP ``PURGE`` with the tags in ``PURGE_HEADER`` for the http backend, Cloudflare's
purge by tag; CloudFront has no tags, so its invalidation drops the API's answers as a whole),
and a page's own addresses through Wagtail's URL purge. Both run on the task runner once the
change is committed, so an editor's save never waits for a CDN. Wagtail's app itself is not
installed: its signal handlers would purge published pages' addresses a second time.
"""

import json
import logging
from urllib.error import URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from django_tasks import task

logger = logging.getLogger(__name__)

ALL = "all"
# Tags of one page, image or snippet, and the listing tag that every change of that kind moves.
COLLAPSIBLE = (
    ("page:", "list:wagtailcore.page"),
    ("page-id:", "list:wagtailcore.page"),
    ("path:", "list:wagtailcore.page"),
    ("children:", "list:wagtailcore.page"),
    ("image:", "list:wagtailimages.image"),
)
CLOUDFLARE_TAGS_PER_CALL = 30


def options():
    return settings.SAKURA_CACHE_TAGS


def backends():
    return getattr(settings, "WAGTAILFRONTENDCACHE", None) or {}


# --- the header ---------------------------------------------------------------------------------


def separator(name):
    return "," if name.lower() == "cache-tag" else " "


def collapsed(tags):
    """Single pages and images named by their kinds, snippets and settings by their
    listings."""
    wide = set()
    for tag in tags:
        if tag == ALL:
            # Not a model's tag: collapsed, it would become "list:all", which no purge names.
            wide.add(tag)
            continue
        for prefix, kind in COLLAPSIBLE:
            if tag.startswith(prefix):
                wide.add(kind)
                break
        else:
            model, _, _key = tag.partition(":")
            wide.add(tag if model == "list" else f"list:{model}")
    return wide


def header_value(tags):
    name = options()["HEADER"]
    tags = {*tags, ALL}
    value = separator(name).join(sorted(tags))
    if len(value) > options()["MAX_HEADER_LENGTH"]:
        value = separator(name).join(sorted(collapsed(tags)))
    return value


def add_tag_header(response, tags):
    name = options()["HEADER"]
    if name:
        response[name] = header_value(tags)
    return response


def add_kept_tag_header(response, value):
    """The header of a kept answer, whose value ``header_value`` gave when it was kept."""
    name = options()["HEADER"]
    if name:
        response[name] = value
    return response


# --- purging ------------------------------------------------------------------------------------


def backend_kind(params):
    return params["BACKEND"].rsplit(".", 1)[-1]


def http_purge_tags(params, tags):
    """A PURGE of the cache's root with the tags in a header (Varnish's xkey, or any proxy
    configured to read it)."""
    request = Request(
        params["LOCATION"].rstrip("/") + "/",
        method="PURGE",
        headers={options()["PURGE_HEADER"]: " ".join(sorted(tags))},
    )
    try:
        with urlopen(request, timeout=30):
            pass
    except (URLError, OSError) as error:
        logger.error("Could not purge cache tags from %s: %s", params["LOCATION"], error)


def cloudflare_purge_tags(params, tags):
    url = f"{options()['CLOUDFLARE_API_URL']}/zones/{params['ZONEID']}/purge_cache"
    tags = sorted(tags)
    for start in range(0, len(tags), CLOUDFLARE_TAGS_PER_CALL):
        request = Request(
            url,
            data=json.dumps({"tags": tags[start : start + CLOUDFLARE_TAGS_PER_CALL]}).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {params['BEARER_TOKEN']}",
            },
        )
        try:
            with urlopen(request, timeout=30):
                pass
        except (URLError, OSError) as error:
            logger.error("Could not purge cache tags from Cloudflare: %s", error)


def api_addresses():
    from wagtail.models import Site

    return [f"{site.root_url}/graphql/*" for site in Site.objects.all()]


@task()
def purge_tags(tags):
    """Tell every configured CDN to drop the answers carrying any of ``tags``."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    for name, params in backends().items():
        kind = backend_kind(params)
        if kind == "HTTPBackend":
            http_purge_tags(params, tags)
        elif kind == "CloudflareBackend":
            cloudflare_purge_tags(params, tags)
        elif kind == "CloudfrontBackend":
            purge_urls_from_cache(api_addresses(), backends=[name])


class PendingPurge:
    """What the changes of a transaction ask to purge. Publishing a page saves its row and
    every orderable: each queues a send for the commit, and the first one sends them all in one
    task, the others find nothing left."""

    def __init__(self):
        self.tags, self.urls = set(), set()

    def send(self):
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        purge_tags.enqueue(sorted(self.tags))
        if self.urls:
            purge_urls_from_cache(sorted(self.urls))


def send_pending():
    connection = transaction.get_connection()
    found = getattr(connection, "sakura_pending_purge", None)
    connection.sakura_pending_purge = None
    if found is not None:
        found.send()


def purge(tags, pages=()):
    """Once the change is committed: purge ``tags`` (ALL when None) and the addresses of
    ``pages`` from the configured CDNs."""
    if not backends():
        return
    connection = transaction.get_connection()
    found = getattr(connection, "sakura_pending_purge", None)
    queued = any(callback is send_pending for _ids, callback, _robust in connection.run_on_commit)
    if found is None or not queued:
        # None yet, or left by a transaction that was rolled back.
        found = connection.sakura_pending_purge = PendingPurge()
    found.tags.update(tags if tags is not None else [ALL])
    found.urls.update(page_urls(pages))
    transaction.on_commit(send_pending)


def page_urls(pages):
    # A page outside every site has no address (None).
    return [url for url in (page.get_full_url() for page in pages) if url]
