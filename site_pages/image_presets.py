"""Named image presets: the only renditions the site and the API hand out.

Each rendition is a file in storage that costs CPU to make, so nobody asks for free sizes: a
template or a client names a preset (a crop ratio and a few widths, ``SAKURA_IMAGE_PRESETS``)
and an output format. The set of files one image can ever have is therefore small and known,
which is what lets the rendition view (``site_pages/rendition_view.py``) refuse everything else.
"""

from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from django.conf import settings
from django.core import checks
from django.core.signals import setting_changed
from django.dispatch import receiver
from PIL import features

# Output formats a preset may be encoded in (None keeps the original's format).
FORMATS = ("avif", "webp", "jpeg", "png")
MAX_WIDTH = 4000


class UnknownPresetWidth(ValueError):
    pass


@dataclass(frozen=True)
class Preset:
    name: str
    widths: tuple[int, ...]
    # Width and height of the crop; None keeps the original's proportions.
    ratio: tuple[int, int] | None
    description: str = ""

    def height_for(self, width: int) -> int:
        if self.ratio is None:
            raise ValueError(f"The preset {self.name} keeps the original's proportions.")
        return round(width * self.ratio[1] / self.ratio[0])

    def spec(self, width=None, format=None):
        """The Wagtail filter spec for one width (the largest by default) and format."""
        width = self.widths[-1] if width is None else width
        if width not in self.widths:
            raise UnknownPresetWidth(width)
        spec = f"fill-{width}x{self.height_for(width)}" if self.ratio else f"width-{width}"
        return f"{spec}|format-{format}" if format else spec

    def specs(self, format=None):
        return [self.spec(width, format) for width in self.widths]


def fallback_format(image):
    """The format of a picture's <img>, for browsers that read none of the site's <source>
    formats: JPEG where the original is a JPEG (photographs), PNG for everything else
    (drawings, transparency, GIF and WebP originals). Read from the file's name, so nothing is
    decoded to decide."""
    name = str(image.file.name).lower()
    return "jpeg" if name.endswith((".jpg", ".jpeg")) else "png"


def site_formats(image):
    """The formats of a picture on the site, best first: the <source> elements
    (``SAKURA_IMAGE_SITE_FORMATS``), then the <img>'s fallback."""
    return [*settings.SAKURA_IMAGE_SITE_FORMATS, fallback_format(image)]


def site_specs(preset):
    """Every spec a picture of ``preset`` may use on the site, for either fallback: what a list
    of pictures prefetches in one query."""
    formats = dict.fromkeys([*settings.SAKURA_IMAGE_SITE_FORMATS, "jpeg", "png"])
    return [spec for format in formats for spec in preset.specs(format)]


def parse_ratio(text):
    width, height = (int(part) for part in str(text).split(":"))
    if width <= 0 or height <= 0:
        raise ValueError(text)
    return width, height


@cache
def presets():
    """Every preset by name, read from settings once: an answer with a thousand pictures asks
    for its presets a thousand times. A test that overrides the setting gets them read anew
    (``forget_presets``)."""
    return MappingProxyType(
        {
            name: Preset(
                name=name,
                widths=tuple(sorted(options["widths"])),
                ratio=parse_ratio(options["ratio"]) if options.get("ratio") else None,
                description=options.get("description", ""),
            )
            for name, options in settings.SAKURA_IMAGE_PRESETS.items()
        }
    )


@receiver(setting_changed)
def forget_presets(setting, **kwargs):
    if setting == "SAKURA_IMAGE_PRESETS":
        presets.cache_clear()


def get_preset(name):
    return presets()[name]


def is_preset_spec(spec):
    """Whether ``spec`` is one of the renditions the presets allow, in any allowed format."""
    for preset in presets().values():
        for format in (None, *FORMATS):
            if spec in preset.specs(format):
                return True
    return False


@checks.register()
def check_presets(app_configs=None, **kwargs):
    """Refuse a preset table that would let one image grow many files or huge ones."""
    errors = []
    limit = settings.SAKURA_IMAGE_MAX_WIDTHS
    for name, options in settings.SAKURA_IMAGE_PRESETS.items():
        where = f"SAKURA_IMAGE_PRESETS[{name!r}]"
        if not name.isidentifier() or not name.islower():
            errors.append(checks.Error(f"{where}: a preset name is a lowercase identifier."))
        widths = options.get("widths") or []
        if not widths or len(widths) > limit:
            errors.append(
                checks.Error(f"{where}: give 1 to {limit} widths (SAKURA_IMAGE_MAX_WIDTHS).")
            )
        if any(not isinstance(w, int) or not 0 < w <= MAX_WIDTH for w in widths):
            errors.append(checks.Error(f"{where}: widths are whole pixels from 1 to {MAX_WIDTH}."))
        if options.get("ratio"):
            try:
                parse_ratio(options["ratio"])
            except ValueError:
                errors.append(checks.Error(f"{where}: ratio is WIDTH:HEIGHT, such as 3:2."))
    for format in settings.SAKURA_IMAGE_SITE_FORMATS:
        if format not in FORMATS:
            errors.append(
                checks.Error(f"SAKURA_IMAGE_SITE_FORMATS: {format!r} is not one of {FORMATS}.")
            )
        elif format in ("avif", "webp") and not features.check(format):
            errors.append(
                checks.Error(
                    f"SAKURA_IMAGE_SITE_FORMATS: this Pillow cannot write {format}; install one "
                    f"built with it, or leave {format!r} out."
                )
            )
    return errors
