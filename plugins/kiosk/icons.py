"""Home-screen icons drawn with Pillow from the brand colours: the favicon's "K" on the brand brown."""

from __future__ import annotations

from pathlib import Path

from buildkit.store import Store, key
from PIL import Image, ImageColor, ImageDraw

from .config import APPLE_TOUCH_SIZE, ICON_SIZES, Kiosk

# Bump when draw_icon draws differently: the icons kept in the cache are then drawn again.
ICONS_VERSION = 1

# theme/static/favicon.svg's letter, on its 32-unit grid.
LETTER = [(8, 8), (12, 8), (12, 15), (19, 8), (24, 8), (16, 16), (24, 24), (19, 24), (12, 17), (12, 24), (8, 24)]
INK = "#f6efe4"


def draw_icon(size: int, background: str, maskable: bool = False) -> Image.Image:
    """A square icon; the maskable one fills the square and keeps the letter inside the central safe circle."""
    scale = 4  # drawn larger, then each 4×4 block averaged: smooth edges without an anti-aliasing library
    big = size * scale
    # transparent in the brand colour, so that averaging the rounded corners' edge does not darken them
    image = Image.new("RGBA", (big, big), (*ImageColor.getrgb(background)[:3], 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=background)
        unit, offset = big * 0.6 / 32, big * 0.2  # the safe zone is the central 80 % circle
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 6 / 32, fill=background)
        unit, offset = big / 32, 0.0
    draw.polygon([(offset + x * unit, offset + y * unit) for x, y in LETTER], fill=INK)
    return image.reduce(scale)


def _save(image: Image.Image, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, "PNG", optimize=True)


def write_icons(output: Path, kiosk: Kiosk, cache: str | Path | None = None) -> None:
    """The manifests' icons and the Apple touch icon, drawn once per colour and size and kept in the build's store
    under ``cache`` (kind "icons"): drawing the 512-pixel ones four times larger and optimising the PNGs took a
    noticeable share of every build."""
    store = Store(cache, "icons")
    colour = kiosk.settings["KIOSK_THEME_COLOR"]
    for size in ICON_SIZES:
        _place(output / kiosk.icon(size), store, size, colour)
        _place(output / kiosk.icon(size, maskable=True), store, size, colour, maskable=True)
    # Apple's home screen ignores transparency and rounds corners itself: a full square.
    _place(output / kiosk.apple_touch_icon, store, APPLE_TOUCH_SIZE, colour, maskable=True, opaque=True)


def _place(target: Path, store: Store, size: int, colour: str, maskable: bool = False, opaque: bool = False) -> None:
    drawn = key(str(ICONS_VERSION), str(size), colour, str(maskable), str(opaque))
    if store.place(drawn, ".png", target):
        return
    image = draw_icon(size, colour, maskable)
    target.unlink(missing_ok=True)  # an icon left by an earlier build may be a link into the store
    _save(image.convert("RGB") if opaque else image, target)
    store.keep(drawn, ".png", target)
