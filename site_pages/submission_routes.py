"""The routes of a section that takes members' submissions (MentorColumnIndexPage's ``ask/``,
MemberVoiceIndexPage's ``share/``): the form, and the page that thanks the sender."""

from django.utils.module_loading import import_string
from wagtail.contrib.routable_page.models import path


def submission_routes(route, intake, form_template, thanks_template):
    """The views of ``<route>/`` (the form, named ``route``) and ``<route>/thanks/`` (named
    ``<route>_thanks``), for a RoutablePageMixin page to hold as two attributes. ``intake`` is
    the dotted path of the Intake, imported at the first request: the intake modules import the
    models, as ``submission_views.py`` does."""
    thanks_route = f"{route}_thanks"

    @path(f"{route}/", name=route)
    def form(self, request):
        from site_pages.submission_views import form_page

        return form_page(
            self,
            request,
            intake=import_string(intake),
            template=form_template,
            thanks_route=thanks_route,
        )

    @path(f"{route}/thanks/", name=thanks_route)
    def thanks(self, request):
        from site_pages.submission_views import thanks_page

        return thanks_page(self, request, template=thanks_template)

    return form, thanks
