"""A shared cache of anonymous GraphQL answers (the ``responses`` cache: Redis when ``REDIS_URL``
is set, so every app server shares it; local memory otherwise).

An answer is kept under the request's host and port (which decide its site), its normalised
document, operation name and variables, together with the content generation
(site_pages/content_changes.py) and the versions of the cache tags of what it used
(site_pages/cache_tags.py: its pages, the listings it read, snippets, images, settings). A change
moves the versions of its own tags, so only the answers that used what changed are computed
again; the next lookup on any app server sharing the cache sees the new versions. Changes that
cannot be tagged precisely (view restrictions, sites and locales, documents: content_changes.py
lists them) move the generation, which drops every answer at once.

A hit reads no SQL and parses nothing: the host stands for the site (a change of sites moves the
generation), a document seen lately is normalised from memory, and the cache is asked twice
(site_pages/kept_answers.py). The answer's bytes and its CDN tag header are kept ready to send.

Pages that go live or expire on a schedule change what readers see without any save: an answer
is kept no longer than the next such moment. If the cache is down, answers are served uncached
and a warning is logged.
"""

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NotRequired, TypedDict

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest
from django.utils.http import quote_etag
from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse, print_ast

from graphql_api import persisted_queries
from site_pages import kept_answers
from site_pages.cache_tags import seconds_to_next_schedule
from site_pages.frontend_purge import header_value

logger = logging.getLogger(__name__)

# Normalised documents kept in each process, so that a hit does not parse and print its document
# again (a few milliseconds for a list screen's query). Bounded in number and size: clients send
# a handful of documents over and over, and a stream of distinct ones must not grow a worker.
NORMALISED_DOCUMENTS = 512
NORMALISED_MAX_LENGTH = 20_000


def response_cache() -> BaseCache:
    return caches[settings.SAKURA_RESPONSE_CACHE["CACHE"]]


def enabled() -> bool:
    return settings.SAKURA_RESPONSE_CACHE["TIMEOUT"] > 0


def request_parameters(request: HttpRequest) -> tuple[object, object, object] | None:
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


def is_anonymous(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return (user is None or not user.is_authenticated) and settings.SESSION_COOKIE_NAME not in (
        request.COOKIES
    )


def normalised_query(query: object, operation_name: object) -> str | None:
    """The document as graphql-core prints it (spacing and comments do not split the cache),
    or None when it is not a read: a mutation, or a document the view will refuse anyway."""
    if not isinstance(query, str) or not query:
        return None
    if len(query) > NORMALISED_MAX_LENGTH:
        return printed_read(query, operation_name)
    return remembered_read(query, operation_name)


def printed_read(query: str, operation_name: object) -> str | None:
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


remembered_read = lru_cache(maxsize=NORMALISED_DOCUMENTS)(printed_read)


class KeptAnswer(TypedDict):
    """An answer as ``store`` keeps it (site_pages/kept_answers.py's entry, with its tag header)."""

    content: bytes
    generation: object
    versions: dict[str, str]
    stamp: str
    tag_header: str
    # Entries kept before ETags were kept have none.
    etag: NotRequired[str]


@dataclass
class Lookup:
    """A cacheable request: its key, the changes marker read before computing its answer, and
    the kept answer when there is a current one."""

    key: str
    reading: kept_answers.Reading
    entry: KeptAnswer | None = None


def cacheable(request: HttpRequest) -> tuple[str, object, object] | None:
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


def cache_key(host: list[str], document: str, operation_name: object, variables: object) -> str:
    identity = json.dumps(
        [host, document, operation_name, variables],
        sort_keys=True,
        separators=(",", ":"),
    )
    return "graphql-response:" + hashlib.sha256(identity.encode()).hexdigest()


def host(request: HttpRequest) -> list[str]:
    """What Wagtail finds the request's site by (Site.find_for_request): host name and port."""
    return [request.get_host(), request.get_port()]


def lookup(request: HttpRequest) -> Lookup | None:
    """A ``Lookup`` for a cacheable request (``entry`` set when a current answer is kept), or
    None when it is not cacheable or the cache is down."""
    try:
        request_parts = cacheable(request)
        if request_parts is None:
            return None
        key = cache_key(host(request), *request_parts)
        entry, reading = kept_answers.find(key)
        return Lookup(key=key, reading=reading, entry=entry)
    except Exception:
        logger.warning("Response cache unreachable: answering uncached", exc_info=True)
        return None


def strong_etag(content: bytes) -> str:
    """The ETag Django's ConditionalGetMiddleware gives these bytes, kept with them so that a
    hit does not hash a large answer again."""
    return quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest())


def store(found: Lookup, content: bytes, tags: Iterable[str]) -> None:
    """Keep an answer computed for ``found`` with the tags of what it used."""
    timeout = settings.SAKURA_RESPONSE_CACHE["TIMEOUT"]
    scheduled = seconds_to_next_schedule()
    if scheduled is not None:
        timeout = min(timeout, scheduled)
    try:
        kept_answers.keep(
            found.key,
            content,
            tags,
            found.reading,
            timeout,
            tag_header=header_value(tags),
            etag=strong_etag(content),
        )
    except Exception:
        logger.warning("Response cache unreachable: answer not kept", exc_info=True)
