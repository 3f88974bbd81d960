"""What a change of content tells the shared caches (the API's and the site's kept answers).

Most changes are named by cache tags (site_pages/cache_tags.py): a save or delete of a page
(publish, unpublish, a translation synced, a scheduled go-live or expiry run by the scheduler),
an image, a snippet or a setting, or of a row that belongs to one of them (an orderable, a
topic), moves the versions of its tags, and only the kept answers that used them are dropped.

Some changes cannot be tagged precisely, and move the content generation instead: one counter
in every kept answer's key, so one increment drops them all, on every app server sharing the
cache. They are: view restrictions (they hide whole subtrees, in every language), sites and
locales, collections, documents, taggit's tags, any other watched model, and the rebuild of
readers' search. A move or a slug change names the tags of every page below (their addresses
change without any of them being saved). A draft save
(only revision bookkeeping fields) changes nothing readers see and counts for nothing.
Renditions, revisions, log entries and the models in IGNORED_MODELS never count.
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.utils import timezone

from site_pages import cache_tags, frontend_purge

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
    # Editors' rights and workflows: what they may do, not what readers see.
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupcollectionpermission",
    "wagtailcore.workflowpage",
    "wagtailcore.workflowcontenttype",
    "site_pages.outgoingemail",
    # Readers' search text follows page saves, which count already.
    "site_pages.pagesearchtext",
    # Members' submissions are private until an editor publishes something from them; counting
    # them would let anyone flush every kept answer by submitting.
    "site_pages.mentorquestion",
    "site_pages.membervoicesubmission",
    # The scheduler's claim on a time slot; what it then publishes counts by itself.
    "site_pages.scheduledrun",
    # The newsletter: its list, its sending bookkeeping, and its issues, whose drafts readers
    # never see (an issue sent or a sent one deleted moves the archive's own tag:
    # site_pages/newsletter_archive.py; the site's archive is not kept by the response cache).
    "site_pages.subscriber",
    "site_pages.newsletterdelivery",
    "site_pages.newsletterissue",
    # The record of changes follows the content changes that count already.
    "site_pages.contentevent",
    # Client apps' webhooks and their delivery log: the Secretariat's settings, never read.
    "site_pages.webhook",
    "site_pages.webhookdelivery",
}
# A new row of these changes nothing readers see (a new chapter gets its own empty collection).
INVISIBLE_WHEN_NEW = {"wagtailcore.collection"}
# A save of only these fields records a draft or a lock: the live page is unchanged.
DRAFT_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "wagtail_admin_comments",
    "locked",
    "locked_at",
    "locked_by",
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
    cache_tags.note_local_change()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            # Missing (never set, or evicted): any new value makes older keys unreachable.
            cache.set(GENERATION_KEY, int(timezone.now().timestamp() * 1000), timeout=None)
    except Exception:
        logger.warning("Cache unreachable: could not record a content change", exc_info=True)
    frontend_purge.purge(None)


def watched(sender):
    meta = getattr(sender, "_meta", None)
    return (
        meta is not None
        and meta.app_label in WATCHED_APPS
        and meta.label_lower not in IGNORED_MODELS
    )


def changed(instance):
    """Tell the caches that ``instance`` changed: its tags when it has some, else the
    generation. Tags are moved again once the transaction commits: a reader who computed an
    answer from the old rows in between would otherwise keep it under the new versions."""
    tags = cache_tags.tags_of(instance)
    if tags is None:
        content_changed()
        return
    cache_tags.bump(tags)
    transaction.on_commit(lambda: cache_tags.bump(tags))
    from wagtail.models import Page

    frontend_purge.purge(tags, pages=[instance] if isinstance(instance, Page) else ())


def on_change(sender, instance, raw=False, update_fields=None, created=False, **kwargs):
    if raw or not watched(sender):
        return
    if update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    if created and sender._meta.label_lower in INVISIBLE_WHEN_NEW:
        return
    if created and not getattr(instance, "live", True):
        # A new draft (a member's submission among them): readers cannot see it, and counting
        # it would let anyone drop kept answers by submitting.
        return
    changed(instance)


def on_m2m_change(sender, action, instance, **kwargs):
    if action.startswith("post_") and watched(type(instance)):
        changed(instance)


def on_move(instance, parent_page_before=None, parent_page_after=None, **kwargs):
    """A move changes the address of every page below (none of them is saved), and the
    children of both parents."""
    tags = cache_tags.subtree_tags(instance)
    for parent in (parent_page_before, parent_page_after):
        if parent is not None:
            tags.add(cache_tags.children_tag(parent.translation_key))
    cache_tags.bump(tags)
    transaction.on_commit(lambda: cache_tags.bump(tags))
    frontend_purge.purge(tags, pages=[instance])


def on_slug_change(instance, **kwargs):
    # Sent once the transaction commits (Wagtail): the pages below have their new addresses.
    tags = cache_tags.subtree_tags(instance)
    cache_tags.bump(tags)
    frontend_purge.purge(tags, pages=[instance])


def connect():
    from wagtail.signals import page_slug_changed, post_page_move

    post_save.connect(on_change, dispatch_uid="content-changes-save")
    post_delete.connect(on_change, dispatch_uid="content-changes-delete")
    m2m_changed.connect(on_m2m_change, dispatch_uid="content-changes-m2m")
    post_page_move.connect(on_move, dispatch_uid="content-changes-move")
    page_slug_changed.connect(on_slug_change, dispatch_uid="content-changes-slug")
    # What the site's kept pages read (site_pages/page_cache.py).
    post_init.connect(cache_tags.on_instance, dispatch_uid="cache-tags-read")
