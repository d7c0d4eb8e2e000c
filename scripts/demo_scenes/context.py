"""Photos around a product: the maker at work, the workshop, dyes, a copper stamp, yarn, a kiln, a garden."""

from __future__ import annotations

import math
import random

import numpy as np

from scripts.demo_scenes import cloth, motifs, objects
from scripts.demo_scenes.canvas import (
    Array,
    backdrop,
    blur,
    dome,
    fbm,
    fill,
    frac,
    grid,
    hash2,
    lambert,
    mix,
    place,
    poly_mask,
    rgb,
    smooth,
)
from scripts.demo_scenes.look import Look
from scripts.demo_scenes.objects import Frame

# What a workshop has hanging to dry: its craft's usual motifs.
HUNG_MOTIFS = {
    "batik": ("kawung", "parang", "ceplok", "gajah-oling", "sekar-jagad", "floral", "mendung"),
    "tenun": ("lurik", "kotak", "wajik", "tirta"),
    "bordir": ("bordir",),
}
SKIN = ((150, 100, 68), (128, 84, 56), (168, 118, 80))
CLOTHES = ((60, 80, 120), (120, 50, 50), (70, 90, 60), (150, 120, 80), (40, 40, 44))


def _room(w: int, h: int, rng: random.Random, dim: float = 1.0) -> Array:
    """A workshop wall lit by a window on one side, with a floor."""
    x, y = grid(w, h)
    wall = backdrop(w, h, "wall", rng)
    side = rng.choice((-1, 1))
    window = np.exp(-(((x - (w * 0.5 + side * w * 0.45)) / (w * 0.35)) ** 2)) * smooth(h * 0.7, h * 0.2, y)
    wall = wall * (0.55 + 0.7 * window)[..., None]
    floor = smooth(h * 0.7, h * 0.72, y)
    ground = backdrop(w, h, rng.choice(("wood", "slate")), rng) * 0.8
    return mix(wall, ground, floor) * dim


def _hanging_cloths(look: Look, out: Array, w: int, h: int, rng: random.Random) -> Array:
    """Finished cloths drying on a line along the back wall."""
    x, y = grid(w, h)
    line_y = h * 0.12
    out = mix(out, rgb((60, 50, 40)), smooth(1.5, 0.5, np.abs(y - line_y)))
    for k in range(rng.randint(3, 5)):
        x0 = w * (0.02 + k * rng.uniform(0.2, 0.26))
        x1 = x0 + w * rng.uniform(0.13, 0.18)
        y1 = h * rng.uniform(0.5, 0.62)
        m = smooth(-1, 1, x - x0) * smooth(1, -1, x - x1) * smooth(-1, 1, y - line_y) * smooth(1, -1, y - y1)
        folds = np.sin((x - x0) / (w * 0.02) + k) * 3
        motif = rng.choice(HUNG_MOTIFS.get(look.category, (look.motif,)))
        piece = Look(**{**look.__dict__, "motif": motif})
        colour = cloth.cloth_colour(piece, x * 1.0 + k * 137, y, min(w, h) / 9, swap=k % 2 == 1)
        out = place(out, colour * lambert(folds, 0.55)[..., None], m, drop=0.4, lift=0.5)
    return out


def person(
    out: Array,
    f: Frame,
    rng: random.Random,
    pose: str = "seated",
    head_cover: bool = True,
    clothes: Array | None = None,
) -> Array:
    """A maker seen from the side and a little behind, bent over the work: shaded body, no face to read."""
    w, h = f.w, f.h
    skin = rgb(rng.choice(SKIN))
    shirt = clothes if clothes is not None else rgb(rng.choice(CLOTHES))
    standing = pose == "standing"
    top = -0.42 if standing else -0.2
    torso = [
        f.pt(-0.1, top + 0.12),
        f.pt(-0.04, top + 0.1),
        f.pt(0.06, top + 0.11),
        f.pt(0.12, top + 0.16),
        f.pt(0.15, top + 0.3),
        f.pt(0.16, top + 0.5),
        f.pt(-0.15, top + 0.5),
        f.pt(-0.16, top + 0.3),
        f.pt(-0.14, top + 0.18),
    ]
    legs = (
        [
            ("rounded", ((*f.pt(-0.12, top + 0.48), *f.pt(-0.02, 0.45)), 8)),
            ("rounded", ((*f.pt(0.02, top + 0.48), *f.pt(0.12, 0.45)), 8)),
        ]
        if standing
        else [
            ("ellipse", (*f.pt(-0.18, top + 0.38), *f.pt(0.1, top + 0.58))),
            ("ellipse", (*f.pt(-0.02, top + 0.44), *f.pt(0.32, top + 0.58))),
        ]
    )
    body = poly_mask(w, h, [("polygon", torso), ("ellipse", (*f.pt(-0.14, top + 0.1), *f.pt(0.12, top + 0.24)))] + legs)
    out = objects._finish_object(
        out,
        fill(w, h, shirt) * (1 + 0.05 * fbm(w, h, 20, rng, 1))[..., None],
        body,
        dome(body, f.s(0.05), f.s(0.08)),
        drop=0.6,
        lift=0.6,
    )
    arm = poly_mask(
        w, h, [("line", ([f.pt(0.07, top + 0.17), f.pt(0.16, top + 0.33), f.pt(0.3, top + 0.3)], f.s(0.055)))]
    )
    out = objects._finish_object(out, fill(w, h, shirt * 0.92), arm, dome(arm, 4, f.s(0.03)), drop=0.4, lift=0.3)
    hand = poly_mask(w, h, [("ellipse", (*f.pt(0.28, top + 0.27), *f.pt(0.35, top + 0.33)))])
    out = objects._finish_object(out, fill(w, h, skin), hand, dome(hand, 3, 4), drop=0.4, lift=0.2)
    head = poly_mask(
        w,
        h,
        [
            ("ellipse", (*f.pt(-0.035, top - 0.05), *f.pt(0.115, top + 0.12))),
            ("polygon", [f.pt(0.1, top + 0.02), f.pt(0.135, top + 0.06), f.pt(0.105, top + 0.075)]),  # the nose
            ("ellipse", (*f.pt(0.04, top + 0.08), *f.pt(0.1, top + 0.13))),  # the chin, bent to the work
        ],
    )
    neck = poly_mask(w, h, [("rounded", ((*f.pt(0.0, top + 0.06), *f.pt(0.06, top + 0.15)), 3))])
    out = objects._finish_object(out, fill(w, h, skin), neck, dome(neck, 2, 3), drop=0.2, lift=0.1)
    out = objects._finish_object(out, fill(w, h, skin), head, dome(head, f.s(0.04), f.s(0.06)), drop=0.4, lift=0.3)
    if head_cover:
        scarf = poly_mask(
            w,
            h,
            [
                ("ellipse", (*f.pt(-0.045, top - 0.055), *f.pt(0.1, top + 0.1))),
                ("polygon", [f.pt(-0.05, top + 0.02), f.pt(0.0, top + 0.17), f.pt(-0.1, top + 0.2)]),
            ],
        )
        scarf = scarf * (1 - poly_mask(w, h, [("ellipse", (*f.pt(0.06, top - 0.0), *f.pt(0.13, top + 0.11)))]))
        colour = rgb(rng.choice(((170, 60, 80), (60, 90, 130), (200, 180, 140), (70, 110, 90))))
        out = objects._finish_object(out, fill(w, h, colour), scarf, dome(scarf, 4, f.s(0.05)), drop=0.3, lift=0.2)
    else:
        hair = poly_mask(w, h, [("ellipse", (*f.pt(-0.035, top - 0.05), *f.pt(0.08, top + 0.05)))])
        out = objects._finish_object(out, fill(w, h, rgb((26, 22, 20))), hair, dome(hair, 3, 5), drop=0.2, lift=0.1)
    return out


def _batik_frame(look: Look, out: Array, f: Frame, rng: random.Random) -> Array:
    """The gawangan: a cloth hung over a bamboo frame, half drawn in wax, and the small wax pan."""
    w, h = f.w, f.h
    x, y = grid(w, h)
    x0, y0 = f.pt(0.32, -0.22)
    x1, y1 = f.pt(0.95, 0.22)
    m = smooth(-1, 1, x - x0) * smooth(1, -1, x - x1) * smooth(-1, 1, y - y0) * smooth(1, -1, y - y1)
    drawn = cloth.cloth_colour(look, x + 50, y + 50, min(w, h) / 5)
    plain = fill(w, h, rgb((232, 222, 196)))
    wax_front = smooth(x0 + (x1 - x0) * 0.55, x0 + (x1 - x0) * 0.5, x)
    colour = mix(plain, drawn, wax_front * 0.85)
    sag = np.sin((x - x0) / max(1.0, x1 - x0) * math.pi) * 4
    out = place(out, colour * lambert(sag + fbm(w, h, 40, rng, 1) * 2, 0.6)[..., None], m, drop=0.5, lift=0.6)
    bar = poly_mask(w, h, [("line", ([f.pt(0.3, -0.22), f.pt(0.98, -0.22)], f.s(0.02)))])
    out = objects._finish_object(out, fill(w, h, rgb((170, 136, 80))), bar, dome(bar, 2, 3))
    pan = poly_mask(w, h, [("ellipse", (*f.pt(0.38, 0.3), *f.pt(0.56, 0.38)))])
    return objects._finish_object(out, fill(w, h, rgb((46, 40, 36))), pan, dome(pan, 3, 5), gloss=0.3)


def _prop(look: Look, out: Array, f: Frame, rng: random.Random) -> Array:
    """What the maker works on, by craft."""
    w, h = f.w, f.h
    x, y = grid(w, h)
    cat = look.category
    if cat == "batik":
        return _batik_frame(look, out, f, rng)
    if cat in ("tenun",):  # warp threads running to the weaver's lap
        x0, _ = f.pt(0.3, 0)
        warp = (
            smooth(0.35, 0.15, np.abs(frac(x / 3.0) - 0.5)) * (x > x0) * (y > f.pt(0, 0.0)[1]) * (y < f.pt(0, 0.12)[1])
        )
        woven = cloth.cloth_colour(look, x, y, min(w, h) / 6)
        m = (x > x0) * (y > f.pt(0, 0.02)[1]) * (y < f.pt(0, 0.1)[1])
        out = place(out, woven, m.astype(np.float32) * 0.98, drop=0.3, lift=0.3)
        return mix(out, rgb((230, 220, 200)), warp * 0.6)
    if cat == "keramik":
        wheel = poly_mask(w, h, [("ellipse", (*f.pt(0.25, 0.2), *f.pt(0.75, 0.3)))])
        out = objects._finish_object(out, fill(w, h, rgb((90, 86, 80))), wheel, dome(wheel, 3, 4))
        out, _ = objects.vessel(
            out, Frame(w, h, 0.3, -1.65, -0.4), rng, "vase", -0.3, 0.4, objects._clay(rgb((150, 110, 80)), rng), cx=0.0
        )
        return out
    if cat == "kayu":
        sub = Look(**{**look.__dict__, "view": "full"})
        return objects.mask_piece(sub, w, h, rng, bg=out, f=Frame(w, h, 0.32, -1.3, -0.5))
    if cat == "logam":
        glow = np.exp(-(((x - w * 0.78) / (w * 0.15)) ** 2 + ((y - h * 0.62) / (h * 0.12)) ** 2))
        out = out * (1 + 2.5 * glow)[..., None] * rgb((255, 190, 120))
        anvil = poly_mask(
            w,
            h,
            [
                (
                    "polygon",
                    [
                        f.pt(0.25, 0.2),
                        f.pt(0.5, 0.2),
                        f.pt(0.45, 0.26),
                        f.pt(0.42, 0.45),
                        f.pt(0.32, 0.45),
                        f.pt(0.3, 0.26),
                    ],
                )
            ],
        )
        return objects._finish_object(out, fill(w, h, rgb((40, 40, 42))), anvil, dome(anvil, 3, 5), gloss=0.4)
    if cat == "anyaman":
        strips = poly_mask(
            w, h, [("line", ([f.pt(0.2, 0.3 + 0.012 * k), f.pt(0.9, 0.22 + 0.02 * k)], f.s(0.008))) for k in range(10)]
        )
        return objects._finish_object(out, fill(w, h, rgb(look.ground)), strips, dome(strips, 1, 2))
    if cat == "bordir":
        hoop = poly_mask(w, h, [("ellipse", (*f.pt(0.25, 0.12), *f.pt(0.6, 0.3)))])
        inner = cloth.cloth_colour(look, x, y, min(w, h) / 6)
        out = place(out, inner, hoop, drop=0.4, lift=0.3)
        ring = hoop - poly_mask(w, h, [("ellipse", (*f.pt(0.27, 0.135), *f.pt(0.58, 0.285)))])
        return objects._finish_object(out, fill(w, h, rgb((180, 140, 90))), np.clip(ring, 0, 1), dome(hoop, 2, 2))
    bench = poly_mask(w, h, [("rounded", ((*f.pt(0.2, 0.2), *f.pt(0.9, 0.26)), 3))])
    out = objects._finish_object(out, objects.wood(w, h, rng, rgb((130, 90, 52))), bench, dome(bench, 2, 3))
    piece = poly_mask(w, h, [("polygon", [f.pt(0.35, 0.15), f.pt(0.6, 0.14), f.pt(0.62, 0.2), f.pt(0.33, 0.2)])])
    return objects._finish_object(out, objects.leather(w, h, rng, rgb(look.ground)), piece, dome(piece, 2, 3))


def at_work(look: Look, w: int, h: int, rng: random.Random, wide: bool = False) -> Array:
    """The maker at the bench or frame; wider for a workshop portrait, with finished work around."""
    dim = 0.55 if look.category == "logam" or look.view in ("forge", "stage") else 1.0
    out = _room(w, h, rng, dim)
    if wide and look.category in ("batik", "tenun", "bordir"):
        out = _hanging_cloths(look, out, w, h, rng)
    elif wide and look.category == "keramik":
        for k in range(4):
            out, _ = objects.vessel(
                out,
                Frame(w, h, 0.22, 1.8 - k * 0.45, -0.9),
                rng,
                "jar" if k % 2 else "vase",
                -0.3,
                0.4,
                objects._clay(rgb(look.ground), rng),
            )
    elif wide and look.category == "kayu":
        for k in range(3):
            out = objects.mask_piece(
                Look(**{**look.__dict__, "view": "full"}), w, h, rng, bg=out, f=Frame(w, h, 0.22, 1.6 - k * 0.7, -1.1)
            )
    f = Frame(w, h, rng.uniform(0.95, 1.1) if not wide else 0.8, rng.uniform(0.05, 0.15), 0.0)
    female = look.category in ("batik", "bordir", "tenun") or rng.random() < 0.4
    out = person(out, f, rng, "seated", head_cover=female)
    return _prop(look, out, f, rng)


def stage(look: Look, w: int, h: int, rng: random.Random) -> Array:
    """A masked dancer in a spotlight."""
    x, y = grid(w, h)
    dark = fill(w, h, rgb((18, 16, 20)))
    spot = np.exp(-(((x - w / 2) / (w * 0.28)) ** 2 + ((y - h * 0.55) / (h * 0.6)) ** 2))
    out = dark * (1 + 6 * spot)[..., None]
    f = Frame(w, h, 1.1, 0.05, -0.05)
    out = person(out, f, rng, "standing", head_cover=False, clothes=rgb((160, 30, 36)))
    face = Look(**{**look.__dict__, "view": "full"})
    return objects.mask_piece(face, w, h, rng, bg=out, f=Frame(w, h, 0.2, -0.1, -2.5))


def dye_jar(look: Look, w: int, h: int, rng: random.Random) -> Array:
    """The clay jar (gentong) of dye, with a dyed cloth hanging over its rim."""
    bg = backdrop(w, h, rng.choice(("wall", "slate")), rng)
    f = Frame(w, h)
    dye = rgb(look.ground) * 0.45
    out, _ = objects.vessel(
        bg,
        f,
        rng,
        "gentong",
        -0.28,
        0.42,
        objects._glaze(rgb((92, 64, 44)), rng),
        gloss=0.15,
        interior=np.broadcast_to(dye, (h, w, 3)),
    )
    x, y = grid(w, h)
    x0, y0 = f.pt(0.12, -0.3)
    m = (
        smooth(-1, 1, x - x0)
        * smooth(1, -1, x - x0 - f.s(0.16))
        * smooth(-1, 1, y - y0)
        * smooth(1, -1, y - f.pt(0, 0.25)[1])
    )
    colour = cloth.cloth_colour(look, x, y, min(w, h) / 7)
    return place(out, colour * lambert(np.sin((x - x0) / 6) * 3, 0.5)[..., None], m, drop=0.6, lift=0.3)


def dyes(look: Look, w: int, h: int, rng: random.Random) -> Array:
    """Natural dye stuffs in bowls: bark chips, indigo paste, leaves."""
    out = backdrop(w, h, "wood", rng)
    x, y = grid(w, h)
    contents = (rgb((110, 60, 30)), rgb((30, 40, 90)), rgb((60, 110, 50)))
    for k, colour in enumerate(contents):
        cx, cy, r = w * (0.22 + 0.28 * k), h * (0.45 + 0.12 * (k % 2)), min(w, h) * 0.2
        d = np.hypot((x - cx) / r, (y - cy) / (r * 0.7))
        bowl = smooth(1.0, 0.97, d)
        inner = smooth(0.88, 0.84, d)
        chips = 0.7 + 0.5 * np.clip(fbm(w, h, 5 if k != 1 else 30, rng, 2), -0.5, 0.8)
        albedo = mix(fill(w, h, rgb((190, 180, 160))), colour * chips[..., None], inner)
        height = smooth(1.0, 0.9, d) * 6 + inner * chips * 4
        out = objects._finish_object(out, albedo, bowl, height, gloss=0.2)
    return out


def stamp(look: Look, w: int, h: int, rng: random.Random) -> Array:
    """A copper batik stamp (cap) face up on the work table, beside a stamped cloth."""
    out = backdrop(w, h, "wood", rng)
    x, y = grid(w, h)
    cl = (x > w * 0.55).astype(np.float32)
    out = place(
        out,
        cloth.cloth_colour(look, x, y, min(w, h) / 6) * lambert(fbm(w, h, 60, rng, 1) * 3, 0.6)[..., None],
        cl,
        0.4,
        0.3,
    )
    s = min(w, h) * 0.34
    cx, cy = w * 0.33, h * 0.5
    block = smooth(1, -1, np.maximum(np.abs(x - cx), np.abs(y - cy)) - s)
    layers = motifs.MOTIFS.get(look.motif, motifs.ceplok)(x, y, s * 0.9)
    lines = np.zeros((h, w), np.float32)
    for mask, _role in layers:
        lines = np.maximum(lines, np.clip(mask, 0, 1) - blur(np.clip(mask, 0, 1), 1.5) * 0.9)
    lines = np.clip(lines * 3, 0, 1)
    copper = rgb((184, 110, 60))
    albedo = mix(fill(w, h, copper * 0.3), copper, lines)
    height = lines * 4 + dome(block, 4, 4)
    return objects._finish_object(out, albedo, block, height, gloss=0.5, power=20)


def yarn(look: Look, w: int, h: int, rng: random.Random) -> Array:
    """Skeins of hand-spun, dyed yarn on a table."""
    out = backdrop(w, h, rng.choice(("wood", "linen")), rng)
    x, y = grid(w, h)
    colours = list(look.colours) + [(232, 218, 184)]
    for k in range(5):
        cx, cy = w * (0.18 + 0.16 * k), h * (0.45 + 0.1 * ((k * 7) % 3 - 1))
        a, b = min(w, h) * 0.1, min(w, h) * 0.3
        ang = rng.uniform(-0.4, 0.4)
        u = (x - cx) * math.cos(ang) + (y - cy) * math.sin(ang)
        v = -(x - cx) * math.sin(ang) + (y - cy) * math.cos(ang)
        m = smooth(1.0, 0.96, np.hypot(u / a, v / b))
        twist = 0.75 + 0.25 * np.sin((u * 0.6 + v * 0.25) / 1.2) + 0.1 * np.sin(v / 9)
        colour = rgb(colours[k % len(colours)])
        out = objects._finish_object(out, colour * twist[..., None], m, dome(m, 8, 14), drop=0.6, lift=0.4)
    return out


def kiln(look: Look, w: int, h: int, rng: random.Random) -> Array:
    """Pieces waiting by the kiln's glowing mouth."""
    x, y = grid(w, h)
    bricks = fill(w, h, rgb((110, 60, 40)))
    mortar = np.maximum(
        smooth(1.5, 0.5, np.abs(frac(y / 24) - 0.5) * 24 - 11),
        smooth(1.5, 0.5, np.abs(frac(x / 48 + 0.5 * np.floor(y / 24)) - 0.5) * 48 - 23),
    )
    out = (
        mix(bricks * (0.8 + 0.3 * hash2(np.floor(x / 48), np.floor(y / 24), 4))[..., None], rgb((60, 50, 45)), mortar)
        * 0.6
    )
    mouth = smooth(1.0, 0.95, np.hypot((x - w * 0.5) / (w * 0.22), (y - h * 0.45) / (h * 0.3))) * (y < h * 0.6)
    fire = rgb((255, 150, 60)) * (0.7 + 0.3 * fbm(w, h, 20, rng, 2))[..., None]
    out = mix(out, fire, mouth)
    out = out * (1 + 1.5 * np.exp(-(((x - w / 2) / (w * 0.4)) ** 2 + ((y - h * 0.7) / (h * 0.3)) ** 2)))[..., None]
    out = mix(out, rgb((60, 40, 30)), smooth(h * 0.6, h * 0.62, y))
    for k in range(3):
        out = objects.piggy(out, Frame(w, h, 0.45, -0.9 + k * 0.9, -0.55), rng, rgb(look.ground))
    return out


def garden(look: Look, w: int, h: int, rng: random.Random) -> Array:
    """The piece planted in a garden corner: foliage out of focus behind."""
    x, y = grid(w, h)
    leaves = 0.5 + 0.5 * fbm(w, h, 30, rng, 3)
    out = mix(rgb((30, 70, 30)) * np.ones((h, w, 3), np.float32), rgb((120, 170, 80)), leaves)
    out = mix(out, backdrop(w, h, "slate", rng) * rgb((160, 150, 130)) * 2, smooth(h * 0.68, h * 0.7, y))
    f = Frame(w, h, 0.8, 0.0, -0.05)
    out, _ = objects.vessel(
        out,
        f,
        rng,
        "jar",
        -0.3,
        0.45,
        objects._clay(rgb(look.ground), rng, relief=True),
        interior=np.broadcast_to(rgb((40, 30, 20)), (h, w, 3)),
    )
    plant = poly_mask(
        w,
        h,
        [
            ("ellipse", (*f.pt(-0.1 + 0.08 * k, -0.55 - 0.05 * (k % 2)), *f.pt(0.0 + 0.08 * k, -0.3)))
            for k in range(-2, 3)
        ],
    )
    return objects._finish_object(out, fill(w, h, rgb((50, 120, 50))), plant, dome(plant, 4, 8), drop=0.5)


def shadow_wall(look: Look, w: int, h: int, rng: random.Random) -> Array:
    """The pattern of the lit lamp shade thrown on a wall."""
    x, y = grid(w, h)
    cx, cy = w * 0.5, -h * 0.3
    r = np.hypot(x - cx, y - cy)
    a = np.arctan2(y - cy, x - cx)
    u, v = a * 300, r
    holes = smooth(0.3, 0.2, np.abs(frac(u / 14) - 0.5)) * smooth(
        0.3, 0.2, np.abs(frac(v / 14 + 0.5 * (np.floor(u / 14) % 2)) - 0.5)
    )
    pool = np.exp(-(((x - w / 2) / (w * 0.45)) ** 2 + ((y - h * 0.45) / (h * 0.5)) ** 2))
    wall = backdrop(w, h, "wall", rng) * 0.3
    lit = wall + (rgb((255, 200, 130)) * (0.4 + 1.2 * holes * pool)[..., None]) * pool[..., None]
    return blur(lit, 1.0)


def cup_set(look: Look, w: int, h: int, rng: random.Random) -> Array:
    out = objects.trays(Look(**{**look.__dict__, "ground": (150, 110, 70), "words": ""}), w, h, rng, 1)
    sub = Look(**{**look.__dict__, "view": "full"})
    for k in range(6):
        f = Frame(w, h, 0.36, -0.75 + (k % 3) * 0.75, -0.35 + (k // 3) * 0.65)
        out, _ = objects.vessel(
            out, f, rng, "cup", -0.12, 0.26, objects._painted(rgb(sub.ground), rgb((250, 250, 245)), rng), gloss=0.4
        )
    return out


def render(look: Look, w: int, h: int, rng: random.Random) -> Array:
    view = look.view
    if view == "workshop":
        return at_work(look, w, h, rng, wide=True)
    if view == "stage":
        return stage(look, w, h, rng)
    if view == "jar":
        return dye_jar(look, w, h, rng)
    if view == "dyes":
        return dyes(look, w, h, rng)
    if view == "stamp":
        return stamp(look, w, h, rng)
    if view == "yarn":
        return yarn(look, w, h, rng)
    if view == "kiln":
        return kiln(look, w, h, rng)
    if view == "garden":
        return garden(look, w, h, rng)
    if view == "shadow":
        return shadow_wall(look, w, h, rng)
    return at_work(look, w, h, rng)  # person, loom, forge


SETS = {"cup": cup_set}
