"""`PartialDate`: a date with how precisely it is known, for every date the content may know
only to the month or the year (``site_pages/dates.py`` holds the rule and the formatting)."""

import datetime
from typing import overload

import strawberry

from site_pages import dates

# The model layer's choices are the GraphQL enum: strawberry.enum marks the class itself.
DatePrecision = dates.DatePrecision
strawberry.enum(
    DatePrecision, description="How precisely a date is known: to the day, month or year."
)


@strawberry.type(
    name="PartialDate",
    description=(
        "A date known to the day, the month or only the year, e.g. a chapter founded in "
        "October 2018. Show `display`; sort and compare by `date`."
    ),
)
class PartialDateType:
    date: datetime.date = strawberry.field(
        description="The date, or the first day of its month or year when only those are known."
    )
    precision: DatePrecision = strawberry.field(description="How precisely it is known.")
    iso: str = strawberry.field(
        description="ISO 8601 to that precision: 2021-05-14, 2021-05 or 2021."
    )
    display: str = strawberry.field(
        description=(
            "As readers of the requested language write it, to its precision: "
            "“May 2021” in English, 「2021年5月」 in Japanese."
        )
    )


@overload
def partial_date_of(partial: dates.PartialDate, language: str | None) -> PartialDateType: ...
@overload
def partial_date_of(partial: None, language: str | None) -> None: ...
@overload
def partial_date_of(
    partial: dates.PartialDate | None, language: str | None
) -> PartialDateType | None: ...
def partial_date_of(
    partial: dates.PartialDate | None, language: str | None
) -> PartialDateType | None:
    """The GraphQL value of a ``site_pages.dates.PartialDate`` (or None), printed in
    ``language``."""
    if partial is None:
        return None
    return PartialDateType(
        date=partial.value,
        precision=dates.DatePrecision(partial.precision),
        iso=partial.iso,
        display=partial.display(language),
    )
