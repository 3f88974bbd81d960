"""The Secretariat's admin for webhooks: the snippet forms, each webhook's delivery log and its
"Send test" button. Superusers and the Secretariat (who hold the ``site_pages`` model
permissions, ``site_pages/roles.py``) only: editors and mentors hold none on webhooks, so they
neither see them nor read a secret."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.views.snippets import SnippetViewSet

from site_pages.models import ContentEventKind, Webhook, WebhookDelivery

LOG_LENGTH = 100


def may_manage(user):
    return user.has_perm("site_pages.change_webhook")


class WebhookForm(WagtailAdminModelForm):
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The receiver's address (http or https), called with a POST per event."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=ContentEventKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The kinds of content events sent to this webhook."),
    )

    class Meta:
        model = Webhook
        fields = ["name", "url", "secret", "events", "locales", "active"]
        widgets = {"locales": forms.CheckboxSelectMultiple}


class WebhookViewSet(SnippetViewSet):
    model = Webhook
    icon = "link"
    menu_label = _("Webhooks")
    add_to_settings_menu = True
    list_display = ["name", "url", "active"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("secret"),
            FieldPanel("events"),
            FieldPanel("locales"),
            FieldPanel("active"),
        ],
        base_form_class=WebhookForm,
    )


def listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Webhook) and may_manage(user):
        yield ListingButton(
            _("Deliveries"),
            reverse("webhook_deliveries", args=[snippet.pk]),
            icon_name="history",
            priority=20,
        )


class DeliveriesView(WagtailAdminTemplateMixin, TemplateView):
    """The latest attempts at delivering to one webhook, newest first."""

    template_name = "site_pages/admin/webhook_deliveries.html"
    header_icon = "link"

    def dispatch(self, request, *args, **kwargs):
        if not may_manage(request.user):
            raise PermissionDenied
        self.webhook = get_object_or_404(Webhook, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Deliveries to “%(name)s”") % {"name": self.webhook.name}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["webhook"] = self.webhook
        context["deliveries"] = WebhookDelivery.objects.filter(webhook=self.webhook)[:LOG_LENGTH]
        context["edit_url"] = reverse(
            "wagtailsnippets_site_pages_webhook:edit", args=[self.webhook.pk]
        )
        return context


@require_POST
def send_test_view(request, pk):
    from site_pages.webhooks import send_test

    if not may_manage(request.user):
        raise PermissionDenied
    webhook = get_object_or_404(Webhook, pk=pk)
    if not webhook.active:
        messages.error(request, _("This webhook is not active: activate it to send a test."))
    else:
        send_test(webhook)
        messages.success(
            request,
            _("A test delivery is queued; its result appears below once the worker has sent it."),
        )
    return redirect("webhook_deliveries", pk=webhook.pk)


def urls():
    return [
        path("webhooks/<int:pk>/deliveries/", DeliveriesView.as_view(), name="webhook_deliveries"),
        path("webhooks/<int:pk>/send-test/", send_test_view, name="webhook_send_test"),
    ]
