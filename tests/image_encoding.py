"""AVIF renditions encoded at libavif's fastest speed in the test processes.

Every page view and API answer with a picture makes AVIF renditions (the site's first format),
and at Pillow's default speed (6) one 1200 px banner takes about 0.45 s of CPU to encode, against
0.035 s at speed 10: with the demo restored per module or per browser test, AVIF encoding was
the largest share of the browser tests' CPU. The tests check which renditions exist, their
sizes, formats and addresses, never how hard the encoder searched for a smaller file, so they
test the same at speed 10; production keeps Pillow's default. A caller that asks for a speed
keeps it.
"""

from PIL import AvifImagePlugin, Image

TEST_SPEED = 10


def with_test_speed(save):
    def save_at_test_speed(im, fp, filename, *args, **kwargs):
        im.encoderinfo.setdefault("speed", TEST_SPEED)
        return save(im, fp, filename, *args, **kwargs)

    save_at_test_speed.original = save
    return save_at_test_speed


def encode_avif_at_test_speed():
    """Make Pillow's AVIF writers (one image, and all frames) default to TEST_SPEED; once."""
    if not AvifImagePlugin.SUPPORTED:
        return
    fmt = AvifImagePlugin.AvifImageFile.format
    for registry in (Image.SAVE, Image.SAVE_ALL):
        if not hasattr(registry[fmt], "original"):
            registry[fmt] = with_test_speed(registry[fmt])
