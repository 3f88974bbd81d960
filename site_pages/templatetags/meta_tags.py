"""What goes into <head> for search engines, link previews and feed readers: description,
canonical address, hreflang alternates, OpenGraph and the feeds."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import to_locale
from wagtail.models import Page

from site_pages.alternates import ordered, versions_by_key, x_default
from site_pages.fallback import Reader
from site_pages.image_presets import get_preset
from site_pages.pictures import page_image
from site_pages.renditions import budget_for
from site_pages.sites import site_for_request

register = template.Library()

ARTICLE_TYPES = {"EventPage", "MentorColumnPage", "MemberVoicePage"}


def absolute(request, url):
    return request.build_absolute_uri(url) if url else None


def feeds():
    """The site's feeds in the active language (their URLs carry its prefix)."""
    return [
        ("application/rss+xml", _("Sakura Science Club events"), reverse("events_feed")),
        ("application/atom+xml", _("Sakura Mentor columns"), reverse("columns_feed")),
    ]


@register.inclusion_tag("site_pages/includes/meta.html", takes_context=True)
def page_meta(context):
    request = context.get("request")
    page = context.get("page")
    meta = {"feeds": feeds(), "noindex": context.get("noindex", False)}
    if request is None or not isinstance(page, Page):
        return meta
    url = absolute(request, page.get_url(request))
    reader = Reader.for_request(request)
    # A page being created in preview has no locale row of its own yet to look up.
    language = reader.language_of(page) or page.locale.language_code
    meta.update(
        title=page.seo_title or page.title,
        description=getattr(page, "meta_description", "") or page.search_description,
        canonical=url,
        og_type="article" if type(page).__name__ in ARTICLE_TYPES else "website",
        og_locale=to_locale(language),
    )
    if page.pk:
        site = site_for_request(request)
        versions = versions_by_key([page], site, reader.visibility).get(page.translation_key, {})
        if len(versions) > 1:
            meta["alternates"] = [
                (code, absolute(request, version.get_url(request)))
                for code, version in ordered(versions)
            ]
            default = x_default(versions, page)
            meta["x_default"] = absolute(request, default.get_url(request))
            meta["og_locale_alternates"] = [
                to_locale(code) for code in versions if code != language
            ]
    image = page_image(page)
    if image is not None:
        # Link-preview crawlers read JPEG everywhere; the share preset is one 1200x630 crop.
        rendition = budget_for(request).get(image, get_preset("share").spec(format="jpeg"))
        meta["image"] = {
            "url": absolute(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.default_alt_text,
        }
    return meta
