"""Registered documents: the allow-list of persisted-only mode (``SAKURA_GRAPHQL_PERSISTED_ONLY``).

A committed JSON file (``SAKURA_GRAPHQL["REGISTERED_DOCUMENTS"]``,
graphql_api/registered_documents.json) maps the SHA-256 of each document a client may send to
the document itself. ``manage.py register_persisted_queries`` writes it from the examples of
docs/graphql.md and from client files: ``.graphql`` documents, or the manifest of Apollo's
``generate-persisted-query-manifest`` (``.json``), whose bodies are the exact text Apollo Client
hashes and sends. Being a file in the repository, the list is reviewed like code and is the same
on every app server; automatic persisted queries (graphql_api/persisted_queries.py) also find
registered documents by hash when the cache has forgotten them.
"""

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypedDict

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from graphql import (
    DocumentNode,
    GraphQLError,
    OperationDefinitionNode,
    parse,
    print_ast,
    validate,
)

FENCE = re.compile(r"^```graphql\s*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


class DocumentError(Exception):
    """A document that cannot be registered: it does not parse or does not fit the schema."""


class RegistryEntry(TypedDict):
    """A registered document in the committed file, under its SHA-256."""

    document: str
    operations: list[str]  # the names of its operations, sorted
    source: str  # the file it was registered from


def digest(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def registry_path() -> Path:
    return Path(settings.SAKURA_GRAPHQL["REGISTERED_DOCUMENTS"])


def registry_exists(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Persisted-only mode without its list would refuse every request: say so at start."""
    if not settings.SAKURA_GRAPHQL["PERSISTED_ONLY"] or registry_path().exists():
        return []
    return [
        checks.Error(
            f"SAKURA_GRAPHQL_PERSISTED_ONLY is on but {registry_path()} does not exist, so the "
            "API would refuse every request.",
            hint="Run `manage.py register_persisted_queries [client files]` and commit the file.",
            id="sakura.E020",
        )
    ]


def register_checks() -> None:
    checks.register(registry_exists)


def normalised(document: str) -> str:
    """The document as graphql-core prints it: spacing and comments do not count."""
    return print_ast(parse(document))


@lru_cache(maxsize=4)
def load(path: str, modified: int) -> tuple[dict[str, str], frozenset[str]]:
    """({sha256: document}, {normalised document}) of the file at ``path``."""
    entries = json.loads(Path(path).read_text())
    by_hash = {key: entry["document"] for key, entry in entries.items()}
    return by_hash, frozenset(normalised(document) for document in by_hash.values())


def registered() -> tuple[Mapping[str, str], frozenset[str]]:
    """``load`` for the committed file as it is now (read again when it changes)."""
    path = registry_path()
    try:
        modified = path.stat().st_mtime_ns
    except FileNotFoundError:
        return {}, frozenset()
    return load(str(path), modified)


def registered_document(sha256: str) -> str | None:
    return registered()[0].get(sha256)


def is_registered(document: str) -> bool:
    """Whether a document sent in full is one of the registered ones, however it is spaced."""
    try:
        return normalised(document) in registered()[1]
    except GraphQLError:
        return False


def documents_in_markdown(text: str) -> list[str]:
    """The fenced ``graphql`` blocks of a Markdown text, as written."""
    return [match.group(1).rstrip("\n") for match in FENCE.finditer(text)]


def documents_in_file(path: str | Path) -> list[str]:
    """The documents a client file holds: a ``.graphql`` file is one document; a ``.json`` file
    is an Apollo persisted query manifest; a ``.md`` file holds fenced ``graphql`` blocks."""
    file = Path(path)
    text = file.read_text()
    if file.suffix == ".md":
        return documents_in_markdown(text)
    if file.suffix == ".json":
        try:
            manifest = json.loads(text)
            return [operation["body"] for operation in manifest["operations"]]
        except (ValueError, KeyError, TypeError) as error:
            raise DocumentError(
                f"{file}: not an Apollo persisted query manifest (expected "
                '{"operations": [{"body": ...}, ...]}).'
            ) from error
    return [text]


def checked(document: str, source: str) -> DocumentNode:
    """``document`` parsed, or a DocumentError saying why the schema refuses it."""
    from graphql_api.schema import schema

    try:
        tree = parse(document)
    except GraphQLError as error:
        raise DocumentError(f"{source}: {error.message}") from error
    errors = validate(schema._schema, tree)
    if errors:
        raise DocumentError(f"{source}: {errors[0].message}")
    return tree


def entry(document: str, source: str) -> RegistryEntry:
    tree = checked(document, source)
    names = sorted(
        node.name.value
        for node in tree.definitions
        if isinstance(node, OperationDefinitionNode) and node.name is not None
    )
    return {"document": document, "operations": names, "source": source}


def write(entries: Mapping[str, RegistryEntry], path: str | Path | None = None) -> Path:
    file = Path(path or registry_path())
    file.write_text(json.dumps(entries, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return file
