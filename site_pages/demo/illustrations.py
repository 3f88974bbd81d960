"""The demo's close-up scenes (same contract as site_pages/demo/scenes.py): a sakura branch,
glassware on a laboratory bench, a hall before a ceremony, a web of lights for meetings held
online, and a portrait that stands for a person without drawing a face.
"""

import math
from functools import partial

from PIL import Image, ImageDraw

from site_pages.demo.painting import SoftLayer, gradient, tint
from site_pages.demo.palettes import mix
from site_pages.demo.scenes import WHITE, bokeh, ridgeline, sky

PETAL_PINKS = [(255, 214, 226), (250, 188, 206), (255, 236, 242), (241, 160, 187)]


def sakura(canvas, rng, palette):
    """A blossoming branch across a dawn sky, a blurred one behind it, petals falling."""
    width, height = canvas.size
    sky(canvas, palette, 0.75)
    draw = ImageDraw.Draw(canvas)
    # A far hill under the branch, so the picture has a ground.
    outline = ridgeline(rng, width, height * 0.8, height * 0.08, detail=6)
    draw.polygon(
        [*outline, (width, height), (0, height)], fill=mix(palette.horizon, palette.near, 0.3)
    )
    blurred = SoftLayer(canvas.size)
    for centre in branch_points(rng, width, height, from_left=rng.random() < 0.5, scale=1.3):
        blurred.circle(centre, width * 0.05, 150)
    blurred.lay(canvas, mix(PETAL_PINKS[1], palette.horizon, 0.3), 20)
    from_left = rng.random() < 0.5
    bark = mix(palette.near, (60, 30, 30), 0.4)
    blossoms: list[tuple[float, float]] = []
    grow(
        draw,
        rng,
        bark,
        blossoms,
        start=(0 if from_left else width, height * rng.uniform(0.3, 0.42)),
        angle=(0 if from_left else math.pi) + rng.uniform(-0.35, 0.15) * (1 if from_left else -1),
        length=width * 0.19,
        thickness=width * 0.016,
        depth=6,
    )
    for x, y in blossoms:
        for _ in range(rng.randint(1, 3)):
            spread = width * 0.018
            flower(
                draw,
                rng,
                x + rng.uniform(-spread, spread),
                y + rng.uniform(-spread, spread),
                width * rng.uniform(0.01, 0.017),
                palette.accent,
            )
    for _ in range(rng.randint(12, 22)):
        petal(
            draw,
            rng,
            rng.uniform(0, width),
            rng.uniform(height * 0.2, height * 0.95),
            width * 0.008,
        )


def branch_points(rng, width, height, from_left, scale):
    points, x, y = [], (0 if from_left else width), height * rng.uniform(0.5, 0.7)
    for _ in range(14):
        x += (1 if from_left else -1) * width * rng.uniform(0.02, 0.07) * scale
        y += height * rng.uniform(-0.06, 0.04)
        points.append((x, y))
    return points


def grow(draw, rng, colour, blossoms, start, angle, length, thickness, depth):
    """A branch by recursion: each segment goes on nearly straight and puts out a thinner
    side shoot; the outer segments carry the blossoms."""
    end = (start[0] + math.cos(angle) * length, start[1] + math.sin(angle) * length)
    bend = (
        start[0] + math.cos(angle + 0.15) * length / 2,
        start[1] + math.sin(angle + 0.15) * length / 2,
    )
    draw.line([start, bend, end], fill=colour, width=max(int(thickness), 2), joint="curve")
    if depth <= 3:
        blossoms.extend([bend, end])
    if depth == 0:
        return
    # Two branches from the end: the limb carrying on, then a thinner side shoot.
    branch = partial(grow, draw, rng, colour, blossoms, end)
    branch(
        angle + rng.uniform(-0.25, 0.25),
        length * rng.uniform(0.75, 0.9),
        thickness * 0.75,
        depth - 1,
    )
    side = rng.choice([-1, 1])
    branch(
        angle + side * rng.uniform(0.5, 0.9),
        length * rng.uniform(0.45, 0.6),
        thickness * 0.55,
        max(depth - 2, 0),
    )


def flower(draw, rng, x, y, r, accent):
    pink = rng.choice(PETAL_PINKS)
    turn = rng.uniform(0, math.tau)
    for k in range(5):
        a = turn + k * math.tau / 5
        px, py = x + math.cos(a) * r * 0.75, y + math.sin(a) * r * 0.75
        draw.ellipse([px - r * 0.62, py - r * 0.62, px + r * 0.62, py + r * 0.62], fill=pink)
    draw.ellipse([x - r * 0.3, y - r * 0.3, x + r * 0.3, y + r * 0.3], fill=mix(accent, pink, 0.3))


def petal(draw, rng, x, y, r):
    a = rng.uniform(0, math.tau)
    points = [
        (
            x + math.cos(a + t) * r * (1.6 if k % 3 == 0 else 0.8),
            y + math.sin(a + t) * r * (1.6 if k % 3 == 0 else 0.8) * 0.7,
        )
        for k, t in enumerate(math.tau * i / 6 for i in range(6))
    ]
    draw.polygon(points, fill=rng.choice(PETAL_PINKS))


def laboratory(canvas, rng, palette):
    """Flasks, a beaker and test tubes on a bench, a bright window blurred behind."""
    width, height = canvas.size
    bench = height * rng.uniform(0.66, 0.72)
    canvas.paste(
        gradient(
            canvas.size,
            [
                (0, mix(palette.top, WHITE, 0.12)),
                (0.7, mix(palette.horizon, palette.top, 0.3)),
                (0.7001, mix(palette.near, WHITE, 0.55)),
                (1, mix(palette.near, WHITE, 0.35)),
            ],
        )
    )
    bokeh(canvas, rng, WHITE, 14, band=(0.1, 0.6), sizes=(0.03, 0.08), blur=18)
    glass = Image.new("L", canvas.size)
    outline = ImageDraw.Draw(glass)
    x = width * rng.uniform(0.14, 0.24)
    shapes = [erlenmeyer, round_flask, beaker, test_tubes]
    rng.shuffle(shapes)
    for shape in shapes[:3]:
        size = height * rng.uniform(0.34, 0.46)
        x = shape(
            canvas,
            outline,
            rng,
            x,
            bench,
            size,
            mix(palette.accent, palette.top, rng.uniform(0, 0.4)),
        )
        x += width * rng.uniform(0.04, 0.08)
    tint(canvas, WHITE, glass)


def erlenmeyer(canvas, outline, rng, x, bench, size, colour):
    w, neck = size * 0.75, size * 0.16
    liquid = ImageDraw.Draw(canvas)
    body = [
        (x + w / 2 - neck / 2, bench - size),
        (x + w / 2 + neck / 2, bench - size),
        (x + w / 2 + neck / 2, bench - size * 0.62),
        (x + w, bench),
        (x, bench),
        (x + w / 2 - neck / 2, bench - size * 0.62),
    ]
    level = rng.uniform(0.2, 0.4)
    inset = (w / 2 - neck / 2) * (1 - level / 0.62)
    liquid.polygon(
        [
            (x + inset, bench - size * level),
            (x + w - inset, bench - size * level),
            (x + w - 4, bench - 3),
            (x + 4, bench - 3),
        ],
        fill=colour,
    )
    outline.polygon(body, outline=170, width=max(int(size / 70), 3))
    outline.line(
        [(x + w * 0.3, bench - size * 0.25), (x + w * 0.42, bench - size * 0.55)], fill=120, width=4
    )
    return x + w


def round_flask(canvas, outline, rng, x, bench, size, colour):
    r, neck = size * 0.3, size * 0.14
    cx, cy = x + r, bench - r
    level = cy + r * rng.uniform(-0.2, 0.3)
    mask = Image.new("L", canvas.size)
    m = ImageDraw.Draw(mask)
    m.ellipse([cx - r + 4, cy - r + 4, cx + r - 4, cy + r - 4], fill=255)
    m.rectangle([0, 0, mask.width, level], fill=0)
    canvas.paste(Image.new("RGB", mask.size, colour), (0, 0), mask)
    stroke = max(int(size / 70), 3)
    outline.rectangle(
        [cx - neck / 2, bench - size, cx + neck / 2, cy - r * 0.9], outline=170, width=stroke
    )
    outline.ellipse([cx - r, cy - r, cx + r, cy + r], outline=170, width=stroke)
    outline.arc(
        [cx - r * 0.7, cy - r * 0.7, cx + r * 0.7, cy + r * 0.7], 200, 250, fill=140, width=5
    )
    return x + 2 * r


def beaker(canvas, outline, rng, x, bench, size, colour):
    w, h = size * 0.5, size * 0.62
    liquid = ImageDraw.Draw(canvas)
    liquid.rectangle([x + 4, bench - h * rng.uniform(0.3, 0.6), x + w - 4, bench - 3], fill=colour)
    stroke = max(int(size / 70), 3)
    outline.line(
        [
            (x - w * 0.08, bench - h),
            (x, bench - h * 0.94),
            (x, bench),
            (x + w, bench),
            (x + w, bench - h),
        ],
        fill=170,
        width=stroke,
        joint="curve",
    )
    for k in range(1, 4):
        y = bench - h * k / 4.5
        outline.line([(x + w * 0.65, y), (x + w * 0.9, y)], fill=130, width=3)
    return x + w


def test_tubes(canvas, outline, rng, x, bench, size, colour):
    tube, gap, h = size * 0.1, size * 0.06, size * 0.6
    liquid = ImageDraw.Draw(canvas)
    stroke = max(int(size / 90), 2)
    for k in range(rng.randint(3, 5)):
        tx = x + k * (tube + gap)
        fill = bench - h * 0.1 - h * rng.uniform(0.15, 0.45)
        liquid.rounded_rectangle(
            [tx + 3, fill, tx + tube - 3, bench - h * 0.1 - 3],
            tube / 2 - 3,
            fill=mix(colour, WHITE, rng.uniform(0, 0.5)),
        )
        outline.rounded_rectangle(
            [tx, bench - h, tx + tube, bench - h * 0.1], tube / 2, outline=170, width=stroke
        )
    rack_end = x + 5 * (tube + gap)
    outline.rectangle([x - gap, bench - h * 0.45, rack_end, bench - h * 0.38], fill=150)
    outline.line([(x - gap, bench - h * 0.38), (x - gap, bench)], fill=150, width=stroke * 2)
    outline.line([(rack_end, bench - h * 0.38), (rack_end, bench)], fill=150, width=stroke * 2)
    return rack_end


def hall(canvas, rng, palette):
    """A hall before a ceremony or a poster session: stage lights, warm bokeh, empty rows."""
    width, height = canvas.size
    dark = mix(palette.near, (0, 0, 0), 0.35)
    canvas.paste(
        gradient(canvas.size, [(0, dark), (0.55, mix(palette.near, palette.top, 0.5)), (1, dark)])
    )
    beams = SoftLayer(canvas.size)
    for _ in range(rng.randint(3, 5)):
        top_x = width * rng.uniform(0.1, 0.9)
        spread, foot = width * rng.uniform(0.06, 0.12), width * rng.uniform(-0.1, 0.1)
        beams.polygon(
            [
                (top_x - 8, 0),
                (top_x + 8, 0),
                (top_x + foot + spread, height * 0.7),
                (top_x + foot - spread, height * 0.7),
            ],
            rng.randint(60, 110),
        )
    beams.lay(canvas, mix(palette.accent, WHITE, 0.4), 30)
    bokeh(canvas, rng, palette.accent, 26, band=(0.1, 0.55), sizes=(0.01, 0.04), blur=8)
    draw = ImageDraw.Draw(canvas)
    stage = height * rng.uniform(0.58, 0.62)
    draw.rectangle(
        [width * 0.1, stage, width * 0.9, stage + height * 0.04],
        fill=mix(dark, palette.accent, 0.15),
    )
    lectern = width * rng.uniform(0.3, 0.7)
    draw.polygon(
        [
            (lectern - 28, stage - height * 0.13),
            (lectern + 28, stage - height * 0.13),
            (lectern + 20, stage),
            (lectern - 20, stage),
        ],
        fill=dark,
    )
    for row in range(4):
        y = stage + height * (0.1 + row * 0.085)
        seat, gap = width * (0.035 + row * 0.008), width * (0.012 + row * 0.002)
        x = (row % 2) * seat / 2 - seat
        while x < width:
            draw.rounded_rectangle(
                [x, y, x + seat, y + height * 0.07], seat / 4, fill=mix(dark, (0, 0, 0), 0.3)
            )
            x += seat + gap


def online(canvas, rng, palette):
    """Lights joined across the curve of a globe: people meeting from many countries."""
    width, height = canvas.size
    night = mix(palette.near, (0, 0, 0), 0.3)
    canvas.paste(
        gradient(canvas.size, [(0, night), (0.7, mix(palette.top, night, 0.4)), (1, night)])
    )
    rim = SoftLayer(canvas.size)
    radius = width * 0.9
    centre = (width * rng.uniform(0.35, 0.65), height * 0.75 + radius)
    rim.circle(centre, radius + width * 0.02, 200)
    rim.lay(canvas, palette.horizon, 30)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse(
        [centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius], fill=night
    )
    nodes = [
        (rng.uniform(0.04, 0.96) * width, rng.uniform(0.15, 0.72) * height)
        for _ in range(rng.randint(22, 34))
    ]
    lines = Image.new("L", canvas.size)
    link = ImageDraw.Draw(lines)
    for a in nodes:
        for b in sorted(nodes, key=lambda n: math.dist(a, n))[1:3]:
            link.line([a, b], fill=110, width=2)
    tint(canvas, mix(palette.horizon, WHITE, 0.3), lines)
    lights = SoftLayer(canvas.size)
    for x, y in nodes:
        lights.circle((x, y), width * rng.uniform(0.008, 0.02), 200)
    lights.lay(canvas, palette.accent, 10)
    for x, y in nodes:
        r = width * 0.004
        draw.ellipse([x - r, y - r, x + r, y + r], fill=mix(palette.accent, WHITE, 0.6))


SKIN = [(241, 204, 178), (224, 172, 135), (198, 140, 102), (160, 108, 74), (121, 82, 58)]
HAIR = [(30, 24, 22), (52, 36, 28), (80, 54, 40), (20, 20, 26)]


def portrait(canvas, rng, palette):
    """A head-and-shoulders figure in flat shapes, with no face drawn: it stands for the
    person until a real photograph is uploaded, without pretending to be one."""
    width, height = canvas.size
    canvas.paste(
        gradient(
            canvas.size, [(0, mix(palette.top, WHITE, 0.25)), (1, mix(palette.horizon, WHITE, 0.1))]
        )
    )
    draw = ImageDraw.Draw(canvas)
    cx, head_y, r = width / 2, height * 0.42, width * 0.14
    # A large soft disc off to one side, as a window or a lamp behind a sitter.
    ring, side = (
        width * rng.uniform(0.3, 0.42),
        rng.choice([-1, 1]) * width * rng.uniform(0.05, 0.15),
    )
    draw.ellipse(
        [cx + side - ring, head_y - ring, cx + side + ring, head_y + ring],
        fill=mix(palette.accent, palette.top, 0.55),
    )
    skin, hair, cloth = (
        rng.choice(SKIN),
        rng.choice(HAIR),
        mix(palette.near, palette.accent, rng.uniform(0, 0.4)),
    )
    style = rng.choice(["short", "long", "bun", "scarf"])
    if style == "long":
        draw.rounded_rectangle(
            [cx - r * 1.15, head_y - r * 1.05, cx + r * 1.15, head_y + r * 1.9], r, fill=hair
        )
    draw.ellipse([cx - width * 0.33, height * 0.74, cx + width * 0.33, height * 1.3], fill=cloth)
    draw.rectangle(
        [cx - r * 0.38, head_y + r * 0.6, cx + r * 0.38, height * 0.8],
        fill=mix(skin, (0, 0, 0), 0.08),
    )
    draw.polygon(
        [(cx - r * 0.7, height * 0.75), (cx + r * 0.7, height * 0.75), (cx, height * 0.87)],
        fill=mix(cloth, WHITE, 0.7),
    )
    if style == "scarf":
        draw.ellipse(
            [cx - r * 1.3, head_y - r * 1.3, cx + r * 1.3, head_y + r * 1.5],
            fill=mix(palette.accent, cloth, 0.5),
        )
        draw.ellipse([cx - r * 0.82, head_y - r * 0.85, cx + r * 0.82, head_y + r * 1.0], fill=skin)
        return
    draw.ellipse([cx - r, head_y - r * 1.15, cx + r, head_y + r * 1.1], fill=skin)
    draw.chord(
        [cx - r * 1.08, head_y - r * 1.3, cx + r * 1.08, head_y + r * 0.6], 180, 360, fill=hair
    )
    if style == "bun":
        draw.ellipse([cx - r * 0.45, head_y - r * 1.75, cx + r * 0.45, head_y - r * 0.9], fill=hair)


SCENES = {
    "sakura": sakura,
    "laboratory": laboratory,
    "hall": hall,
    "online": online,
    "portrait": portrait,
}
