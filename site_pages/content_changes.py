"""The content generation: one counter that moves whenever anything readers could see changes.

Caches shared by every app server (the API's response cache, graphql_api/response_cache.py)
put the generation in their keys, so one increment makes all their older entries unreachable
at once, on every server sharing the cache. Every save or delete of content, media, privacy or
settings counts (a draft save too: cheaper to count than to tell apart); renditions, revisions
of other objects and log entries do not.
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

logger = logging.getLogger(__name__)

GENERATION_KEY = "content:generation"
# Models whose rows readers see, directly or through what they decide (privacy, sites, locales).
WATCHED_APPS = {"site_pages", "wagtailcore", "wagtailimages", "wagtaildocs", "taggit"}
# Written while serving readers, or bookkeeping that changes nothing they see.
IGNORED_MODELS = {
    "wagtailimages.rendition",
    "wagtailcore.revision",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.uploadedfile",
    "wagtailcore.referenceindex",
    "site_pages.outgoingemail",
    # Readers' search text follows page saves, which count already.
    "site_pages.pagesearchtext",
    # Members' submissions are private until an editor publishes something from them; counting
    # them would let anyone flush every kept answer by submitting.
    "site_pages.mentorquestion",
}


def generation_cache():
    return caches[settings.SAKURA_RESPONSE_CACHE["CACHE"]]


def generation():
    cache = generation_cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def content_changed():
    """Move the generation on. A cache that is down is logged, not raised: the change itself
    must not fail because a cache could not hear of it."""
    cache = generation_cache()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            # Missing (never set, or evicted): any new value makes older keys unreachable.
            cache.set(GENERATION_KEY, int(timezone.now().timestamp() * 1000), timeout=None)
    except Exception:
        logger.warning("Cache unreachable: could not record a content change", exc_info=True)


def watched(sender):
    meta = getattr(sender, "_meta", None)
    return (
        meta is not None
        and meta.app_label in WATCHED_APPS
        and meta.label_lower not in IGNORED_MODELS
    )


def on_change(sender, raw=False, **kwargs):
    if not raw and watched(sender):
        content_changed()


def on_m2m_change(sender, action, instance, **kwargs):
    if action.startswith("post_") and watched(type(instance)):
        content_changed()


def connect():
    post_save.connect(on_change, dispatch_uid="content-changes-save")
    post_delete.connect(on_change, dispatch_uid="content-changes-delete")
    m2m_changed.connect(on_m2m_change, dispatch_uid="content-changes-m2m")
