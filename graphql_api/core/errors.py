"""Errors a client can act on: each carries a stable ``code`` in its GraphQL extensions."""

from graphql import GraphQLError


class ClientError(GraphQLError):
    """An error caused by the request, shown to clients even when other errors are masked."""

    code = "BAD_REQUEST"

    def __init__(self, message: str, **extensions: object) -> None:
        super().__init__(message, extensions={"code": self.code, **extensions})


class UnknownLocaleError(ClientError):
    code = "UNKNOWN_LOCALE"


class InvalidArgumentError(ClientError):
    code = "INVALID_ARGUMENT"


class LimitExceededError(ClientError):
    code = "LIMIT_EXCEEDED"
