"""Dates known to the day, to the month or only to the year, printed as precisely as they are
known, in the reader's language: one rule for the site, the feeds and the API.

Many facts of the network are known only to the month ("the chapter was founded in October
2018"). Such a date is stored as a ``DateField`` (the first day of its month or year, so that
it sorts and filters like any date) plus a precision beside it (``precision_field``); the model
exposes the pair as a ``PartialDate`` (``PartialDateAttribute``). Printing goes through Django's
locale formats: ``DATE_FORMAT`` for a day, ``YEAR_MONTH_FORMAT`` for a month ("May 2021",
「2021年5月」). Django has no format for a year alone, so that one is a gettext string holding a
date format ("Y", 「Y年」), translated in ``locale/`` like every interface string.
"""

import datetime
from contextlib import nullcontext
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")


def precision_field(help_text=None):
    """The precision stored beside a date field; days by default, as a date picker gives."""
    return models.CharField(
        _("precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=help_text
        or _("When only the month or the year is known, say so: the day is then never shown."),
    )


def truncated(value, precision):
    """``value`` reduced to the first day of its month or year, as stored for that precision."""
    if value is None:
        return None
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    return value


def period_end(value, precision):
    """The last day that ``value`` may stand for: an event known only as "May 2021" may still
    be running on 31 May."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        following = value.replace(day=28) + datetime.timedelta(days=4)
        return following - datetime.timedelta(days=following.day)
    return value


def year_format():
    # Translators: a PHP-style date format (Django's "date" filter) for a year on its own;
    # "Y" is the four-digit year. Japanese and Chinese add 年: "Y年".
    return pgettext("date format for a year alone", "Y")


def format_date(value, precision=DatePrecision.DAY, language=None):
    """``value`` printed in the active language (or ``language``) to its precision:
    "May 1, 2021", "May 2021" or "2021"; 「2021年5月1日」, 「2021年5月」 or 「2021年」."""
    if value is None:
        return ""
    with translation.override(language) if language else nullcontext():
        if precision == DatePrecision.YEAR:
            return formats.date_format(value, year_format())
        if precision == DatePrecision.MONTH:
            return formats.date_format(value, "YEAR_MONTH_FORMAT")
        return formats.date_format(value, "DATE_FORMAT")


def format_range(start, end, precision=DatePrecision.DAY, language=None):
    """A start and an optional end date, both to ``precision``, joined by an en dash; one date
    where both print the same ("May 2021", not "May 2021" twice)."""
    first = format_date(start, precision, language)
    last = format_date(end, precision, language) if end else ""
    if not last or last == first:
        return first
    return f"{first} \N{EN DASH} {last}"


def iso_value(value, precision):
    """ISO 8601 to the date's precision: "2021-05-01", "2021-05" or "2021"."""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


@dataclass(frozen=True)
class PartialDate:
    """A date with how precisely it is known. Printing it in a template gives the reader's
    form ("May 2021"), so ``{{ page.founded }}`` is right in every language."""

    value: datetime.date
    precision: str = DatePrecision.DAY

    @property
    def iso(self):
        return iso_value(self.value, self.precision)

    @property
    def last_day(self):
        return period_end(self.value, self.precision)

    def display(self, language=None):
        return format_date(self.value, self.precision, language)

    def __str__(self):
        return self.display()


class PartialDateAttribute:
    """A model attribute pairing a date field with its precision field:
    ``founded = PartialDateAttribute("founded_on", "founded_on_precision")`` gives a
    ``PartialDate``, or None while the date is empty."""

    def __init__(self, date_field, precision_field_name):
        self.date_field = date_field
        self.precision_field = precision_field_name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = getattr(obj, self.date_field)
        if value is None:
            return None
        return PartialDate(value, getattr(obj, self.precision_field))


def today():
    """The day "upcoming" is measured from: the site's time zone (TIME_ZONE), never the
    server's clock zone, on the site, in the API and in the admin alike."""
    return timezone.localdate()


def has_not_ended(start, end, precision, on_day=None):
    """``not_ended_q`` for one period in Python (for rows already loaded)."""
    return period_end(end or start, precision) >= (on_day or today())


def not_ended_q(start_field, end_field, precision_field, today):
    """Rows whose (start, optional end) period has not ended by ``today``, each date read to
    its precision: an event of "May 2021" is still on until the end of May."""
    condition = Q(pk__in=[])
    for precision, earliest in (
        (DatePrecision.DAY, today),
        (DatePrecision.MONTH, today.replace(day=1)),
        (DatePrecision.YEAR, today.replace(month=1, day=1)),
    ):
        condition |= Q(**{precision_field: precision}) & (
            Q(**{f"{end_field}__gte": earliest})
            | Q(**{f"{end_field}__isnull": True, f"{start_field}__gte": earliest})
        )
    return condition
