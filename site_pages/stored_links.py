"""Every address a model instance stores, checked against the URL policy when it is saved.

Field validators cover a form's own fields, but a page is also saved by wagtail-localize (the
translation editor, overrides, PO files, machine translation, "Sync translated pages"), by the
demo loader and by imports, and StreamField has no model-level validation at all: Wagtail runs
block validation only in the admin form. ``URLPolicyMixin.clean`` runs in ``full_clean``, which
``Page.save`` and ``save_revision`` call on every one of those paths, and walks URL fields, rich
text and StreamField values (URL blocks, rich-text links), including those of inline child
objects such as a chapter's social links.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

from site_pages.url_policy import urls_in_html, validate_url


def urls_in_block(block, value):
    """Every address in a StreamField value (or part of one) of block type ``block``."""
    if value is None:
        return
    if isinstance(block, blocks.URLBlock):
        yield value
    elif isinstance(block, blocks.RichTextBlock):
        yield from urls_in_html(getattr(value, "source", value))
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from urls_in_block(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from urls_in_block(block.child_block, item)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from urls_in_block(child.block, child.value)


def urls_in_field(instance, field):
    value = field.value_from_object(instance)
    if isinstance(field, StreamField):
        yield from urls_in_block(field.stream_block, getattr(instance, field.attname))
    elif isinstance(field, RichTextField):
        yield from urls_in_html(value)
    elif isinstance(field, models.URLField) and value:
        yield value


def url_errors(instance):
    """``{field name: [ValidationError, ...]}`` for the stored addresses that are not allowed."""
    errors: dict[str, list[ValidationError]] = {}
    for field in instance._meta.concrete_fields:
        for url in urls_in_field(instance, field):
            try:
                validate_url(url)
            except ValidationError as error:
                errors.setdefault(field.name, []).extend(error.error_list)
    if isinstance(instance, ClusterableModel):
        for relation in get_all_child_relations(instance):
            for child in getattr(instance, relation.get_accessor_name()).all():
                for messages in url_errors(child).values():
                    errors.setdefault(NON_FIELD_ERRORS, []).extend(messages)
    return errors


class URLPolicyMixin:
    """Refuses to save an instance that stores an address outside the URL policy."""

    def clean(self):
        # Combined with models, which have clean(). Not an abstract Model itself: it would pass
        # its Meta to models that take their first base's (Orderable's ordering would be lost).
        super().clean()  # type: ignore[misc]
        errors = url_errors(self)
        if errors:
            raise ValidationError(errors)
