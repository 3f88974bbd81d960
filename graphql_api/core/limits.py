"""Abuse limits and error masking, with values from ``settings.SAKURA_GRAPHQL``.

Every extension is handed to Strawberry as a class: Strawberry builds a fresh instance per
operation from a class, whereas an instance would be shared by all concurrent requests.
"""

import re
from collections.abc import Iterator, Sized
from functools import cache
from typing import Any

from django.conf import settings
from graphql import GraphQLError, OperationDefinitionNode, ValidationRule
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as alias_validator
from strawberry.extensions.query_depth_limiter import create_validator as depth_validator
from strawberry.types import ExecutionResult

from graphql_api.core.errors import ClientError, LimitExceededError, UnknownLocaleError

MASKED_MESSAGE = "Unexpected error."


def limit(name: str) -> int:
    return settings.SAKURA_GRAPHQL[name]


def check_list_size(argument: str, values: Sized, max_size: int) -> None:
    """A list argument holds at most ``max_size`` values: the token limit bounds a list written
    in the query, but not one passed in `variables`."""
    if len(values) > max_size:
        raise LimitExceededError(
            f"`{argument}` may hold at most {max_size} values.",
            limit="listSize",
            argument=argument,
            max=max_size,
        )


# Strawberry's QueryDepthLimiter and MaxAliasesLimiter make a new validation rule class each
# time they are built, that is per operation; the rule classes are part of ValidationCache's
# key, so it would never hit. The rules are therefore made once per limit value.


@cache
def depth_rule(max_depth: int) -> type[ValidationRule]:
    return depth_validator(max_depth, should_ignore=None)


@cache
def alias_rule(max_aliases: int) -> type[ValidationRule]:
    return alias_validator(max_aliases)


class DepthLimit(AddValidationRules):
    """Strawberry's QueryDepthLimiter rule. It skips introspection fields; introspection is off
    outside DEBUG, and graphql-core's own MaxIntrospectionDepthRule bounds it when on."""

    def __init__(self) -> None:
        super().__init__([depth_rule(limit("MAX_DEPTH"))])


class AliasLimit(AddValidationRules):
    """Strawberry's MaxAliasesLimiter rule."""

    def __init__(self) -> None:
        super().__init__([alias_rule(limit("MAX_ALIASES"))])


class TokenLimit(MaxTokensLimiter):
    def __init__(self) -> None:
        super().__init__(max_token_count=limit("MAX_TOKENS"))


class BoundedParserCache(ParserCache):
    def __init__(self) -> None:
        super().__init__(maxsize=limit("PARSER_CACHE_SIZE"))


class BoundedValidationCache(ValidationCache):
    def __init__(self) -> None:
        super().__init__(maxsize=limit("VALIDATION_CACHE_SIZE"))


def should_mask(error: GraphQLError) -> bool:
    """Hide crashes inside resolvers; keep syntax, validation and client errors, which say
    what the client must change."""
    original = error.original_error
    if original is None or isinstance(original, ClientError):
        return False
    return not isinstance(original, GraphQLError)


class MaskUnexpectedErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=should_mask, error_message=MASKED_MESSAGE)


SUGGESTION = re.compile(r"\s*Did you mean\b.*", re.DOTALL)


def without_suggestion(message: str) -> str:
    return SUGGESTION.sub("", message)


class HideSuggestions(SchemaExtension):
    """graphql-core ends the messages about unknown fields, arguments, types, enum values and
    input fields with "Did you mean …?", which spells out the schema that introspection hides;
    ``StrawberryConfig.disable_field_suggestions`` removes it from unknown fields only."""

    def on_operation(self) -> Iterator[None]:
        yield
        for error in getattr(self.execution_context.result, "errors", None) or ():
            # Our own client errors may quote the request; only graphql-core's are rewritten.
            if not isinstance(error.original_error, ClientError):
                error.message = without_suggestion(error.message)


class OperationNameRequired(SchemaExtension):
    """A document with several operations runs only the one named by `operationName`, as the
    GraphQL spec requires; Strawberry would otherwise run the first one, which a client that
    forgot the name cannot tell from the one it meant."""

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        # Strawberry's `operation_name` falls back to the first operation's name; the name the
        # client sent is kept privately (strawberry-graphql is pinned to its minor release).
        # Validation runs only on a document that parsed.
        document = context.graphql_document
        assert document is not None
        if context._provided_operation_name is None:
            operations = [
                definition
                for definition in document.definitions
                if isinstance(definition, OperationDefinitionNode)
            ]
            if len(operations) > 1:
                raise GraphQLError(
                    f"The document holds {len(operations)} operations: name the one to run "
                    "with `operationName`.",
                    extensions={"code": "OPERATION_NAME_REQUIRED"},
                )
        yield


# graphql-core's and Strawberry's wording for the errors of the three document limits.
LIMIT_MESSAGES = [
    (re.compile(r"Document contains more than \d+ tokens"), "tokens", "MAX_TOKENS"),
    (re.compile(r"exceeds maximum operation depth of \d+"), "depth", "MAX_DEPTH"),
    (re.compile(r"^\d+ aliases found\. Allowed: \d+"), "aliases", "MAX_ALIASES"),
]


# graphql-core's wording for a value that is not one of the `Locale` enum's, written in the
# query ("xx", "ja" as a string, XX) or sent in `variables`.
UNKNOWN_LOCALE = re.compile(r"'Locale' enum|Enum 'Locale' cannot represent")


def error_code(error: GraphQLError) -> dict[str, Any]:
    """The ``extensions`` an error is answered with: its own code where it has one (client
    errors, graphql_api/core/errors.py), LIMIT_EXCEEDED with the limit for the document
    limits (as for the page size), UNKNOWN_LOCALE for a `locale` that is no `Locale`, and
    otherwise the names Apollo's tools know:
    GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED (errors before execution, which have no
    path) or INTERNAL_SERVER_ERROR (a masked crash in a resolver)."""
    extensions = dict(error.extensions or {})
    if "code" in extensions:
        return extensions
    for pattern, name, setting in LIMIT_MESSAGES:
        if pattern.search(error.message):
            return {"code": LimitExceededError.code, "limit": name, "max": limit(setting)}
    if UNKNOWN_LOCALE.search(error.message):
        return {**extensions, "code": UnknownLocaleError.code}
    if error.message.startswith("Syntax Error:"):
        return {**extensions, "code": "GRAPHQL_PARSE_FAILED"}
    if error.path is None:
        return {**extensions, "code": "GRAPHQL_VALIDATION_FAILED"}
    return {**extensions, "code": "INTERNAL_SERVER_ERROR"}


def with_error_codes(result: ExecutionResult) -> ExecutionResult:
    for error in result.errors or ():
        error.extensions = error_code(error)
    return result


def schema_extensions(debug: bool) -> list[type[SchemaExtension]]:
    extensions: list[type[SchemaExtension]] = [
        OperationNameRequired,
        BoundedParserCache,
        BoundedValidationCache,
        TokenLimit,
        DepthLimit,
        AliasLimit,
    ]
    if not debug:
        extensions += [DisableIntrospection, HideSuggestions, MaskUnexpectedErrors]
    return extensions
