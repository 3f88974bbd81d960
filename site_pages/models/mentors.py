from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.search import index

from site_pages.blocks import ColumnBodyStreamBlock
from site_pages.models.base import IndexPage, SitePage, body_field
from site_pages.submission_routes import submission_routes


class MentorColumnIndexPage(RoutablePageMixin, IndexPage):
    """'Sakura Mentor': columns by researchers working in Japan, and the form to ask the mentors
    a question (``ask/``, in every language the section is served in)."""

    def permissions_for_user(self, user):
        from site_pages.mentor_access import MentorIndexPermissionTester

        return MentorIndexPermissionTester(user, self)

    subpage_types = ["site_pages.MentorColumnPage"]

    children_order = ("-mentorcolumnpage__date",)

    class Meta:
        verbose_name = _("mentor column index page")

    ask, ask_thanks = submission_routes(
        "ask",
        "site_pages.question_intake.QUESTIONS",
        form_template="site_pages/mentor_question_form.html",
        thanks_template="site_pages/mentor_question_thanks.html",
    )


class MentorColumnTopic(TaggedItemBase):
    content_object = ParentalKey(
        "site_pages.MentorColumnPage", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class MentorColumnPageForm(WagtailAdminPageForm):
    """A mentor writing a column picks only a Mentor linked to their own account; a posted
    other mentor is an invalid choice (site_pages/mentor_access.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user, parent = self.for_user, self.parent_page
        if user is None or "mentor" not in self.fields:
            return
        where = parent if parent is not None else self.instance.get_parent()
        if where is not None and not where.permissions_for_user(user).can_publish_subpage():
            from site_pages.mentor_access import own_mentors

            field = self.fields["mentor"]
            field.queryset = field.queryset.filter(pk__in=own_mentors(user).values("pk"))

    def clean(self):
        # The Q&A block's chooser offers a mentor only their own questions; a posted id is
        # checked here, where the editing user is known (blocks validate without a request).
        cleaned_data = super().clean()
        body = cleaned_data.get("body")
        if self.for_user is None or body is None:
            return cleaned_data
        from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

        from site_pages.question_answers import unanswerable_blocks

        refused = unanswerable_blocks(self.for_user, body)
        if refused:
            self.add_error(
                "body",
                StreamBlockValidationError(
                    block_errors={
                        index: StructBlockValidationError(
                            block_errors={"question": ValidationError(message)}
                        )
                        for index, message in refused.items()
                    }
                ),
            )
        return cleaned_data


class MentorColumnPage(SitePage):
    base_form_class = MentorColumnPageForm

    mentor = models.ForeignKey(
        "site_pages.Mentor",
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="columns",
        help_text=_("The mentor who writes this column. Readers see their name and photo."),
    )
    date = models.DateField(
        _("column date"),
        default=timezone.localdate,
        help_text=_("The date readers see on the column. Columns are listed newest first."),
    )
    topics = ClusterTaggableManager(verbose_name=_("topics"), through=MentorColumnTopic, blank=True)
    body = body_field(ColumnBodyStreamBlock)

    parent_page_types = ["site_pages.MentorColumnIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("mentor"),
        FieldPanel("date"),
        FieldPanel("topics"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = [
        *SitePage.search_fields,
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("mentor"),
    ]

    class Meta:
        verbose_name = _("mentor column")

    def get_context(self, request, *args, **kwargs):
        from site_pages.fallback import Reader
        from site_pages.models.snippets import Mentor

        context = super().get_context(request, *args, **kwargs)
        # A column shown as a fallback still names its mentor in the reader's language.
        versions = Reader.for_request(request).snippet_versions(Mentor, [self.mentor_id])
        context["mentor"] = versions.get(self.mentor_id, self.mentor)
        return context

    def permissions_for_user(self, user):
        from site_pages.mentor_access import MentorColumnPermissionTester

        return MentorColumnPermissionTester(user, self)
