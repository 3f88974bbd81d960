"""The demo's scenes, each a function ``scene(canvas, rng, palette)`` painting a whole picture:
landscapes for chapters and reunions, a laboratory bench for programmes and columns, a hall
for ceremonies, a web of lights for online events, a sakura branch for the network itself.

Pictures are cropped to 3:2 for cards and to 12:5 for banners (site_pages/image_presets.py),
so every scene keeps what matters in the middle band: horizons sit between 45% and 65% of the
height, and nothing essential lies in the top or bottom fifth.
"""

import itertools
import math

from PIL import ImageDraw

from site_pages.demo.painting import (
    SoftLayer,
    fill_below,
    glow,
    gradient,
    ridgeline,
    water,
)
from site_pages.demo.palettes import mix

WHITE = (255, 255, 255)


def sky(canvas, palette, horizon_at=0.6):
    canvas.paste(
        gradient(
            canvas.size,
            [(0, palette.top), (horizon_at, palette.horizon), (1, palette.horizon)],
        )
    )


def bokeh(canvas, rng, colour, count, band=(0.0, 1.0), sizes=(0.02, 0.07), blur=6):
    """Out-of-focus lights: a photograph's background."""
    width, height = canvas.size
    layer = SoftLayer(canvas.size)
    for _ in range(count):
        y = height * rng.uniform(*band)
        layer.circle((rng.uniform(0, width), y), width * rng.uniform(*sizes), rng.randint(40, 130))
    layer.lay(canvas, colour, blur)


def clouds(canvas, rng, palette, band=(0.12, 0.42)):
    """Long, thin clouds lit from below, as at sunrise."""
    width, height = canvas.size
    layer = SoftLayer(canvas.size)
    for _ in range(rng.randint(3, 6)):
        x, y = width * rng.uniform(-0.1, 0.9), height * rng.uniform(*band)
        length, depth = width * rng.uniform(0.2, 0.5), height * rng.uniform(0.012, 0.03)
        for k in range(3):
            left = x + length * 0.25 * k * rng.uniform(0.8, 1.2)
            top = y - depth * (1 + 0.6 * (k % 2))
            layer.ellipse([left, top, left + length * 0.5, y + depth], rng.randint(90, 150))
    layer.lay(canvas, mix(palette.horizon, WHITE, 0.45), 10)


def mountains(canvas, rng, palette):
    """Ranges fading into haze, a low sun, mist in the valleys."""
    width, height = canvas.size
    sky(canvas, palette, 0.62)
    clouds(canvas, rng, palette, band=(0.1, 0.3))
    glow(
        canvas,
        (width * rng.uniform(0.2, 0.8), height * rng.uniform(0.3, 0.42)),
        width * 0.035,
        palette.accent,
        150,
    )
    draw = ImageDraw.Draw(canvas)
    layers = rng.randint(4, 5)
    for i in range(layers):
        depth = i / (layers - 1)
        outline = ridgeline(
            rng,
            width,
            base=height * (0.48 + 0.12 * depth),
            amplitude=height * (0.16 - 0.06 * depth),
            roughness=0.5 + 0.08 * depth,
        )
        fill_below(draw, outline, height, mix(palette.horizon, palette.near, 0.25 + 0.75 * depth))
        if i < layers - 1:
            mist = SoftLayer(canvas.size)
            mist.polygon(
                [
                    (0, height * (0.6 + 0.1 * depth)),
                    (width, height * (0.56 + 0.1 * depth)),
                    (width, height * (0.66 + 0.1 * depth)),
                    (0, height * (0.7 + 0.1 * depth)),
                ],
                90,
            )
            mist.lay(canvas, palette.horizon, 24)
    birds(draw, rng, width, height, mix(palette.near, palette.top, 0.2))


def birds(draw, rng, width, height, colour):
    for _ in range(rng.randint(2, 5)):
        x, y = width * rng.uniform(0.25, 0.75), height * rng.uniform(0.25, 0.4)
        span = width * rng.uniform(0.008, 0.014)
        draw.line(
            [(x - span, y - span / 2), (x, y), (x + span, y - span / 2)],
            fill=colour,
            width=max(width // 500, 2),
            joint="curve",
        )


def skyline(canvas, rng, palette):
    """A city at dusk over a river: towers with lit windows, their reflections below."""
    width, height = canvas.size
    horizon = int(height * rng.uniform(0.6, 0.66))
    sky(canvas, palette, 0.66)
    glow(
        canvas,
        (width * rng.uniform(0.15, 0.85), horizon - height * 0.05),
        width * 0.04,
        palette.accent,
        170,
    )
    draw = ImageDraw.Draw(canvas)
    buildings(
        draw, rng, width, horizon, height * 0.34, mix(palette.horizon, palette.near, 0.45), None
    )
    buildings(draw, rng, width, horizon, height * 0.26, palette.near, palette.accent)
    water(canvas, horizon, mix(palette.near, palette.top, 0.3), rng)


def buildings(draw, rng, width, ground, tallest, colour, windows):
    x = -rng.uniform(0, 40)
    while x < width:
        w = width * rng.uniform(0.03, 0.08)
        h = tallest * rng.uniform(0.25, 1.0)
        top = ground - h
        draw.rectangle([x, top, x + w, ground], fill=colour)
        roof = rng.random()
        if roof < 0.2:  # a stepped tower with a mast
            draw.rectangle([x + w * 0.2, top - h * 0.15, x + w * 0.8, top], fill=colour)
            draw.line(
                [(x + w / 2, top - h * 0.15), (x + w / 2, top - h * 0.3)], fill=colour, width=3
            )
        elif roof < 0.32:  # a sloping roof, as temples and halls have
            draw.polygon(
                [(x - w * 0.15, top), (x + w / 2, top - w * 0.45), (x + w * 1.15, top)], fill=colour
            )
        if windows:
            lit(draw, rng, x, top, w, ground, windows)
        x += w + width * rng.uniform(0, 0.012)


def lit(draw, rng, x, top, w, ground, colour):
    size = max(w / 9, 2)
    for wy in range(int(top + size * 2), int(ground - size), int(size * 2.4)):
        for wx in range(int(x + size), int(x + w - size), int(size * 2.2)):
            if rng.random() < 0.22:
                draw.rectangle([wx, wy, wx + size, wy + size * 1.2], fill=colour)


def grove(draw, rng, centre, ground, height, colour):
    """A clump of trees on the horizon, each crown a few overlapping discs."""
    for _ in range(rng.randint(2, 6)):
        x = centre + height * rng.uniform(-0.12, 0.12)
        trunk = height * rng.uniform(0.015, 0.04)
        crown = trunk * rng.uniform(0.7, 1.1)
        draw.line([(x, ground), (x, ground - trunk)], fill=colour, width=2)
        for _ in range(3):
            cx = x + rng.uniform(-crown * 0.6, crown * 0.6)
            cy = ground - trunk - rng.uniform(0, crown * 0.5)
            r = crown * rng.uniform(0.45, 0.7)
            draw.ellipse([cx - r * 1.2, cy - r, cx + r * 1.2, cy + r * 0.8], fill=colour)


def seascape(canvas, rng, palette):
    """Islands on a calm sea under a big sun, a sail far out."""
    width, height = canvas.size
    horizon = int(height * rng.uniform(0.56, 0.62))
    sky(canvas, palette, 0.6)
    clouds(canvas, rng, palette)
    glow(
        canvas,
        (width * rng.uniform(0.3, 0.7), horizon - height * rng.uniform(0.04, 0.14)),
        width * 0.05,
        palette.accent,
        190,
    )
    draw = ImageDraw.Draw(canvas)
    for i in range(rng.randint(2, 4)):
        cx, w = width * rng.uniform(0, 1), width * rng.uniform(0.12, 0.35)
        peak = height * rng.uniform(0.04, 0.12)
        outline = [
            (
                cx - w / 2 + w * t / 16,
                horizon - peak * math.sin(math.pi * t / 16) ** 1.6 * rng.uniform(0.85, 1.0),
            )
            for t in range(17)
        ]
        draw.polygon(
            [*outline, (cx + w / 2, horizon + 1), (cx - w / 2, horizon + 1)],
            fill=mix(palette.horizon, palette.near, 0.5 + 0.15 * i),
        )
    palms(draw, rng, width, horizon, height, palette.near)
    water(canvas, horizon, mix(palette.near, palette.top, 0.45), rng)
    sail(ImageDraw.Draw(canvas), rng, width, horizon, height, palette.near)


def palms(draw, rng, width, horizon, height, colour):
    """A palm or two leaning in from one edge."""
    side = rng.choice([0, 1])
    for _ in range(rng.randint(1, 2)):
        base_x = width * (rng.uniform(0.02, 0.12) if side == 0 else rng.uniform(0.88, 0.98))
        lean = (1 if side == 0 else -1) * width * rng.uniform(0.04, 0.09)
        crown = (base_x + lean, horizon - height * rng.uniform(0.32, 0.42))
        draw.line(
            [(base_x, height), (base_x + lean * 0.6, horizon - height * 0.1), crown],
            fill=colour,
            width=max(width // 90, 6),
            joint="curve",
        )
        for k in range(9):
            # Fronds rise from the crown and bend down under their own weight: a parabola,
            # drawn thinner towards the tip.
            angle = math.pi * (0.04 + 0.92 * k / 8) + rng.uniform(-0.08, 0.08)
            length = width * rng.uniform(0.08, 0.11)
            out, rise = math.cos(angle) * length, math.sin(angle) * length * 0.7
            points = [
                (crown[0] + out * t, crown[1] - rise * t + length * 0.75 * t * t)
                for t in (0, 0.25, 0.5, 0.75, 1)
            ]
            for n, (a, b) in enumerate(itertools.pairwise(points)):
                draw.line([a, b], fill=colour, width=max(width // (160 + 80 * n), 2))


def sail(draw, rng, width, horizon, height, colour):
    x, size = width * rng.uniform(0.35, 0.65), height * 0.045
    y = horizon + height * 0.02
    draw.polygon([(x, y - size), (x, y), (x + size * 0.6, y)], fill=colour)
    draw.polygon(
        [
            (x - size * 0.4, y + 2),
            (x + size * 0.7, y + 2),
            (x + size * 0.55, y + size * 0.18),
            (x - size * 0.3, y + size * 0.18),
        ],
        fill=colour,
    )


def plains(canvas, rng, palette):
    """Sunrise over flat country: a river, fields, a line of trees."""
    width, height = canvas.size
    horizon = int(height * rng.uniform(0.58, 0.64))
    sky(canvas, palette, 0.62)
    clouds(canvas, rng, palette)
    glow(
        canvas,
        (width * rng.uniform(0.25, 0.75), horizon - height * 0.02),
        width * 0.06,
        palette.accent,
        200,
    )
    draw = ImageDraw.Draw(canvas)
    far = ridgeline(rng, width, horizon, height * 0.025, detail=6)
    fill_below(draw, far, horizon + 1, mix(palette.horizon, palette.near, 0.55))
    for _ in range(rng.randint(3, 5)):
        grove(draw, rng, width * rng.uniform(0, 1), horizon, height, palette.near)
    birds(draw, rng, width, height, mix(palette.near, palette.top, 0.3))
    water(canvas, horizon, mix(palette.near, palette.horizon, 0.35), rng)
    # Fields in front of the river: dark bands closing the picture.
    fill_below(
        draw,
        ridgeline(rng, width, height * 0.86, height * 0.03, detail=5),
        height,
        mix(palette.near, (0, 0, 0), 0.2),
    )
