"""Automatic persisted queries, as Apollo Client's persisted-queries link speaks them.

A client sends only the SHA-256 of its document in ``extensions.persistedQuery``; the server
answers ``PERSISTED_QUERY_NOT_FOUND`` the first time, the client sends the document with its
hash once, and from then on every server sharing the cache (Redis in production) knows it. A
GET with only the hash fits in a URL and in a CDN's cache key.
"""

import hashlib
import re
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

from graphql_api import registered_documents

SHA256 = re.compile(r"[0-9a-f]{64}")
KEY_PREFIX = "persisted-query:"
# Seconds a registered document is kept after its last registration. Anyone may register, so
# this is short: a client whose hash was forgotten simply sends the document once more.
TIMEOUT = 60 * 60 * 24


class PersistedQueryError(Exception):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def requested_hash(extensions: object) -> str | None:
    """The document hash a request names, or None when it uses no persisted query."""
    if not isinstance(extensions, dict) or "persistedQuery" not in extensions:
        return None
    persisted = extensions["persistedQuery"]
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise PersistedQueryError(
            "Only version 1 of persisted queries is supported.", "PERSISTED_QUERY_NOT_SUPPORTED"
        )
    digest = persisted.get("sha256Hash")
    if not isinstance(digest, str) or not SHA256.fullmatch(digest):
        raise PersistedQueryError(
            "`sha256Hash` must be the 64 lowercase hexadecimal digits of the document's SHA-256.",
            "PERSISTED_QUERY_INVALID",
        )
    return digest


def known_query(digest: str) -> str | None:
    return cache.get(KEY_PREFIX + digest)


def matches(query: object, digest: str) -> bool:
    return isinstance(query, str) and hashlib.sha256(query.encode()).hexdigest() == digest


def persisted_only() -> bool:
    return settings.SAKURA_GRAPHQL["PERSISTED_ONLY"]


NOT_REGISTERED = (
    "This server runs only registered documents (persisted-only mode), and this one is not "
    "registered. Send the SHA-256 of a registered document in "
    "`extensions.persistedQuery.sha256Hash`, or ask the API's operators to register yours "
    "with `manage.py register_persisted_queries`."
)


def resolve_registered(query: object, digest: str | None) -> str:
    """Persisted-only mode: the registered document a request names by hash or sends in full."""
    if query is None:
        document = registered_documents.registered_document(digest) if digest else None
        if document is None:
            raise PersistedQueryError(NOT_REGISTERED, "PERSISTED_QUERY_NOT_REGISTERED")
        return document
    if not isinstance(query, str) or not registered_documents.is_registered(query):
        raise PersistedQueryError(NOT_REGISTERED, "PERSISTED_QUERY_NOT_REGISTERED")
    return query


# The `query` a request sent: declared str | None by Strawberry, any JSON value in a body read
# directly; what is not a string is passed on for the view to refuse.
SentQuery = TypeVar("SentQuery")


def resolve(query: SentQuery, extensions: object, register: bool = True) -> SentQuery | str:
    """The document to run: ``query`` itself (registered under its hash when one is given,
    unless ``register`` is off), or the registered document for a request that sends only
    the hash. In persisted-only mode, only documents of the committed list."""
    digest = requested_hash(extensions)
    if digest is not None and query is not None and not matches(query, digest):
        raise PersistedQueryError(
            "provided sha does not match query", "PERSISTED_QUERY_HASH_MISMATCH"
        )
    if persisted_only():
        return resolve_registered(query, digest)
    if digest is None:
        return query
    if query is None:
        stored = known_query(digest) or registered_documents.registered_document(digest)
        if stored is None:
            # Apollo's link recognises this exact message and sends the document.
            raise PersistedQueryError("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
        return stored
    # A string here: ``matches`` accepted it.
    limit = settings.SAKURA_GRAPHQL["MAX_PERSISTED_QUERY_LENGTH"]
    if register and isinstance(query, str) and len(query) <= limit:
        cache.set(KEY_PREFIX + digest, query, TIMEOUT)
    return query
