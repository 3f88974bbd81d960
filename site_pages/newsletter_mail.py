"""An issue of the newsletter as a mail: the subject, a plain-text and an HTML body in the issue's
language, and the headers of RFC 2369 / RFC 8058 (``List-Unsubscribe`` with the subscriber's
signed one-click address, ``List-Unsubscribe-Post``). The admin's preview renders the same
templates (``NewsletterIssue.get_preview_context``)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from site_pages.newsletter import for_chapters, titled
from site_pages.newsletter_links import PREFERENCES, UNSUBSCRIBE, absolute, link


def month_label(issue):
    with translation.override(issue.language):
        return formats.date_format(issue.month, "YEAR_MONTH_FORMAT")


def subject_of(issue):
    with translation.override(issue.language):
        return _("Sakura Science Club newsletter, %(month)s") % {"month": month_label(issue)}


def paragraphs(text):
    return [
        " ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()
    ]


def archive_url(issue):
    with translation.override(issue.language):
        return absolute(
            reverse("newsletter_issue", args=[issue.month.year, f"{issue.month.month:02d}"])
        )


def bodies(issue, content, *, unsubscribe_url, preferences_url):
    """(text, html) of ``issue`` with ``content`` (already filtered for its reader)."""
    with translation.override(issue.language):
        context = {
            "issue": issue,
            "subject": subject_of(issue),
            "month": month_label(issue),
            "intro": paragraphs(issue.intro),
            "sections": titled(content),
            "unsubscribe_url": unsubscribe_url,
            "preferences_url": preferences_url,
            "archive_url": archive_url(issue),
        }
        text = render_to_string("site_pages/mail/newsletter_issue.txt", context)
        html = render_to_string("site_pages/mail/newsletter_issue.html", context)
    return text, html


def message_for(issue, subscriber, connection=None):
    """The mail of ``issue`` to ``subscriber``, with only their chapters' news."""
    keys = [str(key) for key in subscriber.chapters.values_list("translation_key", flat=True)]
    unsubscribe_url = link(subscriber, UNSUBSCRIBE, issue.language)
    text, html = bodies(
        issue,
        for_chapters(issue.content, keys),
        unsubscribe_url=unsubscribe_url,
        preferences_url=link(subscriber, PREFERENCES, issue.language),
    )
    message = EmailMultiAlternatives(
        subject=subject_of(issue),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        connection=connection,
        headers={
            "Content-Language": issue.language,
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def preview_context(issue, mode):
    """The admin's preview: the mail as a subscriber of every chapter gets it, without links of a
    real subscriber."""
    text, html = bodies(issue, issue.digest(), unsubscribe_url="#", preferences_url="#")
    return {"mode": mode, "text": text, "html": html}
