"""``{% preset_image image "card" sizes="15rem" %}``: a <picture> of a named preset.

Every image on the site goes through here (cards, heroes, galleries, figures in a body, voice
and coordinator photos, the chapter directory), so the site asks only for the presets the API
offers (site_pages/image_presets.py) and spends no more than the request's rendition budget
(site_pages/renditions.py). The <picture> offers AVIF and WebP, then JPEG or PNG in the <img>;
each at the preset's widths (``srcset``, with the ``sizes`` the layout gives it). The <img>
carries width and height so the page does not shift while pictures load. The first picture of a
page is fetched first (``fetchpriority="high"``), every later one lazily (``loading="lazy"``).
"""

import weakref

from django import template
from django.http import HttpRequest

from site_pages.image_presets import get_preset, site_formats, site_specs
from site_pages.renditions import budget_for

register = template.Library()

MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}

# Requests whose first picture has been rendered.
_pictured: weakref.WeakKeyDictionary[HttpRequest, bool] = weakref.WeakKeyDictionary()


def srcset(refs):
    """``url 480w, ...`` by the files' own widths: Wagtail does not enlarge, so a small original
    gives fewer distinct sizes than the preset names (the repeats are left out)."""
    widths: dict[int, str] = {}
    for ref in refs:
        widths.setdefault(ref.width, ref.url)
    return ", ".join(f"{url} {width}w" for width, url in widths.items())


def is_first_picture(request):
    if request is None:
        return False
    first = request not in _pictured
    _pictured[request] = True
    return first


@register.inclusion_tag("site_pages/includes/picture.html", takes_context=True)
def preset_image(context, image, preset, sizes="100vw", alt=None, css_class=""):
    if image is None:
        return {"image": None}
    request = context.get("request")
    preset = get_preset(preset)
    budget = budget_for(request)
    group = getattr(image, "picture_group", None)
    if group:
        # Pictures shown together (site_pages/pictures.py): their renditions in one query.
        budget.prefetch(group, site_specs(preset))
    formats = site_formats(image)
    specs = {format: preset.specs(format) for format in formats}
    refs = budget.get_many(image, [spec for format in formats for spec in specs[format]])
    sources = [
        {
            "type": MIME_TYPES[format],
            "srcset": srcset([refs[spec] for spec in specs[format]]),
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
        "first": is_first_picture(request),
    }
