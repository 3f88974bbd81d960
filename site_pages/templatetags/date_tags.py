"""Dates in templates, printed as precisely as they are known (``site_pages/dates.py``), inside
``<time>`` elements whose machine-readable value has the same precision ("2021-05")."""

from django import template
from django.utils.html import format_html

from site_pages.dates import PartialDate

register = template.Library()


def time_element(partial):
    return format_html('<time datetime="{}">{}</time>', partial.iso, partial.display())


@register.simple_tag
def partial_date(value):
    """``{% partial_date page.founded %}``: a ``PartialDate`` (or a plain date, taken as a
    day) as a ``<time>`` element in the active language; empty for None."""
    if value is None or value == "":
        return ""
    if not isinstance(value, PartialDate):
        value = PartialDate(value)
    return time_element(value)


@register.simple_tag
def event_dates(event):
    """An event's start and end dates to their precision; the end only where it prints
    differently from the start."""
    start, end = event.start, event.end
    if end is None or end.display() == start.display():
        return time_element(start)
    return format_html("{} \N{EN DASH} {}", time_element(start), time_element(end))
