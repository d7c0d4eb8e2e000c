"""Numeric building blocks of the demo photos: noise, blur, shading of height maps, backdrops, compositing.

Pictures are float32 arrays of shape (height, width, 3) with values 0..1; masks and height maps are (height, width).
"""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageDraw

Array = np.ndarray
RGB = tuple[int, int, int]

LIGHT = np.array([-0.45, -0.55, 0.70], dtype=np.float32)  # from the upper left, as from a window
LIGHT /= np.linalg.norm(LIGHT)


def rgb(colour: RGB) -> Array:
    return np.array(colour, dtype=np.float32) / 255.0


def grid(w: int, h: int) -> tuple[Array, Array]:
    """Pixel coordinates x and y, each of shape (h, w)."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    return x, y


def smooth(edge0: float, edge1: float, x: Array) -> Array:
    """Hermite step from 0 at ``edge0`` to 1 at ``edge1`` (anti-aliased edges)."""
    t = np.clip((x - edge0) / (edge1 - edge0), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def frac(x: Array) -> Array:
    return x - np.floor(x)


def hash2(ix: Array, iy: Array, salt: int = 0) -> Array:
    """A repeatable pseudo-random value in [0, 1) per integer cell."""
    n = (ix.astype(np.int64) * 73856093) ^ (iy.astype(np.int64) * 19349663) ^ (salt * 83492791 + 1013904223)
    n = (n ^ (n >> 13)) * 1274126177
    return ((n ^ (n >> 16)) & 0xFFFF).astype(np.float32) / 65536.0


def box_blur(a: Array, r: int) -> Array:
    """A box blur of radius ``r`` along both axes (summed-area), edges clamped."""
    if r < 1:
        return a
    out = a
    for axis in (0, 1):
        pad = [(0, 0)] * out.ndim
        pad[axis] = (r + 1, r)
        c = np.cumsum(np.pad(out, pad, mode="edge"), axis=axis, dtype=np.float32)
        n = out.shape[axis]
        hi = np.take(c, np.arange(2 * r + 1, 2 * r + 1 + n), axis=axis)
        lo = np.take(c, np.arange(0, n), axis=axis)
        out = (hi - lo) / (2 * r + 1)
    return out


def blur(a: Array, radius: float) -> Array:
    """Close to a Gaussian blur of standard deviation ``radius``: three box blurs."""
    r = max(0, round(radius * 0.8))
    for _ in range(3):
        a = box_blur(a, r)
    return a


def noise(w: int, h: int, cell: float, rng: random.Random) -> Array:
    """Smooth value noise in about -1..1 with features ``cell`` pixels apart."""
    gw, gh = max(2, math.ceil(w / cell) + 3), max(2, math.ceil(h / cell) + 3)
    small = np.frombuffer(rng.randbytes(gw * gh), dtype=np.uint8).astype(np.float32).reshape(gh, gw)
    img = Image.fromarray(small / 127.5 - 1.0, "F")
    big = np.asarray(img.resize((round(gw * cell), round(gh * cell)), Image.Resampling.BICUBIC), np.float32)
    c = int(cell)
    return big[c : c + h, c : c + w]


def fbm(w: int, h: int, cell: float, rng: random.Random, octaves: int = 3) -> Array:
    out = np.zeros((h, w), np.float32)
    amp = 1.0
    for _ in range(octaves):
        out += amp * noise(w, h, max(2.0, cell), rng)
        cell /= 2.0
        amp *= 0.5
    return out / 1.75


def normals(height: Array) -> tuple[Array, Array, Array]:
    gy, gx = np.gradient(height)
    nz = np.ones_like(height)
    inv = 1.0 / np.sqrt(gx * gx + gy * gy + 1.0)
    return -gx * inv, -gy * inv, nz * inv


def lambert(height: Array, ambient: float = 0.35, light: Array = LIGHT) -> Array:
    """Diffuse light on a height map (heights in pixels)."""
    nx, ny, nz = normals(height)
    d = np.clip(nx * light[0] + ny * light[1] + nz * light[2], 0.0, 1.0)
    return ambient + (1.0 - ambient) * d / float(light[2])


def specular(height: Array, power: float = 30.0, light: Array = LIGHT) -> Array:
    """Highlights of a glossy surface seen from straight above."""
    nx, ny, nz = normals(height)
    half = light + np.array([0, 0, 1], np.float32)
    half /= np.linalg.norm(half)
    return np.clip(nx * half[0] + ny * half[1] + nz * half[2], 0.0, 1.0) ** power


def dome(mask: Array, radius: float, depth: float) -> Array:
    """A soft height map rising from a mask's edge: a pillow-like body."""
    soft = blur(mask.astype(np.float32), radius)
    return np.sqrt(np.clip(soft, 0.0, 1.0)) * depth * mask


def poly_mask(w: int, h: int, shapes: list[tuple[str, object]], ss: int = 2) -> Array:
    """Draw PIL shapes ("polygon", points) / ("ellipse", box) / ("line", (points, width)) as an anti-aliased mask."""
    img = Image.new("L", (w * ss, h * ss), 0)
    draw = ImageDraw.Draw(img)
    for kind, data in shapes:
        fill = 255
        if kind.startswith("-"):
            kind, fill = kind[1:], 0
        if kind == "polygon":
            draw.polygon([(x * ss, y * ss) for x, y in data], fill=fill)  # type: ignore[union-attr]
        elif kind == "ellipse":
            x0, y0, x1, y1 = data  # type: ignore[misc]
            draw.ellipse((x0 * ss, y0 * ss, x1 * ss, y1 * ss), fill=fill)
        elif kind == "line":
            points, width = data  # type: ignore[misc]
            draw.line([(x * ss, y * ss) for x, y in points], fill=fill, width=max(1, round(width * ss)), joint="curve")
        elif kind == "rounded":
            box, radius = data  # type: ignore[misc]
            draw.rounded_rectangle([v * ss for v in box], radius=radius * ss, fill=fill)
    if ss > 1:
        img = img.resize((w, h), Image.Resampling.BOX)
    return np.asarray(img, dtype=np.float32) / 255.0


def mix(a: Array, b: Array | np.ndarray, t: Array) -> Array:
    """Blend pictures (or a picture and a colour) by a mask ``t``."""
    if t.ndim == 2:
        t = t[..., None]
    return a + (b - a) * t


def fill(w: int, h: int, colour: Array) -> Array:
    return np.broadcast_to(colour, (h, w, 3)).astype(np.float32).copy()


def shadow(picture: Array, mask: Array, dx: float, dy: float, radius: float, strength: float) -> Array:
    """Darken ``picture`` under an object's ``mask`` shifted by (dx, dy) and softened."""
    shifted = np.roll(np.roll(mask, round(dy), axis=0), round(dx), axis=1)
    soft = blur(shifted, radius)
    return picture * (1.0 - strength * np.clip(soft, 0, 1))[..., None]


def place(picture: Array, obj: Array, alpha: Array, drop: float = 1.0, lift: float = 1.0) -> Array:
    """Put an object with its contact and cast shadows on ``picture`` (all full-size arrays)."""
    h, w = alpha.shape
    unit = min(w, h)
    out = shadow(picture, alpha, unit * 0.012 * lift, unit * 0.02 * lift, unit * 0.02 * lift, 0.45 * drop)
    out = shadow(out, alpha, unit * 0.002, unit * 0.004, unit * 0.004, 0.35 * drop)
    return mix(out, obj, alpha)


# Backdrops: what a maker photographs a piece on.
def backdrop(w: int, h: int, kind: str, rng: random.Random) -> Array:
    x, y = grid(w, h)
    if kind == "wood":  # a teak table top, planks along x
        base = rgb(rng.choice(((128, 82, 48), (146, 98, 58), (104, 66, 40))))
        plank = h / rng.uniform(2.5, 4.0)
        row = np.floor(y / plank)
        warp = fbm(w, h, w / 4, rng, 3) * 14.0 + fbm(w, h, 25, rng, 2) * 2.0
        fine = np.sin((y + warp + hash2(row, row, 3) * 40) / rng.uniform(1.2, 1.8)) * 0.5 + 0.5
        broad = np.sin((y + warp * 2.5) / rng.uniform(5.0, 8.0)) * 0.5 + 0.5
        grain = 0.86 + 0.06 * fine**2 + 0.08 * broad**3 + 0.05 * fbm(w, h, 60, rng, 2)
        tone = 0.9 + 0.2 * hash2(row, row, 7)[..., None]
        seam = 1.0 - 0.45 * smooth(1.5, 0.0, np.abs(y - row * plank))
        pic = base * tone * (grain * seam)[..., None]
    elif kind == "slate":  # a dark cloth or slate
        base = rgb(rng.choice(((52, 50, 48), (40, 42, 46), (60, 54, 50))))
        pic = base * (1.0 + 0.08 * fbm(w, h, 60, rng, 3))[..., None]
    elif kind == "linen":
        base = rgb(rng.choice(((196, 188, 172), (178, 172, 162), (206, 200, 190))))
        weave = 0.04 * (np.sin(x * 2.1) * np.sin(y * 2.3)) + 0.05 * fbm(w, h, 30, rng, 2)
        pic = base * (1.0 + weave)[..., None]
    elif kind == "wall":  # plaster wall with a floor line
        base = rgb(rng.choice(((214, 204, 186), (200, 192, 178), (222, 214, 198))))
        pic = base * (1.0 + 0.05 * fbm(w, h, 50, rng, 3))[..., None]
    else:  # "paper": a seamless photo backdrop, lighter at the top
        base = rgb(rng.choice(((236, 232, 224), (226, 222, 214), (238, 230, 216))))
        pic = base * (1.02 - 0.12 * (y / h))[..., None] * (1.0 + 0.015 * fbm(w, h, 80, rng, 2))[..., None]
    return pic.astype(np.float32)


def finish(picture: Array, rng: random.Random, warmth: float = 0.0) -> Image.Image:
    """A photo's light: falloff from the window side, vignette, white balance, a touch of softness."""
    h, w, _ = picture.shape
    x, y = grid(w, h)
    angle = rng.uniform(0, 2 * math.pi)
    along = (x / w - 0.5) * math.cos(angle) + (y / h - 0.5) * math.sin(angle)
    light = 1.0 - 0.22 * along * rng.uniform(0.6, 1.2)
    r = np.hypot(x / w - 0.5, y / h - 0.5) * 1.41
    light *= 1.0 - 0.35 * r**2.2
    tint = np.array([1.0 + 0.04 * warmth, 1.0, 1.0 - 0.05 * warmth], np.float32)
    out = np.clip(picture * light[..., None] * tint * rng.uniform(0.96, 1.06), 0.0, 1.0)
    out = out ** (1 / 1.05)  # a phone's slightly lifted tone curve
    return Image.fromarray((out * 255.0 + 0.5).astype(np.uint8), "RGB")
