"""``{% preset_image image "card" sizes="15rem" %}``: a <picture> of a named preset.

Every image on the site goes through here, so the site asks only for the presets the API offers
and spends no more than the request's rendition budget (site_pages/renditions.py). The <img>
carries width and height so the page does not shift while pictures load.
"""

from django import template
from django.conf import settings

from site_pages.image_presets import get_preset
from site_pages.renditions import budget_for

register = template.Library()

MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}


def srcset(refs, widths):
    return ", ".join(f"{ref.url} {width}w" for ref, width in zip(refs, widths, strict=True))


@register.inclusion_tag("site_pages/includes/picture.html", takes_context=True)
def preset_image(context, image, preset, sizes="100vw", alt=None, css_class="", loading=""):
    if image is None:
        return {"image": None}
    preset = get_preset(preset)
    formats = settings.SAKURA_IMAGE_SITE_FORMATS
    specs = {format: preset.specs(format) for format in formats}
    refs = budget_for(context.get("request")).get_many(
        image, [spec for format in formats for spec in specs[format]]
    )
    sources = [
        {
            "type": MIME_TYPES[format],
            "srcset": srcset([refs[spec] for spec in specs[format]], preset.widths),
        }
        for format in formats
    ]
    fallback = [refs[spec] for spec in specs[formats[-1]]]
    # The smallest file is the src of browsers without srcset; the largest gives the
    # proportions the layout reserves.
    return {
        "image": image,
        "sources": sources[:-1],
        "src": fallback[0].url,
        "srcset": sources[-1]["srcset"],
        "sizes": sizes,
        "width": fallback[-1].width,
        "height": fallback[-1].height,
        "alt": image.default_alt_text if alt is None else alt,
        "css_class": css_class,
        "loading": loading,
    }
