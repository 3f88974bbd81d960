"""The Secretariat's side of the newsletter in the admin: the issues' snippet views (in
``wagtail_hooks.py``), the mail's preview, and "Approve and send".

Issues are site_pages models, so the Secretariat holds every permission on them and nobody else
any (``roles.py``): chapter editors and mentors can neither see nor preview an issue. Approving
needs its own permission, ``site_pages.approve_newsletterissue``, which the Secretariat group
gets with the rest; an issue is sent only through it (``newsletter_sending.approve``). Once
approved, an issue's form refuses changes, so the archive shows what was sent.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets.button import Button

from site_pages.models import NewsletterIssue
from site_pages.newsletter_mail import preview_context
from site_pages.newsletter_sending import NotADraft, approve, recipients

APPROVE_PERMISSION = "site_pages.approve_newsletterissue"
VIEW_PERMISSION = "site_pages.view_newsletterissue"


class NewsletterIssueForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and not self.instance.is_draft:
            raise ValidationError(
                _("This issue has been approved: it is sent as it was, and stays so."),
                code="approved",
            )
        return cleaned


def may_approve(user):
    return user.has_perm(APPROVE_PERMISSION)


@xframe_options_sameorigin
def preview(request, pk):
    """The mail as a subscriber of every chapter receives it (HTML, or ``?mode=text``)."""
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    mode = "text" if request.GET.get("mode") == "text" else "html"
    context = preview_context(issue, mode)
    if mode == "text":
        return HttpResponse(context["text"], content_type="text/plain; charset=utf-8")
    return HttpResponse(context["html"])


def approve_view(request, pk):
    if not may_approve(request.user):
        raise PermissionDenied
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    listing = reverse("wagtailsnippets_site_pages_newsletterissue:list")
    if not issue.is_draft:
        messages.error(request, _("This issue has been approved already."))
        return redirect(listing)
    if request.method == "POST":
        try:
            approve(issue, request.user)
        except NotADraft:
            messages.error(request, _("This issue has been approved already."))
        else:
            messages.success(
                request,
                _("Approved: the issue is being sent to its subscribers."),
            )
        return redirect(listing)
    context = {
        "issue": issue,
        "recipient_count": recipients(issue).count(),
        "preview_url": reverse("newsletter_admin:preview", args=[issue.pk]),
        "listing_url": listing,
    }
    return TemplateResponse(request, "site_pages/admin/newsletter_approve.html", context)


app_name = "newsletter_admin"
urlpatterns = [
    path("newsletter/issues/<int:pk>/preview/", preview, name="preview"),
    path("newsletter/issues/<int:pk>/approve/", approve_view, name="approve"),
]


def listing_buttons(issue, user):
    yield Button(
        _("Preview the mail"),
        reverse("newsletter_admin:preview", args=[issue.pk]),
        icon_name="view",
        priority=15,
    )
    if issue.is_draft and may_approve(user):
        yield Button(
            _("Approve and send"),
            reverse("newsletter_admin:approve", args=[issue.pk]),
            icon_name="mail",
            priority=16,
        )
