"""Cloth motifs as functions of cloth coordinates, so a pattern can be folded, draped and foreshortened.

Each motif takes cloth coordinates ``u, v`` (pixels of the flat cloth) and the repeat ``p`` and returns layers
``(mask, role)`` painted in order over the ground colour. Roles name palette entries: "ink" (the motif's main
colour), "line" (the light wax lines), "accent", "accent2" and "dark".
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from scripts.demo_scenes.canvas import Array, frac, hash2, smooth

Layers = list[tuple[Array, str]]
SQ2 = math.sqrt(2.0)


def _cell(u: Array, v: Array, p: float) -> tuple[Array, Array, Array, Array]:
    """Cell index and centred position (-0.5..0.5) in a square repeat of size ``p``."""
    iu, iv = np.floor(u / p), np.floor(v / p)
    return iu, iv, u / p - iu - 0.5, v / p - iv - 0.5


def _aa(p: float) -> float:
    return 1.2 / p  # about one pixel, in cell units


def _dots(u: Array, v: Array, p: float, size: float = 0.04, step: float = 0.18) -> Array:
    """Cecek: the fine dots filling the ground."""
    q = p * step
    fu, fv = frac(u / q) - 0.5, frac(v / q + 0.5 * (np.floor(u / q) % 2)) - 0.5
    return smooth(size * p / q, size * p / q * 0.5, np.hypot(fu, fv))


def kawung(u: Array, v: Array, p: float) -> Layers:
    a, b = (u + v) / SQ2, (u - v) / SQ2
    _, _, x, y = _cell(a, b, p)
    aa = _aa(p)
    petals = np.zeros_like(u)
    inner = np.zeros_like(u)
    for cx, cy, rx, ry in (
        (0.25, 0, 0.23, 0.13),
        (-0.25, 0, 0.23, 0.13),
        (0, 0.25, 0.13, 0.23),
        (0, -0.25, 0.13, 0.23),
    ):
        d = np.hypot((x - cx) / rx, (y - cy) / ry)
        petals = np.maximum(petals, smooth(1.0 + aa * 6, 1.0 - aa * 6, d))
        inner = np.maximum(inner, smooth(0.45 + aa * 6, 0.45 - aa * 6, d))
    centre = smooth(0.07, 0.05, np.hypot(x, y))
    corner = smooth(0.09, 0.07, np.hypot(np.abs(x) - 0.5, np.abs(y) - 0.5))
    return [(petals, "ink"), (inner, "accent"), (centre, "line"), (corner, "dark")]


def parang(u: Array, v: Array, p: float) -> Layers:
    d, e = (u - v) / SQ2 / p, (u + v) / SQ2 / p
    t = frac(d)
    s = frac(e / 1.3)
    wave = 0.5 + 0.2 * np.sin(2 * math.pi * s)
    aa = _aa(p) * 1.5
    blade = smooth(0.2 + aa, 0.2 - aa, np.abs(t - wave))
    vein = smooth(0.035 + aa, 0.035 - aa, np.abs(t - wave - 0.02))
    rail = smooth(0.03 + aa, 0.03 - aa, np.abs(t - 0.06))
    beads = smooth(0.05, 0.03, np.hypot(t - 0.95, (frac(e * 3) - 0.5) / 3))
    return [(blade, "ink"), (vein, "line"), (rail, "dark"), (beads, "accent")]


def ceplok(u: Array, v: Array, p: float, points: int = 8, pointed: bool = False) -> Layers:
    _, _, x, y = _cell(u, v, p)
    r, th = np.hypot(x, y), np.arctan2(y, x)
    aa = _aa(p)
    shape = np.abs(np.cos(points / 2 * th)) ** (4.0 if pointed else 0.6)
    outer = 0.46 * ((0.4 + 0.6 * shape) if pointed else (0.55 + 0.45 * shape))
    star = smooth(outer + aa, outer - aa, r)
    ring = smooth(0.02 + aa, 0.02 - aa, np.abs(r - outer * 0.62))
    heart = smooth(0.12 + aa, 0.12 - aa, r)
    corner = smooth(0.12 + aa, 0.12 - aa, np.abs(np.abs(x) - 0.5) + np.abs(np.abs(y) - 0.5))
    return [(_dots(u, v, p) * (1 - star), "ink"), (star, "ink"), (ring, "line"), (heart, "accent"), (corner, "accent2")]


def floral(u: Array, v: Array, p: float) -> Layers:
    """Scattered flowers with leaves and tendrils (kembang, lok can, ramo, melati)."""
    iu, iv, x, y = _cell(u, v, p)
    jx, jy = (hash2(iu, iv, 1) - 0.5) * 0.3, (hash2(iu, iv, 2) - 0.5) * 0.3
    x, y = x - jx, y - jy
    rot = hash2(iu, iv, 3) * 2 * math.pi
    r, th = np.hypot(x, y), np.arctan2(y, x) + rot
    aa = _aa(p)
    petals = 5 + (hash2(iu, iv, 4) > 0.5)
    edge = 0.3 * (0.55 + 0.45 * np.abs(np.cos(petals / 2 * th)) ** 1.5)
    flower = smooth(edge + aa, edge - aa, r)
    heart = smooth(0.07 + aa, 0.07 - aa, r)
    lx, ly = x * np.cos(rot) - y * np.sin(rot), x * np.sin(rot) + y * np.cos(rot)
    leaf = smooth(1.0 + aa * 8, 1.0 - aa * 8, np.hypot((lx - 0.33) / 0.15, ly / 0.06))
    stem = smooth(0.015 + aa, 0.015 - aa, np.abs(ly - 0.08 * np.sin(lx * 9))) * (lx > 0.1) * (lx < 0.5)
    return [(_dots(u, v, p), "dark"), (leaf, "accent2"), (stem, "accent2"), (flower, "ink"), (heart, "accent")]


def spiral(u: Array, v: Array, p: float) -> Layers:
    """Gajah oling: curling tendrils like an elephant's trunk, with leaves and dots between."""
    iu = np.floor(u / p)
    v2 = v + (iu % 2) * p * 0.5
    iu, iv, x, y = _cell(u, v2, p)
    flip = np.where(hash2(iu, iv, 5) > 0.5, 1.0, -1.0)
    x = x * flip
    r, th = np.hypot(x, y), np.arctan2(y, x)
    aa = _aa(p)
    pitch = 0.085
    arm = frac((r - 0.03) / pitch - th / (2 * math.pi))
    width = 0.12 + 0.3 * np.clip(r / 0.4, 0, 1)
    curl = smooth(width + aa * 8, width - aa * 8, np.abs(arm - 0.5) * 2) * smooth(0.4, 0.36, r)
    trunk = smooth(0.05 + aa, 0.05 - aa, np.abs(x - 0.36 - 0.05 * np.sin(y * 8))) * (y > 0) * (y < 0.5)
    leaf = smooth(1.05, 0.95, np.hypot((x + 0.3) / 0.12, (y + 0.32) / 0.05))
    return [(_dots(u, v, p), "ink"), (leaf, "accent"), (curl, "ink"), (trunk, "ink")]


def clouds(u: Array, v: Array, p: float) -> Layers:
    """Mega mendung: layered cloud outlines stepping from dark to light."""
    field = np.full_like(u, 9.0)
    iu0, iv0 = np.floor(u / p), np.floor(v / p)
    for du in (-1, 0, 1):
        for dv in (-1, 0, 1):
            iu, iv = iu0 + du, iv0 + dv
            for k in range(3):
                cx = (iu + 0.2 + 0.6 * hash2(iu, iv, 10 + k)) * p
                cy = (iv + 0.2 + 0.6 * hash2(iu, iv, 20 + k)) * p
                rad = p * (0.16 + 0.12 * hash2(iu, iv, 30 + k))
                field = np.minimum(field, np.hypot(u - cx, v - cy) - rad)
    depth = -field / (p * 0.05)
    layers: Layers = []
    for level, role in enumerate(("dark", "ink", "accent", "accent2", "line")):
        layers.append((smooth(level - 0.1, level + 0.1, depth), role))
    return layers


def voronoi(u: Array, v: Array, p: float) -> tuple[Array, Array]:
    """Distance to the nearest cell border and an id per cell, for patchwork motifs."""
    iu0, iv0 = np.floor(u / p), np.floor(v / p)
    f1 = np.full_like(u, 9.0)
    f2 = np.full_like(u, 9.0)
    ident = np.zeros_like(u)
    for du in (-1, 0, 1):
        for dv in (-1, 0, 1):
            iu, iv = iu0 + du, iv0 + dv
            px = iu + 0.15 + 0.7 * hash2(iu, iv, 40)
            py = iv + 0.15 + 0.7 * hash2(iu, iv, 41)
            d = np.hypot(u / p - px, v / p - py)
            nearer = d < f1
            f2 = np.where(nearer, f1, np.minimum(f2, d))
            ident = np.where(nearer, hash2(iu, iv, 42), ident)
            f1 = np.minimum(f1, d)
    return (f2 - f1) * 0.5, ident


def sekar_jagad(u: Array, v: Array, p: float) -> Layers:
    """A patchwork of islands, each filled with another small motif, outlined in dark."""
    border, ident = voronoi(u, v, p * 1.6)
    aa = _aa(p)
    line = smooth(0.03 + aa, 0.015, border)
    q = p * 0.32
    fu, fv = frac(u / q) - 0.5, frac(v / q) - 0.5
    rosette = smooth(0.3, 0.26, np.hypot(fu, fv) / (0.6 + 0.4 * np.abs(np.cos(3 * np.arctan2(fv, fu)))))
    small_kawung = kawung(u, v, q * 1.4)[0][0]
    dots = _dots(u, v, p, 0.05, 0.2)
    kind = np.floor(ident * 5)
    return [
        ((kind == 0) * 1.0, "ink"),
        ((kind == 0) * rosette, "line"),
        ((kind == 1) * dots, "ink"),
        ((kind == 2) * 1.0, "accent2"),
        ((kind == 2) * small_kawung, "ink"),
        ((kind == 3) * rosette, "ink"),
        ((kind == 4) * 1.0, "dark"),
        ((kind == 4) * dots, "accent"),
        (line, "dark"),
    ]


def paras(u: Array, v: Array, p: float) -> Layers:
    """Paras gempal: broken stone, thick outlines round irregular patches."""
    border, ident = voronoi(u, v, p)
    aa = _aa(p)
    crack = smooth(0.06 + aa, 0.04, border)
    inner = smooth(0.1, 0.12, border) * (ident > 0.5)
    return [(inner, "accent"), (_dots(u, v, p, 0.035, 0.15) * (ident <= 0.5), "ink"), (crack, "ink")]


def rice(u: Array, v: Array, p: float) -> Layers:
    """Beras utah: grains of rice spilled over a dark ground, with a few flowers."""
    q = p * 0.16
    iu, iv = np.floor(u / q), np.floor(v / q)
    fu, fv = u / q - iu - 0.5, v / q - iv - 0.5
    ox, oy = (hash2(iu, iv, 50) - 0.5) * 0.5, (hash2(iu, iv, 51) - 0.5) * 0.5
    ang = hash2(iu, iv, 52) * math.pi
    x, y = fu - ox, fv - oy
    a, b = x * np.cos(ang) + y * np.sin(ang), -x * np.sin(ang) + y * np.cos(ang)
    grain = smooth(1.1, 0.9, np.hypot(a / 0.22, b / 0.1)) * (hash2(iu, iv, 53) > 0.25)
    flowers = floral(u, v, p * 1.7)
    return [(grain, "line"), (flowers[3][0] * (flowers[3][0] > 0.5), "accent"), (flowers[4][0], "line")]


def leaves(u: Array, v: Array, p: float) -> Layers:
    """Kangkung setingkes: bundles of long leaves tied at the stem."""
    iu, iv, x, y = _cell(u, v, p)
    rot = (hash2(iu, iv, 60) - 0.5) * 0.8
    x, y = x * np.cos(rot) - y * np.sin(rot), x * np.sin(rot) + y * np.cos(rot)
    aa = _aa(p) * 6
    out = np.zeros_like(u)
    for ang in (-0.5, -0.18, 0.18, 0.5):
        a = x * np.cos(ang) + (y + 0.35) * np.sin(ang)
        b = -x * np.sin(ang) + (y + 0.35) * np.cos(ang)
        out = np.maximum(out, smooth(1 + aa, 1 - aa, np.hypot(a / 0.07, (b - 0.35) / 0.3)))
    tie = smooth(0.05, 0.03, np.hypot(x, y + 0.33))
    return [(_dots(u, v, p), "dark"), (out, "ink"), (tie, "accent")]


def wood_grain(u: Array, v: Array, p: float) -> Layers:
    """Serat kayu: the lines of a cut log."""
    t = v / p * 2.5 + 0.35 * np.sin(u / p * 1.7) + 0.2 * np.sin(u / p * 4.3 + v / p)
    aa = _aa(p) * 3
    line = smooth(0.2 + aa, 0.2 - aa, np.abs(frac(t) - 0.5))
    thin = smooth(0.05 + aa, 0.05 - aa, np.abs(frac(t * 2 + 0.25) - 0.5))
    return [(line, "ink"), (thin, "accent")]


def waves(u: Array, v: Array, p: float) -> Layers:
    """Ikan ombak: rows of curling waves with fish between them."""
    q = p * 0.5
    row = np.floor(v / q)
    fu = frac(u / q + row * 0.5) - 0.5
    fv = frac(v / q)
    r = np.hypot(fu, fv - 0.9)
    aa = _aa(q)
    wave = smooth(0.05 + aa, 0.05 - aa, np.abs(r - 0.45)) + smooth(0.04 + aa, 0.04 - aa, np.abs(r - 0.3))
    iu, iv, x, y = _cell(u, v, p * 1.5)
    has_fish = hash2(iu, iv, 70) > 0.4
    fish = smooth(1.05, 0.95, np.hypot(x / 0.2, y / 0.08)) * has_fish
    tail = smooth(0.01, -0.01, np.abs(y) - (x - 0.17) * 0.7) * (x > 0.17) * (x < 0.3) * has_fish
    clear = 1 - np.clip(fish + tail, 0, 1)
    return [(np.clip(wave, 0, 1) * clear, "ink"), (fish, "accent"), (tail, "accent"), (_dots(u, v, p) * clear, "line")]


def shells(u: Array, v: Array, p: float) -> Layers:
    """Kijing miring: tilted ribbed shells."""
    a, b = (u * 0.9 + v * 0.43), (-u * 0.43 + v * 0.9)
    iu, iv, x, y = _cell(a, b, p)
    r, th = np.hypot(x, y + 0.35), np.arctan2(x, -(y + 0.35))
    aa = _aa(p)
    fan = smooth(0.62 + aa, 0.62 - aa, r) * smooth(1.0, 0.9, np.abs(th))
    ribs = smooth(0.25, 0.15, np.abs(frac(th * 3.0) - 0.5)) * fan
    role = np.where(hash2(iu, iv, 80) > 0.5, 1.0, 0.0)
    return [(_dots(u, v, p), "dark"), (fan * role, "ink"), (fan * (1 - role), "accent"), (ribs, "line")]


def scales(u: Array, v: Array, p: float) -> Layers:
    """Burung hong: feathers and fish-scale fillings (sisik) round curling tails."""
    q = p * 0.22
    row = np.floor(v / q)
    fu = frac(u / q + row * 0.5) - 0.5
    fv = frac(v / q)
    sisik = smooth(0.06, 0.03, np.abs(np.hypot(fu, fv) - 0.48))
    curls = spiral(u, v, p * 1.5)
    return [(sisik, "ink"), (curls[2][0], "accent"), (curls[2][0] * 0.5, "dark"), (curls[1][0], "accent2")]


def stripes(u: Array, v: Array, p: float) -> Layers:
    """Lurik: warp stripes of varying width."""
    q = p * 0.25
    idx = np.floor(u / q)
    pick = hash2(idx, idx, 90)
    fine = smooth(0.3, 0.25, np.abs(frac(u / (q * 0.25)) - 0.5))
    return [((pick > 0.55) * 1.0, "ink"), ((pick > 0.85) * 1.0, "accent"), ((pick < 0.2) * fine, "dark")]


def ikat_waves(u: Array, v: Array, p: float) -> Layers:
    """Tirta: wavy ikat bands whose edges blur where the tied threads bled."""
    jitter = (hash2(np.floor(u / 3), np.floor(v / (p * 0.1)), 91) - 0.5) * 0.08
    t = v / p + 0.18 * np.sin(u / p * 2.2) + jitter
    band = frac(t * 1.5)
    return [
        (smooth(0.3, 0.22, np.abs(band - 0.5)), "ink"),
        (smooth(0.12, 0.06, np.abs(band - 0.5)), "accent"),
        (smooth(0.05, 0.0, np.abs(band - 0.05)), "line"),
    ]


def checks(u: Array, v: Array, p: float) -> Layers:
    """Kotak: a sarong's checks, ikat-blurred at the edges."""
    jitter = (hash2(np.floor(u / 3), np.floor(v / 12), 92) - 0.5) * 0.06
    a, b = frac(u / p + jitter), frac(v / p)
    warp = smooth(0.32, 0.28, np.abs(a - 0.5))
    weft = smooth(0.32, 0.28, np.abs(b - 0.5))
    thin = smooth(0.03, 0.015, np.minimum(np.abs(a - 0.1), np.abs(b - 0.1)))
    return [(warp * weft, "dark"), (np.abs(warp - weft), "ink"), (thin, "line")]


def diamonds(u: Array, v: Array, p: float) -> Layers:
    """Wajik: ikat diamonds with blurred edges."""
    jitter = (hash2(np.floor(u / 3), np.floor(v / 10), 93) - 0.5) * 0.07
    x, y = frac(u / p + jitter) - 0.5, frac(v / p) - 0.5
    d = np.abs(x) + np.abs(y)
    return [
        (smooth(0.4, 0.34, d), "ink"),
        (smooth(0.2, 0.14, d), "accent"),
        (smooth(0.05, 0.0, np.abs(d - 0.27)), "line"),
    ]


def embroidery(u: Array, v: Array, p: float) -> Layers:
    """Bordir: flowers in satin stitch on plain cloth, sparse."""
    iu, iv, x, y = _cell(u, v, p * 1.4)
    on = hash2(iu, iv, 94) > 0.35
    r, th = np.hypot(x, y), np.arctan2(y, x)
    edge = 0.24 * (0.5 + 0.5 * np.abs(np.cos(2.5 * th)))
    petal = smooth(edge + 0.01, edge - 0.01, r) * on
    stitch = 0.75 + 0.25 * np.sin((x * np.cos(th) + y * np.sin(th)) * 0 + th * 40)
    heart = smooth(0.05, 0.035, r) * on
    leaf = smooth(1.1, 0.9, np.hypot((x - 0.3) / 0.12, (y - 0.2) / 0.05)) * on
    return [(leaf, "accent2"), (petal * stitch, "ink"), (heart, "accent")]


MOTIFS: dict[str, Callable[[Array, Array, float], Layers]] = {
    "kawung": kawung,
    "parang": parang,
    "ceplok": lambda u, v, p: ceplok(u, v, p, 8, False),
    "bintang": lambda u, v, p: ceplok(u, v, p, 8, True),
    "floral": floral,
    "gajah-oling": spiral,
    "mendung": clouds,
    "sekar-jagad": sekar_jagad,
    "paras": paras,
    "beras-utah": rice,
    "kangkung": leaves,
    "serat-kayu": wood_grain,
    "ombak": waves,
    "kijing": shells,
    "hong": scales,
    "lurik": stripes,
    "tirta": ikat_waves,
    "kotak": checks,
    "wajik": diamonds,
    "bordir": embroidery,
}


def paint(motif: str, u: Array, v: Array, p: float, palette: dict[str, Array]) -> Array:
    """The flat cloth's colours at cloth coordinates (u, v)."""
    layers = MOTIFS.get(motif, ceplok)(u, v, p)
    out = np.broadcast_to(palette["ground"], u.shape + (3,)).astype(np.float32).copy()
    for mask, role in layers:
        m = np.clip(mask, 0.0, 1.0)[..., None]
        out += (palette[role] - out) * m
    return out
