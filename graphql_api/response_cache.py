"""A shared cache of anonymous GraphQL answers (the ``responses`` cache: Redis when ``REDIS_URL``
is set, so every app server shares it; local memory otherwise).

An answer is kept under its site, its normalised document, operation name and variables, and
the content generation (site_pages/content_changes.py): a counter in the same cache that every
change readers could see (publish, unpublish, move, delete, a snippet, setting, image, document
or privacy change) increments, so that every app server stops using older answers at once.
Pages that go live or expire on a schedule change what readers see without any save: an answer
is kept no longer than the next such moment. If the cache is down, answers are served uncached
and a warning is logged.

The generation is one counter for all content, not a tag per page: any change makes every
answer fresh again. That is correct and cheap to keep, at the cost of hit rate right after
edits.
"""

import hashlib
import json
import logging

from django.conf import settings
from django.core.cache import caches
from django.db.models import Min, Q
from django.utils import timezone
from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse, print_ast

from graphql_api import persisted_queries
from site_pages.content_changes import generation

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


def cache_key(request, site):
    """The key of the answer ``request`` asks for, or None when it must not be shared.
    ``site`` is called for the request's site only once the request is found cacheable."""
    if not enabled() or not is_anonymous(request):
        return None
    parameters = request_parameters(request)
    if parameters is None:
        return None
    query, variables, operation_name = parameters
    document = normalised_query(query, operation_name)
    if document is None:
        return None
    identity = json.dumps(
        [site().pk, generation(), document, operation_name, variables],
        sort_keys=True,
        separators=(",", ":"),
    )
    return "graphql-response:" + hashlib.sha256(identity.encode()).hexdigest()


def lookup(request, site):
    """``(key, kept answer bytes or None)``; ``(None, None)`` when not cacheable or the cache
    is down."""
    try:
        key = cache_key(request, site)
        if key is None:
            return None, None
        return key, response_cache().get(key)
    except Exception:
        logger.warning("Response cache unreachable: answering uncached", exc_info=True)
        return None, None


def seconds_to_next_schedule(now=None):
    """Seconds until a page is due to go live or expire (None when none is scheduled)."""
    from wagtail.models import Page

    now = now or timezone.now()
    due = Page.objects.filter(Q(go_live_at__gt=now) | Q(expire_at__gt=now)).aggregate(
        go_live=Min("go_live_at", filter=Q(go_live_at__gt=now)),
        expire=Min("expire_at", filter=Q(expire_at__gt=now)),
    )
    moments = [moment for moment in due.values() if moment is not None]
    if not moments:
        return None
    return max(1, int((min(moments) - now).total_seconds()))


def store(key, content):
    timeout = settings.SAKURA_RESPONSE_CACHE["TIMEOUT"]
    scheduled = seconds_to_next_schedule()
    if scheduled is not None:
        timeout = min(timeout, scheduled)
    try:
        response_cache().set(key, content, timeout=timeout)
    except Exception:
        logger.warning("Response cache unreachable: answer not kept", exc_info=True)
