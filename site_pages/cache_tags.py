"""Cache tags: what a kept answer used, and a version per tag that every change moves.

While an answer is computed, the loaders that fetch content for it (graphql_api/core/loading.py and
the modules beside it, the reader's rules in site_pages/fallback.py) name what they fetched
with ``use``; for the site's pages (site_pages/page_cache.py), every instance read names itself
too (``on_instance``):

- ``page:<translation key>``: a page, in every language (a new translation changes which
  version a reader gets, so it must reach answers that served the fallback); ``page-id:<pk>``
  for a page read by id alone, ``path:<url path>`` for an address found empty;
- ``list:<model>``: a listing, search or filter over pages of that model (``wagtailcore.page``
  for any page), so that a page published, changed, unpublished or deleted reaches every list
  it is in or enters;
- ``children:<translation key>``: the children of a page, in every language;
- ``<model>:<translation key or pk>`` for snippets and settings, and ``list:<model>`` for their
  listings; ``image:<pk>`` for an image.

A change names its tags the same way (``tags_of``, from site_pages/content_changes.py), and
``bump`` gives each a new version in the shared cache. A kept answer stores the versions its
tags had and is used only while every one is still the same, so several app servers sharing
Redis agree at once. What cannot be tagged precisely still moves the global content generation,
as listed in site_pages/content_changes.py.

Every tag of a single page, image, snippet or setting has a wider tag (``wider_tag``: its kind's
listing, or its model's for a page read by a loader) that ``bump`` always moves with it, so an
answer that used the listing is kept with the listing's version alone (``narrowest``): a list of
330 events is checked against 83 versions, not 424. Kept answers themselves:
site_pages/kept_answers.py.
"""

import contextvars
import logging
import time
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Min, Q
from django.utils import timezone

logger = logging.getLogger(__name__)

VERSION_PREFIX = "tag:"
# Moved with every tagged change: an answer computed while one happened is not kept, since the
# versions read after computing it may be newer than what it read from the database.
CHANGES_KEY = "content:changes"


class Collected(set[str]):
    """The tags of one answer being computed. With ``instances``, every page, image, snippet
    or setting instantiated meanwhile adds its own tag (``on_instance``): the site's templates
    reach content through Wagtail's own template tags (rich text links, images, settings),
    which no loader of ours sees.

    ``listings`` gives a page tag the listing tag of the page's model (``used_pages``): every
    change of the page moves that listing too (``own_tags``), so an answer that read the
    listing need not check the page's own tag (``narrowest``)."""

    instances = False

    def __init__(self, *args):
        super().__init__(*args)
        self.listings = {}


_collected: contextvars.ContextVar[Collected | None] = contextvars.ContextVar(
    "cache_tags", default=None
)


def tag_cache():
    return caches[settings.SAKURA_RESPONSE_CACHE["CACHE"]]


# --- names --------------------------------------------------------------------------------------


def label(model):
    return model._meta.label_lower


def page_tag(translation_key):
    return f"page:{translation_key}"


def page_id_tag(pk):
    """A page read without its translation key (an address looked up by id)."""
    return f"page-id:{pk}"


def path_tag(url_path):
    """An address looked up and found empty: whatever page is published there fills it."""
    return f"path:{url_path}"


def children_tag(translation_key):
    return f"children:{translation_key}"


def list_tag(model):
    return f"list:{label(model)}"


def image_tag(pk):
    return f"image:{pk}"


def object_tag(obj):
    """A snippet or setting: translatable ones by translation key, like pages."""
    key = getattr(obj, "translation_key", None) or obj.pk
    return f"{label(type(obj))}:{key}"


ANY_PAGE = "list:wagtailcore.page"
PAGE_PREFIXES = ("page:", "page-id:", "path:", "children:")


def wider_tag(tag):
    """The listing tag that moves whenever ``tag`` moves (``bump`` makes sure of it), or None:
    any page's tags widen to the listing of all pages, an image's to the images' listing, a
    snippet's or setting's to its model's listing."""
    if tag.startswith(PAGE_PREFIXES):
        return ANY_PAGE
    kind, separator, _key = tag.partition(":")
    if kind == "image":
        from wagtail.images import get_image_model

        return list_tag(get_image_model())
    # Snippets and settings are named "<app>.<model>:<key>"; listings and other tags have no dot.
    if separator and "." in kind and kind != "list":
        return f"list:{kind}"
    return None


def narrowest(tags):
    """``tags`` without those whose wider tag is among them (a page's own listing, when
    ``tags`` is a ``Collected`` that knows it): the wider one's version decides alone whether an
    answer is still current."""
    listings = getattr(tags, "listings", {})
    return {tag for tag in tags if wider_tag(tag) not in tags and listings.get(tag) not in tags}


# --- collecting what an answer uses -------------------------------------------------------------


@contextmanager
def collecting(instances=False):
    """Collect the tags ``use`` names while the block runs (a set, filled in place); with
    ``instances``, the tags of every instance read too."""
    tags = Collected()
    tags.instances = instances
    token = _collected.set(tags)
    try:
        yield tags
    finally:
        _collected.reset(token)


def use(*tags):
    collected = _collected.get()
    if collected is not None:
        collected.update(tags)


def used_pages(pages):
    collected = _collected.get()
    if collected is None:
        return
    for page in pages:
        tag = page_tag(page.translation_key)
        collected.add(tag)
        # The class a page was read as is its own or an ancestor: a listing that moves with it.
        collected.listings[tag] = list_tag(type(page))


def used_children(parents):
    use(*(children_tag(page.translation_key) for page in parents))


def used_listing(model):
    use(list_tag(model))


def used_objects(objects):
    use(*(object_tag(obj) for obj in objects if obj is not None))


def used_images(ids):
    use(*(image_tag(pk) for pk in ids if pk))


def read_tags(instance):
    """The tags of an instance just read, without touching a deferred field (that would be a
    query): a page by translation key (by id when that was not loaded), an image or
    rendition by image, a snippet or setting by its own tag (its listing when deferred)."""
    from wagtail.images import get_image_model
    from wagtail.models import Page

    deferred = instance.get_deferred_fields()
    if isinstance(instance, Page):
        if "translation_key" in deferred:
            return {page_id_tag(instance.pk)}
        return {page_tag(instance.translation_key)}
    if isinstance(instance, get_image_model()):
        return {image_tag(instance.pk)}
    image_id = getattr(instance, "image_id", None)
    if image_id is not None and isinstance(instance, get_image_model().get_rendition_model()):
        return {image_tag(image_id)}
    if isinstance(instance, tagged_objects()):
        if "translation_key" in deferred:
            return {list_tag(type(instance))}
        return {object_tag(instance)}
    return set()


def on_instance(sender, instance, **kwargs):
    collected = _collected.get()
    if collected is not None and collected.instances and instance.pk is not None:
        collected.update(read_tags(instance))


# --- what a change names ------------------------------------------------------------------------


def page_models(model):
    """``model`` and the concrete page models it extends (a change lists in each one's list)."""
    from wagtail.models import Page

    return [cls for cls in [model, *model._meta.get_parent_list()] if issubclass(cls, Page)]


def parent_key(page):
    from wagtail.models import Page

    if page.depth is None or page.depth <= 1:
        return None
    return (
        Page.objects.filter(path=page.path[: -Page.steplen])
        .values_list("translation_key", flat=True)
        .first()
    )


def tagged_objects():
    """Models whose changes are named by tag: snippets and settings (every other model a
    reader depends on moves the global generation)."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.snippets.models import get_snippet_models

    return (*get_snippet_models(), BaseSiteSetting, BaseGenericSetting)


def parental_owner(instance):
    """The page or snippet a child row (an orderable, a topic) belongs to, or None."""
    from modelcluster.fields import ParentalKey

    for field in instance._meta.concrete_fields:
        if isinstance(field, ParentalKey):
            return getattr(instance, field.name, None)
    return None


def subtree_tags(page):
    """The tags of a page and every page below it, in every language, and of the listings they
    are in: what a move or a new slug changes (every address below changes, and none of those
    pages is saved). One query."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    rows = Page.objects.filter(path__startswith=page.path).values_list(
        "pk", "translation_key", "url_path", "content_type_id"
    )
    tags = set()
    for pk, translation_key, url_path, content_type_id in rows:
        tags.add(page_tag(translation_key))
        tags.add(page_id_tag(pk))
        tags.add(path_tag(url_path))
        tags.add(children_tag(translation_key))
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            tags.update(list_tag(cls) for cls in page_models(model))
    return tags


def own_tags(instance):
    """The tags naming ``instance`` itself, or None when it is not a page, image, snippet or
    setting."""
    from wagtail.images import get_image_model
    from wagtail.models import Page

    if isinstance(instance, Page):
        # The listings of the page's own model (not of the class it was loaded as: a plain
        # Page saved by Wagtail is still an event), which kept answers may be checked against
        # instead of the page's tag (``narrowest``).
        model = instance.specific_class or type(instance)
        return {
            page_tag(instance.translation_key),
            page_id_tag(instance.pk),
            path_tag(instance.url_path),
            *(list_tag(cls) for cls in page_models(model)),
        }
    if isinstance(instance, get_image_model()):
        return {image_tag(instance.pk)}
    if isinstance(instance, tagged_objects()):
        return {object_tag(instance)}
    return None


def tags_of(instance):
    """The tags a save or delete of ``instance`` changes, or None when it cannot be named by
    tags (the caller then moves the global generation)."""
    from wagtail.models import Page

    tags = own_tags(instance)
    if isinstance(instance, Page):
        parent = parent_key(instance)
        if parent is not None:
            tags.add(children_tag(parent))
    elif tags is not None:
        # Listings of snippets; for images, the kind a CDN header names when it must be short.
        tags.add(list_tag(type(instance)))
    if tags is not None:
        return tags
    try:
        owner = parental_owner(instance)
    except ObjectDoesNotExist:
        # Deleted with its owner, whose own delete names the tags.
        return set()
    # A child row (an orderable, a topic) changes with its page or snippet, whose own save
    # names the listings it is in.
    return own_tags(owner) if owner is not None else None


# --- versions in the shared cache ---------------------------------------------------------------


def new_version():
    # Unique rather than counted: a version lost (evicted) and made again never matches an
    # answer kept under the old one.
    return uuid.uuid4().hex[:16]


_last_local_change = 0.0


def note_local_change():
    """Kept answers this process checked before now are checked again before their next use
    (site_pages/kept_answers.py serves them unchecked for a moment otherwise)."""
    global _last_local_change
    _last_local_change = time.monotonic()


def last_local_change():
    return _last_local_change


def bump(tags):
    """Give every tag a new version (one round trip). A cache that is down is logged: the
    change itself must not fail because a cache could not hear of it."""
    if not tags:
        return
    note_local_change()
    # Most changes name their listing already (tags_of); a child row (an orderable) names only
    # its owner, and kept answers are checked against the wider tag alone (``narrowest``).
    tags = {*tags, *filter(None, map(wider_tag, tags))}
    versions = {VERSION_PREFIX + tag: new_version() for tag in tags}
    versions[CHANGES_KEY] = new_version()
    try:
        tag_cache().set_many(versions, timeout=None)
    except Exception:
        logger.warning("Cache unreachable: could not record a content change", exc_info=True)


def changes_marker():
    """The value of the changes marker now (read before computing an answer)."""
    cache = tag_cache()
    value = cache.get(CHANGES_KEY)
    if value is None:
        cache.add(CHANGES_KEY, new_version(), timeout=None)
        value = cache.get(CHANGES_KEY)
    return value


def current_versions(tags):
    """{tag: version} now; tags never seen get a version (kept answers compare against it)."""
    cache = tag_cache()
    keys = [VERSION_PREFIX + tag for tag in tags]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, new_version(), timeout=None)
    if missing:
        found.update(cache.get_many(missing))
    return {key[len(VERSION_PREFIX) :]: value for key, value in found.items()}


def seconds_to_next_schedule(now=None):
    """Seconds until a page is due to go live or expire (None when none is scheduled)."""
    from wagtail.models import Page

    now = now or timezone.now()
    due = Page.objects.filter(Q(go_live_at__gt=now) | Q(expire_at__gt=now)).aggregate(
        go_live=Min("go_live_at", filter=Q(go_live_at__gt=now)),
        expire=Min("expire_at", filter=Q(expire_at__gt=now)),
    )
    moments = [moment for moment in due.values() if moment is not None]
    if not moments:
        return None
    return max(1, int((min(moments) - now).total_seconds()))
