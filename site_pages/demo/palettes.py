"""Colours of the demo pictures: one palette per chapter's country, so that a chapter's banner,
its events and its galleries read as one set, and a neutral one for the network as a whole.

The palettes take their cue from each country's flag or landscape without copying a flag: a
picture of a reunion in Dhaka should feel green and warm, not carry a national symbol.
"""

import colorsys
from dataclasses import dataclass


def hex_rgb(text):
    text = text.lstrip("#")
    return tuple(int(text[i : i + 2], 16) for i in (0, 2, 4))


@dataclass(frozen=True)
class Palette:
    top: tuple  # sky at the top of the picture
    horizon: tuple  # sky at the horizon, and the haze of far layers
    near: tuple  # the nearest silhouettes (ridges, buildings, branches)
    accent: tuple  # sun, blossoms, lit windows, liquids

    @classmethod
    def of(cls, top, horizon, near, accent):
        return cls(hex_rgb(top), hex_rgb(horizon), hex_rgb(near), hex_rgb(accent))

    def varied(self, rng):
        """The same palette, nudged in hue and lightness: two pictures of one chapter are
        related but not identical."""
        shift = rng.uniform(-0.025, 0.025)
        light = rng.uniform(-0.04, 0.04)
        return Palette(*(nudge(colour, shift, light) for colour in self.colours))

    @property
    def colours(self):
        return (self.top, self.horizon, self.near, self.accent)


def nudge(rgb, hue_shift, light_shift):
    h, lightness, s = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    lightness = min(max(lightness + light_shift, 0.0), 1.0)
    return tuple(round(c * 255) for c in colorsys.hls_to_rgb((h + hue_shift) % 1, lightness, s))


def mix(a, b, t):
    """``a`` moved a fraction ``t`` of the way to ``b``."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


NETWORK = Palette.of("#27356f", "#f5c3d2", "#1c1733", "#ff8fab")

COUNTRIES = {
    "JP": Palette.of("#e9a3b8", "#fff0e3", "#35294a", "#d8345f"),
    "CN": Palette.of("#3c1f4b", "#f2a04e", "#26121d", "#ffd166"),
    "IN": Palette.of("#e98a3a", "#ffe2b0", "#1e4a37", "#fff4d8"),
    "ID": Palette.of("#1f3a5f", "#f28c84", "#141d38", "#ffd0d8"),
    "MY": Palette.of("#0d2c5e", "#f6c453", "#081a39", "#ffe27a"),
    "NP": Palette.of("#1f3b86", "#dce8f5", "#23304e", "#d6283f"),
    "LK": Palette.of("#7a2030", "#f3ae45", "#2a1914", "#ffd36b"),
    "VN": Palette.of("#8a2216", "#f2a15a", "#38130f", "#ffdc5c"),
    "BD": Palette.of("#0c6a4d", "#bfe5cb", "#07392a", "#e23b45"),
    "SG": Palette.of("#2c2e45", "#ee8b80", "#1b1b2e", "#fff2f0"),
    "TH": Palette.of("#1c3070", "#f2b6c1", "#111a41", "#e4404c"),
    # Countries of network events' speakers, which have no chapter in the demo.
    "MM": Palette.of("#3a6b35", "#f6d36b", "#1f3320", "#e8483f"),
    "MX": Palette.of("#0f5c4a", "#f3c98b", "#0b2f26", "#d93a3a"),
}


def palette_for(country_code):
    return COUNTRIES.get(str(country_code or "").upper(), NETWORK)
