"""Filters for our override of wagtail-localize's translation editor template."""

import json

from django import template

register = template.Library()


@register.filter
def without_convert_to_alias(props):
    """The editor's props without its "Convert to alias page" link, for people who may not
    publish the page (the view refuses them too: ``translations/permissions.py``)."""
    data = json.loads(props)
    data.get("links", {})["convertToAliasUrl"] = None
    return json.dumps(data)


@register.simple_tag
def untranslated_texts(translation):
    """{"missing": n, "total": n}: what the "Submit for review" section warns about."""
    from site_pages.translations.review import untranslated

    missing, total = untranslated(translation)
    return {"missing": missing, "total": total}
