"""Abuse limits and error masking, with values from ``settings.SAKURA_GRAPHQL``.

Every extension is handed to Strawberry as a class: Strawberry builds a fresh instance per
operation from a class, whereas an instance would be shared by all concurrent requests.
"""

import re
from functools import cache

from django.conf import settings
from graphql import GraphQLError
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

from graphql_api.core.errors import ClientError

MASKED_MESSAGE = "Unexpected error."


def limit(name):
    return settings.SAKURA_GRAPHQL[name]


# Strawberry's QueryDepthLimiter and MaxAliasesLimiter make a new validation rule class each
# time they are built, that is per operation; the rule classes are part of ValidationCache's
# key, so it would never hit. The rules are therefore made once per limit value.


@cache
def depth_rule(max_depth):
    return depth_validator(max_depth, should_ignore=None)


@cache
def alias_rule(max_aliases):
    return alias_validator(max_aliases)


class DepthLimit(AddValidationRules):
    """Strawberry's QueryDepthLimiter rule. It skips introspection fields; introspection is off
    outside DEBUG, and graphql-core's own MaxIntrospectionDepthRule bounds it when on."""

    def __init__(self):
        super().__init__([depth_rule(limit("MAX_DEPTH"))])


class AliasLimit(AddValidationRules):
    """Strawberry's MaxAliasesLimiter rule."""

    def __init__(self):
        super().__init__([alias_rule(limit("MAX_ALIASES"))])


class TokenLimit(MaxTokensLimiter):
    def __init__(self):
        super().__init__(max_token_count=limit("MAX_TOKENS"))


class BoundedParserCache(ParserCache):
    def __init__(self):
        super().__init__(maxsize=limit("PARSER_CACHE_SIZE"))


class BoundedValidationCache(ValidationCache):
    def __init__(self):
        super().__init__(maxsize=limit("VALIDATION_CACHE_SIZE"))


def should_mask(error: GraphQLError) -> bool:
    """Hide crashes inside resolvers; keep syntax, validation and client errors, which say
    what the client must change."""
    original = error.original_error
    if original is None or isinstance(original, ClientError):
        return False
    return not isinstance(original, GraphQLError)


class MaskUnexpectedErrors(MaskErrors):
    def __init__(self):
        super().__init__(should_mask_error=should_mask, error_message=MASKED_MESSAGE)


SUGGESTION = re.compile(r"\s*Did you mean\b.*", re.DOTALL)


def without_suggestion(message):
    return SUGGESTION.sub("", message)


class HideSuggestions(SchemaExtension):
    """graphql-core ends the messages about unknown fields, arguments, types, enum values and
    input fields with "Did you mean …?", which spells out the schema that introspection hides;
    ``StrawberryConfig.disable_field_suggestions`` removes it from unknown fields only."""

    def on_operation(self):
        yield
        for error in getattr(self.execution_context.result, "errors", None) or ():
            # Our own client errors may quote the request; only graphql-core's are rewritten.
            if not isinstance(error.original_error, ClientError):
                error.message = without_suggestion(error.message)


def schema_extensions(debug):
    extensions = [
        BoundedParserCache,
        BoundedValidationCache,
        TokenLimit,
        DepthLimit,
        AliasLimit,
    ]
    if not debug:
        extensions += [DisableIntrospection, HideSuggestions, MaskUnexpectedErrors]
    return extensions
