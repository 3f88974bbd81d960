"""Images and their renditions, batch-loaded for a whole response.

Renditions are limited to an allow-list of operations, sizes and formats: each new size makes
a new file in storage, so arbitrary sizes would let a client fill the bucket.
"""

from enum import Enum

import strawberry
from django.conf import settings
from wagtail.images import get_image_model

from graphql_api.core.errors import InvalidArgumentError
from graphql_api.core.selection import deep_fields


@strawberry.enum(description="Output formats a rendition can be encoded in.")
class ImageFormat(Enum):
    WEBP = "webp"
    JPEG = "jpeg"
    PNG = "png"
    AVIF = "avif"


def allowed_sizes():
    return settings.SAKURA_GRAPHQL["RENDITION_SIZES"]


def check_size(value, argument):
    sizes = allowed_sizes()
    if value not in sizes:
        raise InvalidArgumentError(
            f"{argument} {value} is not an allowed rendition size; use one of "
            f"{', '.join(str(size) for size in sizes)}."
        )


def parse_box(text, argument):
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError as error:
        raise InvalidArgumentError(
            f"`{argument}` takes WIDTHxHEIGHT, such as 800x480; got “{text}”."
        ) from error
    check_size(width, f"`{argument}` width")
    check_size(height, f"`{argument}` height")
    return width, height


def filter_spec(fill=None, max=None, width=None, format=None):
    """The Wagtail filter spec for a rendition request, or a clear error."""
    given = [name for name, value in (("fill", fill), ("max", max), ("width", width)) if value]
    if len(given) != 1:
        raise InvalidArgumentError("Give exactly one of `fill`, `max` or `width`.")
    if fill:
        w, h = parse_box(fill, "fill")
        spec = f"fill-{w}x{h}"
    elif max:
        w, h = parse_box(max, "max")
        spec = f"max-{w}x{h}"
    else:
        check_size(width, "`width`")
        spec = f"width-{width}"
    if format:
        spec += f"|format-{format_value(format)}"
    return spec


def format_value(value):
    """The encoder name for an ImageFormat, or for its name or value as found in a selection's
    raw arguments."""
    if isinstance(value, ImageFormat):
        return value.value
    try:
        return ImageFormat[value].value
    except KeyError:
        return ImageFormat(value).value


def srcset_specs(widths, format=None):
    if not widths:
        raise InvalidArgumentError("`srcSet` needs at least one width.")
    return [filter_spec(width=w, format=format) for w in widths]


def as_int(value):
    """Literal arguments in a selection arrive as the query's text ("320"); variables arrive
    already typed."""
    return int(value) if value is not None else None


def requested_specs(selections):
    """Every filter spec asked for anywhere under ``selections``, for prefetching renditions.
    A malformed request is skipped here: its resolver reports the error."""
    specs = set()
    for field in deep_fields(selections, "rendition"):
        arguments = dict(field.arguments)
        try:
            if arguments.get("width") is not None:
                arguments["width"] = as_int(arguments["width"])
            specs.add(filter_spec(**arguments))
        except (InvalidArgumentError, TypeError, ValueError):
            continue
    for field in deep_fields(selections, "srcSet"):
        arguments = dict(field.arguments)
        try:
            arguments["widths"] = [as_int(width) for width in arguments.get("widths") or []]
            specs.update(srcset_specs(**arguments))
        except (InvalidArgumentError, TypeError, ValueError):
            continue
    return specs


def load_images(ids, selections, context):
    """Fetch the images with these ids into the request's image cache, and the renditions the
    selection asks for, with one query for the images and one for their renditions, whatever
    the number of images.

    Renditions go into ``prefetched_renditions``, which Wagtail's ``get_rendition`` reads
    first. (A Django ``Prefetch`` would also narrow the manager that ``get_rendition`` uses to
    create a missing rendition, so a rendition made earlier for another spec would not be
    found there and its creation would fail on the unique constraint.)"""
    Image = get_image_model()
    wanted = {pk for pk in ids if pk}
    missing = wanted - set(context.images)
    if missing:
        for image in Image.objects.filter(pk__in=missing):
            image.prefetched_renditions = []
            image._api_loaded_specs = set()
            context.images[image.pk] = image
        for pk in missing:
            context.images.setdefault(pk, None)
    specs = requested_specs(selections)
    if not specs:
        return
    images = [context.images[pk] for pk in wanted if context.images.get(pk) is not None]
    needed = {spec for image in images for spec in specs - image._api_loaded_specs}
    if not needed:
        return
    Rendition = Image.get_rendition_model()
    found = Rendition.objects.filter(
        image_id__in=[image.pk for image in images], filter_spec__in=needed
    )
    by_image = {image.pk: image for image in images}
    for rendition in found:
        image = by_image[rendition.image_id]
        if rendition.filter_spec not in image._api_loaded_specs:
            rendition.image = image
            image.prefetched_renditions.append(rendition)
    for image in images:
        image._api_loaded_specs |= needed


@strawberry.type(description="A rendition: the image resized and encoded for display.")
class Rendition:
    url: str = strawberry.field(description="Address of the rendition file.")
    width: int = strawberry.field(description="Width in pixels.")
    height: int = strawberry.field(description="Height in pixels.")


@strawberry.type(description="The part of an image an editor marked as most important.")
class FocalPoint:
    x: int = strawberry.field(description="Centre, pixels from the left edge.")
    y: int = strawberry.field(description="Centre, pixels from the top edge.")
    width: int = strawberry.field(description="Width of the area in pixels.")
    height: int = strawberry.field(description="Height of the area in pixels.")


def rendition_of(image, spec):
    rendition = image.get_rendition(spec)
    return Rendition(url=rendition.url, width=rendition.width, height=rendition.height)


@strawberry.type(name="Image", description="An image from the media library.")
class ImageType:
    id: strawberry.ID = strawberry.field(description="The image's id in the media library.")
    width: int = strawberry.field(description="Width of the original in pixels.")
    height: int = strawberry.field(description="Height of the original in pixels.")

    @strawberry.field(description="Address of the original file.")
    def url(self) -> str:
        return self.file.url

    @strawberry.field(description="Text describing the image for readers who cannot see it.")
    def alt(self) -> str:
        return self.default_alt_text

    @strawberry.field(description="The area to keep in crops, when an editor set one.")
    def focal_point(self) -> FocalPoint | None:
        if self.focal_point_x is None:
            return None
        return FocalPoint(
            x=self.focal_point_x,
            y=self.focal_point_y,
            width=self.focal_point_width or 0,
            height=self.focal_point_height or 0,
        )

    @strawberry.field(
        description=(
            "A resized copy. Give exactly one of `fill` (crop to WIDTHxHEIGHT), `max` (fit "
            "within WIDTHxHEIGHT) or `width`; sizes come from an allow-list."
        )
    )
    def rendition(
        self,
        fill: str | None = None,
        max: str | None = None,
        width: int | None = None,
        format: ImageFormat | None = None,
    ) -> Rendition:
        return rendition_of(self, filter_spec(fill=fill, max=max, width=width, format=format))

    @strawberry.field(description="An HTML srcset value with one rendition per width.")
    def src_set(self, widths: list[int], format: ImageFormat | None = None) -> str:
        return ", ".join(
            f"{rendition_of(self, spec).url} {width}w"
            for spec, width in zip(srcset_specs(widths, format), widths, strict=True)
        )


def cached_image(context, pk):
    """The image from the request cache. A miss (a path no batch loader covered) still gives
    the right answer, at the cost of a query that the query-count tests would reveal."""
    if not pk:
        return None
    if pk not in context.images:
        load_images({pk}, [], context)
    return context.images.get(pk)
