"""Solid crafts as shaded objects on a plain backdrop: vessels, masks, baskets, leather goods, keris."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np

from scripts.demo_scenes import motifs
from scripts.demo_scenes.canvas import (
    LIGHT,
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
    specular,
)
from scripts.demo_scenes.look import Look

BRASS = rgb((196, 156, 72))
GOLD = rgb((212, 170, 70))


@dataclass
class Frame:
    """Scene units (fractions of the picture's height, from its centre) to pixels, zoomed on a focus."""

    w: int
    h: int
    zoom: float = 1.0
    fx: float = 0.0
    fy: float = 0.0

    def pt(self, dx: float, dy: float) -> tuple[float, float]:
        return (self.w / 2 + (dx - self.fx) * self.h * self.zoom, self.h / 2 + (dy - self.fy) * self.h * self.zoom)

    def s(self, length: float) -> float:
        return length * self.h * self.zoom


# Materials: albedo (and gloss) at each pixel.
def terracotta(w: int, h: int, rng: random.Random, colour: Array) -> Array:
    speck = fbm(w, h, 6, rng, 2)
    return colour * (1.0 + 0.1 * speck + 0.05 * fbm(w, h, 60, rng, 2))[..., None]


def wood(w: int, h: int, rng: random.Random, colour: Array, along_y: bool = True) -> Array:
    x, y = grid(w, h)
    warp = fbm(w, h, 50, rng, 2) * 8
    t = (x if along_y else y) + warp
    grain = 0.5 + 0.5 * np.sin(t / rng.uniform(2.5, 4.0))
    return colour * (0.85 + 0.15 * grain**2)[..., None]


def leather(w: int, h: int, rng: random.Random, colour: Array) -> Array:
    pebble = fbm(w, h, 3, rng, 2)
    return colour * (1.0 + 0.08 * pebble + 0.06 * fbm(w, h, 80, rng, 2))[..., None]


def weave(u: Array, v: Array, strip: float, light: Array, dark: Array) -> Array:
    """Bamboo strips over and under each other, each strip rounded in the light."""
    a, b = u / strip, v / strip
    over = (np.floor(a) + np.floor(b)) % 2 == 0
    across = np.where(over, np.cos((frac(b) - 0.5) * math.pi), np.cos((frac(a) - 0.5) * math.pi))
    colour = np.where(over[..., None], light, dark)
    fibre = 0.93 + 0.07 * np.sin(np.where(over, a, b) * 40)
    return colour * (0.45 + 0.55 * across * fibre)[..., None]


def _finish_object(
    bg: Array,
    albedo: Array,
    mask: Array,
    height: Array,
    gloss: float = 0.0,
    power: float = 30,
    drop: float = 1.0,
    lift: float = 1.0,
    ambient: float = 0.35,
) -> Array:
    shade = lambert(height, ambient)
    colour = albedo * shade[..., None]
    if gloss:
        colour = colour + gloss * specular(height, power)[..., None]
    return place(bg, np.clip(colour, 0, 1), mask, drop, lift)


# Vessels turned on a wheel: shaded as bodies of revolution.
PROFILES = {  # (t from top to bottom, radius as a fraction of the height)
    "vase": ((0, 0.1), (0.08, 0.085), (0.25, 0.12), (0.6, 0.24), (0.9, 0.17), (1, 0.12)),
    "jar": ((0, 0.3), (0.06, 0.27), (0.15, 0.32), (0.5, 0.38), (0.85, 0.28), (1, 0.22)),
    "cup": ((0, 0.4), (0.5, 0.36), (0.85, 0.28), (1, 0.22)),
    "basket": ((0, 0.5), (0.5, 0.5), (1, 0.44)),
    "lid": ((0, 0.3), (0.4, 0.45), (0.8, 0.52), (1, 0.52)),
    "gentong": ((0, 0.24), (0.07, 0.22), (0.3, 0.36), (0.65, 0.38), (1, 0.24)),
}


def vessel(
    bg: Array,
    f: Frame,
    rng: random.Random,
    profile: str,
    top: float,
    bottom: float,
    albedo_fn,
    gloss: float = 0.0,
    open_top: bool = True,
    cx: float = 0.0,
    interior: Array | None = None,
    width: float | None = None,
) -> tuple[Array, Array]:
    """A lathe-turned body between scene heights ``top`` and ``bottom``; returns the picture and its mask."""
    w, h = f.w, f.h
    x, y = grid(w, h)
    (px0, py0), (_, py1) = f.pt(cx, top), f.pt(cx, bottom)
    tall = py1 - py0
    t = (y - py0) / tall
    prof = np.array(PROFILES[profile], np.float32)
    scale = f.s(width) if width else tall
    rows = np.interp(np.clip(t[:, 0], 0, 1), prof[:, 0], prof[:, 1]) * scale
    k = max(1, int(abs(tall) * 0.06))
    rows = np.convolve(np.pad(rows, k, mode="edge"), np.ones(2 * k + 1) / (2 * k + 1), mode="valid")
    rows = np.convolve(np.pad(rows, k, mode="edge"), np.ones(2 * k + 1) / (2 * k + 1), mode="valid")  # a smooth curve
    r = np.broadcast_to(rows[:, None], t.shape).astype(np.float32)
    xn = (x - px0) / np.maximum(r, 1)
    body = smooth(1.0, 0.97, np.abs(xn)) * smooth(-0.004, 0.004, t) * smooth(1.004, 0.996, t)
    rim_r = float(prof[0, 1]) * scale
    ell = rim_r * 0.28
    rim = smooth(1.0, 0.96, np.hypot((x - px0) / rim_r, (y - py0) / ell))
    mask = np.clip(body + rim, 0, 1)
    nz = np.sqrt(np.clip(1 - xn * xn, 0, 1))
    slope = np.gradient(r, axis=0)
    ny = -slope * 0.8
    norm = np.sqrt(xn * xn + ny * ny + nz * nz) + 1e-6
    d = np.clip((xn * LIGHT[0] + ny * LIGHT[1] + nz * LIGHT[2]) / norm, 0, 1)
    shade = 0.3 + 0.8 * d
    theta = np.arcsin(np.clip(xn, -1, 1))
    albedo = albedo_fn(theta, t * tall, w, h)
    colour = albedo * shade[..., None]
    if gloss:
        half = LIGHT + np.array([0, 0, 1], np.float32)
        half /= np.linalg.norm(half)
        spec = np.clip((xn * half[0] + ny * half[1] + nz * half[2]) / norm, 0, 1) ** 40
        colour = colour + gloss * spec[..., None]
    if open_top:
        inner = smooth(0.9, 0.84, np.hypot((x - px0) / rim_r, (y - py0) / ell))
        dark = interior if interior is not None else albedo * 0.25
        colour = mix(colour, dark * (0.6 + 0.4 * (y - py0 + ell) / (2 * ell))[..., None], inner)
        lip = rim * (1 - inner)
        colour = mix(colour, albedo * 1.1, lip * (y < py0))
    out = place(bg, np.clip(colour, 0, 1), mask, drop=0.8, lift=0.8)
    return out, mask


def _glaze(colour: Array, rng: random.Random):
    def fn(theta: Array, ty: Array, w: int, h: int) -> Array:
        drip = 0.9 + 0.1 * np.sin(theta * 14 + fbm(w, h, 40, rng, 1) * 2)
        pooled = 1.0 - 0.35 * smooth(0.75 * ty.max(), ty.max(), ty)
        return colour * (drip * pooled)[..., None]

    return fn


def _clay(colour: Array, rng: random.Random, relief: bool = False):
    def fn(theta: Array, ty: Array, w: int, h: int) -> Array:
        base = terracotta(w, h, rng, colour)
        rings = 1.0 + 0.04 * np.sin(ty / 3.0)
        if relief:
            layers = motifs.floral(theta * 120 + 400, ty + 400, 90)
            band = smooth(0.2, 0.25, ty / max(1, ty.max())) * smooth(0.7, 0.65, ty / max(1, ty.max()))
            carve = (layers[3][0] + layers[1][0]) * band
            rings = rings * (1.0 - 0.25 * carve)
        return base * rings[..., None]

    return fn


def _painted(colour: Array, paint: Array, rng: random.Random):
    def fn(theta: Array, ty: Array, w: int, h: int) -> Array:
        base = fill(w, h, colour) * (1.0 + 0.02 * fbm(w, h, 30, rng, 1))[..., None]
        layers = motifs.floral(theta * 60 + 200, ty + 200, 70)
        band = smooth(0.25, 0.3, ty / max(1, ty.max())) * smooth(0.75, 0.7, ty / max(1, ty.max()))
        out = mix(base, paint, layers[3][0] * band)
        return mix(out, rgb((70, 110, 50)), layers[1][0] * band)

    return fn


def _woven(light: Array, strip: float):
    def fn(theta: Array, ty: Array, w: int, h: int) -> Array:
        return weave(theta * strip * 9 + ty * 0.7, ty - theta * strip * 3, strip, light, light * 0.8)

    return fn


def ceramic(look: Look, w: int, h: int, rng: random.Random) -> Array:
    colour = rgb(look.ground)
    bg = backdrop(w, h, rng.choice(("paper", "linen", "wood")), rng)
    # Where a close-up looks: the glaze run at a vase's foot, a jar's relief, a face, a plate's painting.
    focus = {"vase": (0.05, 0.25), "jar": (0.1, 0.0), "head": (0.0, -0.05), "piggy": (0.2, -0.05), "cup": (0.0, 0.05)}
    fx, fy = focus.get(look.form, (0.0, 0.0))
    f = Frame(w, h, 2.6, fx, fy) if look.view == "detail" else Frame(w, h)
    form = look.form
    if form == "vase":
        out, _ = vessel(bg, f, rng, "vase", -0.38, 0.4, _glaze(colour, rng), gloss=0.5)
        return out
    if form == "jar":
        out, _ = vessel(bg, f, rng, "jar", -0.34, 0.4, _clay(colour, rng, relief=True))
        return out
    if form == "cup":
        paint = rgb(look.colours[1]) if len(look.colours) > 1 else rgb((236, 236, 230))
        saucer = poly_mask(w, h, [("ellipse", (*f.pt(-0.3, 0.18), *f.pt(0.3, 0.34)))])
        out = _finish_object(bg, fill(w, h, colour), saucer, dome(saucer, 6, 6), gloss=0.4)
        out, _ = vessel(
            out,
            f,
            rng,
            "cup",
            -0.12,
            0.26,
            _painted(colour, paint if paint.mean() < 0.8 else rgb((250, 250, 245)), rng),
            gloss=0.4,
        )
        handle = poly_mask(
            w,
            h,
            [
                ("ellipse", (*f.pt(0.12, -0.06), *f.pt(0.26, 0.14))),
                ("-ellipse", (*f.pt(0.15, -0.02), *f.pt(0.23, 0.1))),
            ],
        )
        handle *= grid(w, h)[0] > f.pt(0.16, 0)[0]
        return _finish_object(out, fill(w, h, colour), handle, dome(handle, 3, 4), gloss=0.4)
    if form == "plate":
        x, y = grid(w, h)
        cx, cy = f.pt(0, 0.02)
        rx, ry = f.s(0.42), f.s(0.3)
        d = np.hypot((x - cx) / rx, (y - cy) / ry)
        plate = smooth(1.0, 0.98, d)
        height = (smooth(0.98, 0.9, d) + 0.6 * smooth(0.72, 0.78, d) * smooth(0.95, 0.88, d)) * 6 - 2 * smooth(
            0.75, 0.6, d
        )
        paint = motifs.floral((x - cx) / 0.9 + 300, (y - cy) / 0.64 + 300, f.s(0.22))
        albedo = fill(w, h, colour)
        albedo = mix(albedo, rgb((176, 40, 36)), paint[3][0] * smooth(0.65, 0.6, d))
        albedo = mix(albedo, rgb((70, 110, 50)), paint[1][0] * smooth(0.65, 0.6, d))
        albedo = mix(albedo, rgb((40, 70, 130)), smooth(0.02, 0.0, np.abs(d - 0.86)))
        return _finish_object(bg, albedo, plate, height, gloss=0.5, power=50)
    if form == "piggy":
        return piggy(bg, f, rng, colour)
    if form == "head":
        return head(look, bg, f, rng, colour)
    out, _ = vessel(bg, f, rng, "vase", -0.38, 0.4, _clay(colour, rng))
    return out


def piggy(bg: Array, f: Frame, rng: random.Random, colour: Array, dx: float = 0.0, scale: float = 1.0) -> Array:
    w, h = f.w, f.h

    def p(a: float, b: float) -> tuple[float, float]:
        return f.pt(dx + a * scale, b * scale)

    legs = [
        ("rounded", ((*p(a - 0.05, 0.12), *p(a + 0.05, 0.3)), f.s(0.03 * scale))) for a in (-0.22, -0.08, 0.1, 0.22)
    ]
    body = [("ellipse", (*p(-0.36, -0.24), *p(0.3, 0.24)))]
    snout = [("ellipse", (*p(0.24, -0.1), *p(0.4, 0.08)))]
    ears = [
        ("polygon", [p(0.08, -0.2), p(0.14, -0.36), p(0.2, -0.18)]),
        ("polygon", [p(-0.02, -0.22), p(0.02, -0.36), p(0.1, -0.22)]),
    ]
    mask = poly_mask(w, h, legs + body + snout + ears)
    height = (
        dome(poly_mask(w, h, body), f.s(0.15 * scale), f.s(0.2 * scale))
        + dome(poly_mask(w, h, snout), 4, f.s(0.05))
        + dome(mask, 4, 6)
    )
    albedo = terracotta(w, h, rng, colour)
    holes = poly_mask(
        w,
        h,
        [
            ("ellipse", (*p(0.3, -0.04), *p(0.32, 0.0))),
            ("ellipse", (*p(0.34, -0.04), *p(0.36, 0.0))),
            ("ellipse", (*p(0.15, -0.1), *p(0.18, -0.07))),
            ("line", ([p(-0.1, -0.235), p(0.04, -0.235)], f.s(0.01))),
        ],
    )
    albedo = mix(albedo, rgb((40, 20, 14)), holes)
    return _finish_object(bg, albedo, mask, height, ambient=0.3)


def head(look: Look, bg: Array, f: Frame, rng: random.Random, colour: Array) -> Array:
    w, h = f.w, f.h
    side = look.view == "side"
    if side:
        shape = [
            ("ellipse", (*f.pt(-0.2, -0.3), *f.pt(0.16, 0.3))),
            ("polygon", [f.pt(0.12, -0.05), f.pt(0.21, 0.06), f.pt(0.13, 0.1)]),
            ("ellipse", (*f.pt(-0.3, -0.38), *f.pt(-0.06, -0.16))),
            ("rounded", ((*f.pt(-0.12, 0.2), *f.pt(0.06, 0.42)), 6)),
        ]
    else:
        shape = [
            ("ellipse", (*f.pt(-0.19, -0.3), *f.pt(0.19, 0.3))),
            ("ellipse", (*f.pt(-0.12, -0.44), *f.pt(0.12, -0.22))),
            ("rounded", ((*f.pt(-0.1, 0.2), *f.pt(0.1, 0.42)), 6)),
        ]
    mask = poly_mask(w, h, shape)
    height = dome(mask, f.s(0.12), f.s(0.16))
    if not side:
        nose = poly_mask(w, h, [("polygon", [f.pt(0, -0.06), f.pt(-0.035, 0.08), f.pt(0.035, 0.08)])])
        brows = poly_mask(
            w,
            h,
            [
                ("line", ([f.pt(-0.13, -0.08), f.pt(-0.03, -0.09)], f.s(0.02))),
                ("line", ([f.pt(0.03, -0.09), f.pt(0.13, -0.08)], f.s(0.02))),
            ],
        )
        eyes = poly_mask(
            w,
            h,
            [
                ("ellipse", (*f.pt(-0.12, -0.06), *f.pt(-0.04, -0.03))),
                ("ellipse", (*f.pt(0.04, -0.06), *f.pt(0.12, -0.03))),
            ],
        )
        lips = poly_mask(w, h, [("ellipse", (*f.pt(-0.06, 0.13), *f.pt(0.06, 0.17)))])
        height = (
            height
            + blur(nose, 2) * f.s(0.04)
            + blur(brows, 2) * f.s(0.015)
            - blur(eyes, 2) * f.s(0.02)
            + blur(lips, 2) * f.s(0.01)
        )
    albedo = terracotta(w, h, rng, colour) * (1.0 - 0.15 * np.clip(fbm(w, h, 20, rng, 2), 0, 1))[..., None]
    # The hair, combed back into a bun: strands cut in the clay, darker with age.
    x, y = grid(w, h)
    hair_line = f.pt(0, -0.17)[1]
    hair = smooth(hair_line + 2, hair_line - 2, y + np.abs(x - f.pt(0.05 if side else 0, 0)[0]) * 0.25) * mask
    strands = 0.5 + 0.5 * np.sin((x - w / 2) / max(1.5, f.s(0.006)) + np.sin(y / max(2.0, f.s(0.02))) * 2)
    albedo = albedo * (1 - hair * (0.25 + 0.15 * strands))[..., None]
    height = height + hair * strands * f.s(0.006)
    # Worn edges: small chips darker than the surface.
    chips = smooth(0.55, 0.7, fbm(w, h, f.s(0.03), rng, 2)) * mask
    albedo = albedo * (1 - 0.3 * chips)[..., None]
    return _finish_object(bg, albedo, mask, height, ambient=0.28)


def mask_piece(
    look: Look, w: int, h: int, rng: random.Random, bg: Array | None = None, f: Frame | None = None
) -> Array:
    """A Malangan mask: carved, painted face with the character's colour, brows, eyes and ornaments."""
    if bg is None:
        bg = backdrop(w, h, rng.choice(("slate", "linen", "wall")), rng)
    if f is None:
        zoom, fy = (2.2, -0.08) if look.view == "detail" else (1.0, 0.0)
        f = Frame(w, h, zoom, 0.0, fy)
    side = look.view == "side"
    sx = 0.55 if side else 1.0
    words = look.words

    def p(a: float, b: float) -> tuple[float, float]:
        return f.pt(a * sx, b)

    face = [("ellipse", (*p(-0.27, -0.4), *p(0.27, 0.36))), ("polygon", [p(-0.2, 0.2), p(0, 0.43), p(0.2, 0.2)])]
    shapes = face + ([("polygon", [p(0.2, -0.08), p(0.36, 0.08), p(0.2, 0.12)])] if side else [])
    mask = poly_mask(w, h, shapes)
    # Rough characters (Klana, the giants) glare with round eyes; refined ones (Panji, Sekartaji) have narrow ones.
    bold = any(word in words for word in ("melotot", "kumis", "klana", "raksasa", "buto"))
    eh = 0.035 if bold else 0.014
    eyes = [
        ("ellipse", (*p(-0.17, -0.05 - eh), *p(-0.05, -0.05 + eh))),
        ("ellipse", (*p(0.05, -0.05 - eh), *p(0.17, -0.05 + eh))),
    ]
    nose = poly_mask(w, h, [("polygon", [p(0, -0.1), p(-0.05, 0.1), p(0.05, 0.1)])])
    brow_shapes = [
        ("line", ([p(-0.2, -0.12), p(-0.12, -0.17), p(-0.04, -0.13)], f.s(0.025))),
        ("line", ([p(0.04, -0.13), p(0.12, -0.17), p(0.2, -0.12)], f.s(0.025))),
    ]
    height = (
        dome(mask, f.s(0.1), f.s(0.14)) + blur(nose, 3) * f.s(0.05) + blur(poly_mask(w, h, brow_shapes), 3) * f.s(0.02)
    )
    height = height - blur(poly_mask(w, h, eyes), 2) * f.s(0.015)
    albedo = mix(fill(w, h, rgb(look.ground)), wood(w, h, rng, rgb(look.ground)), 0.35 * np.ones((h, w), np.float32))
    albedo = albedo * (1.0 + 0.03 * fbm(w, h, 10, rng, 1))[..., None]
    black, white, red = rgb((22, 18, 16)), rgb((240, 236, 226)), rgb((170, 28, 30))
    albedo = mix(albedo, black, poly_mask(w, h, brow_shapes))
    albedo = mix(albedo, white, poly_mask(w, h, eyes))
    pr = 0.022 if bold else 0.012
    pupils = poly_mask(
        w,
        h,
        [
            ("ellipse", (*p(-0.11 - pr, -0.05 - pr), *p(-0.11 + pr, -0.05 + pr))),
            ("ellipse", (*p(0.11 - pr, -0.05 - pr), *p(0.11 + pr, -0.05 + pr))),
        ],
    )
    albedo = mix(albedo, black, pupils)
    mouth = 0.08 if bold else 0.045
    albedo = mix(albedo, red, poly_mask(w, h, [("ellipse", (*p(-mouth, 0.17), *p(mouth, 0.22)))]))
    if "kumis" in words:
        albedo = mix(
            albedo, black, poly_mask(w, h, [("polygon", [p(-0.14, 0.16), p(0, 0.12), p(0.14, 0.16), p(0, 0.15)])])
        )
    gold_band = poly_mask(w, h, [("line", ([p(-0.24, -0.26), p(0, -0.33), p(0.24, -0.26)], f.s(0.04)))])
    albedo = mix(albedo, GOLD, gold_band)
    if "bunga" in words or "jamang" in words or "sumping" in words:
        flower = poly_mask(w, h, [("ellipse", (*p(-0.04, -0.28), *p(0.04, -0.2)))])
        albedo = mix(albedo, rgb((200, 50, 60)), flower)
    height = height + blur(gold_band, 2) * f.s(0.01)
    return _finish_object(bg, albedo, mask, height, gloss=0.25, power=25, ambient=0.3)


def basketry(look: Look, w: int, h: int, rng: random.Random) -> Array:
    bamboo = rgb(look.ground)
    x, y = grid(w, h)
    if look.view == "detail":
        ang = rng.uniform(-0.5, 0.5)
        u = x * math.cos(ang) + y * math.sin(ang)
        v = -x * math.sin(ang) + y * math.cos(ang)
        return weave(u, v, min(w, h) / 9, bamboo, bamboo * 0.8)
    if look.form == "tray":
        return trays(look, w, h, rng, 1 if look.view != "set" else 3)
    if look.form == "lamp":
        return lamp(look, w, h, rng)
    bg = backdrop(w, h, rng.choice(("paper", "wood", "linen")), rng)
    f = Frame(w, h)
    out, _ = vessel(bg, f, rng, "basket", -0.2, 0.38, _woven(bamboo, 10), open_top=False)
    out, lid = vessel(out, f, rng, "lid", -0.27, -0.17, _woven(bamboo * 0.9, 10), open_top=False, width=0.59)
    handle = poly_mask(
        w,
        h,
        [
            (
                "line",
                (
                    [f.pt(-0.18, -0.25), f.pt(-0.12, -0.4), f.pt(0, -0.44), f.pt(0.12, -0.4), f.pt(0.18, -0.25)],
                    f.s(0.025),
                ),
            )
        ],
    )
    return _finish_object(out, fill(w, h, rgb((120, 72, 34))), handle, dome(handle, 3, 4), gloss=0.2)


def trays(look: Look, w: int, h: int, rng: random.Random, count: int) -> Array:
    out = backdrop(w, h, rng.choice(("wood", "linen", "paper")), rng)
    x, y = grid(w, h)
    bamboo = rgb(look.ground)
    places = [(0.5, 0.52, 0.42)] if count == 1 else [(0.3, 0.42, 0.3), (0.66, 0.4, 0.24), (0.5, 0.66, 0.2)]
    for cxf, cyf, rf in places:
        cx, cy, r = cxf * w, cyf * h, rf * min(w, h) * 1.1
        d = np.hypot((x - cx) / r, (y - cy) / (r * 0.62))
        m = smooth(1.0, 0.98, d)
        u, v = (x - cx) * 0.7 + (y - cy) * 1.1, -(x - cx) * 0.7 + (y - cy) * 1.1
        albedo = weave(u, v, r / 8, bamboo, bamboo * 0.82)
        rim = smooth(0.86, 0.9, d)
        albedo = mix(albedo, bamboo * (0.7 + 0.3 * np.sin(np.arctan2(y - cy, x - cx) * 60))[..., None], rim)
        height = rim * smooth(1.0, 0.95, d) * 8 + smooth(0.9, 0.7, d) * -2
        if count == 1 and "jajanan" in look.words:  # a few cakes on the tray
            cakes = poly_mask(
                w,
                h,
                [
                    (
                        "ellipse",
                        (
                            cx + a * r * 0.3 - r * 0.12,
                            cy + b * r * 0.2 - r * 0.08,
                            cx + a * r * 0.3 + r * 0.12,
                            cy + b * r * 0.2 + r * 0.08,
                        ),
                    )
                    for a, b in ((-1, -0.5), (0.8, -0.6), (0, 0.7), (1.1, 0.6))
                ],
            )
            albedo = mix(
                albedo,
                rgb((60, 140, 70)) * (0.8 + 0.2 * hash2(np.floor(x / 40), np.floor(y / 40), 2))[..., None],
                cakes,
            )
            height = height + dome(cakes, 4, 8)
        out = _finish_object(out, albedo, m, height, drop=0.7, lift=0.4)
    return out


def lamp(look: Look, w: int, h: int, rng: random.Random) -> Array:
    """The lamp shade lit from inside over a dining table, in a dim room."""
    x, y = grid(w, h)
    room = backdrop(w, h, "wall", rng) * 0.35
    glow = np.exp(-(((x - w / 2) / (w * 0.4)) ** 2 + ((y - h * 0.75) / (h * 0.3)) ** 2))
    room = room * (1 + 1.5 * glow)[..., None] * rgb((255, 220, 170))
    table = smooth(h * 0.78, h * 0.8, y)
    room = mix(room, backdrop(w, h, "wood", rng) * (0.5 + 0.8 * glow)[..., None], table)
    cord = smooth(2, 0.5, np.abs(x - w / 2)) * (y < h * 0.2)
    room = mix(room, rgb((20, 18, 16)), cord)
    cx, top, bottom, r = w / 2, h * 0.2, h * 0.55, min(w, h) * 0.42
    t = np.clip((y - top) / (bottom - top), 0, 1)
    rad = r * (0.25 + 0.75 * np.sqrt(t))
    xn = (x - cx) / rad
    shade = (
        smooth(1.0, 0.97, np.abs(xn))
        * smooth(-1, 1, y - top)
        * smooth(1, -1, y - bottom - np.sqrt(np.clip(1 - xn * xn, 0, 1)) * r * 0.12)
    )
    theta = np.arcsin(np.clip(xn, -1, 1))
    holes = weave(theta * 80, y, 7, rgb(look.ground), rgb(look.ground) * 0.8)
    light = 0.6 + 0.7 * (1 - np.abs(xn)) + 0.9 * smooth(0.3, 0.1, np.abs(frac(theta * 80 / 7 - 0.5) - 0.5))
    lit = holes * light[..., None] * rgb((255, 214, 150))
    return mix(room, np.clip(lit, 0, 1), shade)


def leather_goods(look: Look, w: int, h: int, rng: random.Random) -> Array:
    colour = rgb(look.ground)
    form, focus = look.form, look.focus
    bg = backdrop(w, h, rng.choice(("paper", "linen", "wood", "slate")), rng)
    if look.view == "variants":
        out = bg
        shades = [colour, rgb((176, 124, 74)), rgb((30, 27, 25))]
        for k, c in enumerate(shades):
            out = _shoes(
                Look(**{**look.__dict__, "ground": tuple(int(v * 255) for v in c)}),
                out,
                Frame(w, h, 0.55, (1 - k) * 0.75, 0.0),
                rng,
            )
        return out
    detail = look.view == "detail"
    if detail and focus in ("ukir", "jahitan", "ritsleting", "furing", "slot", "dalam", "sol"):
        return _leather_detail(look, w, h, rng, bg)
    f = Frame(w, h, 2.0 if detail else 1.0)
    if form in ("shoe", "sandal"):
        return _shoes(look, bg, f, rng)
    if form == "belt":
        return _belt(look, bg, f, rng)
    if form == "jacket":
        return _jacket(look, bg, f, rng)
    if form == "wallet":
        shape = [("rounded", ((*f.pt(-0.36, -0.22), *f.pt(0.36, 0.22)), f.s(0.04)))]
    else:  # a shoulder bag: body, flap and strap
        shape = [("polygon", [f.pt(-0.36, -0.1), f.pt(0.36, -0.1), f.pt(0.4, 0.34), f.pt(-0.4, 0.34)])]
    mask = poly_mask(w, h, shape)
    albedo = leather(w, h, rng, colour)
    height = dome(mask, f.s(0.06), f.s(0.05))
    stitch = _stitches(w, h, mask, f.s(0.025))
    albedo = mix(albedo, rgb((226, 214, 186)), stitch * 0.8)
    out = _finish_object(bg, albedo, mask, height, gloss=0.12, power=18)
    if form != "wallet":
        strap = poly_mask(
            w,
            h,
            [
                (
                    "line",
                    (
                        [f.pt(-0.3, -0.1), f.pt(-0.24, -0.38), f.pt(0, -0.46), f.pt(0.24, -0.38), f.pt(0.3, -0.1)],
                        f.s(0.03),
                    ),
                )
            ],
        )
        out = _finish_object(out, leather(w, h, rng, colour * 0.9), strap, dome(strap, 3, 4), gloss=0.1)
        flap = poly_mask(
            w, h, [("polygon", [f.pt(-0.36, -0.1), f.pt(0.36, -0.1), f.pt(0.3, 0.12), f.pt(0, 0.17), f.pt(-0.3, 0.12)])]
        )
        out = _finish_object(
            out, leather(w, h, rng, colour * 0.95), flap, dome(flap, 5, 6), gloss=0.15, drop=0.5, lift=0.2
        )
    buckle = poly_mask(w, h, [("rounded", ((*f.pt(-0.04, 0.1), *f.pt(0.04, 0.18)), 3))])
    return _finish_object(out, fill(w, h, BRASS), buckle, dome(buckle, 2, 3), gloss=0.6, power=20, drop=0.4, lift=0.1)


def _stitches(w: int, h: int, mask: Array, inset: float) -> Array:
    inner = blur(mask, inset / 2)
    x, y = grid(w, h)
    line = smooth(0.08, 0.0, np.abs(inner - 0.8))
    dash = frac((x + y) / 9.0) < 0.6
    return line * dash


def _shoes(look: Look, bg: Array, f: Frame, rng: random.Random) -> Array:
    w, h = f.w, f.h
    out = bg
    colour = rgb(look.ground)
    for side in (-1, 1):
        cx = side * 0.18
        sole = [("ellipse", (*f.pt(cx - 0.13, -0.38), *f.pt(cx + 0.13, 0.38)))]
        m = poly_mask(w, h, sole)
        albedo = leather(w, h, rng, colour)
        opening = poly_mask(w, h, [("ellipse", (*f.pt(cx - 0.08, 0.02), *f.pt(cx + 0.08, 0.32)))])
        inside = rgb((70, 50, 36)) if look.form == "shoe" else colour * 0.6
        albedo = mix(albedo, inside, opening)
        height = dome(m, f.s(0.1), f.s(0.12)) - opening * f.s(0.03)
        if look.form == "shoe":
            lace = poly_mask(
                w,
                h,
                [
                    ("line", ([f.pt(cx - 0.05, -0.05 + 0.04 * k), f.pt(cx + 0.05, -0.05 + 0.04 * k)], 2))
                    for k in range(3)
                ],
            )
            albedo = mix(albedo, rgb((20, 18, 16)), lace)
        out = _finish_object(out, albedo, m, height, gloss=0.35 if look.form == "shoe" else 0.12, power=30)
    return out


def _belt(look: Look, bg: Array, f: Frame, rng: random.Random) -> Array:
    w, h = f.w, f.h
    pts = [
        f.pt(0.45 * math.cos(a) * (1 - a / 14), 0.3 * math.sin(a) * (1 - a / 14))
        for a in np.linspace(0.3, 2 * math.pi + 1.6, 60)
    ]
    m = poly_mask(w, h, [("line", (pts, f.s(0.08)))])
    albedo = leather(w, h, rng, rgb(look.ground))
    carve = motifs.floral(*grid(w, h), f.s(0.09))
    albedo = albedo * (1 - 0.3 * (carve[3][0] + carve[1][0] * 0.7))[..., None]
    out = _finish_object(bg, albedo, m, dome(m, 4, 6) + carve[3][0] * 2, gloss=0.15)
    end = pts[-1]
    buckle = poly_mask(
        w,
        h,
        [
            ("rounded", ((end[0] - f.s(0.07), end[1] - f.s(0.06), end[0] + f.s(0.07), end[1] + f.s(0.06)), 6)),
            ("-rounded", ((end[0] - f.s(0.045), end[1] - f.s(0.035), end[0] + f.s(0.045), end[1] + f.s(0.035)), 4)),
        ],
    )
    return _finish_object(out, fill(w, h, BRASS), buckle, dome(buckle, 3, 5), gloss=0.7, power=20)


def _jacket(look: Look, bg: Array, f: Frame, rng: random.Random) -> Array:
    w, h = f.w, f.h
    body = [
        f.pt(-0.1, -0.4),
        f.pt(-0.3, -0.32),
        f.pt(-0.42, 0.3),
        f.pt(-0.32, 0.32),
        f.pt(-0.26, -0.05),
        f.pt(-0.25, 0.42),
        f.pt(0.25, 0.42),
        f.pt(0.26, -0.05),
        f.pt(0.32, 0.32),
        f.pt(0.42, 0.3),
        f.pt(0.3, -0.32),
        f.pt(0.1, -0.4),
        f.pt(0, -0.3),
    ]
    m = poly_mask(w, h, [("polygon", body)])
    albedo = leather(w, h, rng, rgb(look.ground))
    zip_line = poly_mask(w, h, [("line", ([f.pt(0, -0.3), f.pt(0, 0.42)], f.s(0.012)))])
    albedo = mix(albedo, rgb((150, 150, 150)), zip_line)
    height = dome(m, f.s(0.05), f.s(0.06)) + fbm(w, h, f.s(0.1), rng, 2) * 3
    return _finish_object(bg, albedo, m, height, gloss=0.2, power=20)


def _leather_detail(look: Look, w: int, h: int, rng: random.Random, bg: Array) -> Array:
    """Close-ups: tooled carving, hand stitching, a zip, the lining, card slots, a stitched sole."""
    x, y = grid(w, h)
    colour = rgb(look.ground)
    if float(colour.mean()) < 0.2:  # black leather seen close shows its sheen, as a phone exposes for it
        colour = colour + 0.12
    albedo = leather(w, h, rng, colour)
    height = fbm(w, h, 80, rng, 2) * 3
    focus = look.focus
    if focus == "ukir":
        carve = motifs.floral(x + 100, y + 100, min(w, h) / 2.2)
        relief = np.clip(carve[3][0] + carve[1][0] + carve[2][0], 0, 1)
        height = height + blur(relief, 2) * 8
        albedo = albedo * (1 - 0.3 * smooth(0.2, 0.5, blur(relief, 3)) * (1 - relief))[..., None]
    elif focus in ("jahitan", "sol"):
        edge = h * 0.55
        below = colour * 0.55 if focus == "jahitan" else rgb((150, 112, 72)) * (0.9 + 0.1 * np.sin(x / 5))[..., None]
        albedo = mix(albedo, below, smooth(-1, 1, y - edge))
        holes = smooth(3, 1.5, np.hypot(frac(x / 22) * 22 - 11, y - edge + 22))
        thread = smooth(2.5, 1, np.abs(y - edge + 22)) * (frac(x / 22) < 0.7)
        albedo = mix(albedo, rgb((230, 216, 180)), thread)
        albedo = mix(albedo, colour * 0.3, holes * (1 - thread))
        height = height + thread * 2 - smooth(-1, 1, y - edge) * 3
    elif focus == "ritsleting":
        teeth = smooth(9, 7, np.abs(x - w / 2)) * (frac(y / 9) < 0.55)
        albedo = mix(albedo, rgb((180, 176, 168)), teeth)
        height = height + teeth * 3
        slider = poly_mask(w, h, [("rounded", ((w / 2 - 16, h * 0.4, w / 2 + 16, h * 0.55), 5))])
        albedo = mix(albedo, rgb((170, 166, 160)), slider)
        height = height + dome(slider, 3, 5)
    elif focus == "furing":  # shiny lining inside the jacket
        folds = np.sin(x / w * 9 + fbm(w, h, 120, rng, 2) * 2) * 12
        lining = rgb(look.colours[1]) if len(look.colours) > 1 else rgb((120, 30, 40))
        sheen = 0.6 * specular(folds, 8)
        albedo = mix(albedo, lining * 1.0 + sheen[..., None], smooth(w * 0.25, w * 0.27, x))
        height = height + folds * smooth(w * 0.25, w * 0.3, x)
    else:  # card slots of a wallet or the pockets inside a bag
        for k in range(4):
            top = h * (0.25 + 0.15 * k)
            slot = smooth(-1, 1, y - top) * smooth(w * 0.1, w * 0.12, x) * smooth(w * 0.9, w * 0.88, x)
            height = height + slot * 3
            albedo = mix(
                albedo,
                colour * 0.55,
                smooth(3, 0, np.abs(y - top)) * smooth(w * 0.1, w * 0.12, x) * smooth(w * 0.9, w * 0.88, x),
            )
    return albedo * lambert(height, 0.4)[..., None]


def keris(look: Look, w: int, h: int, rng: random.Random) -> Array:
    """A keris blade (wavy when the title counts its luk) with its hilt, or its sheath, on dark cloth."""
    bg = backdrop(w, h, rng.choice(("slate", "linen")), rng)
    detail = look.view == "detail"
    f = Frame(w, h, 2.6 if detail else 1.0, 0.1 if detail else 0.0, 0.0)
    luk = 0
    for word, n in (("sembilan", 9), ("tujuh", 7), ("lima", 5), ("tiga", 3), ("sebelas", 11), ("tiga belas", 13)):
        if f"luk {word}" in look.words:
            luk = n
    ang = rng.uniform(-0.5, -0.3)
    ca, sa = math.cos(ang), math.sin(ang)

    def p(a: float, b: float) -> tuple[float, float]:  # a along the blade, b across it
        return f.pt(a * ca - b * sa, a * sa + b * ca)

    if look.form == "pendok" or look.focus == "warangka":
        sheath = [
            p(-0.46, -0.02),
            p(-0.5, -0.1),
            p(-0.36, -0.12),
            p(-0.3, -0.03),
            p(0.45, -0.025),
            p(0.47, 0.0),
            p(0.45, 0.025),
            p(-0.3, 0.03),
        ]
        m = poly_mask(w, h, [("polygon", sheath)])
        along = np.zeros((h, w), np.float32)
        x, y = grid(w, h)
        along = ((x - w / 2) * ca + (y - h / 2) * sa) / (h * f.zoom)
        albedo = wood(w, h, rng, rgb((120, 78, 40)))
        engraved = motifs.floral(x * 1.0 + 40, y * 1.0 + 40, f.s(0.06))
        brass = BRASS * (1 - 0.35 * (engraved[3][0] + engraved[1][0] * 0.8))[..., None]
        albedo = mix(albedo, brass, smooth(-0.25, -0.24, along))
        return _finish_object(bg, albedo, m, dome(m, 3, 5) + (along > -0.245) * 1.0, gloss=0.5, power=20)
    pts_top, pts_bottom = [], []
    for t in np.linspace(0, 1, 80):
        a = -0.3 + t * 0.78
        width = 0.045 * (1 - t) ** 0.7 + 0.004
        wave = 0.02 * math.sin(t * luk * math.pi) * (1 - t * 0.3) if luk else 0.0
        pts_top.append(p(a, wave - width))
        pts_bottom.append(p(a, wave + width))
    blade = poly_mask(
        w,
        h,
        [
            ("polygon", pts_top + pts_bottom[::-1]),
            ("polygon", [p(-0.31, -0.07), p(-0.28, -0.07), p(-0.28, 0.06), p(-0.31, 0.05)]),
        ],
    )
    x, y = grid(w, h)
    along = (x - w / 2) * ca + (y - h / 2) * sa
    across = -(x - w / 2) * sa + (y - h / 2) * ca
    pamor = fbm(w, h, f.s(0.02), rng, 3)
    lines = smooth(0.15, 0.0, np.abs(frac(across / f.s(0.012) + pamor * 1.5) - 0.5) - 0.3)
    if "beras" in look.words:
        lines = np.maximum(lines * 0.5, smooth(0.75, 0.9, fbm(w, h, f.s(0.006), rng, 1)))
    steel = mix(fill(w, h, rgb((58, 58, 60))), rgb((190, 190, 188)), lines * 0.8)
    out = _finish_object(bg, steel, blade, dome(blade, 2, 3), gloss=0.5, power=30)
    hilt = poly_mask(
        w, h, [("polygon", [p(-0.31, -0.05), p(-0.44, -0.07), p(-0.48, -0.02), p(-0.45, 0.05), p(-0.31, 0.045)])]
    )
    out = _finish_object(out, wood(w, h, rng, rgb((110, 70, 38))), hilt, dome(hilt, 4, 6), gloss=0.3, power=20)
    ring = poly_mask(w, h, [("polygon", [p(-0.315, -0.05), p(-0.3, -0.05), p(-0.3, 0.045), p(-0.315, 0.045)])])
    return _finish_object(out, fill(w, h, GOLD), ring, dome(ring, 2, 2), gloss=0.7, power=20)


def render(look: Look, w: int, h: int, rng: random.Random) -> Array:
    cat = look.category
    if cat == "keramik":
        return ceramic(look, w, h, rng)
    if cat == "kayu":
        return mask_piece(look, w, h, rng)
    if cat == "anyaman":
        return basketry(look, w, h, rng)
    if cat == "kulit":
        return leather_goods(look, w, h, rng)
    if cat == "logam":
        return keris(look, w, h, rng)
    return mask_piece(look, w, h, rng)
