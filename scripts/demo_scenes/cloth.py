"""Cloth photos: a batik, tenun or embroidered piece spread out, folded in a stack, hanging, seen close, or sewn."""

from __future__ import annotations

import math
import random

import numpy as np

from scripts.demo_scenes import motifs
from scripts.demo_scenes.canvas import (
    Array,
    backdrop,
    blur,
    fbm,
    fill,
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
from scripts.demo_scenes.look import CREAM, DARK_BROWN, Look


def _lum(c: Array) -> float:
    return float(0.3 * c[0] + 0.59 * c[1] + 0.11 * c[2])


def palette(look: Look, swap: bool = False) -> dict[str, Array]:
    """The roles of a motif in the colours the entry names: the first named colour is the ground."""
    colours = [rgb(c) for c in look.colours]
    if swap and len(colours) > 1:
        colours[0], colours[1] = colours[1], colours[0]
    ground = colours[0]
    light = _lum(ground) > 0.62
    line = rgb(DARK_BROWN) if light else rgb(CREAM)
    # A second colour too close to the ground would hide the motif: the usual light or dark lines draw it instead.
    others = [c for c in colours[1:] if float(np.abs(c - ground).sum()) > 0.3]
    if look.category == "bordir":  # embroidery: thread a shade off the cloth, or the named second colour
        ink = others[0] if others else (ground * 0.93 if light else np.clip(ground * 1.35 + 0.08, 0, 1))
        return {
            "ground": ground,
            "ink": ink,
            "line": line,
            "accent": rgb((214, 176, 84)),
            "accent2": np.clip(ground * 0.8 + rgb((30, 70, 40)) * 0.2, 0, 1),
            "dark": ground * 0.6,
        }
    if light:
        ink = others[0] if others else rgb((122, 74, 34))
    else:
        ink = others[0] if others else ground * 0.42 + rgb(DARK_BROWN) * 0.2
    accent = others[1] if len(others) > 1 else (line * 0.75 + ground * 0.25)
    accent2 = others[2] if len(others) > 2 else np.clip(ground * 0.7 + line * 0.12, 0, 1)
    return {
        "ground": ground,
        "ink": ink,
        "line": line,
        "accent": accent,
        "accent2": accent2,
        "dark": ground * 0.3 + rgb(DARK_BROWN) * 0.25,
    }


def _motif(look: Look) -> str:
    return "bordir" if look.category == "bordir" else look.motif


def _threads(u: Array, v: Array, thread: float, strength: float) -> Array:
    """Woven texture: each warp and weft thread a little lighter or darker than its neighbours."""
    a = hash2(np.floor(u / thread), np.zeros_like(u), 7) - 0.5
    b = hash2(np.zeros_like(v), np.floor(v / thread), 8) - 0.5
    return 1.0 + strength * (a + b)


def cloth_colour(look: Look, u: Array, v: Array, p: float, swap: bool = False) -> Array:
    pal = palette(look, swap)
    colour = motifs.paint(_motif(look), u, v, p, pal)
    strength = 0.16 if look.category == "tenun" else 0.07
    return colour * _threads(u, v, max(1.6, p / 28), strength)[..., None]


def _ridges(w: int, h: int, rng: random.Random, count: int, size: float, width: tuple[float, float]) -> Array:
    x, y = grid(w, h)
    out = np.zeros((h, w), np.float32)
    for _ in range(count):
        px, py = rng.uniform(0.15, 0.85) * w, rng.uniform(0.15, 0.85) * h
        ang = rng.uniform(0, math.pi)
        d = (x - px) * math.sin(ang) - (y - py) * math.cos(ang)
        along = (x - px) * math.cos(ang) + (y - py) * math.sin(ang)
        reach = rng.uniform(0.3, 0.7) * max(w, h)
        sigma = rng.uniform(*width) * min(w, h)
        out += size * rng.uniform(0.6, 1.2) * np.exp(-((d / sigma) ** 2)) * np.exp(-((along / reach) ** 2))
    return out


def _border(
    u: Array, v: Array, half_w: float, half_h: float, band: float, pal: dict[str, Array], colour: Array
) -> Array:
    """The plain edge band (seret) of a batik cloth, with a fine line inside it."""
    edge = np.minimum(half_w - np.abs(u), half_h - np.abs(v))
    colour = mix(colour, pal["dark"], smooth(band + 1, band - 1, edge))
    return mix(colour, pal["line"], smooth(1.2, 0.0, np.abs(edge - band * 0.55)))


def spread(look: Look, w: int, h: int, rng: random.Random) -> Array:
    """The whole cloth laid out on a table, with soft ripples and a few folds."""
    bg = backdrop(w, h, rng.choice(("wood", "wood", "linen", "paper")), rng)
    unit = min(w, h)
    x, y = grid(w, h)
    cx, cy = w / 2 + rng.uniform(-0.02, 0.02) * w, h / 2 + rng.uniform(-0.02, 0.02) * h
    ang = rng.uniform(-0.1, 0.1)
    dx, dy = x - cx, y - cy
    # The camera looks down at the table from the front: the far edge is narrower and its pattern finer.
    far = 1.0 + rng.uniform(0.12, 0.22) * dy / h
    u = (dx * math.cos(ang) + dy * math.sin(ang)) / far
    v = (-dx * math.sin(ang) + dy * math.cos(ang)) / far * 1.08
    half_w, half_h = w * rng.uniform(0.4, 0.44), h * rng.uniform(0.37, 0.4)
    height = fbm(w, h, unit * 0.45, rng, 2) * unit * 0.014 + _ridges(
        w, h, rng, rng.randint(2, 3), unit * 0.02, (0.035, 0.07)
    )
    height += _ridges(w, h, rng, 1, unit * 0.05, (0.09, 0.14))  # one soft fold where the cloth was creased
    wob = fbm(w, h, unit * 0.2, rng, 2) * unit * 0.006
    mask = smooth(half_w + 1, half_w - 1, np.abs(u) + wob) * smooth(half_h + 1, half_h - 1, np.abs(v) - wob)
    p = unit / rng.uniform(6.0, 8.0)
    gy, gx = np.gradient(height)
    uu, vv = u + gx * unit * 0.012, v + gy * unit * 0.012  # the pattern bends with the folds
    colour = cloth_colour(look, uu + 1000, vv + 1000, p)
    if look.category == "batik":
        colour = _border(u, v, half_w, half_h, unit * 0.03, palette(look), colour)
    cloth = colour * lambert(height, 0.45)[..., None]
    return place(bg, cloth, mask, drop=0.6, lift=0.3)


def close_up(look: Look, w: int, h: int, rng: random.Random, zoom: float = 1.0) -> Array:
    """The motif up close, filling the frame, with one soft fold and the far corner out of focus."""
    unit = min(w, h)
    x, y = grid(w, h)
    p = unit / rng.uniform(1.8, 2.6) * zoom
    height = fbm(w, h, unit * 0.6, rng, 2) * unit * 0.02 + _ridges(w, h, rng, 1, unit * 0.05, (0.06, 0.1))
    gy, gx = np.gradient(height)
    ang = rng.uniform(-0.3, 0.3)
    u = x * math.cos(ang) + y * math.sin(ang) + gx * unit * 0.08 + rng.uniform(0, 500)
    v = -x * math.sin(ang) + y * math.cos(ang) + gy * unit * 0.08 + rng.uniform(0, 500)
    colour = cloth_colour(look, u, v, p)
    if look.category == "batik":  # wax crackle: fine dark veins where the wax broke in the dye
        border, _ = motifs.voronoi(u, v, p * 0.22)
        colour = mix(colour, palette(look)["dark"], smooth(0.02, 0.0, border) * 0.3)
    if look.focus == "kerancang":  # cutwork: the holes show what lies beneath
        petals = (motifs.embroidery(u, v, p)[1][0] > 0.3).astype(np.float32)
        inner = (blur(petals, max(2.0, p * 0.06)) > 0.97).astype(np.float32)
        colour = mix(colour, rgb((58, 52, 48)), blur(inner, 0.8))
    cloth = colour * lambert(height, 0.5)[..., None]
    if look.category == "bordir":
        cloth = cloth + 0.12 * specular(height + motifs.embroidery(u, v, p)[1][0] * 2.0, 12)[..., None]
    if look.focus == "rumbai":  # the scarf's twisted fringe over a table
        edge = h * 0.62 + fbm(w, h, unit * 0.3, rng, 1) * 4
        table = backdrop(w, h, "wood", rng)
        strand = (np.sin(x / max(2.0, unit / 90) * math.pi) * 0.5 + 0.5) ** 2
        fringe_end = edge + unit * (0.22 + 0.05 * hash2(np.floor(x / (unit / 45)), np.zeros_like(x), 3))
        fringe = smooth(-1, 1, y - edge) * smooth(1, -1, y - fringe_end) * smooth(0.15, 0.35, strand)
        tex = cloth * (0.6 + 0.4 * strand)[..., None]
        body = smooth(1, -1, y - edge)
        cloth = place(table, tex, np.clip(fringe + body, 0, 1), drop=0.5, lift=0.2)
    soft = blur(cloth, unit / 180)
    depth = np.clip((x / w * 0.6 + y / h * 0.4) * 1.6 - 0.8, 0, 1)
    return mix(cloth, soft, depth if rng.random() < 0.5 else depth[::-1, ::-1])


def _stack(
    look: Look, w: int, h: int, rng: random.Random, bg: Array, left: float, right: float, swap: bool = False
) -> Array:
    """A stack of folded cloth: each layer a lit top and a rolled front edge."""
    unit = min(w, h)
    x, y = grid(w, h)
    layers = rng.randint(2, 4)
    thick = unit * rng.uniform(0.06, 0.08)
    depth = h * rng.uniform(0.3, 0.36)
    top = h * 0.5 - (depth + layers * thick) / 2
    p = unit / rng.uniform(4.0, 5.5)
    out = bg
    for k in reversed(range(layers)):
        shift = rng.uniform(-0.012, 0.012) * w
        x0, x1 = left + shift, right + shift
        y0 = top + k * thick
        wob = fbm(w, h, unit * 0.25, rng, 1) * unit * 0.004
        face = (
            smooth(-1, 1, x - x0 + wob)
            * smooth(1, -1, x - x1 + wob)
            * smooth(-1, 1, y - y0)
            * smooth(1, -1, y - y0 - depth)
        )
        front = smooth(-1, 1, x - x0 - unit * 0.004 + wob) * smooth(1, -1, x - x1 + unit * 0.004 + wob)
        front = front * smooth(-1, 1, y - y0 - depth) * smooth(1, -1, y - y0 - depth - thick)
        off_u, off_v = rng.uniform(0, 900), rng.uniform(0, 900)
        face_col = cloth_colour(look, x + off_u, (y - y0) / 0.62 + off_v, p, swap)
        t = np.clip((y - y0 - depth) / thick, 0, 1)
        roll = 0.5 + 0.55 * np.sin(math.pi * (t * 0.85 + 0.05)) - 0.25 * t
        front_col = cloth_colour(look, x + off_u, off_v + depth / 0.62 + t * thick * 1.6, p, swap) * roll[..., None]
        shade_face = 1.0 - 0.12 * (y - y0) / depth + 0.03 * fbm(w, h, unit * 0.2, rng, 1)
        piece = mix(face_col * shade_face[..., None], front_col, front)
        alpha = np.clip(face + front, 0, 1)
        out = place(out, piece, alpha, drop=0.55 if k == layers - 1 else 0.35, lift=0.25)
    return out


def folded(look: Look, w: int, h: int, rng: random.Random) -> Array:
    bg = backdrop(w, h, rng.choice(("wood", "linen", "paper")), rng)
    if look.form == "pair":  # two cloths cut to match, side by side
        out = _stack(look, w, h, rng, bg, w * 0.06, w * 0.47)
        return _stack(look, w, h, rng, out, w * 0.53, w * 0.94, swap=True)
    return _stack(look, w, h, rng, bg, w * rng.uniform(0.14, 0.2), w * rng.uniform(0.8, 0.86))


def hanging(look: Look, w: int, h: int, rng: random.Random, hem: float = 0.93) -> Array:
    """The cloth hung from a bamboo pole against a wall, falling in vertical folds."""
    unit = min(w, h)
    bg = backdrop(w, h, "wall", rng)
    x, y = grid(w, h)
    rod = h * 0.1
    x0, x1 = w * rng.uniform(0.08, 0.14), w * rng.uniform(0.86, 0.92)
    grow = np.clip((y - rod) / (h - rod), 0, 1)
    height = np.zeros((h, w), np.float32)
    for _ in range(5):
        lam = rng.uniform(0.06, 0.16) * w
        phase = rng.uniform(0, 2 * math.pi)
        height += (
            unit
            * rng.uniform(0.01, 0.025)
            * (0.3 + 0.7 * grow)
            * np.sin(2 * math.pi * x / lam + phase + grow * rng.uniform(-1, 1))
        )
    gx = np.gradient(height, axis=1)
    u = np.cumsum(np.sqrt(1.0 + gx * gx), axis=1)  # the cloth's own width, gathered into folds
    bottom = h * hem + height * 0.6
    mask = smooth(-1, 1, x - x0) * smooth(1, -1, x - x1) * smooth(-1, 1, y - rod) * smooth(1, -1, y - bottom)
    p = unit / rng.uniform(4.5, 6.0)
    colour = cloth_colour(look, u, y + 300, p)
    if look.form == "mukena":
        colour = mix(fill(w, h, palette(look)["ground"]), colour, smooth(h * 0.6, h * 0.7, y))
    valley = 1.0 - 0.25 * np.clip(-height / (unit * 0.04), 0, 1)
    light = np.array([-0.8, -0.25, 0.55], np.float32)
    cloth = colour * (lambert(height, 0.4, light / np.linalg.norm(light)) * valley)[..., None]
    out = place(bg, cloth, mask, drop=0.5, lift=1.2)
    pole = (
        smooth(unit * 0.014, unit * 0.01, np.abs(y - rod)) * smooth(-1, 1, x - w * 0.02) * smooth(1, -1, x - w * 0.98)
    )
    pole_col = rgb((176, 140, 82)) * (0.6 + 0.5 * np.cos(np.clip((y - rod) / (unit * 0.014), -1, 1) * 1.4))[..., None]
    return place(out, pole_col * (0.95 + 0.05 * np.sin(x / 3))[..., None], pole, drop=0.6, lift=0.5)


def garment(
    look: Look, w: int, h: int, rng: random.Random, zoom: float = 1.0, focus: tuple[float, float] = (0.5, 0.5)
) -> Array:
    """A shirt or kebaya on a wooden hanger against a wall."""
    unit = min(w, h)
    bg = backdrop(w, h, "wall", rng)

    def pt(sx: float, sy: float) -> tuple[float, float]:  # scene units (0..1 of the height) to pixels
        return ((sx - focus[0]) * h * zoom + w / 2, (sy - focus[1]) * h * zoom + h / 2)

    kebaya = look.form == "kebaya"
    waist = 0.2 if kebaya else 0.24
    body = [
        pt(0.5 - 0.09, 0.12),
        pt(0.5 - 0.26, 0.2),
        pt(0.5 - 0.36, 0.62),
        pt(0.5 - 0.29, 0.66),
        pt(0.5 - 0.23, 0.36),
        pt(0.5 - waist, 0.62),
        pt(0.5 - 0.24, 0.95),
        pt(0.5 + 0.24, 0.95),
        pt(0.5 + waist, 0.62),
        pt(0.5 + 0.23, 0.36),
        pt(0.5 + 0.29, 0.66),
        pt(0.5 + 0.36, 0.62),
        pt(0.5 + 0.26, 0.2),
        pt(0.5 + 0.09, 0.12),
        pt(0.5, 0.2),
    ]
    mask = poly_mask(w, h, [("polygon", body)])
    x, y = grid(w, h)
    height = blur(mask, unit * zoom * 0.03) * unit * 0.03 * zoom
    for _ in range(4):
        lam = rng.uniform(0.05, 0.1) * w * zoom
        height += unit * 0.006 * zoom * np.sin(2 * math.pi * x / lam + rng.uniform(0, 6)) * smooth(0.3, 0.9, y / h)
    p = unit * zoom / rng.uniform(4.5, 6.0)
    colour = cloth_colour(look, x + 500, y + 500, p)
    if kebaya:  # embroidery only along the front edges and the hem
        plain = fill(w, h, palette(look)["ground"]) * _threads(x, y, 2.0, 0.05)[..., None]
        cx, _ = pt(0.5, 0)
        near = smooth(unit * zoom * 0.1, unit * zoom * 0.05, np.abs(np.abs(x - cx) - unit * zoom * 0.07))
        near = np.maximum(near, smooth(pt(0, 0.82)[1], pt(0, 0.9)[1], y))
        colour = mix(plain, colour, near)
    cloth = colour * lambert(height, 0.5)[..., None]
    collar = [
        pt(0.5 - 0.1, 0.11),
        pt(0.5, 0.21),
        pt(0.5 + 0.1, 0.11),
        pt(0.5 + 0.07, 0.17),
        pt(0.5, 0.26),
        pt(0.5 - 0.07, 0.17),
    ]
    cmask = poly_mask(w, h, [("polygon", collar)])
    cloth = mix(cloth, cloth * 0.82 + 0.02, cmask * 0.6)
    hanger = poly_mask(
        w,
        h,
        [
            ("line", ([pt(0.5 - 0.28, 0.19), pt(0.5, 0.1), pt(0.5 + 0.28, 0.19)], unit * zoom * 0.022)),
            ("line", ([pt(0.5, 0.1), pt(0.5, 0.04), pt(0.53, 0.02), pt(0.55, 0.04)], unit * zoom * 0.007)),
        ],
    )
    out = place(bg, cloth, mask, drop=0.5, lift=0.8)
    wood = rgb((120, 78, 44)) * (0.85 + 0.15 * np.sin(x / 2.5))[..., None]
    out = place(out, wood, hanger * (1 - mask * (y > pt(0, 0.14)[1])), drop=0.4, lift=0.4)
    buttons = [
        (
            "ellipse",
            (bx - unit * zoom * 0.009, by - unit * zoom * 0.009, bx + unit * zoom * 0.009, by + unit * zoom * 0.009),
        )
        for bx, by in (pt(0.5, 0.3 + 0.11 * i) for i in range(6))
    ]
    bmask = poly_mask(w, h, buttons)
    return place(out, rgb((70, 44, 26)) * lambert(blur(bmask, 2) * 4, 0.5)[..., None], bmask, drop=0.4, lift=0.1)


def render(look: Look, w: int, h: int, rng: random.Random) -> Array:
    view, form = look.view, look.form
    if form in ("shirt", "kebaya") and view in ("full", "drape", "shirt"):
        return garment(look, w, h, rng)
    if view == "shirt":
        return garment(Look(**{**look.__dict__, "form": "shirt"}), w, h, rng)
    if form in ("shirt", "kebaya") and look.focus in ("kerah", "bordir"):
        return garment(look, w, h, rng, zoom=2.6, focus=(0.5, 0.25))
    if view == "detail":
        return close_up(look, w, h, rng)
    if view == "folded" or (form in ("sarung", "pair") and view == "full"):
        return folded(look, w, h, rng)
    if view == "drape" or form in ("scarf", "mukena"):
        return hanging(look, w, h, rng)
    return spread(look, w, h, rng)
