"""Demo pictures drawn with Pillow, so that nothing is downloaded when the site is set up."""

import colorsys
import hashlib
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model


def palette(seed):
    """Two related colours derived from the text, so that each picture looks different but
    the same picture is drawn on every run."""
    digest = hashlib.sha256(seed.encode()).digest()
    hue = digest[0] / 255
    top = colorsys.hls_to_rgb(hue, 0.45, 0.55)
    bottom = colorsys.hls_to_rgb((hue + 0.08) % 1, 0.25, 0.6)
    return tuple(int(c * 255) for c in top), tuple(int(c * 255) for c in bottom)


def draw_picture(label, size=(1200, 800)):
    width, height = size
    top, bottom = palette(label)
    picture = PILImage.new("RGB", size, top)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        t = y / max(height - 1, 1)
        colour = tuple(int(top[i] * (1 - t) + bottom[i] * t) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    # Pillow's bundled font: no font file is fetched or needed on the machine.
    font = ImageFont.load_default(size=max(height // 10, 16))
    box = draw.textbbox((0, 0), label, font=font)
    text_width, text_height = box[2] - box[0], box[3] - box[1]
    draw.text(
        ((width - text_width) / 2, (height - text_height) / 2),
        label,
        fill=(255, 255, 255),
        font=font,
    )
    buffer = BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def demo_image(title, label, collection, size=(1200, 800)):
    """The image with this title, drawn and stored the first time it is asked for."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    slug = hashlib.sha1(title.encode()).hexdigest()[:10]
    image = Image(title=title, collection=collection)
    image.file = ImageFile(BytesIO(draw_picture(label, size)), name=f"demo-{slug}.png")
    image.save()
    return image
