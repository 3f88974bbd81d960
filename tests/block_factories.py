"""wagtail-factories block factories mirroring site_pages/blocks.py, for test page bodies.

A page factory builds its body from these, one block per index:

    StandardPageFactory(body__0__heading__text="Programme", body__1__paragraph__value="<p>…</p>")

and a test that sets the body of a page it already has builds the value from the same factories:

    page.body = stream(("heading", {"text": "Programme"}), ("paragraph", {"value": "<p>…</p>"}))

Each factory fills what a test leaves out with a value the block accepts, so a renamed or new
child block breaks here, in one place, instead of in every hand-written JSON body. Values are
built as Wagtail's own Python values and never cleaned: a test may store what the editor's form
would refuse (an unsafe link, an empty heading) to check what the site does with it.
"""

import factory
import wagtail_factories
from wagtail.rich_text import RichText
from wagtail_factories.blocks import BlockFactory

from site_pages import blocks


def struct_factory(model, **declarations):
    """The factory of a StructBlock, its children filled by ``declarations``."""
    return factory.make_factory(
        model, FACTORY_CLASS=wagtail_factories.StructBlockFactory, **declarations
    )


def titled_list_factory(model, **items):
    """The factory of a block made of an optional title and one list of blocks, given as
    ``name=item factory`` (a gallery's images, a schedule's items)."""
    lists = {name: wagtail_factories.ListBlockFactory(item) for name, item in items.items()}
    return struct_factory(model, title="", **lists)


class ParagraphBlockFactory(BlockFactory):
    """Rich text from its source HTML (``value``), as the editor stores it."""

    value = factory.Sequence(lambda n: f"<p>Paragraph {n}.</p>")

    class Meta:
        model = blocks.ParagraphBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        # Not block.clean(): it would apply the URL policy the tests check on stored text.
        return RichText(kwargs["value"])


HeadingBlockFactory = struct_factory(
    blocks.HeadingBlock,
    text=factory.Sequence(lambda n: f"Heading {n}"),
    level="h2",
)


ImageBlockFactory = struct_factory(
    blocks.ImageBlock,
    image=factory.SubFactory(wagtail_factories.ImageChooserBlockFactory),
    caption="",
    attribution="",
)


GalleryBlockFactory = titled_list_factory(blocks.GalleryBlock, images=ImageBlockFactory)


QuoteBlockFactory = struct_factory(blocks.QuoteBlock, quote="We will meet again.", attribution="")


FigureBlockFactory = struct_factory(blocks.FigureBlock, value="5,539", label="students")


FiguresBlockFactory = titled_list_factory(blocks.FiguresBlock, figures=FigureBlockFactory)


# A call to action; give it a ``page`` or a ``url``.
LinkBlockFactory = struct_factory(blocks.LinkBlock, text="Read more", page=None, url="")


DocumentBlockFactory = struct_factory(
    blocks.DocumentBlock,
    document=factory.SubFactory(wagtail_factories.DocumentChooserBlockFactory),
    title="",
)


ScheduleItemBlockFactory = struct_factory(
    blocks.ScheduleItemBlock,
    time="",
    title=factory.Sequence(lambda n: f"Talk {n}"),
    speaker="",
    description="",
)


ScheduleBlockFactory = titled_list_factory(blocks.ScheduleBlock, items=ScheduleItemBlockFactory)


AwardBlockFactory = struct_factory(
    blocks.AwardBlock,
    rank=factory.Sequence(lambda n: n + 1),
    title=factory.Sequence(lambda n: f"Entry {n}"),
    winner="",
)


ContestResultsBlockFactory = struct_factory(
    blocks.ContestResultsBlock,
    contest="E-poster contest",
    awards=wagtail_factories.ListBlockFactory(AwardBlockFactory),
)


class MentorQuestionChooserBlockFactory(BlockFactory):
    """The chosen question, made by MentorQuestionFactory, in the form of wagtail-factories'
    own chooser factories (a block factory cannot hold a model factory directly)."""

    # A dotted path: tests.factories imports this module for the page bodies.
    question = factory.SubFactory("tests.factories.MentorQuestionFactory")

    class Meta:
        model = blocks.MentorQuestionChooserBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return kwargs["question"]


QuestionAnswerBlockFactory = struct_factory(
    blocks.QuestionAnswerBlock,
    question=factory.SubFactory(MentorQuestionChooserBlockFactory),
    answer=factory.SubFactory(ParagraphBlockFactory),
)


class BodyStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    heading = factory.SubFactory(HeadingBlockFactory)
    paragraph = factory.SubFactory(ParagraphBlockFactory)
    image = factory.SubFactory(ImageBlockFactory)
    gallery = factory.SubFactory(GalleryBlockFactory)
    quote = factory.SubFactory(QuoteBlockFactory)
    figures = factory.SubFactory(FiguresBlockFactory)
    call_to_action = factory.SubFactory(LinkBlockFactory)
    document = factory.SubFactory(DocumentBlockFactory)
    schedule = factory.SubFactory(ScheduleBlockFactory)
    contest_results = factory.SubFactory(ContestResultsBlockFactory)

    class Meta:
        model = blocks.BodyStreamBlock


class ColumnBodyStreamBlockFactory(BodyStreamBlockFactory):
    question_answer = factory.SubFactory(QuestionAnswerBlockFactory)

    class Meta:
        model = blocks.ColumnBodyStreamBlock


def stream(*children):
    """A body for any page's body field, its blocks built by the block factories from
    ``(block name, overrides)`` pairs, the overrides in the factories' own terms:
    ``("paragraph", {"value": "<p>…</p>"})``, ``("gallery", {"images__0__image": photo})``.

    It is a list of ``(block name, value)`` pairs, so the field it is assigned to makes it a
    stream of its own blocks (a block the field lacks, a Q&A outside a column, fails there).
    """
    declarations = {}
    for index, (name, overrides) in enumerate(children):
        declarations[str(index)] = name
        for key, value in overrides.items():
            declarations[f"{index}__{name}__{key}"] = value
    built = ColumnBodyStreamBlockFactory(**declarations)
    return [(child.block_type, child.value) for child in built]
