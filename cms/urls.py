from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from graphql_api.views import graphql_view
from site_pages import (
    calendars,
    chapter_start,
    newsletter_archive,
    newsletter_views,
    private_documents,
    review_messages,
)
from site_pages import views as site_views
from site_pages.accounts.password_reset import ThrottledPasswordResetView
from site_pages.feeds import EventsFeed, MentorColumnsFeed
from site_pages.page_cache import kept_for_readers
from site_pages.rendition_view import PresetRenditionView
from site_pages.sitemaps import PageSitemap

# Django's own 400s (a bad Host header, too many parameters) in the API's JSON form there.
handler400 = "graphql_api.views.bad_request"

urlpatterns = [
    # Throttled ahead of Wagtail's own view at the same address (site_pages/accounts/).
    path(
        "admin/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    # Wagtail's workflow actions, followed by a message saying what they did (site_pages/
    # review_messages.py); the address and its name stay Wagtail's.
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        review_messages.workflow_action,
    ),
    # Wagtail's page chooser, opening at a chapter editor's chapter (site_pages/chapter_start.py).
    path("admin/choose-page/", chapter_start.browse, name="wagtailadmin_choose_page"),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document address, served with restricted collections kept private
    # (site_pages/private_documents.py); Wagtail's own view serves public documents.
    re_path(r"^documents/(\d+)/(.*)$", private_documents.serve),
    path("documents/", include(wagtaildocs_urls)),
    # Signed addresses of preset renditions not made yet (site_pages/renditions.py).
    re_path(
        r"^images/([^/]*)/(\d*)/([^/]*)/$",
        PresetRenditionView.as_view(),
        name="image_rendition",
    ),
    path("graphql/", graphql_view(), name="graphql"),
    # One sitemap for every language: each entry lists its translations as alternates.
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PageSitemap}}, name="sitemap"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Reader-facing pages live under a language prefix (/en/, /ja/ ...), one page tree per locale.
# Search and the feeds come first: Wagtail's catch-all serves every other address.
urlpatterns += i18n_patterns(
    path("search/", site_views.search, name="search"),
    # Feeds and calendars are the same for every reader: kept (site_pages/page_cache.py).
    path("feeds/events/", kept_for_readers(EventsFeed()), name="events_feed"),
    path("feeds/columns/", kept_for_readers(MentorColumnsFeed()), name="columns_feed"),
    path("events.ics", kept_for_readers(calendars.all_events), name="events_calendar"),
    path(
        "chapters/<slug:slug>/events.ics",
        kept_for_readers(calendars.chapter_events),
        name="chapter_calendar",
    ),
    # The newsletter (site_pages/newsletter_views.py, newsletter_archive.py).
    path("newsletter/", kept_for_readers(newsletter_archive.archive), name="newsletter_archive"),
    path(
        "newsletter/<int:year>-<int:month>/",
        kept_for_readers(newsletter_archive.issue),
        name="newsletter_issue",
    ),
    path("newsletter/subscribe/", newsletter_views.subscribe, name="newsletter_subscribe"),
    path(
        "newsletter/subscribe/thanks/",
        newsletter_views.subscribe_thanks,
        name="newsletter_subscribe_thanks",
    ),
    path("newsletter/confirm/<str:value>/", newsletter_views.confirm, name="newsletter_confirm"),
    path(
        "newsletter/unsubscribe/<str:value>/",
        newsletter_views.unsubscribe,
        name="newsletter_unsubscribe",
    ),
    path(
        "newsletter/preferences/<str:value>/",
        newsletter_views.preferences,
        name="newsletter_preferences",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
