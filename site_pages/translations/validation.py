"""The URL policy applied to what translators enter in wagtail-localize.

A translator may point a link elsewhere: wagtail-localize stores the new address as a
*segment override* (of a URL block, a URL field or a link inside rich text) without any
validation, and the translated page is built from it when the translation is published or
submitted. Here:

- ``check_override`` marks an override whose address the policy refuses with wagtail-localize's
  own error fields (``has_error``, ``field_error``): the translation editor shows the message on
  that segment, and wagtail-localize leaves errored overrides out of the translated page;
- ``translation_problems`` lists every refused override and every string wagtail-localize
  flagged (markup it does not allow, such as ``<a href>`` typed into a string): a translation
  with problems can be neither submitted for review nor published (``permissions.py``,
  ``review.py``, ``wagtail_hooks.py``).

The model-level check (``site_pages/stored_links.py``) still runs when the page is saved.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail_localize.models import SegmentOverride, StringTranslation

from site_pages.url_policy import validate_url

URL_BLOCKS = (blocks.URLBlock, blocks.RichTextBlock)
URL_FIELDS = (models.URLField, RichTextField)


def field_path_target(model, field_path):
    """The model field or block that a wagtail-localize field path ("body.call_to_action.url",
    "social_links.url") ends at, or None when it cannot be followed."""
    names = field_path.split(".")
    try:
        field = model._meta.get_field(names[0])
    except FieldDoesNotExist:
        return None
    if isinstance(field, StreamField):
        block = field.stream_block
        for name in names[1:]:
            if isinstance(block, blocks.ListBlock):
                block = block.child_block  # wagtail-localize names list items "item"
            elif isinstance(block, blocks.StructBlock | blocks.StreamBlock):
                block = block.child_blocks.get(name)
            else:
                break
            if block is None:
                return None
        return block
    if field.one_to_many and len(names) > 1:
        return field_path_target(field.related_model, ".".join(names[1:]))
    return field


def holds_url(model, context):
    """Does the overridable segment at this translation context hold an address?"""
    target = field_path_target(model, context.field_path or context.path)
    return isinstance(target, URL_BLOCKS + URL_FIELDS)


def override_error(model, override):
    """The URL policy's message for an override's value, or None when it is allowed."""
    value = override.data
    if not isinstance(value, str) or not holds_url(model, override.context):
        return None
    try:
        validate_url(value)
    except ValidationError as error:
        return error.messages[0]
    return None


def check_override(translation, override):
    """Record on ``override``, just given a new value, whether the value passes the URL
    policy; the message or None."""
    model = translation.source.specific_content_type.model_class()
    message = override_error(model, override)
    if message:
        override.has_error, override.field_error = True, message
        override.save(update_fields=["has_error", "field_error"])
    elif override.has_error:
        # The mark was about the previous value; wagtail-localize never clears it, and would
        # leave a corrected override out of the page.
        override.has_error, override.field_error = False, ""
        override.save(update_fields=["has_error", "field_error"])
    return message


def translation_problems(translation):
    """Messages for the overrides and strings of ``translation`` that may not be used."""
    source, locale = translation.source, translation.target_locale
    model = source.specific_content_type.model_class()
    problems = []
    overrides = SegmentOverride.objects.filter(
        locale=locale, context__in=source.overridablesegment_set.values("context")
    ).select_related("context")
    for override in overrides:
        message = override_error(model, override) or (
            override.has_error and (override.field_error or _("This value is not valid."))
        )
        if message:
            problems.append(message)
    strings = StringTranslation.objects.filter(
        locale=locale,
        has_error=True,
        context__in=source.stringsegment_set.values("context"),
        translation_of__in=source.stringsegment_set.values("string"),
    ).select_related("translation_of", "context")
    problems.extend(string.get_error() or _("This translation is not valid.") for string in strings)
    return problems
