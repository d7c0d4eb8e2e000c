"""One demo scene: the look's object drawn at reduced size, lit, on its backdrop."""

from __future__ import annotations

import random

from PIL import Image

from scripts.demo_scenes import canvas, cloth, context, objects
from scripts.demo_scenes.look import CLOTH_CATEGORIES, Look

OWN_VIEWS = ("full", "detail", "side", "folded", "drape", "shirt", "variants", "set")


def scene(look: Look, size: tuple[int, int], rng: random.Random) -> Image.Image:
    w, h = size
    if look.view not in OWN_VIEWS:
        picture = context.render(look, w, h, rng)
    elif look.view == "set" and look.form == "cup":
        picture = context.cup_set(look, w, h, rng)
    elif look.category in CLOTH_CATEGORIES:
        picture = cloth.render(look, w, h, rng)
    else:
        picture = objects.render(look, w, h, rng)
    return canvas.finish(picture, rng, warmth=rng.uniform(-0.3, 1.0))
