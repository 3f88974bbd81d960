"""A shared cache of anonymous GraphQL answers (the ``responses`` cache: Redis when ``REDIS_URL``
is set, so every app server shares it; local memory otherwise).

An answer is kept under its site, its normalised document, operation name and variables, and
the content generation (site_pages/content_changes.py), together with the cache tags of what it
used (site_pages/cache_tags.py: its pages, the listings it read, snippets, images, settings) and
the versions those tags had. A change moves the versions of its own tags, so only the answers
that used what changed are computed again; the next lookup on any app server sharing the cache
sees the new versions. Changes that cannot be tagged precisely (a move, a slug change, view
restrictions, sites and locales, documents: content_changes.py lists them) move the
generation, which drops every answer at once.

Pages that go live or expire on a schedule change what readers see without any save: an answer
is kept no longer than the next such moment. If the cache is down, answers are served uncached
and a warning is logged.
"""

import hashlib
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse, print_ast

from graphql_api import persisted_queries
from site_pages import cache_tags
from site_pages.cache_tags import generation_and_marker, seconds_to_next_schedule

logger = logging.getLogger(__name__)


def response_cache():
    return caches[settings.SAKURA_RESPONSE_CACHE["CACHE"]]


def enabled():
    return settings.SAKURA_RESPONSE_CACHE["TIMEOUT"] > 0


def request_parameters(request):
    """``(query, variables, operation name)`` of a GET or JSON POST request, or None. A request
    that sends only a persisted query's hash gets the registered document (None when unknown:
    the view answers that)."""
    if request.method == "GET":
        data = request.GET
        try:
            variables = json.loads(data["variables"]) if data.get("variables") else None
            extensions = json.loads(data["extensions"]) if data.get("extensions") else None
        except ValueError:
            return None
        query, operation_name = data.get("query"), data.get("operationName")
    elif request.method == "POST" and request.content_type == "application/json":
        try:
            body = json.loads(request.body)
        except ValueError:
            return None
        if not isinstance(body, dict):
            return None
        query, variables = body.get("query"), body.get("variables")
        operation_name, extensions = body.get("operationName"), body.get("extensions")
    else:
        return None
    try:
        # The view registers a new document; looking up its answer only reads.
        query = persisted_queries.resolve(query, extensions, register=False)
    except persisted_queries.PersistedQueryError:
        return None
    return query, variables, operation_name


def is_anonymous(request):
    user = getattr(request, "user", None)
    return (user is None or not user.is_authenticated) and settings.SESSION_COOKIE_NAME not in (
        request.COOKIES
    )


def normalised_query(query, operation_name):
    """The document as graphql-core prints it (spacing and comments do not split the cache),
    or None when it is not a read: a mutation, or a document the view will refuse anyway."""
    if not isinstance(query, str) or not query:
        return None
    try:
        document = parse(query, max_tokens=settings.SAKURA_GRAPHQL["MAX_TOKENS"])
    except GraphQLError:
        return None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [
        op
        for op in operations
        if operation_name is None or (op.name is not None and op.name.value == operation_name)
    ]
    if len(chosen) != 1 or chosen[0].operation != OperationType.QUERY:
        return None
    return print_ast(document)


@dataclass
class Lookup:
    """A cacheable request: its key, the changes marker read before computing its answer, and
    the kept answer when there is a current one."""

    key: str
    marker: str
    entry: dict | None = None

    @property
    def content(self):
        return self.entry["content"] if self.entry is not None else None


def cacheable(request):
    """``(document, operation name, variables)`` of a request whose answer may be shared, or
    None."""
    if not enabled() or not is_anonymous(request):
        return None
    parameters = request_parameters(request)
    if parameters is None:
        return None
    query, variables, operation_name = parameters
    document = normalised_query(query, operation_name)
    if document is None:
        return None
    return document, operation_name, variables


def cache_key(site_id, generation, document, operation_name, variables):
    identity = json.dumps(
        [site_id, generation, document, operation_name, variables],
        sort_keys=True,
        separators=(",", ":"),
    )
    return "graphql-response:" + hashlib.sha256(identity.encode()).hexdigest()


def lookup(request, site):
    """A ``Lookup`` for a cacheable request (``entry`` set when a current answer is kept), or
    None when it is not cacheable or the cache is down."""
    try:
        request_parts = cacheable(request)
        if request_parts is None:
            return None
        generation, marker = generation_and_marker()
        key = cache_key(site().pk, generation, *request_parts)
        return Lookup(key=key, marker=marker, entry=cache_tags.kept(key))
    except Exception:
        logger.warning("Response cache unreachable: answering uncached", exc_info=True)
        return None


def store(found, content, tags):
    """Keep an answer computed for ``found`` with the tags of what it used."""
    timeout = settings.SAKURA_RESPONSE_CACHE["TIMEOUT"]
    scheduled = seconds_to_next_schedule()
    if scheduled is not None:
        timeout = min(timeout, scheduled)
    try:
        cache_tags.keep(found.key, content, tags, found.marker, timeout)
    except Exception:
        logger.warning("Response cache unreachable: answer not kept", exc_info=True)
