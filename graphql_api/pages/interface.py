"""The `Page` interface every page type implements, and ``page_type`` to declare one.

Every field that reaches past the page's own row asks a loader (``core/loading.py``), which
loads it for the page's whole batch; see graphql_api/README.md."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.types import Info
from wagtail.models import Page as WagtailPage

from graphql_api.core.connection import check_first
from graphql_api.core.ids import row_id, served_id
from graphql_api.images import ImageLoader, ImageOf, ImageType, asked_specs
from graphql_api.pages.relations import ANCESTORS, PARENT, Children
from graphql_api.pages.translations import TRANSLATIONS, Translation
from graphql_api.streamfield import references, stream_fields
from site_pages.pictures import PAGE_IMAGE_FIELDS, page_image_id

Declared = TypeVar("Declared", bound=type)


def page_type(model: type[WagtailPage], description: str) -> Callable[[Declared], Declared]:
    """A GraphQL object type for a page model, resolvable through the Page interface."""

    def wrap(cls: Declared) -> Declared:
        # Strawberry asks a type's is_type_of which objects of the interface it resolves; the
        # classes declared here do not define one, so the checker does not know the attribute.
        cls.is_type_of = classmethod(lambda _cls, obj, _info: isinstance(obj, model))  # type: ignore[attr-defined]
        return strawberry.type(cls, name=model.__name__, description=description)

    return wrap


def listed_row_id(row: Any, relation: str, context: Any) -> strawberry.ID:
    """The id of a row a page lists in ``relation`` (a coordinator, a yearbook entry), scoped
    by the id of the page that listed it: a fallback copy labels it in another language, a
    draft may have changed it. A row a draft added has no primary key yet and is known by its
    position (in memory: a draft's rows come from its revision)."""
    page = context.loaders.listed_by(row)
    if row.pk is not None:
        return row_id(served_id(page, context), row.pk)
    position = [id(other) for other in getattr(page, relation).all()].index(id(row))
    return row_id(served_id(page, context), f"new.{position}")


def page_picture_ids(page: WagtailPage) -> set[int | None]:
    """Every image a page shows: its image fields and the images in its StreamFields. They
    load together, whichever field asks first: a page shown with its hero image and its body
    costs one query for images, not two."""
    ids = {getattr(page, f"{name}_id", None) for name in PAGE_IMAGE_FIELDS}
    for name in stream_fields(page):
        ids |= references(getattr(page, name))[0]
    return ids


@dataclass(frozen=True)
class PageImageOf(ImageOf):
    """A page's image field (``heroImage``, a voice's ``photo``), with all its pictures."""

    parent_type = WagtailPage

    def preload_ids(self, parent: Any) -> set[int | None]:
        return page_picture_ids(parent)


@dataclass(frozen=True)
class ListingImage(ImageLoader):
    """The picture that stands for each page in lists: its hero image, or a voice's photo."""

    parent_type = WagtailPage

    def image_id(self, parent: Any) -> int | None:
        return page_image_id(parent)

    def preload_ids(self, parent: Any) -> set[int | None]:
        return page_picture_ids(parent)


def page_image_field(attribute: str, description: str) -> Any:
    """A page's image field (a foreign key to an image), batched with the page's pictures."""

    def resolve(root: WagtailPage, info: Info) -> ImageType | None:
        loader = PageImageOf(specs=asked_specs(info), attribute=attribute)
        return info.context.loaders.load(loader, root, info)

    return strawberry.field(resolver=resolve, description=description)


@strawberry.interface(
    name="Page", description="What every page has: identity, address, language and place."
)
class PageInterface:
    @strawberry.field(
        description=(
            "Identifies this page as served here, for clients' normalised caches: the Wagtail "
            'id ("15") for a page in its own language; a fallback version adds the requested '
            'language ("15@ja"), a previewed draft its revision ("15~draft42"). Treat it as '
            "opaque; `page(id:)` takes every form."
        )
    )
    def id(self, info: Info) -> strawberry.ID:
        return served_id(self, info.context)

    @strawberry.field(description="The title.")
    def title(self) -> str:
        return self.title

    @strawberry.field(description="The last part of the address.")
    def slug(self) -> str:
        return self.slug

    @strawberry.field(description="The address on the site, starting with the language prefix.")
    def url(self, root: WagtailPage, info: Info) -> str:
        return root.get_url(info.context.request)

    @strawberry.field(
        description="One or two sentences about the page, as lists and search results show "
        "it; may be empty."
    )
    def intro(self) -> str:
        return getattr(self, "intro", "")

    @strawberry.field(
        description="The picture that stands for the page in cards and lists: its main image "
        "(`heroImage`) or, for a member's voice, the member's `photo`; null when it has none. "
        "Mixed lists (search, a home page's `featured`) need no fragment per type for it."
    )
    def listing_image(self, info: Info) -> ImageType | None:
        return info.context.loaders.load(ListingImage(specs=asked_specs(info)), self, info)

    @strawberry.field(description="Language code of this version of the page.")
    def locale(self) -> str:
        return self.locale.language_code

    @strawberry.field(
        description=(
            "True when the requested language has no version of this page and this one, "
            "in a fallback language, is served instead."
        )
    )
    def is_fallback(self, root: WagtailPage, info: Info) -> bool:
        requested = info.context.loaders.requested_locale(root)
        return requested is not None and requested.pk != root.locale_id

    @strawberry.field(description="Title for search engines and browser tabs.")
    def seo_title(self) -> str:
        return self.seo_title or self.title

    @strawberry.field(description="Description for search engines and link previews.")
    def search_description(self) -> str:
        return self.search_description or getattr(self, "intro", "") or ""

    @strawberry.field(description="When the page was first published.")
    def first_published_at(self) -> datetime | None:
        return self.first_published_at

    @strawberry.field(description="When the page was last published.")
    def last_published_at(self) -> datetime | None:
        return self.last_published_at

    @strawberry.field(description="The page's type, e.g. EventPage.")
    def page_type(self) -> str:
        return type(self).__name__

    @strawberry.field(description="The page above this one; null for the home page.")
    def parent(self, info: Info) -> "PageInterface | None":
        return info.context.loaders.load(PARENT, self, info)

    @strawberry.field(description="Pages above this one, from the home page down.")
    def ancestors(self, info: Info) -> list["PageInterface"]:
        return info.context.loaders.load(ANCESTORS, self, info)

    @strawberry.field(description="Published pages directly below this one, in menu order.")
    def children(
        self,
        info: Info,
        first: Annotated[
            int | None,
            strawberry.argument(
                description="How many children to return: 20 when left out, at most the "
                "page-size limit (100 unless the server sets another; more is LIMIT_EXCEEDED)."
            ),
        ] = None,
    ) -> list["PageInterface"]:
        size = check_first(first)
        return info.context.loaders.load(Children(end=size), self, info)[:size]

    @strawberry.field(description="Every published language version of this page, this one too.")
    def translations(self, info: Info) -> list[Translation]:
        return info.context.loaders.load(TRANSLATIONS, self, info)
