"""Brushes the demo's scenes are painted with: gradients, glows, soft shapes, ridgelines.

Each works on a whole picture with Pillow's C operations (a blur on a quarter-size layer, a
one-pixel-wide gradient stretched to the width) rather than pixel by pixel in Python, which is
what keeps a 1200x800 picture to a few tens of milliseconds.
"""

import functools
import itertools

from PIL import Image, ImageDraw, ImageFilter

from site_pages.demo.palettes import mix

# Soft layers are drawn at this fraction of the picture's size, blurred, then enlarged: the
# blur costs a sixteenth, and a soft shape loses nothing by it.
SOFT_SCALE = 4
# Colours computed for a gradient; the rest are interpolated by the resize.
GRADIENT_STEPS = 96


def gradient(size, stops):
    """A vertical gradient through ``stops`` [(position 0..1, rgb)], top to bottom: a strip of
    GRADIENT_STEPS colours stretched smoothly to the picture."""
    strip = Image.new("RGB", (1, GRADIENT_STEPS))
    strip.putdata([colour_at(stops, y / (GRADIENT_STEPS - 1)) for y in range(GRADIENT_STEPS)])
    return strip.resize(size, Image.Resampling.BILINEAR)


def colour_at(stops, t):
    for (p0, c0), (p1, c1) in itertools.pairwise(stops):
        if t <= p1:
            return mix(c0, c1, (t - p0) / max(p1 - p0, 1e-6))
    return stops[-1][1]


def tint(canvas, colour, mask):
    """``colour`` laid over ``canvas`` through ``mask`` (mode L)."""
    canvas.paste(colour, (0, 0, *canvas.size), mask)


class SoftLayer:
    """A small mask to draw soft shapes on (circles of light, out-of-focus blossoms), blurred
    and enlarged to the picture when laid on it."""

    def __init__(self, size):
        self.size = size
        self.mask = Image.new("L", (max(size[0] // SOFT_SCALE, 1), max(size[1] // SOFT_SCALE, 1)))
        self.draw = ImageDraw.Draw(self.mask)

    def circle(self, centre, radius, opacity):
        x, y, r = (v / SOFT_SCALE for v in (*centre, radius))
        self.draw.ellipse([x - r, y - r, x + r, y + r], fill=opacity)

    def ellipse(self, box, opacity):
        self.draw.ellipse([v / SOFT_SCALE for v in box], fill=opacity)

    def polygon(self, points, opacity):
        self.draw.polygon([(x / SOFT_SCALE, y / SOFT_SCALE) for x, y in points], fill=opacity)

    def lay(self, canvas, colour, blur):
        soft = self.mask.filter(ImageFilter.GaussianBlur(blur / SOFT_SCALE))
        box = soft.getbbox()
        if box is None:
            return
        # Only the part that holds shapes is enlarged and laid: a sun's halo is a tenth of
        # the picture, and enlarging and pasting the rest would cost most of the time.
        left, top, right, bottom = (v * SOFT_SCALE for v in box)
        part = soft.crop(box).resize((right - left, bottom - top), Image.Resampling.BILINEAR)
        canvas.paste(colour, (left, top, right, bottom), part)


def glow(canvas, centre, radius, colour, opacity=200):
    """A sun or a lamp: a bright disc in a halo."""
    halo = SoftLayer(canvas.size)
    halo.circle(centre, radius * 3.2, opacity // 2)
    halo.circle(centre, radius * 1.6, opacity)
    halo.lay(canvas, colour, radius * 1.4)
    x, y = centre
    ImageDraw.Draw(canvas).ellipse(
        [x - radius, y - radius, x + radius, y + radius], fill=mix(colour, (255, 255, 255), 0.35)
    )


def ridgeline(rng, width, base, amplitude, roughness=0.55, detail=7):
    """Heights across the width by midpoint displacement: a mountain range's outline.
    Returns [(x, y)] from the left edge to the right."""
    count = 2**detail + 1
    heights = [0.0] * count
    heights[0], heights[-1] = rng.uniform(-1, 1), rng.uniform(-1, 1)
    step, scale = count - 1, 1.0
    while step > 1:
        half = step // 2
        for i in range(half, count, step):
            heights[i] = (heights[i - half] + heights[i + half]) / 2 + rng.uniform(-scale, scale)
        step, scale = half, scale * roughness
    return [(width * i / (count - 1), base - amplitude * h) for i, h in enumerate(heights)]


def fill_below(draw, outline, bottom, colour):
    width = outline[-1][0]
    draw.polygon([*outline, (width, bottom), (0, bottom)], fill=colour)


def vignette(canvas, strength=70):
    """Darker corners, as a lens makes them."""
    tint(canvas, (0, 0, 0), vignette_mask(canvas.size, strength))


@functools.lru_cache(maxsize=8)
def vignette_mask(size, strength):
    """The same for every picture of a size: made once."""
    mask = Image.radial_gradient("L").resize(size, Image.Resampling.BILINEAR)
    return mask.point(lambda v: max(0, v - 128) * strength // 127)


def water(canvas, horizon, tone, rng):
    """The sky and land above ``horizon`` mirrored below it, darkened towards ``tone`` and
    broken by ripples."""
    width, height = canvas.size
    depth = height - horizon
    top = max(horizon - depth, 0)
    mirrored = canvas.crop((0, top, width, horizon)).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    # Stretched sideways and back: a horizontal blur, as moving water smears a reflection.
    mirrored = mirrored.resize((max(width // 24, 1), mirrored.height)).resize(mirrored.size)
    mirrored = Image.blend(mirrored, Image.new("RGB", mirrored.size, tone), 0.35)
    canvas.paste(mirrored, (0, horizon))
    draw = ImageDraw.Draw(canvas)
    light = mix(tone, (255, 255, 255), 0.55)
    for _ in range(int(depth / 6)):
        y = rng.uniform(horizon + 2, height)
        length = rng.uniform(20, 140) * (0.4 + (y - horizon) / depth)
        x = rng.uniform(-length, width)
        draw.line([(x, y), (x + length, y)], fill=mix(tone, light, rng.uniform(0.1, 0.5)), width=1)
