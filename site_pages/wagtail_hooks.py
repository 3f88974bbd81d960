from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from site_pages import page_cache
from site_pages.models import (
    MemberVoiceSubmission,
    Mentor,
    MentorQuestion,
    NetworkContact,
    NewsletterIssue,
    Person,
    Subscriber,
)


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "country", "programme_year", "affiliation"]
    list_filter = ["country", "programme_year"]
    ordering = ["name"]


class MentorViewSet(SnippetViewSet):
    model = Mentor
    icon = "group"
    menu_label = _("Mentors")
    list_display = ["name", "position", "affiliation", "research_field"]
    list_filter = ["country_of_origin"]
    ordering = ["name"]


class PeopleViewSetGroup(SnippetViewSetGroup):
    items = (PersonViewSet, MentorViewSet)
    menu_icon = "group"
    menu_label = _("People")
    menu_name = "people"


register_snippet(PeopleViewSetGroup)


class NetworkContactViewSet(SnippetViewSet):
    """The contact details the network settings point at, one version per language."""

    model = NetworkContact
    icon = "mail"
    menu_label = _("Network contacts")
    list_display = ["name", "contact_email", "contact_phone"]


register_snippet(NetworkContactViewSet)


class MentorQuestionViewSet(SnippetViewSet):
    """The Secretariat's triage of members' questions (who may see them:
    site_pages/submission_access.py)."""

    model = MentorQuestion
    icon = "help"
    menu_label = _("Mentor questions")
    menu_name = "mentor_questions"
    add_to_admin_menu = True
    menu_order = 250
    list_display = [
        "__str__",
        "topic",
        "language",
        "status",
        "assigned_mentor",
        "consent_to_quote",
        "created_at",
    ]
    list_filter = [
        "status",
        "topic",
        "language",
        "assigned_mentor",
        "mentor_asked",
        "consent_to_quote",
    ]
    # The model is not in the search index (it holds personal data): the database searches.
    search_fields = ["question"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50


register_snippet(MentorQuestionViewSet)


class MemberVoiceSubmissionViewSet(SnippetViewSet):
    """Members' Voice submissions, for the Secretariat (site_pages/submission_access.py): who
    sent each draft page and how to reach them. The pages themselves wait in the workflow, on
    the Secretariat's dashboard ("Awaiting your review")."""

    model = MemberVoiceSubmission
    icon = "openquote"
    menu_label = _("Voice submissions")
    menu_name = "voice_submissions"
    add_to_admin_menu = True
    menu_order = 251
    list_display = ["__str__", "language", "status", "created_at", "review_link"]
    list_filter = ["language", "consent_to_publish"]
    # Personal data stays out of the search index: the database searches.
    search_fields = ["page__title"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50

    def get_queryset(self, request):
        # Every row shows its page's title and state.
        return MemberVoiceSubmission.objects.select_related("page")


register_snippet(MemberVoiceSubmissionViewSet)


# --- The newsletter (site_pages/newsletter_admin.py) -------------------------------------------


class NewsletterIssueViewSet(SnippetViewSet):
    """Monthly issues per language: the Secretariat writes the introduction, checks the preview
    and approves, which sends the issue."""

    model = NewsletterIssue
    icon = "mail"
    menu_label = _("Issues")
    menu_name = "newsletter_issues"
    list_display = ["__str__", "language", "status", "recipient_count", "sent_at"]
    list_filter = ["language", "status"]
    search_backend_name = None
    ordering = ["-month", "language"]

    @property
    def edit_handler(self):
        from site_pages.newsletter_admin import NewsletterIssueForm

        return ObjectList(NewsletterIssue.panels, base_form_class=NewsletterIssueForm)


class SubscriberViewSet(SnippetViewSet):
    """The newsletter's list, for the Secretariat only (site_pages/submission_access.py): the
    addresses are personal data. Readers subscribe themselves; nobody adds one here."""

    model = Subscriber
    icon = "user"
    menu_label = _("Subscribers")
    menu_name = "newsletter_subscribers"
    list_display = ["email", "language", "confirmed_at", "created_at"]
    list_filter = ["language"]
    search_fields = ["email"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50


class NewsletterViewSetGroup(SnippetViewSetGroup):
    items = (NewsletterIssueViewSet, SubscriberViewSet)
    menu_icon = "mail"
    menu_label = _("Newsletter")
    menu_name = "newsletter"
    menu_order = 252


register_snippet(NewsletterViewSetGroup)


@hooks.register("register_admin_urls")
def register_how_to_urls():
    from site_pages import how_to

    return [path("", include((how_to.urlpatterns, "site_how_to"), namespace="site_how_to"))]


@hooks.register("register_admin_menu_item")
def register_how_to_menu_item():
    from site_pages import how_to

    return how_to.menu_item()


@hooks.register("register_admin_urls")
def register_newsletter_urls():
    from site_pages import newsletter_admin

    return [
        path(
            "",
            include(
                (newsletter_admin.urlpatterns, newsletter_admin.app_name),
                namespace=newsletter_admin.app_name,
            ),
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def newsletter_issue_buttons(snippet, user, next_url=None):
    if isinstance(snippet, NewsletterIssue):
        from site_pages.newsletter_admin import listing_buttons

        yield from listing_buttons(snippet, user)


# Pages Wagtail serves may be kept for anonymous readers (site_pages/page_cache.py).
hooks.register("before_serve_page", page_cache.before_serve_page)


@hooks.register("construct_homepage_panels")
def add_chapter_panel(request, panels):
    from site_pages.chapter_dashboard import panel_for

    panel = panel_for(request.user)
    if panel is not None:
        panels.append(panel)


@hooks.register("construct_main_menu")
def start_explorer_at_chapter(request, menu_items):
    from site_pages.chapter_start import start_explorer_at_chapter

    start_explorer_at_chapter(request, menu_items)


@hooks.register("construct_homepage_panels")
def add_role_panels(request, panels):
    from site_pages.role_dashboards import columns_panel_for, secretariat_panels_for

    columns = columns_panel_for(request.user)
    if columns is not None:
        panels.append(columns)
    panels.extend(secretariat_panels_for(request.user))


@hooks.register("construct_homepage_panels")
def add_assigned_questions_panel(request, panels):
    from site_pages.question_dashboard import panel_for

    panel = panel_for(request.user)
    if panel is not None:
        panels.append(panel)


# --- Translations (site_pages/translations/) ---------------------------------------------------


@hooks.register("register_admin_urls", order=-1)
def register_translation_urls():
    """Ahead of wagtail-localize's own (order -1): some of these serve its addresses with
    permission checks (site_pages/translations/urls.py)."""
    from site_pages.translations import urls

    return [path("", include((urls.urlpatterns, urls.app_name), namespace=urls.app_name))]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        from site_pages.translations.views import can_see_report

        return can_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_status_report():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("site_translations:status_report"),
        icon_name="wagtail-localize-language",
        order=8900,
    )


# --- Accounts (site_pages/accounts/) ----------------------------------------------------------


def register_user_bulk_actions():
    from site_pages.accounts import bulk_actions

    # After Wagtail's own (order 1): same action types, so these replace them.
    for action_class in (
        bulk_actions.LimitedAssignRoleBulkAction,
        bulk_actions.LimitedSetActiveStateBulkAction,
        bulk_actions.LimitedDeleteBulkAction,
    ):
        hooks.register("register_bulk_action", action_class, order=1)


register_user_bulk_actions()


@hooks.register("register_user_listing_buttons")
def user_reset_link_button(user, request_user):
    from site_pages.accounts.views import may_send_reset, reset_link_button

    if may_send_reset(request_user, user):
        yield reset_link_button(user)


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    from site_pages.accounts import two_factor

    return [path("", include((two_factor.urlpatterns, two_factor.app_name)))]


@hooks.register("register_log_actions")
def register_two_factor_reset_action(actions):
    from site_pages.accounts.two_factor_reset import LOG_ACTION

    actions.register_action(
        LOG_ACTION, _("Reset two-factor sign-in"), _("Two-factor sign-in reset")
    )


@hooks.register("register_log_actions")
def register_newsletter_approval_action(actions):
    from site_pages.newsletter_sending import APPROVE_ACTION

    actions.register_action(APPROVE_ACTION, _("Approve and send"), _("Approved and sent"))


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor:manage"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Ask for a code from your phone after your password."),
    }


# --- Page access beyond subtrees (site_pages/mentor_access.py) --------------------------------


@hooks.register("register_admin_viewset")
def register_question_chooser():
    from site_pages.question_chooser import question_chooser_viewset

    return question_chooser_viewset


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser(pages, request):
    from site_pages.mentor_access import choosable_pages, page_policy

    return choosable_pages(pages, request.user, page_policy())


@hooks.register("before_edit_page", order=-1)
def refuse_publishing_a_translation_with_problems(request, page):
    """wagtail-localize's "Publish" in the translation editor leaves segments with errors out
    and publishes the rest; a translation with a refused link or invalid string is not
    published at all until the translator corrects it (``translations/validation.py``)."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    from wagtail_localize.models import Translation

    from site_pages.translations.validation import translation_problems

    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )
    problems = translation_problems(translation) if translation else []
    if not problems:
        return None
    messages.error(
        request,
        _("Not published. Correct the translation first: %(problems)s")
        % {"problems": "; ".join(problems)},
    )
    return redirect(request.path)


@hooks.register("before_edit_page")
def say_when_a_translation_is_out_of_date(request, page):
    """The page editor of an out-of-date translation says so, and what brings it up to date."""
    if request.method != "GET":
        return None
    from site_pages.translations.status import out_of_date_notice

    notice = out_of_date_notice(page)
    if notice:
        messages.warning(request, notice)
    return None


@hooks.register("construct_page_action_menu")
def hide_convert_to_alias(menu_items, request, context):
    """wagtail-localize's "Convert to alias page" only for those who may use it (the view refuses
    everybody else: ``translations/permissions.py``)."""
    from site_pages.translations.permissions import can_convert_to_alias

    page = context.get("page")
    if page is not None and not can_convert_to_alias(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


# --- View restrictions cover every language version (site_pages/private_pages.py) -------------


@hooks.register("on_serve_page")
def check_restrictions_of_every_language_version(callback):
    from site_pages.private_pages import serve_within_restrictions

    def serve(page, request, serve_args, serve_kwargs):
        return serve_within_restrictions(callback, page, request, serve_args, serve_kwargs)

    return serve


def register_webhooks():
    from site_pages import webhook_admin

    register_snippet(webhook_admin.WebhookViewSet)
    hooks.register("register_admin_urls", webhook_admin.urls)
    hooks.register("register_snippet_listing_buttons", webhook_admin.listing_buttons)


register_webhooks()
