"""Demo pictures painted with Pillow, so that nothing is downloaded when the site is set up.

Each picture is a scene (site_pages/demo/scenes.py, illustrations.py) in a chapter's colours
(palettes.py), varied by a seed taken from the picture's title: the same title paints the same
picture on every run, two titles paint two different ones. No text is drawn on them, and no
face: the people of the demo are fictional or real members who did not send a photograph.
"""

import hashlib
import random
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from site_pages.demo.illustrations import SCENES as CLOSE_UPS
from site_pages.demo.painting import vignette
from site_pages.demo.palettes import palette_for
from site_pages.demo.scenes import mountains, plains, seascape, skyline

SCENES = {
    "mountains": mountains,
    "skyline": skyline,
    "seascape": seascape,
    "plains": plains,
    **CLOSE_UPS,
}
# JPEG at this quality: a 1200x800 scene weighs 40-120 KB, a portrait under 20 KB.
JPEG_QUALITY = 80


def seeded(seed):
    return random.Random(int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big"))


def draw_picture(seed, size=(1200, 800), scene=None, country=None):
    """JPEG bytes of ``scene`` (a name in SCENES, or a tuple of names the seed chooses from;
    by default any but the portrait) in the colours of ``country`` (an ISO code; the network's
    own colours by default)."""
    rng = seeded(seed)
    if scene is None:
        scene = tuple(sorted(set(SCENES) - {"portrait"}))
    if isinstance(scene, tuple):
        scene = rng.choice(scene)
    if scene not in SCENES:
        raise ValueError(f"No demo scene is called {scene!r}; the scenes are {sorted(SCENES)}.")
    canvas = PILImage.new("RGB", size)
    SCENES[scene](canvas, rng, palette_for(country).varied(rng))
    if scene != "portrait":
        vignette(canvas)
    buffer = BytesIO()
    canvas.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def demo_image(title, collection, scene=None, country=None, size=(1200, 800)):
    """The image with this title, painted and stored the first time it is asked for."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    slug = hashlib.sha1(title.encode()).hexdigest()[:10]
    image = Image(title=title, collection=collection)
    image.file = ImageFile(
        BytesIO(draw_picture(title, size, scene=scene, country=country)),
        name=f"demo-{slug}.jpg",
    )
    image.save()
    return image


# The landscape of each chapter's banner; chapters not named here get a city.
CHAPTER_SCENES = {
    "JP": "sakura",
    "CN": "skyline",
    "IN": "plains",
    "ID": "seascape",
    "MY": "skyline",
    "NP": "mountains",
    "LK": "seascape",
    "VN": "mountains",
    "BD": "plains",
    "SG": "skyline",
    "TH": "plains",
}


def chapter_scene(country):
    return CHAPTER_SCENES.get(str(country), "skyline")


def event_scenes(kind, format, country):
    """The scenes an event's picture may be (the seed picks one): talks and seminars in a hall
    or at a bench, meetings in a hall, reunions in the chapter's landscape or its city; what
    happened online may also be a web of lights, though not always, or a list of online events
    would repeat one picture."""
    scenes: tuple[str, ...]
    if kind in {"seminar", "talk"}:
        scenes = ("hall", "laboratory")
    elif kind == "meeting":
        scenes = ("hall",)
    else:
        scenes = (chapter_scene(country), "skyline", "hall")
    return ("online", *scenes) if format in {"online", "hybrid"} else scenes
