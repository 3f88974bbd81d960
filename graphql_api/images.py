"""Images and their renditions, batch-loaded for a whole response.

Renditions come only in the named presets of ``SAKURA_IMAGE_PRESETS`` (site_pages/image_presets.py),
the same ones the site uses, and a request makes at most its rendition budget of new files
(site_pages/renditions.py); past it a rendition's ``url`` is a signed address that makes the file
on first download (``ready: false``).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from django.conf import settings
from django.db import models
from strawberry.types.enum import EnumValueDefinition
from strawberry.types.nodes import Selection
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

from graphql_api.core.context import RequestContext
from graphql_api.core.enums import generated_enum
from graphql_api.core.errors import InvalidArgumentError
from graphql_api.core.loading import Batch, Loader
from graphql_api.core.selection import deep_fields, root_selections
from site_pages import cache_tags
from site_pages.image_presets import Preset, UnknownPresetWidth, get_preset, presets
from site_pages.renditions import budget_for


@strawberry.enum(description="Output formats a rendition can be encoded in.")
class ImageFormat(Enum):
    WEBP = "webp"
    JPEG = "jpeg"
    PNG = "png"
    AVIF = "avif"


def preset_value(preset: Preset) -> EnumValueDefinition:
    options = settings.SAKURA_IMAGE_PRESETS[preset.name]
    shape = f"Crop {options['ratio']}" if options.get("ratio") else "Original proportions"
    widths = ", ".join(str(width) for width in preset.widths)
    return strawberry.enum_value(
        preset.name, description=f"{preset.description} {shape}; widths {widths}.".strip()
    )


# Generated from settings, so the schema lists exactly the presets this server makes: to the
# type checker it is any Enum.
if TYPE_CHECKING:
    ImagePreset = Enum
else:
    ImagePreset = generated_enum(
        "ImagePreset",
        {name.upper(): preset_value(p) for name, p in presets().items()},
        description="A named size of image renditions (SAKURA_IMAGE_PRESETS): a crop and its "
        "widths.",
    )


def enum_value(value: object, enum: type[Enum]) -> object:
    """An enum's value from a member, or from its name or value as found in a selection's raw
    arguments (literals arrive as the query's text, variables already typed)."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str):
        member = enum.__members__.get(value)
        if member is not None:
            value = member.value
    return getattr(value, "value", value)


def preset_spec(preset: object, width: int | str | None = None, format: object = None) -> str:
    """The filter spec for one rendition of a preset, or a clear error. ``preset`` and
    ``format`` are enum members, or their names or values from a selection's raw arguments."""
    chosen: Preset = get_preset(enum_value(preset, ImagePreset))
    fmt = enum_value(format, ImageFormat) if format is not None else None
    try:
        return chosen.spec(int(width) if width is not None else None, fmt)
    except UnknownPresetWidth as error:
        widths = ", ".join(str(w) for w in chosen.widths)
        raise InvalidArgumentError(
            f"`width` {width} is not a width of preset {chosen.name.upper()}; use one of "
            f"{widths}, or leave it out for the largest."
        ) from error


def preset_specs(preset: object, format: object = None) -> tuple[list[str], tuple[int, ...]]:
    chosen: Preset = get_preset(enum_value(preset, ImagePreset))
    fmt = enum_value(format, ImageFormat) if format is not None else None
    return chosen.specs(fmt), chosen.widths


def requested_specs(selections: Iterable[Selection]) -> set[str]:
    """Every filter spec asked for anywhere under ``selections``, for prefetching renditions.
    A malformed request is skipped here: its resolver reports the error."""
    specs: set[str] = set()
    for field in deep_fields(selections, "rendition"):
        try:
            specs.add(preset_spec(**dict(field.arguments)))
        except (InvalidArgumentError, KeyError, TypeError, ValueError):
            continue
    for name in ("srcSet", "renditions"):
        for field in deep_fields(selections, name):
            try:
                specs.update(preset_specs(**dict(field.arguments))[0])
            except (KeyError, TypeError, ValueError):
                continue
    return specs


def load_images(ids: Iterable[int | None], specs: Iterable[str], context: RequestContext) -> None:
    """Fetch the images with these ids into the request's image cache, and their renditions
    of ``specs``, with one query for the images and one for the renditions, whatever the
    number of images. Images and renditions already here are not fetched again."""
    Image = get_image_model()
    wanted = {pk for pk in ids if pk}
    cache_tags.used_images(wanted)
    missing = wanted - set(context.images)
    if missing:
        for image in Image.objects.filter(pk__in=missing):
            context.images[image.pk] = image
        for pk in missing:
            context.images.setdefault(pk, None)
    if specs:
        images = [context.images[pk] for pk in wanted if context.images.get(pk) is not None]
        budget_for(context.request).prefetch(images, specs)


@strawberry.type(description="A rendition: the image resized and encoded for display.")
class Rendition:
    url: str = strawberry.field(description="Address of the rendition file.")
    width: int = strawberry.field(description="Width in pixels.")
    height: int = strawberry.field(description="Height in pixels.")
    ready: bool = strawberry.field(
        description=(
            "False when the file is not made yet: `url` is then a signed address that makes it "
            "on first download (slower once). Each request makes only a few new files itself."
        )
    )


@strawberry.type(description="The part of an image an editor marked as most important.")
class FocalPoint:
    x: int = strawberry.field(description="Centre, pixels from the left edge.")
    y: int = strawberry.field(description="Centre, pixels from the top edge.")
    width: int = strawberry.field(description="Width of the area in pixels.")
    height: int = strawberry.field(description="Height of the area in pixels.")


PresetArgument = Annotated[
    ImagePreset,
    strawberry.argument(description="The named size: its crop and the widths it comes in."),
]
FormatArgument = Annotated[
    ImageFormat | None,
    strawberry.argument(
        description="Encode the file in this format; the original's when left out."
    ),
]


def rendition_of(info: strawberry.Info, image: AbstractImage, spec: str) -> Rendition:
    ref = budget_for(info.context.request).get(image, spec)
    return Rendition(url=ref.url, width=ref.width, height=ref.height, ready=ref.ready)


def renditions_of(info: strawberry.Info, image: AbstractImage, specs: list[str]) -> list[Rendition]:
    refs = budget_for(info.context.request).get_many(image, specs)
    return [
        Rendition(url=r.url, width=r.width, height=r.height, ready=r.ready) for r in refs.values()
    ]


@strawberry.type(name="Image", description="An image from the media library.")
class ImageType:
    id: strawberry.ID = strawberry.field(description="The image's id in the media library.")
    width: int = strawberry.field(description="Width of the original in pixels.")
    height: int = strawberry.field(description="Height of the original in pixels.")

    @strawberry.field(description="Address of the original file.")
    def url(self, root: AbstractImage) -> str:
        return root.file.url

    @strawberry.field(description="Text describing the image for readers who cannot see it.")
    def alt(self, root: AbstractImage) -> str:
        return root.default_alt_text

    @strawberry.field(description="The area to keep in crops, when an editor set one.")
    def focal_point(self, root: AbstractImage) -> FocalPoint | None:
        if root.focal_point_x is None:
            return None
        return FocalPoint(
            x=root.focal_point_x,
            y=root.focal_point_y,
            width=root.focal_point_width or 0,
            height=root.focal_point_height or 0,
        )

    @strawberry.field(
        description=(
            "One rendition of a named preset: `width` is one of the preset's widths (the "
            "largest when left out); `format` keeps the original's when left out."
        )
    )
    def rendition(
        self,
        info: strawberry.Info,
        preset: PresetArgument,
        width: Annotated[
            int | None,
            strawberry.argument(
                description="One of the preset's widths (its largest when left out); another "
                "width is INVALID_ARGUMENT."
            ),
        ] = None,
        format: FormatArgument = None,
    ) -> Rendition:
        return rendition_of(info, self, preset_spec(preset, width, format))

    @strawberry.field(description="Every width of a preset, smallest first.")
    def renditions(
        self, info: strawberry.Info, preset: PresetArgument, format: FormatArgument = None
    ) -> list[Rendition]:
        specs, _widths = preset_specs(preset, format)
        return renditions_of(info, self, specs)

    @strawberry.field(description="An HTML srcset value: every width of a preset.")
    def src_set(
        self, info: strawberry.Info, preset: PresetArgument, format: FormatArgument = None
    ) -> str:
        specs, widths = preset_specs(preset, format)
        refs = budget_for(info.context.request).get_many(self, specs)
        return ", ".join(
            f"{refs[spec].url} {width}w" for spec, width in zip(specs, widths, strict=True)
        )


@dataclass(frozen=True)
class ImageLoader(Loader[Any, Any]):
    """An image each parent names by id, loaded for the parent's whole batch: one query for
    the images and one for the renditions in ``specs``, whatever the number of parents.

    ``specs`` are the renditions the field's own selection asks for (``rendition``,
    ``renditions``, ``srcSet``: ``image_loader`` reads them). They are part of the loader's
    identity: two fields that ask the same images for other sizes each prefetch theirs."""

    specs: frozenset[str]

    def image_id(self, parent: Any) -> int | None:
        raise NotImplementedError(f"{type(self).__name__} must say which image a parent names")

    def preload_ids(self, parent: Any) -> set[int | None]:
        """Ids loaded with the batch besides ``image_id``: a fallback another field shows."""
        return {self.image_id(parent)}

    def load_batch(self, parents: Sequence[Any], batch: Batch, info: Any) -> list[Any]:
        context = info.context
        wanted: set[int | None] = set().union(*(self.preload_ids(parent) for parent in parents))
        load_images(wanted, self.specs, context)
        return [context.images.get(self.image_id(parent)) for parent in parents]


@dataclass(frozen=True)
class ImageOf(ImageLoader):
    """The image in a foreign key: ``attribute="hero_image"`` reads ``hero_image_id``. Parents
    of another type, in a mixed list, simply have none."""

    attribute: str

    def image_id(self, parent: Any) -> int | None:
        return getattr(parent, f"{self.attribute}_id", None)


def asked_specs(info: Any) -> frozenset[str]:
    """The rendition specs the field being resolved (an image) asks for."""
    return frozenset(requested_specs(root_selections(info)))


def load_image_of(attribute: str, root: Any, info: Any) -> Any:
    loader = ImageOf(specs=asked_specs(info), attribute=attribute)
    return info.context.loaders.load(loader, root, info)


def image_field(attribute: str, description: str) -> Any:
    """A field answering the image in ``attribute`` (a foreign key), batched."""

    def resolve(root: models.Model, info: strawberry.Info) -> ImageType | None:
        return load_image_of(attribute, root, info)

    return strawberry.field(resolver=resolve, description=description)
