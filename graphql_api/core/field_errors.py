"""Errors of a mutation's input, returned in its payload so a client can show them field by
field (GraphQL errors are for requests a client cannot fix by editing a form)."""

from collections.abc import Iterable, Mapping

import strawberry
from strawberry.utils.str_converters import to_camel_case

from site_pages.submission_intake import Problem


@strawberry.type(description="A problem with one input field, or with the whole submission.")
class FieldError:
    field: str | None = strawberry.field(
        description="The input field (as named in the input type), or null when the problem is "
        "not with one field (e.g. RATE_LIMITED)."
    )
    message: str = strawberry.field(
        description="What is wrong, in the language of the input's `locale`, ready to show."
    )
    code: str = strawberry.field(
        description="Stable code to act on: REQUIRED, TOO_LONG, TOO_LARGE (a file over its "
        "size limit), INVALID, RATE_LIMITED, REJECTED or UNAVAILABLE (cannot be received now)."
    )
    retry_after: int | None = strawberry.field(
        default=None,
        description="For RATE_LIMITED: seconds to wait before sending again.",
    )


def field_errors(
    problems: Iterable[Problem], names: Mapping[str, str] | None = None
) -> list[FieldError]:
    """FieldErrors for intake problems; form field names become the input's camelCase names."""
    names = names or {}
    return [
        FieldError(
            field=None
            if problem.field is None
            else names.get(problem.field, to_camel_case(problem.field)),
            message=problem.message,
            code=problem.code,
            retry_after=problem.retry_after,
        )
        for problem in problems
    ]
