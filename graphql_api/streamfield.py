"""StreamField bodies as a union of typed blocks, one GraphQL type per block of
``site_pages/blocks.py``.

Blocks are read from the stored JSON rather than through Wagtail's ``to_python``: Wagtail
fetches the images of each page's stream on its own, one query per page of a list, whereas
the ``Streams`` loader collects the documents, linked pages and quoted questions of every
stream of a batch of pages and fetches each kind once; the blocks' images then load for all
those blocks together (``ImageOf``), when a client asks for them.

Reading JSON means Wagtail does not check the blocks' schema here, so each type names the block
it answers (``block_name``) and builds itself from that block's stored JSON (``from_stored``);
``tests/graphql_api/test_block_schema.py`` checks both against the blocks of every model's
StreamFields, field by field.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Self, TypeAlias, cast, get_args

import strawberry
from django_countries.fields import Country as CountryValue
from strawberry import ID
from strawberry.types import Info
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import Page

from graphql_api import links, richtext
from graphql_api.core.context import RequestContext
from graphql_api.core.country import Country, country_of
from graphql_api.core.ids import row_id, served_id
from graphql_api.core.loading import Batch, Loader
from graphql_api.images import ImageType, load_image_of
from site_pages import question_answers
from site_pages.url_policy import safe_url

# A block as stored in a stream's JSON ({"type", "value", "id"}) and the value of a struct
# block: their keys and the types of their values depend on the block type, which the code
# reading them checks.
StoredBlock: TypeAlias = dict[str, Any]


def list_items(raw: list[Any] | None) -> list[Any]:
    """ListBlock values are stored either as plain lists or as {"type": "item", "value"}."""
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" else item
        for item in raw or []
    ]


@dataclass(frozen=True)
class Stored:
    """One block of a stream as stored, with what reading it takes. ``to_block`` makes it for
    the block's type, whose ``from_stored`` is then only its mapping of stored keys to fields."""

    id: ID  # the block's id in the API (``blocks_of``)
    item: StoredBlock
    context: RequestContext
    language: str | None  # the content's language, which names countries

    @property
    def value(self) -> StoredBlock:
        """A struct block's stored fields; a body written by hand may store none."""
        return self.item.get("value") or {}

    def child(self, key: str, default: Any = "") -> Any:
        """A struct child's stored value; ``default`` (empty text) when it is not stored."""
        return self.value.get(key, default)

    def items(self, key: str) -> list[Any]:
        """A list child's items, in order."""
        return list_items(self.value.get(key))


@strawberry.interface(description="What every block of a page body has.")
class Block:
    id: strawberry.ID = strawberry.field(
        description="Identifies the block within the page version it was read through (the "
        "page's `id`, then the block's own id, which editing other blocks does not change): "
        "a list key, and unique in a client's normalised cache across languages and drafts."
    )
    # The child name of the block in the StreamBlocks of site_pages/blocks.py that this type
    # answers: ``to_block`` dispatches on it. A ClassVar, so never a GraphQL field.
    block_name: ClassVar[str]


@strawberry.type(description="A section heading.")
class HeadingBlock(Block):
    block_name = "heading"
    text: str = strawberry.field(description="The heading text.")
    level: str = strawberry.field(description="h2 for a section, h3 for a subsection.")

    @classmethod
    def from_stored(cls, block: Stored) -> Self:
        return cls(id=block.id, text=block.child("text"), level=block.child("level", "h2"))


@strawberry.type(description="Formatted text; internal links point at their URLs.")
class ParagraphBlock(Block):
    block_name = "paragraph"
    html: str = strawberry.field(description="The text as HTML.")

    @classmethod
    def from_stored(cls, block: Stored) -> Self:
        # A paragraph's value is its stored HTML, not a struct.
        return cls(id=block.id, html=richtext.expand(block.item.get("value"), block.context))


def resolve_image(root: "ImageBlock | CaptionedImage", info: Info) -> ImageType | None:
    # Every image block of a batch's streams is served as one batch (``Streams``): the first
    # one asked loads the images of all of them, and only when a client asks for images.
    return load_image_of("image", root, info)


@strawberry.type(description="An image with its caption and credit.")
class CaptionedImage:
    image: ImageType | None = strawberry.field(
        resolver=resolve_image, description="The image; null if it was deleted from the library."
    )
    caption: str = strawberry.field(description="Caption shown under the image.")
    attribution: str = strawberry.field(description="Photographer or source.")
    image_id: strawberry.Private[int | None] = None


@strawberry.type(description="A single image.")
class ImageBlock(Block):
    block_name = "image"
    image: ImageType | None = strawberry.field(
        resolver=resolve_image, description="The image, if it still exists."
    )
    caption: str = strawberry.field(description="Caption shown under the image.")
    attribution: str = strawberry.field(description="Photographer or source.")
    image_id: strawberry.Private[int | None] = None

    @classmethod
    def from_stored(cls, block: Stored) -> Self:
        return cls(
            id=block.id,
            image_id=block.child("image", None),
            caption=block.child("caption"),
            attribution=block.child("attribution"),
        )


@strawberry.type(description="A set of images shown together.")
class GalleryBlock(Block):
    block_name = "gallery"
    title: str = strawberry.field(description="Optional gallery title.")
    images: list[CaptionedImage] = strawberry.field(description="The images, in order.")

    @classmethod
    def from_stored(cls, block: Stored) -> Self:
        return cls(
            id=block.id,
            title=block.child("title"),
            images=[captioned(image) for image in block.items("images")],
        )


@strawberry.type(description="A quotation.")
class QuoteBlock(Block):
    block_name = "quote"
    quote: str = strawberry.field(description="The quoted words.")
    attribution: str = strawberry.field(description="Who said it.")

    @classmethod
    def from_stored(cls, block: Stored) -> Self:
        return cls(id=block.id, quote=block.child("quote"), attribution=block.child("attribution"))


@strawberry.type(description="One headline number.")
class Figure:
    value: str = strawberry.field(description="The number as readers see it, e.g. 5,539.")
    label: str = strawberry.field(description="What it counts.")


@strawberry.type(description="Key figures, such as a programme's participants and courses.")
class FiguresBlock(Block):
    block_name = "figures"
    title: str = strawberry.field(description="Optional title.")
    figures: list[Figure] = strawberry.field(description="The figures, in order.")

    @classmethod
    def from_stored(cls, block: Stored) -> Self:
        return cls(
            id=block.id,
            title=block.child("title"),
            figures=[
                Figure(value=f.get("value", ""), label=f.get("label", ""))
                for f in block.items("figures")
            ],
        )


@strawberry.type(description="A call to action linking to a page or an outside address.")
class CallToActionBlock(Block):
    block_name = "call_to_action"
    text: str = strawberry.field(description="The link text.")
    url: str | None = strawberry.field(
        description="Where it leads; null when the linked page is not published or the "
        "address is not an allowed web, mail or telephone link."
    )

    @classmethod
    def from_stored(cls, block: Stored) -> Self:
        page = block.child("page", None)
        url = links.page_url(block.context, page) if page else safe_url(block.child("url", None))
        return cls(id=block.id, text=block.child("text"), url=url or None)


@strawberry.type(description="A document from the library.")
class Document:
    id: strawberry.ID = strawberry.field(description="The document's id.")
    title: str = strawberry.field(description="The document's title.")
    url: str = strawberry.field(description="Address to download it.")
    file_extension: str = strawberry.field(description="pdf, docx ...")


@strawberry.type(description="A link to a document.")
class DocumentBlock(Block):
    block_name = "document"
    title: str = strawberry.field(description="Link text; the document's title when empty.")
    document: Document | None = strawberry.field(description="The document, if it exists.")

    @classmethod
    def from_stored(cls, block: Stored) -> Self:
        document = document_of(block.context, block.child("document", None))
        title = block.child("title") or (document.title if document else "")
        return cls(id=block.id, title=title, document=document)


@strawberry.type(description="One item of an event programme.")
class ScheduleItem:
    time: str = strawberry.field(description="When, e.g. 10:00 or Day 1.")
    title: str = strawberry.field(description="What happens.")
    speaker: str = strawberry.field(description="Who speaks, if anyone.")
    description: str = strawberry.field(description="More detail.")


@strawberry.type(description="An event programme.")
class ScheduleBlock(Block):
    block_name = "schedule"
    title: str = strawberry.field(description="Optional title, e.g. Day 1.")
    items: list[ScheduleItem] = strawberry.field(description="The items, in order.")

    @classmethod
    def from_stored(cls, block: Stored) -> Self:
        return cls(
            id=block.id,
            title=block.child("title"),
            items=[
                ScheduleItem(
                    time=i.get("time", ""),
                    title=i.get("title", ""),
                    speaker=i.get("speaker", ""),
                    description=i.get("description", ""),
                )
                for i in block.items("items")
            ],
        )


@strawberry.type(description="One contest prize.")
class Award:
    rank: int = strawberry.field(description="1 for first place.")
    title: str = strawberry.field(description="The entry's theme or title.")
    winner: str = strawberry.field(description="Who won, when published.")


@strawberry.type(description="The results of a contest, such as an e-poster competition.")
class ContestResultsBlock(Block):
    block_name = "contest_results"
    contest: str = strawberry.field(description="The contest's name.")
    awards: list[Award] = strawberry.field(description="Prizes by rank.")

    @classmethod
    def from_stored(cls, block: Stored) -> Self:
        return cls(
            id=block.id,
            contest=block.child("contest"),
            awards=[
                Award(rank=a.get("rank", 0), title=a.get("title", ""), winner=a.get("winner", ""))
                for a in block.items("awards")
            ],
        )


@strawberry.type(
    description="A mentor's answer to a member's question (Sakura Mentor columns only). The "
    "asker's e-mail address is never given, and their name only when they agreed."
)
class QuestionAnswerBlock(Block):
    # The site finds the questions a column answers by the same name (question_answers.py).
    block_name = question_answers.QUESTION_ANSWER_BLOCK
    question: str | None = strawberry.field(
        description="The member's question, in the words they sent; null if it was erased."
    )
    asker_name: str | None = strawberry.field(
        description="The asker's first name, or null unless they agreed that it is shown."
    )
    asker_country: Country | None = strawberry.field(
        description="The asker's country, named in the content's language; null if not given."
    )
    answer: str = strawberry.field(description="The mentor's answer as HTML.")

    @classmethod
    def from_stored(cls, block: Stored) -> Self:
        pk = block.child("question", None)
        if pk:
            load_questions({pk}, block.context)
        question = block.context.questions.get(pk) if pk else None
        return cls(
            id=block.id,
            question=question.question if question else None,
            asker_name=question_answers.asker_name(question) if question else None,
            # django-stubs types a CountryField as the CharField it extends (str); reading it
            # gives django-countries' Country.
            asker_country=country_of(cast(CountryValue, question.country), block.language)
            if question
            else None,
            answer=richtext.expand(block.child("answer"), block.context),
        )


# One union for every body: a column's body adds the Q&A block to the shared set, and clients
# keep one fragment for all bodies.
BodyBlock = Annotated[
    HeadingBlock
    | ParagraphBlock
    | ImageBlock
    | GalleryBlock
    | QuoteBlock
    | FiguresBlock
    | CallToActionBlock
    | DocumentBlock
    | ScheduleBlock
    | ContestResultsBlock
    | QuestionAnswerBlock,
    strawberry.union("BodyBlock", description="A block of a page body."),
]

# Each stored block's type, by block name, read from the union's members: a type added to the
# union is served, and the union is what test_block_schema.py checks against the models.
BLOCK_TYPES: dict[str, Any] = {
    member.block_name: member for member in get_args(get_args(BodyBlock)[0])
}


def document_of(context: RequestContext, pk: int | None) -> Document | None:
    document = links.document(context, pk)
    if document is None:
        return None
    return Document(
        id=strawberry.ID(str(document.pk)),
        title=document.title,
        url=document.url,
        file_extension=document.file_extension,
    )


def captioned(value: StoredBlock) -> CaptionedImage:
    return CaptionedImage(
        image_id=value.get("image"),
        caption=value.get("caption", ""),
        attribution=value.get("attribution", ""),
    )


def load_questions(ids: Iterable[int], context: RequestContext) -> None:
    """The quoted questions of every stream in a response, in one query, without the asker's
    e-mail address."""
    from site_pages.models import MentorQuestion

    missing = {pk for pk in ids if pk not in context.questions}
    if missing:
        found = MentorQuestion.objects.filter(pk__in=missing).only(
            "id", "question", "name", "show_name", "country"
        )
        context.questions.update({question.pk: question for question in found})
        for pk in missing:
            context.questions.setdefault(pk, None)


def to_block(
    item: StoredBlock, block_id: strawberry.ID, context: RequestContext, language: str | None = None
) -> Block | None:
    block_type = BLOCK_TYPES.get(item.get("type", ""))
    if block_type is None:
        return None  # a block type removed from the model: skip it rather than fail the page
    return block_type.from_stored(Stored(block_id, item, context, language))


def blocks_of(
    stream_value: StreamValue,
    context: RequestContext,
    language: str | None = None,
    *,
    owner_id: str,
    field: str,
) -> list[Block]:
    """The typed blocks of a stream; ``language`` names countries in the content's language.
    Block ids are scoped by ``owner_id``, the id of the page version read (``core/ids.py``).
    Wagtail gives every block a uuid when a stream is saved; a body stored without them (an
    import of bare JSON) numbers its blocks by field and position, so that `id` is never null."""
    blocks = (
        to_block(item, row_id(owner_id, item.get("id") or f"{field}.{index}"), context, language)
        for index, item in enumerate(stream_value.raw_data)
    )
    return [block for block in blocks if block is not None]


def known(ids: set[int | None]) -> set[int]:
    """The ids a stream names, without the empty choosers."""
    return {pk for pk in ids if pk is not None}


def references(stream_value: StreamValue) -> tuple[set[int], set[int], set[int], set[int]]:
    """(image ids, document ids, page ids, question ids) referenced anywhere in a stream."""
    images: set[int | None] = set()
    documents: set[int | None] = set()
    pages: set[int | None] = set()
    questions: set[int | None] = set()
    for item in stream_value.raw_data:
        kind, value = item.get("type"), item.get("value") or {}
        if kind == ImageBlock.block_name:
            images.add(value.get("image"))
        elif kind == GalleryBlock.block_name:
            images.update(image.get("image") for image in list_items(value.get("images")))
        elif kind == DocumentBlock.block_name:
            documents.add(value.get("document"))
        elif kind == CallToActionBlock.block_name and value.get("page"):
            pages.add(value.get("page"))
        elif kind in (ParagraphBlock.block_name, QuestionAnswerBlock.block_name):
            html = item.get("value") if kind == ParagraphBlock.block_name else value.get("answer")
            linked_pages, linked_documents = richtext.link_ids(html)
            pages |= linked_pages
            documents |= linked_documents
            if kind == QuestionAnswerBlock.block_name:
                questions.add(value.get("question"))
    return known(images), known(documents), known(pages), known(questions)


def load_references(stream_values: Iterable[StreamValue], context: RequestContext) -> None:
    """Load what the streams link to and quote, one query per kind for all of them."""
    documents: set[int] = set()
    pages: set[int] = set()
    questions: set[int] = set()
    for stream_value in stream_values:
        _images, more_documents, more_pages, more_questions = references(stream_value)
        documents |= more_documents
        pages |= more_pages
        questions |= more_questions
    if documents:
        links.load_documents(documents, context)
    if pages:
        links.load_page_urls(pages, context)
    if questions:
        load_questions(questions, context)


def stream_fields(obj: Any) -> list[str]:
    """The names of the model's StreamFields (a page's ``body``, an event's ``outcome``)."""
    return [
        field.name for field in type(obj)._meta.concrete_fields if isinstance(field, StreamField)
    ]


def image_holders(blocks: list[Any]) -> list[Any]:
    """The blocks (and gallery items) that show an image, whose images load together."""
    holders: list[Any] = []
    for block in blocks:
        if isinstance(block, ImageBlock):
            holders.append(block)
        elif isinstance(block, GalleryBlock):
            holders.extend(block.images)
    return holders


@dataclass(frozen=True)
class Streams(Loader[Any, dict[str, list[Any]]]):
    """Every StreamField of each page of a batch as typed blocks ({field name: blocks}).

    All the fields at once, whichever is asked first: an event's ``body`` and ``outcome`` link
    to documents and pages that then load in one query per kind, not one per field."""

    def load_batch(
        self, parents: Sequence[Any], batch: Batch, info: Any
    ) -> list[dict[str, list[Any]]]:
        context = info.context
        load_references(
            [getattr(page, name) for page in parents for name in stream_fields(page)], context
        )
        streams = [
            {
                name: blocks_of(
                    getattr(page, name),
                    context,
                    context.language_of(page),
                    owner_id=served_id(page, context),
                    field=name,
                )
                for name in stream_fields(page)
            }
            for page in parents
        ]
        context.loaders.serve(
            [
                holder
                for fields in streams
                for blocks in fields.values()
                for holder in image_holders(blocks)
            ],
            batch.locale,
        )
        return streams


STREAMS = Streams()


def stream_field(attribute: str, description: str) -> Any:
    """A field answering the StreamField ``attribute`` as a list of typed blocks, batched."""

    def resolve(root: Page, info: Info) -> list[BodyBlock]:
        return info.context.loaders.load(STREAMS, root, info)[attribute]

    return strawberry.field(resolver=resolve, description=description)
