"""Draw deterministic, realistic-looking phone photos of East Java crafts for the demo catalogue."""

from __future__ import annotations

import itertools
import math
import os
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PIL import ExifTags, Image, ImageChops, ImageDraw, ImageFilter
from PIL.TiffImagePlugin import IFDRational

RGB = tuple[int, int, int]
Painter = Callable[[int, int, random.Random], tuple[Image.Image, Image.Image]]

SCALE = 4  # the scene is drawn at 1/SCALE of the final size, then upscaled
NOISE = 0.05  # amplitude of the sensor-like grain, as a fraction of full range

FORMATS = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".webp": "WEBP",
    ".heic": "HEIF",
    ".heif": "HEIF",
    ".avif": "AVIF",
}

# Fictional Android phones (brands named after East Java mountains and rivers).
PHONES = (
    ("Kawi", "Kawi K12 Pro"),
    ("Kawi", "Kawi K9 Lite"),
    ("Brantas", "Brantas Nova 5G"),
    ("Brantas", "Brantas Nova 4"),
    ("Arjuno Mobile", "Arjuno A54"),
    ("Semeru", "Semeru S3 Ultra"),
    ("Semeru", "Semeru S2"),
)

# HEIF stores rotation in the container (irot/imir boxes): pillow-heif turns the EXIF
# Orientation into those boxes when saving, and decoders hand back an upright picture whose
# EXIF Orientation reads 1. HEIC photos therefore *look* upright to every reader.
STORE = {  # the inverse of what a viewer applies for each EXIF orientation
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,  # viewer turns it 90° clockwise, so store it turned counter-clockwise
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}

SOGAN = ((92, 58, 30), (139, 90, 43), (60, 35, 20), (176, 120, 60))
INDIGO = (35, 48, 90)
RED = (142, 31, 31)
CREAM = (232, 216, 176)
BRASS = (181, 148, 72)
SURFACES = (  # (near colour, far colour, grain colour or None)
    ((150, 100, 62), (110, 70, 40), (85, 52, 30)),  # teak table
    ((222, 212, 196), (188, 178, 160), None),  # plaster wall / floor
    ((236, 234, 228), (205, 202, 196), None),  # white sheet
    ((150, 150, 146), (112, 112, 110), None),  # concrete
    ((196, 160, 110), (160, 125, 80), (140, 105, 65)),  # bamboo mat colour
)


def image_format(path: Path, fmt: str | None = None) -> str:
    """Return the Pillow format name for ``fmt`` or, when None, for the file's suffix."""
    if fmt is not None:
        name = fmt.upper()
        name = {"JPG": "JPEG", "HEIC": "HEIF"}.get(name, name)
        if name not in set(FORMATS.values()):
            raise ValueError(f"unsupported photo format {fmt!r}")
        return name
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise ValueError(
            f"{path.name}: cannot tell the photo format from the suffix"
        ) from None


def _register_heif() -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()


def _jitter(rng: random.Random, colour: RGB, spread: int = 18) -> RGB:
    return tuple(max(0, min(255, c + rng.randint(-spread, spread))) for c in colour)  # type: ignore[return-value]


def _shade(colour: RGB, factor: float) -> RGB:
    return tuple(max(0, min(255, round(c * factor))) for c in colour)  # type: ignore[return-value]


def _gradient(size: tuple[int, int], near: RGB, far: RGB, angle: float) -> Image.Image:
    """A two-colour linear gradient covering ``size`` at ``angle`` degrees."""
    mask = Image.linear_gradient("L").rotate(
        angle, resample=Image.Resampling.BILINEAR, expand=False
    )
    mask = mask.crop((40, 40, 216, 216)).resize(size, Image.Resampling.BILINEAR)
    return Image.composite(
        Image.new("RGB", size, far), Image.new("RGB", size, near), mask
    )


def _background(size: tuple[int, int], rng: random.Random) -> Image.Image:
    near, far, grain = rng.choice(SURFACES)
    img = _gradient(size, _jitter(rng, near), _jitter(rng, far), rng.uniform(-25, 25))
    if grain is not None:
        draw = ImageDraw.Draw(img)
        w, h = size
        for _ in range(max(8, h // 6)):
            y = rng.uniform(0, h)
            amp, period = rng.uniform(1, 4), rng.uniform(w / 6, w / 2)
            pts = [
                (x, y + amp * math.sin(x / period * 6.28 + y))
                for x in range(0, w + 8, 8)
            ]
            draw.line(pts, fill=_jitter(rng, grain, 10), width=rng.choice((1, 1, 2)))
    return img


def _plain_mask(w: int, h: int) -> Image.Image:
    return Image.new("L", (w, h), 255)


def _batik(w: int, h: int, rng: random.Random) -> tuple[Image.Image, Image.Image]:
    ground, ink, accent = CREAM, rng.choice(SOGAN), rng.choice((INDIGO, RED, SOGAN[2]))
    if rng.random() < 0.35:
        ground, ink = rng.choice(SOGAN[1:2] + (INDIGO,)), CREAM
    img = Image.new("RGB", (w, h), _jitter(rng, ground, 10))
    draw = ImageDraw.Draw(img)
    cell = max(6, round(min(w, h) / rng.uniform(6, 11)))
    style = rng.choice(("kawung", "parang", "ceplok"))
    for gy in range(-1, h // cell + 2):
        for gx in range(-1, w // cell + 2):
            cx, cy, r = gx * cell + cell / 2, gy * cell + cell / 2, cell / 2
            if style == "kawung":
                for dx, dy in ((0, -1), (0, 1), (-1, 0), (1, 0)):
                    ex, ey = cx + dx * r * 0.5, cy + dy * r * 0.5
                    rx, ry = (r * 0.45, r * 0.25) if dx else (r * 0.25, r * 0.45)
                    draw.ellipse(
                        (ex - rx, ey - ry, ex + rx, ey + ry),
                        fill=ink,
                        outline=accent,
                        width=1,
                    )
                draw.ellipse(
                    (cx - r * 0.1, cy - r * 0.1, cx + r * 0.1, cy + r * 0.1),
                    fill=accent,
                )
            elif style == "parang" and gx % 2 == 0:
                x0 = cx - cy * 0.8
                draw.polygon(
                    [
                        (x0, cy - r),
                        (x0 + r * 0.9, cy - r),
                        (x0 + r * 0.1, cy + r),
                        (x0 - r * 0.8, cy + r),
                    ],
                    fill=ink,
                )
                draw.arc(
                    (x0 - r * 0.3, cy - r * 0.6, x0 + r * 0.6, cy + r * 0.3),
                    200,
                    340,
                    fill=accent,
                    width=2,
                )
                draw.ellipse((x0 + r, cy - 2, x0 + r + 3, cy + 1), fill=accent)
            elif style == "ceplok":
                pts = [
                    (
                        cx + r * (0.85 if i % 2 else 0.4) * math.cos(i * math.pi / 4),
                        cy + r * (0.85 if i % 2 else 0.4) * math.sin(i * math.pi / 4),
                    )
                    for i in range(8)
                ]
                draw.polygon(pts, fill=ink, outline=accent)
                draw.ellipse(
                    (cx - r * 0.18, cy - r * 0.18, cx + r * 0.18, cy + r * 0.18),
                    fill=accent,
                )
            if style != "parang":  # isen-isen: dots filling the ground
                for dx, dy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
                    px, py = cx + dx * r * 0.92, cy + dy * r * 0.92
                    draw.ellipse((px - 1, py - 1, px + 1, py + 1), fill=ink)
    band = max(4, h // 12)  # tumpal border: a row of triangles on both edges
    for y0 in (0, h - band):
        draw.rectangle((0, y0, w, y0 + band), fill=_shade(ink, 0.8))
        for x in range(0, w, band):
            draw.polygon(
                [(x, y0 + band), (x + band / 2, y0 + 2), (x + band, y0 + band)],
                fill=accent,
            )
    return img, _plain_mask(w, h)


def _tenun(w: int, h: int, rng: random.Random) -> tuple[Image.Image, Image.Image]:
    palette = [
        _jitter(rng, c)
        for c in rng.sample(
            (RED, INDIGO, (30, 30, 34), (200, 160, 40), (20, 90, 70), CREAM), 4
        )
    ]
    img = Image.new("RGB", (w, h), palette[0])
    draw = ImageDraw.Draw(img)
    y = 0.0
    while y < h:
        band = rng.uniform(h / 40, h / 8)
        colour = rng.choice(palette)
        draw.rectangle((0, y, w, y + band), fill=colour)
        if band > h / 14:  # an ikat band of blurred-edged diamonds
            d, ink = band / 2, rng.choice([c for c in palette if c != colour])
            for x in range(0, w + int(band), max(2, int(band))):
                draw.polygon(
                    [
                        (x, y + d * 0.15),
                        (x + d * 0.8, y + d),
                        (x, y + band - d * 0.15),
                        (x - d * 0.8, y + d),
                    ],
                    fill=ink,
                )
                draw.ellipse(
                    (x - d * 0.2, y + d * 0.8, x + d * 0.2, y + d * 1.2), fill=colour
                )
        y += band
    for x in range(0, w, 3):  # warp threads
        draw.line((x, 0, x, h), fill=_shade(palette[0], 0.7))
    img = Image.blend(img, img.filter(ImageFilter.BoxBlur(1)), 0.5)
    return img, _plain_mask(w, h)


def _kulit(w: int, h: int, rng: random.Random) -> tuple[Image.Image, Image.Image]:
    leather = _jitter(
        rng, rng.choice(((120, 72, 38), (88, 52, 30), (150, 95, 50), (60, 40, 30)))
    )
    img = Image.new("RGB", (w, h), leather)
    draw = ImageDraw.Draw(img)
    for _ in range(w * h // 60):  # pebbled grain
        x, y, s = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(1, 3)
        draw.ellipse(
            (x, y, x + s, y + s), fill=_shade(leather, rng.uniform(0.85, 1.12))
        )
    radius = min(w, h) // 8
    inset = max(3, min(w, h) // 20)
    flap = round(h * rng.uniform(0.35, 0.5))
    draw.line((0, flap, w, flap), fill=_shade(leather, 0.6), width=2)
    thread = rng.choice(((235, 225, 200), (200, 160, 80), (40, 30, 20)))
    dash = max(3, inset)
    for y in (inset, h - inset):  # stitching along the edges
        for x in range(inset + radius // 2, w - inset - radius // 2, dash * 2):
            draw.line((x, y, x + dash, y), fill=thread, width=1)
    for x in (inset, w - inset):
        for y in range(inset + radius // 2, h - inset - radius // 2, dash * 2):
            draw.line((x, y, x, y + dash), fill=thread, width=1)
    bx, by, bs = w / 2, flap, max(4, min(w, h) // 10)
    draw.rounded_rectangle(
        (bx - bs, by - bs / 2, bx + bs, by + bs / 2),
        radius=bs // 4,
        outline=BRASS,
        width=max(2, bs // 4),
    )
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        (0, 0, w - 1, h - 1), radius=radius, fill=255
    )
    return img, mask


def _kayu(w: int, h: int, rng: random.Random) -> tuple[Image.Image, Image.Image]:
    wood = _jitter(rng, rng.choice(((170, 120, 70), (120, 75, 40), (200, 170, 120))))
    painted = rng.random() < 0.6  # Malangan masks are painted; bare wood otherwise
    face = (
        _jitter(
            rng,
            rng.choice(((230, 225, 215), (200, 40, 35), (40, 110, 70), (210, 170, 60))),
        )
        if painted
        else wood
    )
    img = Image.new("RGB", (w, h), face)
    draw = ImageDraw.Draw(img)
    for x in range(0, w, max(2, w // 60)):  # wood grain
        pts = [(x + 2 * math.sin(y / h * 9 + x), y) for y in range(0, h + 6, 6)]
        draw.line(pts, fill=_shade(face, rng.uniform(0.8, 0.95)), width=1)
    ink, u = (20, 15, 10), min(w, h)
    for side in (-1, 1):
        ex, ey = w / 2 + side * w * 0.2, h * 0.4
        draw.ellipse(
            (ex - u * 0.12, ey - u * 0.06, ex + u * 0.12, ey + u * 0.06),
            fill=(245, 240, 230),
            outline=ink,
            width=2,
        )
        draw.ellipse(
            (ex - u * 0.04, ey - u * 0.04, ex + u * 0.04, ey + u * 0.04), fill=ink
        )
        draw.arc(
            (ex - u * 0.16, ey - u * 0.18, ex + u * 0.16, ey + u * 0.02),
            200,
            340,
            fill=ink,
            width=3,
        )
    draw.polygon(
        [(w / 2, h * 0.42), (w / 2 - u * 0.07, h * 0.6), (w / 2 + u * 0.07, h * 0.6)],
        fill=_shade(face, 0.8),
        outline=ink,
    )
    draw.chord(
        (w * 0.35, h * 0.62, w * 0.65, h * 0.8), 0, 180, fill=RED, outline=ink, width=2
    )
    for i in range(5):
        x = w * 0.4 + i * w * 0.05
        draw.rectangle((x, h * 0.71, x + w * 0.035, h * 0.745), fill=(245, 240, 230))
    for i in range(9):  # gilded dots on the forehead
        x = w * 0.25 + i * w * 0.0625
        draw.ellipse((x - 2, h * 0.2 - 2, x + 2, h * 0.2 + 2), fill=BRASS)
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, w - 1, h - 1), fill=255)
    return img, mask


def _keramik(w: int, h: int, rng: random.Random) -> tuple[Image.Image, Image.Image]:
    glaze = _jitter(
        rng,
        rng.choice(
            ((40, 95, 110), (150, 70, 40), (200, 190, 160), (60, 80, 50), (120, 40, 30))
        ),
    )
    img = Image.new("RGB", (w, h), glaze)
    draw = ImageDraw.Draw(img)
    for x in range(w):  # round body: light from the left
        t = x / max(1, w - 1)
        draw.line(
            (x, 0, x, h),
            fill=_shade(
                glaze, 0.55 + 0.75 * math.sin(math.pi * (t * 0.9 + 0.05)) - 0.25 * t
            ),
        )
    hx = w * rng.uniform(0.25, 0.35)
    draw.ellipse(
        (hx - w * 0.04, h * 0.25, hx + w * 0.04, h * 0.7), fill=_shade(glaze, 1.6)
    )
    for _ in range(rng.randint(1, 3)):  # incised bands
        y = h * rng.uniform(0.3, 0.8)
        draw.line((0, y, w, y), fill=_shade(glaze, 0.6), width=2)
    neck, belly, foot = (
        rng.uniform(0.12, 0.2),
        rng.uniform(0.42, 0.5),
        rng.uniform(0.2, 0.3),
    )
    waist = rng.uniform(0.25, 0.5)  # where the body is widest
    profile = [
        (0.0, neck + 0.05),
        (0.05, neck + 0.05),
        (0.07, neck),
        (0.2, neck + 0.02),
        (waist + 0.25, belly),
        (0.94, foot),
        (1.0, foot),
    ]
    left: list[tuple[float, float]] = []
    for i in range(61):
        t = i / 60
        (t0, r0), (t1, r1) = next(
            (a, b) for a, b in itertools.pairwise(profile) if t <= b[0]
        )
        k = (
            1 - math.cos(math.pi * (t - t0) / max(1e-6, t1 - t0))
        ) / 2  # smooth between control points
        left.append((w / 2 - (r0 + (r1 - r0) * k) * w, t * (h - 1)))
    right = [(w - x, y) for x, y in reversed(left)]
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).polygon(left + right, fill=255)
    return img, mask


def _anyaman(w: int, h: int, rng: random.Random) -> tuple[Image.Image, Image.Image]:
    light = _jitter(
        rng, rng.choice(((214, 180, 120), (200, 170, 100), (225, 200, 150)))
    )
    dark = _shade(light, 0.72)
    accent = rng.choice((light, RED, (30, 90, 60), (50, 50, 50)))
    img = Image.new("RGB", (w, h), dark)
    draw = ImageDraw.Draw(img)
    cell = max(5, round(min(w, h) / rng.uniform(10, 18)))
    for j in range(h // cell + 1):
        for i in range(w // cell + 1):
            x, y = i * cell, j * cell
            strip = accent if (j % 6 == 0 and accent != light) else light
            if (i + j) % 2:
                draw.rectangle(
                    (x, y + 1, x + cell - 1, y + cell - 2),
                    fill=_shade(strip, rng.uniform(0.9, 1.05)),
                )
                draw.line(
                    (x, y + cell // 2, x + cell - 1, y + cell // 2),
                    fill=_shade(strip, 0.85),
                )
            else:
                draw.rectangle(
                    (x + 1, y, x + cell - 2, y + cell - 1),
                    fill=_shade(strip, rng.uniform(0.75, 0.9)),
                )
                draw.line(
                    (x + cell // 2, y, x + cell // 2, y + cell - 1),
                    fill=_shade(strip, 0.7),
                )
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        (0, 0, w - 1, h - 1), radius=min(w, h) // 10, fill=255
    )
    return img, mask


def _logam(w: int, h: int, rng: random.Random) -> tuple[Image.Image, Image.Image]:
    steel = _jitter(rng, (120, 118, 115), 10)
    img = Image.new("RGB", (w, h), steel)
    draw = ImageDraw.Draw(img)
    for x in range(0, w, 2):  # pamor: light wavy lines in the forged blade
        pts = [(x + 3 * math.sin(y / h * 40 + x), y) for y in range(0, h, 4)]
        draw.line(pts, fill=_shade(steel, rng.uniform(1.1, 1.5)), width=1)
    hilt = round(h * 0.22)
    draw.rectangle((0, h - hilt, w, h), fill=_jitter(rng, (90, 55, 30)))
    draw.rectangle((0, h - hilt - h * 0.05, w, h - hilt), fill=BRASS)
    luk = rng.choice((3, 5, 7, 9, 13))  # number of waves in the blade
    blade = h - hilt
    left = [
        (
            w / 2
            - w * 0.32 * (y / blade)
            - w * 0.1 * math.sin(y / blade * luk * math.pi),
            y,
        )
        for y in range(0, blade + 1, 2)
    ]
    right = [(w - x, y) for x, y in reversed(left)]
    mask = Image.new("L", (w, h), 0)
    md = ImageDraw.Draw(mask)
    md.polygon(left + right, fill=255)
    md.rectangle((w * 0.02, blade - h * 0.05, w * 0.98, blade), fill=255)
    md.rounded_rectangle((w * 0.25, blade, w * 0.75, h - 1), radius=w // 6, fill=255)
    return img, mask


def _petal(cx: float, cy: float, r: float, angle: float) -> list[tuple[float, float]]:
    return [
        (
            cx
            + r * math.sin(t / 20 * math.pi) * 0.35 * math.cos(angle + math.pi / 2)
            + r * t / 20 * math.cos(angle),
            cy
            + r * math.sin(t / 20 * math.pi) * 0.35 * math.sin(angle + math.pi / 2)
            + r * t / 20 * math.sin(angle),
        )
        for t in range(21)
    ] + [
        (
            cx
            - r * math.sin(t / 20 * math.pi) * 0.35 * math.cos(angle + math.pi / 2)
            + r * t / 20 * math.cos(angle),
            cy
            - r * math.sin(t / 20 * math.pi) * 0.35 * math.sin(angle + math.pi / 2)
            + r * t / 20 * math.sin(angle),
        )
        for t in range(20, -1, -1)
    ]


def _bordir(w: int, h: int, rng: random.Random) -> tuple[Image.Image, Image.Image]:
    cloth = _jitter(
        rng,
        rng.choice(
            (
                (240, 236, 226),
                (25, 25, 30),
                (110, 25, 35),
                (30, 70, 60),
                (200, 180, 150),
            )
        ),
        8,
    )
    img = Image.new("RGB", (w, h), cloth)
    draw = ImageDraw.Draw(img)
    for y in range(0, h, 3):
        draw.line((0, y, w, y), fill=_shade(cloth, 0.94))
    threads = [
        (212, 175, 55),
        (200, 40, 60),
        (230, 120, 150),
        (40, 120, 60),
        (245, 245, 240),
    ]
    u = min(w, h)
    for _ in range(rng.randint(4, 9)):
        cx, cy, r = (
            rng.uniform(0.1, 0.9) * w,
            rng.uniform(0.1, 0.9) * h,
            u * rng.uniform(0.06, 0.14),
        )
        colour, green = rng.choice(threads), (40, 120, 60)
        sx, sy = cx + rng.uniform(-r, r) * 2, cy + r * 2.5
        draw.line(
            [(cx, cy), ((cx + sx) / 2 + r / 2, (cy + sy) / 2), (sx, sy)],
            fill=green,
            width=2,
            joint="curve",
        )
        draw.polygon(
            _petal((cx + sx) / 2, (cy + sy) / 2, r * 0.9, rng.uniform(0, 6.28)),
            outline=green,
            fill=None,
            width=2,
        )
        petals = rng.randint(5, 8)
        start = rng.uniform(0, 6.28)
        for k in range(petals):
            draw.polygon(
                _petal(cx, cy, r, start + k * 2 * math.pi / petals),
                outline=colour,
                width=2,
            )
        draw.ellipse(
            (cx - r * 0.15, cy - r * 0.15, cx + r * 0.15, cy + r * 0.15),
            fill=threads[0],
        )
    edge = max(4, u // 16)  # scalloped border
    for x in range(0, w, edge * 2):
        draw.arc(
            (x, h - edge * 2, x + edge * 2, h),
            0,
            180,
            fill=rng.choice(threads),
            width=2,
        )
    return img, _plain_mask(w, h)


def _generic(w: int, h: int, rng: random.Random) -> tuple[Image.Image, Image.Image]:
    colours = [
        _jitter(rng, c, 30)
        for c in ((150, 60, 50), (40, 60, 110), (220, 200, 160), (60, 90, 60))
    ]
    across, down = (
        Image.new("RGB", (w, h), colours[2]),
        Image.new("RGB", (w, h), colours[2]),
    )
    da, dd = ImageDraw.Draw(across), ImageDraw.Draw(down)
    step = max(6, min(w, h) // rng.randint(5, 9))
    for i, pos in enumerate(range(0, max(w, h), step)):
        colour, width = colours[i % 4], rng.randint(2, step // 2 + 2)
        da.rectangle((0, pos, w, pos + width), fill=colour)
        dd.rectangle((pos, 0, pos + width, h), fill=colour)
    return Image.blend(across, down, 0.5), _plain_mask(w, h)


# subject → painter, object width and height as fractions of the scene
PAINTERS: dict[str, tuple[Painter, float, float]] = {
    "batik": (_batik, 0.78, 0.72),
    "tenun": (_tenun, 0.72, 0.75),
    "kulit": (_kulit, 0.6, 0.45),
    "kayu": (_kayu, 0.42, 0.7),
    "keramik": (_keramik, 0.4, 0.8),
    "anyaman": (_anyaman, 0.62, 0.62),
    "logam": (_logam, 0.12, 0.85),
    "bordir": (_bordir, 0.75, 0.72),
}


def _scene(size: tuple[int, int], subject: str, rng: random.Random) -> Image.Image:
    """The upright picture at reduced scale: a lit surface with the object and its soft shadow."""
    w, h = size
    img = _background(size, rng)
    painter, fw, fh = PAINTERS.get(subject, (_generic, 0.75, 0.72))
    ow = max(4, round(w * fw * rng.uniform(0.9, 1.1)))
    oh = max(4, round(h * fh * rng.uniform(0.9, 1.1)))
    obj, mask = painter(ow, oh, rng)
    angle = rng.uniform(-35, 35) if subject == "logam" else rng.uniform(-7, 7)
    obj = obj.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    mask = mask.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True)
    fit = min(1.0, w * 0.92 / obj.width, h * 0.92 / obj.height)
    if fit < 1.0:
        new = (max(1, round(obj.width * fit)), max(1, round(obj.height * fit)))
        obj, mask = (
            obj.resize(new, Image.Resampling.BICUBIC),
            mask.resize(new, Image.Resampling.BILINEAR),
        )
    x = round((w - obj.width) / 2 + rng.uniform(-0.04, 0.04) * w)
    y = round((h - obj.height) / 2 + rng.uniform(-0.03, 0.03) * h)
    blur = max(1.0, min(w, h) / 60)
    shadow = mask.point(lambda v: v * 0.55).filter(ImageFilter.GaussianBlur(blur))
    img.paste((20, 15, 10), (x + round(blur), y + round(blur * 1.5)), shadow)
    img.paste(obj, (x, y), mask)
    light = _gradient(
        size, (255, 250, 238), _jitter(rng, (150, 145, 140), 10), rng.uniform(0, 360)
    )
    img = ImageChops.multiply(img, light)
    vignette = (
        Image.radial_gradient("L")
        .resize(size, Image.Resampling.BILINEAR)
        .point(lambda v: max(0, v - 110) * 0.6)
    )
    img.paste((0, 0, 0), (0, 0), vignette)
    return img.filter(ImageFilter.GaussianBlur(0.6))


def _grain(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Luminance grain like a small phone sensor's, centred on 128 (for ``ImageChops.add``)."""
    lut = [128 + round((v - 128) * NOISE * 2) for v in range(256)]
    noise = Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).point(lut)
    return Image.merge("RGB", (noise, noise, noise))


def _chroma(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Blotchy low-frequency colour noise at the scene's reduced scale."""
    lut = [128 + round((v - 128) * 0.05) for v in range(256)] * 3
    return Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3)).point(lut)


def _dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    """Degrees, minutes and seconds (to 1/1000 s) of ``abs(value)`` as EXIF rationals."""
    millis = round(abs(value) * 3_600_000)
    degrees, rest = divmod(millis, 3_600_000)
    minutes, millis = divmod(rest, 60_000)
    return IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(millis, 1000)


def _exif(
    rng: random.Random,
    orientation: int,
    gps: tuple[float, float] | None,
    stored: tuple[int, int],
) -> Image.Exif:
    make, model = rng.choice(PHONES)
    taken = datetime(2023, 1, 1, 7, 30) + timedelta(
        days=rng.randrange(900), seconds=rng.randrange(10 * 3600)
    )
    stamp = taken.strftime("%Y:%m:%d %H:%M:%S")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = make
    exif[ExifTags.Base.Model] = model
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.DateTime] = stamp
    exif[ExifTags.Base.Software] = f"{model.split()[0]}OS 14"
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[ExifTags.Base.DateTimeOriginal] = stamp
    sub[ExifTags.Base.DateTimeDigitized] = stamp
    sub[ExifTags.Base.OffsetTimeOriginal] = "+07:00"
    sub[ExifTags.Base.ExposureTime] = IFDRational(
        1, rng.choice((30, 50, 60, 100, 125, 200))
    )
    sub[ExifTags.Base.FNumber] = IFDRational(rng.choice((16, 18, 19, 22)), 10)
    sub[ExifTags.Base.ISOSpeedRatings] = rng.choice((50, 100, 160, 200, 400, 640))
    sub[ExifTags.Base.FocalLength] = IFDRational(rng.choice((473, 554, 600)), 100)
    sub[ExifTags.Base.ExifImageWidth], sub[ExifTags.Base.ExifImageHeight] = stored
    if gps is not None:
        lat, lon = gps
        pos = exif.get_ifd(ExifTags.IFD.GPSInfo)
        pos[ExifTags.GPS.GPSVersionID] = b"\x02\x02\x00\x00"
        pos[ExifTags.GPS.GPSLatitudeRef] = "S" if lat < 0 else "N"
        pos[ExifTags.GPS.GPSLatitude] = _dms(lat)
        pos[ExifTags.GPS.GPSLongitudeRef] = "W" if lon < 0 else "E"
        pos[ExifTags.GPS.GPSLongitude] = _dms(lon)
    return exif


def _save(
    img: Image.Image, path: Path, fmt: str, exif: Image.Exif, quality: int
) -> None:
    """Write ``img`` next to ``path`` under a temporary name, then move it into place."""
    options: dict[str, object] = {"exif": exif.tobytes()}
    if fmt == "PNG":
        options["compress_level"] = 6
    else:
        options["quality"] = quality
    if fmt == "HEIF":
        _register_heif()
        options["enc_params"] = {
            "preset": "ultrafast"
        }  # the default preset takes ~20 s per 12 MP
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        img.save(tmp, format=fmt, **options)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def make_phone_photo(
    path: Path,
    *,
    seed: str,
    size: tuple[int, int] = (4032, 3024),
    orientation: int = 1,
    gps: tuple[float, float] | None = (-7.25, 112.75),
    subject: str = "batik",
    fmt: str | None = None,
    quality: int = 88,
) -> Path:
    """Write a deterministic phone-style photo of a ``subject`` craft to ``path`` and return the path.

    ``size`` is the UPRIGHT size: for orientations 5–8 the stored pixels are ``size`` swapped, and
    only a viewer applying the EXIF Orientation (``ImageOps.exif_transpose``) sees ``size``.
    HEIC keeps the rotation in the container, so readers see it upright with Orientation 1.
    """
    path = Path(path)
    if orientation not in STORE:
        raise ValueError(f"EXIF orientation must be 1–8, not {orientation!r}")
    if size[0] < 1 or size[1] < 1:
        raise ValueError(f"size must be positive, not {size!r}")
    fmt = image_format(path, fmt)
    rng = random.Random(f"kriya-photo:{seed}")
    small = (max(8, size[0] // SCALE), max(8, size[1] // SCALE))
    scene = _scene(small, subject, rng)
    scene = ImageChops.add(scene, _chroma(small, rng), offset=-128)
    step = STORE[orientation]
    if step is not None:
        scene = scene.transpose(step)
    stored = (size[1], size[0]) if orientation >= 5 else size
    exif = _exif(rng, orientation, gps, stored)
    photo = ImageChops.add(
        scene.resize(stored, Image.Resampling.BICUBIC), _grain(stored, rng), offset=-128
    )
    _save(photo, path, fmt, exif, quality)
    return path


def _degrees(dms: object, ref: object, negative: str) -> float | None:
    try:
        d, m, s = (float(v) for v in dms)  # type: ignore[union-attr]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    value = d + m / 60 + s / 3600
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    return -value if str(ref).strip().upper() == negative else value


def gps_of(path: Path) -> tuple[float, float] | None:
    """Return the (latitude, longitude) written in a photo's EXIF, or None when it has none."""
    _register_heif()
    with Image.open(path) as img:
        pos = img.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    lat = _degrees(
        pos.get(ExifTags.GPS.GPSLatitude), pos.get(ExifTags.GPS.GPSLatitudeRef), "S"
    )
    lon = _degrees(
        pos.get(ExifTags.GPS.GPSLongitude), pos.get(ExifTags.GPS.GPSLongitudeRef), "W"
    )
    if lat is None or lon is None:
        return None
    return round(lat, 6), round(lon, 6)
