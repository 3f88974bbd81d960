"""The archive of sent newsletter issues on the site, per language: ``/<lang>/newsletter/`` lists
the issues sent in that language, ``/<lang>/newsletter/<yyyy>-<mm>/`` shows one as approved
(without any subscriber's links). Drafts and issues still sending are not there. The API's
``newsletterIssues`` lists the same issues (``sent_issues``).

Both pages are kept for anonymous readers like the site's pages (``page_cache.py``) and by a CDN,
under the archive's cache tag. Issues are not content the caches watch
(``content_changes.IGNORED_MODELS``: drafts change nothing readers see, and sending marks rows
by UPDATE): ``archive_changed`` moves the archive's tag, and purges it, when an issue is sent or
a sent one is deleted."""

import datetime

from django.http import Http404
from django.template.response import TemplateResponse

from site_pages import cache_tags, frontend_purge
from site_pages.models import IssueStatus, NewsletterIssue
from site_pages.newsletter import titled
from site_pages.newsletter_mail import month_label, paragraphs, subject_of
from site_pages.newsletter_views import reader_language


def sent_issues(language):
    return NewsletterIssue.objects.filter(language=language, status=IssueStatus.SENT).order_by(
        "-month"
    )


def archive_tag():
    return cache_tags.list_tag(NewsletterIssue)


def used_archive():
    """An answer being computed lists sent issues."""
    cache_tags.use(archive_tag())


def archive_changed():
    """The sent issues changed: kept answers that list them are stale, here and on the CDN."""
    cache_tags.bump([archive_tag()])
    frontend_purge.purge({archive_tag()})


def sent_issue_deleted(sender, instance, **kwargs):
    """``post_delete`` receiver: a sent issue taken out of the archive."""
    if instance.status == IssueStatus.SENT:
        archive_changed()


def archive(request):
    used_archive()
    issues = [
        {"issue": issue, "month": month_label(issue)} for issue in sent_issues(reader_language())
    ]
    context = {"issues": issues, "switch_same_path": True}
    return TemplateResponse(request, "site_pages/newsletter/archive.html", context)


def issue(request, year, month):
    try:
        first_day = datetime.date(year, month, 1)
    except (ValueError, OverflowError) as error:
        # A year or month of twenty digits overflows before it is out of range.
        raise Http404 from error
    used_archive()
    found = sent_issues(reader_language()).filter(month=first_day).first()
    if found is None:
        raise Http404
    context = {
        "issue": found,
        "subject": subject_of(found),
        "intro": paragraphs(found.intro),
        "sections": titled(found.content),
    }
    return TemplateResponse(request, "site_pages/newsletter/issue.html", context)
