"""StreamField blocks shared by every page body.

Each block has an icon for the editor and a template for the public site; the GraphQL API
maps each one to a typed object (graphql_api/streamfield.py), so a new block here needs a
type there too. This module is the schema's one home: tests/graphql_api/test_block_schema.py
fails when a block or child field here is missing from the API or from its template
(graphql_api/README.md, "Adding a StreamField block").
"""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail_localize.segments import OverridableSegmentValue

from site_pages.pictures import group
from site_pages.url_policy import validate_rich_text, validate_url

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Subheading"))], default="h2"
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text whose links pass the URL policy (``url_policy.py``): the editor's link
    chooser accepts any address typed into it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        validate_rich_text(value.source)
        return value

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Paragraph")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=250)
    attribution = blocks.CharBlock(required=False, max_length=250)

    def bulk_to_python(self, values):
        """Wagtail loads the images of a body's image blocks (and, apart, of its galleries) in
        one query; they are grouped so that their renditions load in one more
        (site_pages/pictures.py)."""
        values = super().bulk_to_python(values)
        group(value["image"] for value in values)
        return values

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=200)
    images = blocks.ListBlock(ImageBlock(), min_num=1)

    class Meta:
        icon = "group"
        template = "blocks/gallery_block.html"
        label = _("Gallery")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")


class FigureValueBlock(blocks.CharBlock):
    """A headline number as readers see it ("5,539", "90%+").

    wagtail-localize translates every CharBlock; a figure is the same in every language, so it
    is kept in sync with the source instead, as the numbers of page fields are. It stays
    overridable, like a link, for a translator who must write it another way.
    """

    def get_translatable_segments(self, value):
        return [OverridableSegmentValue("", value)] if value else []


class FigureBlock(blocks.StructBlock):
    """One headline number, such as '5,539 high-school students'."""

    value = FigureValueBlock(max_length=40, help_text=_("The number as readers see it: 5,539"))
    label = blocks.CharBlock(max_length=120)

    class Meta:
        icon = "order"
        label = _("Figure")


class FiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=200)
    figures = blocks.ListBlock(FigureBlock(), min_num=1, max_num=8)

    class Meta:
        icon = "table"
        template = "blocks/figures_block.html"
        label = _("Key figures")


class SafeURLBlock(blocks.URLBlock):
    """An outside address that passes the URL policy. Django's URL check alone lets ftp://
    through, and wagtail-localize overrides skip the form altogether (``stored_links.py``
    checks those)."""

    def clean(self, value):
        value = super().clean(value)
        validate_url(value)
        return value


class LinkBlock(blocks.StructBlock):
    """A call to action pointing at a page of this site or at an outside address."""

    text = blocks.CharBlock(max_length=120)
    page = blocks.PageChooserBlock(required=False)
    url = SafeURLBlock(required=False)

    class Meta:
        icon = "link"
        template = "blocks/link_block.html"
        label = _("Call to action")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            if value.get("page"):
                message = _("Choose either a page of this site or an outside URL, not both.")
            else:
                message = _("Choose a page of this site or enter an outside URL.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        label = _("Document")


class ScheduleItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(required=False, max_length=40, help_text=_("e.g. 10:00 or Day 1"))
    title = blocks.CharBlock(max_length=200)
    speaker = blocks.CharBlock(required=False, max_length=200)
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "time"
        label = _("Programme item")


class ScheduleBlock(blocks.StructBlock):
    """An event programme: what happens when, and who speaks."""

    title = blocks.CharBlock(required=False, max_length=200)
    items = blocks.ListBlock(ScheduleItemBlock(), min_num=1)

    class Meta:
        icon = "date"
        template = "blocks/schedule_block.html"
        label = _("Programme")


class AwardBlock(blocks.StructBlock):
    """A contest result, such as the e-poster winners of the 3rd India reunion."""

    rank = blocks.IntegerBlock(min_value=1, max_value=100)
    title = blocks.CharBlock(max_length=200, help_text=_("The entry's theme or title"))
    winner = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "pick"
        label = _("Award")


class ContestResultsBlock(blocks.StructBlock):
    contest = blocks.CharBlock(max_length=200)
    awards = blocks.ListBlock(AwardBlock(), min_num=1)

    class Meta:
        icon = "tick-inverse"
        template = "blocks/contest_results_block.html"
        label = _("Contest results")

    def clean(self, value):
        value = super().clean(value)
        ranks = [award["rank"] for award in value["awards"]]
        if len(ranks) != len(set(ranks)):
            raise StructBlockValidationError(
                block_errors={"awards": ValidationError(_("Each rank may be awarded only once."))}
            )
        return value


class BodyStreamBlock(blocks.StreamBlock):
    """The body of every page: one shared set of blocks, as in the Wagtail bakery demo."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    figures = FiguresBlock()
    call_to_action = LinkBlock()
    document = DocumentBlock()
    schedule = ScheduleBlock()
    contest_results = ContestResultsBlock()


class MentorQuestionChooserBlock(blocks.ChooserBlock):
    """A member's question, picked in the chooser of ``site_pages/question_chooser.py``, which
    offers a mentor only the questions assigned to them. The chooser is a convenience: the
    column form checks the posted ids again (``question_answers.py``)."""

    target_model = "site_pages.MentorQuestion"

    @cached_property
    def widget(self):
        from site_pages.question_chooser import question_chooser_viewset

        return question_chooser_viewset.widget_class()

    def get_translatable_segments(self, value):
        # Not even overridable: a translator could otherwise quote a question the mentor was
        # never given. Translations keep the source's question; only the answer translates.
        return []

    class Meta:
        icon = "help"


class QuestionAnswerBlock(blocks.StructBlock):
    """A mentor's answer to a member's question, quoted from the question itself.

    The quote is read from the MentorQuestion when the page is shown (the chooser stores only
    its id), so translations of the column share it and translators see only the answer.
    """

    question = MentorQuestionChooserBlock(label=_("Question"))
    answer = ParagraphBlock(label=_("Answer"))

    class Meta:
        icon = "help"
        template = "blocks/question_answer_block.html"
        label = _("Question and answer")


class ColumnBodyStreamBlock(BodyStreamBlock):
    """A Sakura Mentor column's body: the shared blocks plus the answer to a member's question.

    Only a column answers questions (the asker is told when *the column* is live), so the Q&A
    block stays out of the body every other page shares.
    """

    question_answer = QuestionAnswerBlock()


# FigureValueBlock and SafeURLBlock store plain strings and only change how wagtail-localize
# treats them or how they validate, so migrations keep recording Wagtail's own blocks (Wagtail
# reads this mapping when it deconstructs blocks).
DECONSTRUCT_ALIASES = {
    FigureValueBlock: "wagtail.blocks.CharBlock",
    SafeURLBlock: "wagtail.blocks.URLBlock",
}
