"""The newsletter on the site, in every language (``/<lang>/newsletter/...``): the subscription
form, and the pages the signed links of the mails open (``newsletter_links.py``).

Confirming and unsubscribing happen on POST only: mail scanners open links, and must neither
confirm an address nobody asked for nor unsubscribe anyone. The unsubscribe address takes a POST
without a session or CSRF token (RFC 8058 one-click: mail clients POST
``List-Unsubscribe=One-Click`` to it); what it can do is end the subscription its signed token
names, nothing else. Pages reached through a token are never stored by a browser or a CDN.
"""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms.http_cache import never_store
from site_pages.locales import content_language_codes
from site_pages.newsletter_form import PreferencesForm
from site_pages.newsletter_intake import SUBSCRIPTIONS
from site_pages.newsletter_links import CONFIRM, PREFERENCES, UNSUBSCRIBE, signed, subscriber_for
from site_pages.submission_views import handle_form


def reader_language():
    language = translation.get_language()
    return language if language in content_language_codes() else content_language_codes()[0]


def render(request, template, context=None, status=200):
    context = {"noindex": True, "switch_same_path": True, **(context or {})}
    return TemplateResponse(request, f"site_pages/newsletter/{template}", context, status=status)


def personal(response):
    never_store(response)
    return response


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form, status = handle_form(request, SUBSCRIPTIONS, reader_language())
    if form is None:
        return redirect("newsletter_subscribe_thanks")
    return render(request, "subscribe.html", {"form": form}, status=status)


def subscribe_thanks(request):
    return render(request, "subscribe_thanks.html")


def invalid_link(request):
    return personal(render(request, "invalid_link.html", status=404))


@require_http_methods(["GET", "POST"])
def confirm(request, value):
    subscriber = subscriber_for(value, CONFIRM)
    if subscriber is None:
        return invalid_link(request)
    if request.method == "POST":
        if subscriber.confirmed_at is None:
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["confirmed_at"])
        path = reverse("newsletter_preferences", args=[signed(subscriber, PREFERENCES)])
        return redirect(path + "?confirmed=1")
    return personal(render(request, "confirm.html", {"subscriber": subscriber}))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, value):
    subscriber = subscriber_for(value, UNSUBSCRIBE)
    if request.method == "POST":
        # Deleting an address that is already gone changes nothing: a one-click unsubscribe
        # sent twice, or after the button, still says it is done.
        if subscriber is not None:
            subscriber.delete()
        return personal(render(request, "unsubscribed.html"))
    if subscriber is None:
        return invalid_link(request)
    return personal(render(request, "unsubscribe.html", {"action": request.path}))


@require_http_methods(["GET", "POST"])
def preferences(request, value):
    subscriber = subscriber_for(value, PREFERENCES)
    if subscriber is None or not subscriber.confirmed:
        return invalid_link(request)
    language = reader_language()
    if request.method == "POST":
        form = PreferencesForm(request.POST, language=language)
        if form.is_valid():
            subscriber.language = form.cleaned_data["language"]
            subscriber.save(update_fields=["language"])
            subscriber.chapters.set(form.cleaned_data["chapters"])
            return redirect(reverse("newsletter_preferences", args=[value]) + "?saved=1")
    else:
        form = PreferencesForm(
            language=language,
            initial={
                "language": subscriber.language,
                "chapters": [chapter.slug for chapter in subscriber.chapters.all()],
            },
        )
    context = {
        "form": form,
        "saved": request.method == "GET" and request.GET.get("saved") == "1",
        "confirmed": request.method == "GET" and request.GET.get("confirmed") == "1",
        "unsubscribe_url": reverse(
            "newsletter_unsubscribe", args=[signed(subscriber, UNSUBSCRIBE)]
        ),
    }
    return personal(render(request, "preferences.html", context))
