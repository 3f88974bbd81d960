"""Pictures shown in lists, loaded so that a page's queries do not grow with its images.

A page with twenty cards, a gallery of thirty photos or a yearbook of forty coordinators would
otherwise cost a query per picture for the image and another for its renditions. Here:

- ``with_pictures(pages)`` loads the pictures of a list of pages (cards) in one query;
- ``ImageBlock`` groups the images of a page's body as Wagtail loads them (one query per
  kind of block already);
- ``group(images)`` marks images that are shown together. The first ``{% preset_image %}`` of
  a group then loads the renditions of the whole group, in that preset, in one query
  (``RenditionBudget.prefetch``); the others find theirs already loaded.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import ForeignKey, Model
from wagtail.images import get_image_model

# Where a page keeps the picture its card and link preview show, in order of preference.
PAGE_IMAGE_FIELDS = ("hero_image", "photo")


def group(images):
    """Mark ``images`` (None skipped) as shown together; returns them as a list."""
    members, seen = [], set()
    for image in images:
        if image is not None and id(image) not in seen:
            seen.add(id(image))
            members.append(image)
    for image in members:
        image.picture_group = members
    return members


def page_image(page):
    """A page's picture for cards and link previews: its hero image or its photo."""
    for name in PAGE_IMAGE_FIELDS:
        image = getattr(page, name, None)
        if image is not None:
            return image
    return None


def page_image_id(page):
    """The id of ``page_image``'s picture without loading it: the API's `listingImage` loads
    the pictures of a whole list together."""
    for name in PAGE_IMAGE_FIELDS:
        image_id = getattr(page, f"{name}_id", None)
        if image_id is not None:
            return image_id
    return None


def with_pictures(pages):
    """``pages`` as a list, their pictures loaded in one query and grouped."""
    pages = list(pages)
    missing: dict[int, list[tuple[Model, ForeignKey]]] = {}
    for page in pages:
        for name in PAGE_IMAGE_FIELDS:
            field = _image_field(page, name)
            if field is None or field.is_cached(page):
                continue
            image_id = getattr(page, field.attname)
            if image_id is None:
                field.set_cached_value(page, None)
            else:
                missing.setdefault(image_id, []).append((page, field))
    if missing:
        found = get_image_model().objects.in_bulk(list(missing))
        for image_id, holders in missing.items():
            for page, field in holders:
                field.set_cached_value(page, found.get(image_id))
    group(page_image(page) for page in pages)
    return pages


def _image_field(obj, name):
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.is_relation and field.many_to_one else None
