"""Output filters of the URL policy (``site_pages/url_policy.py``) for the site's templates.

Every ``href`` a template builds from stored data goes through ``safe_url``, and rich text
through ``clean_richtext``, so that an address that got into the database past validation (an
import, a database edit, data saved before the policy existed) is dropped rather than served.
"""

from django import template
from django.utils.safestring import mark_safe
from wagtail.templatetags.wagtailcore_tags import richtext

from site_pages import url_policy

register = template.Library()


@register.filter
def safe_url(value):
    """The address, or "" when a reader may not follow it (templates then leave the link out)."""
    return url_policy.safe_url(value)


@register.filter
def clean_richtext(value):
    """Rich text rendered as Wagtail does (internal links resolved), then sanitised."""
    return mark_safe(url_policy.clean_html(str(richtext(value))))
