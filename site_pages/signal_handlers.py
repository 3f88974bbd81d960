"""Signals that keep editors' rights and readers' search in step with the page tree."""

from django.db.models.signals import post_save


def grant_new_chapter_access(sender, instance, created, raw=False, **kwargs):
    """A new ChapterPage (or a new translation of one) gets its editors' group and rights at
    once, so that the secretariat never has to remember to set them up by hand."""
    if created and not raw:
        from site_pages.roles import ensure_chapter_access

        ensure_chapter_access(instance)


def grant_new_mentor_section_access(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from site_pages.roles import ensure_mentors

        ensure_mentors()


def index_for_readers(sender, instance, raw=False, **kwargs):
    """Every save of a page (publish, unpublish, a draft revision, a move, an alias update)
    brings its row of readers' search in step with the live content; a delete removes the
    row by cascade."""
    from wagtail.models import Page

    if not raw and isinstance(instance, Page) and instance.pk is not None:
        from site_pages.search import index_page

        index_page(instance.pk)


def sync_content_locales(sender, app_config=None, using="default", **kwargs):
    """After every migrate (and every test-database flush), each content language in settings
    has its Locale, without a migration per language."""
    if app_config is not None and app_config.label == "site_pages":
        from site_pages.locales import sync_locales

        sync_locales()


def connect():
    from django.db.models.signals import post_delete, post_migrate
    from wagtail.signals import page_published

    from site_pages import content_changes, content_events, webhooks
    from site_pages.models import (
        ChapterPage,
        MentorColumnIndexPage,
        MentorColumnPage,
        NewsletterIssue,
    )
    from site_pages.newsletter_archive import sent_issue_deleted
    from site_pages.question_answers import answer_questions

    post_migrate.connect(sync_content_locales, dispatch_uid="sync-content-locales")
    content_changes.connect()
    content_events.connect()
    webhooks.connect()
    page_published.connect(answer_questions, sender=MentorColumnPage, dispatch_uid="mentor-answers")
    post_save.connect(index_for_readers, dispatch_uid="readers-search-index")
    post_delete.connect(
        sent_issue_deleted, sender=NewsletterIssue, dispatch_uid="newsletter-archive"
    )
    post_save.connect(grant_new_chapter_access, sender=ChapterPage, dispatch_uid="chapter-access")
    post_save.connect(
        grant_new_mentor_section_access,
        sender=MentorColumnIndexPage,
        dispatch_uid="mentor-section-access",
    )
