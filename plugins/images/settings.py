"""The images plugin's settings: every default in one place, checked once into a typed Config."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from buildkit.settings import cache_folder, reader

# Where each photo is shown: the widths it is derived at (never wider than the original), the `sizes` the
# browser picks a width with, an optional crop as an aspect ratio (w, h), the formats offered, best first, and
# which photos need it ("for": "cover" = a product's first photo, "product" = every product photo, "artisan").
# The fallback format (JPEG, last) is made at the role's largest width only ("fallback_widths": "largest"): every
# browser in use reads WebP, so it serves crawlers and the oldest browsers, and one file per role instead of one per
# width keeps a fifth of the files out of each build ("all" makes it at every width).
DEFAULT_ROLES: dict[str, dict[str, Any]] = {
    # grid tiles are shown 4:3 (object-fit: cover): cropping here saves the bytes of pixels never seen
    "card": {"widths": [240, 360, 480], "crop": (4, 3), "formats": ["avif", "webp", "jpeg"], "for": ["cover"],
             "sizes": "(min-width: 60rem) 14rem, (min-width: 40rem) 30vw, 46vw"},
    # the product page's main photo: the whole width on a phone, the left column of about 40rem from 56.25rem up
    "gallery": {"widths": [480, 720, 960], "formats": ["avif", "webp", "jpeg"], "for": ["product"],
                "sizes": "(min-width: 56.25rem) 40rem, 100vw"},
    # the gallery's thumbnail buttons, shown square (object-fit: cover) at 4rem: a square crop of a few KB each
    # instead of the 480-px gallery file, so a phone's first view fetches the main photo and little more
    "thumb": {"widths": [96, 192], "crop": (1, 1), "formats": ["avif", "webp", "jpeg"], "for": ["thumbnail"],
              "sizes": "4rem"},
    "portrait": {"widths": [240, 480], "formats": ["avif", "webp", "jpeg"], "for": ["artisan"],
                 "sizes": "(min-width: 40rem) 15rem, 60vw"},
    # Open Graph / link previews: crawlers want one 1200×630 JPEG, of the photo a page is shared with
    "social": {"widths": [1200], "crop": (1200, 630), "formats": ["jpeg"], "sizes": "1200px",
               "for": ["cover", "artisan"]},
    # the printed catalogue (WeasyPrint) and booth labels show each product's first photo: one sharp JPEG
    "print": {"widths": [1200], "formats": ["jpeg"], "sizes": "1200px", "quality": 86, "for": ["cover"]},
}

# Encoder options per format. AVIF is the smallest file but the slowest to encode: `speed` 8 encodes several
# times faster than the default 6 for a few per cent more bytes (scripts/benchmarks/images.py, docs/performance.md).
DEFAULT_FORMATS: dict[str, dict[str, Any]] = {
    "avif": {"quality": 52, "speed": 8, "max_threads": 1},
    "webp": {"quality": 74, "method": 4},
    "jpeg": {"quality": 78, "optimize": True, "progressive": True},
}

DEFAULTS: dict[str, Any] = {
    "IMAGES_ROLES": DEFAULT_ROLES,
    "IMAGES_FORMATS": DEFAULT_FORMATS,
    "IMAGES_OUTPUT_PREFIX": "media",
    "IMAGES_WORKERS": 0,  # 0: one per core
    "IMAGES_BACKGROUND": "#fbf7f1",  # transparent pixels are laid on the page's paper colour
    "IMAGES_MAX_PIXELS": 64_000_000,  # a 48-MP phone photo passes; a decompression bomb does not
    "IMAGES_MAX_FILE_MB": 40,
    "IMAGES_MIN_WIDTH": 960,  # narrower photos look soft in the product gallery
    "IMAGES_DARK_LEVEL": 40,  # mean brightness (0–255) under which a photo is "very dark"
    "IMAGES_BLUR_LEVEL": 10,  # crispest-edge strength (0–128) under which a photo is "very blurry"
    "MEDIA_URL": "",  # photos served from an S3-compatible bucket at this address (media.py); "": from the site
    "MEDIA_MANIFEST": None,  # what `make upload-media` uploads; None: media-upload/manifest.tsv under CACHE_PATH
}

setting = reader(DEFAULTS)

# Where a photo is shown: a product's cover (its card), on its product page, as a thumbnail in that page's row
# (a product with more than one photo), an artisan's photo.
SUBJECTS = ("cover", "product", "thumbnail", "artisan")
FALLBACK_WIDTHS = ("largest", "all")
KNOWN_FORMATS = {"avif": ("AVIF", ".avif"), "webp": ("WEBP", ".webp"), "jpeg": ("JPEG", ".jpg")}
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}\Z")


class ImageSettingsError(ValueError):
    """A setting of the images plugin has a value it cannot use."""


@dataclass(frozen=True)
class Role:
    name: str
    widths: tuple[int, ...]
    sizes: str
    formats: tuple[str, ...]
    crop: tuple[int, int] | None = None
    quality: int | None = None  # overrides the format's quality for this role
    subjects: frozenset[str] = frozenset(SUBJECTS)
    fallback_widths: str = "largest"  # "largest" or "all": the widths the fallback format (last) is made at

    def applies(self, subjects: frozenset[str]) -> bool:
        """Whether a photo shown as ``subjects`` (e.g. {"cover", "product"}) needs this role."""
        return bool(self.subjects & subjects)


@dataclass(frozen=True)
class Limits:
    """What inspect_photo() accepts and warns about."""

    max_pixels: int = DEFAULTS["IMAGES_MAX_PIXELS"]
    max_file_mb: float = DEFAULTS["IMAGES_MAX_FILE_MB"]
    min_width: int = DEFAULTS["IMAGES_MIN_WIDTH"]
    dark_level: float = DEFAULTS["IMAGES_DARK_LEVEL"]
    blur_level: float = DEFAULTS["IMAGES_BLUR_LEVEL"]


@dataclass(frozen=True)
class Config:
    roles: dict[str, Role]
    formats: dict[str, dict[str, Any]]
    cache_dir: Path
    prefix: str
    workers: int
    background: tuple[int, int, int]
    limits: Limits
    # What the derivatives' plans depend on (roles, formats, background), as a short key: plan.py keeps the plan
    # of each photo size under it.
    plan_key: str


def _fail(key: str, expected: str, got: object) -> ImageSettingsError:
    return ImageSettingsError(f"{key}: expected {expected}, got {got!r}")


def _role(name: str, spec: Any, formats: dict[str, Any]) -> Role:
    key = f"IMAGES_ROLES[{name!r}]"
    if not isinstance(spec, dict):
        raise _fail(key, "a dict with widths, sizes and formats", spec)
    widths = spec.get("widths")
    if not isinstance(widths, list | tuple) or not widths or not all(isinstance(w, int) and w > 0 for w in widths):
        raise _fail(f"{key}['widths']", "a list of positive whole pixel widths such as [480, 720]", widths)
    fmts = spec.get("formats", list(formats))
    if not isinstance(fmts, list | tuple) or not fmts or any(f not in formats for f in fmts):
        raise _fail(f"{key}['formats']", f"a list drawn from IMAGES_FORMATS ({', '.join(formats)})", fmts)
    if fmts[-1] != "jpeg":
        raise _fail(f"{key}['formats']", "'jpeg' last (the fallback every browser and crawler reads)", fmts)
    crop = spec.get("crop")
    if crop is not None and not (isinstance(crop, list | tuple) and len(crop) == 2
                                 and all(isinstance(c, int) and c > 0 for c in crop)):
        raise _fail(f"{key}['crop']", "an aspect ratio such as (4, 3)", crop)
    sizes = spec.get("sizes")
    if not isinstance(sizes, str) or not sizes:
        raise _fail(f"{key}['sizes']", "a `sizes` attribute such as '100vw'", sizes)
    quality = spec.get("quality")
    if quality is not None and not (isinstance(quality, int) and 1 <= quality <= 100):
        raise _fail(f"{key}['quality']", "a whole number from 1 to 100", quality)
    subjects = spec.get("for", list(SUBJECTS))
    if not isinstance(subjects, list | tuple) or not subjects or any(x not in SUBJECTS for x in subjects):
        raise _fail(f"{key}['for']", f"a list drawn from {', '.join(SUBJECTS)}", subjects)
    fallback_widths = spec.get("fallback_widths", "largest")
    if fallback_widths not in FALLBACK_WIDTHS:
        raise _fail(f"{key}['fallback_widths']", " or ".join(repr(f) for f in FALLBACK_WIDTHS), fallback_widths)
    return Role(name, tuple(sorted(set(widths))), sizes, tuple(fmts), tuple(crop) if crop else None, quality,
                frozenset(subjects), fallback_widths)


def load_config(settings: dict[str, Any]) -> Config:
    """Check the IMAGES_* settings once; raises ImageSettingsError naming the key and what it expects."""

    def get(name: str) -> Any:
        return setting(settings, name)

    formats = get("IMAGES_FORMATS")
    if not isinstance(formats, dict) or not formats or any(f not in KNOWN_FORMATS for f in formats):
        raise _fail("IMAGES_FORMATS", f"a dict whose keys are among {', '.join(KNOWN_FORMATS)}", formats)
    if "jpeg" not in formats:
        raise _fail("IMAGES_FORMATS", "a 'jpeg' entry (the fallback)", formats)
    for name, options in formats.items():
        if not isinstance(options, dict):
            raise _fail(f"IMAGES_FORMATS[{name!r}]", "a dict of Pillow save options", options)
    roles = get("IMAGES_ROLES")
    if not isinstance(roles, dict) or not roles:
        raise _fail("IMAGES_ROLES", "a dict of role name → {widths, sizes, formats}", roles)
    background = get("IMAGES_BACKGROUND")
    if not isinstance(background, str) or not COLOUR.match(background):
        raise _fail("IMAGES_BACKGROUND", "a colour such as '#fbf7f1'", background)
    workers = get("IMAGES_WORKERS")
    if not isinstance(workers, int) or workers < 0:
        raise _fail("IMAGES_WORKERS", "0 (one per core) or a positive whole number", workers)
    numbers = {}
    for name in ("IMAGES_MAX_PIXELS", "IMAGES_MAX_FILE_MB", "IMAGES_MIN_WIDTH", "IMAGES_DARK_LEVEL",
                 "IMAGES_BLUR_LEVEL"):
        value = get(name)
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise _fail(name, "a positive number", value)
        numbers[name] = value
    prefix = get("IMAGES_OUTPUT_PREFIX")
    if not isinstance(prefix, str) or not re.match(r"^[a-z0-9_-]+(/[a-z0-9_-]+)*\Z", prefix):
        raise _fail("IMAGES_OUTPUT_PREFIX", "a folder name such as 'media'", prefix)
    checked_roles = {name: _role(name, spec, formats) for name, spec in roles.items()}
    checked_formats = {name: dict(options) for name, options in formats.items()}
    rgb = tuple(int(background[i:i + 2], 16) for i in (1, 3, 5))
    return Config(
        roles=checked_roles,
        formats=checked_formats,
        cache_dir=cache_folder(settings, "images"),
        prefix=prefix,
        workers=workers or os.cpu_count() or 1,
        background=rgb,  # type: ignore[arg-type]
        limits=Limits(numbers["IMAGES_MAX_PIXELS"], numbers["IMAGES_MAX_FILE_MB"], numbers["IMAGES_MIN_WIDTH"],
                      numbers["IMAGES_DARK_LEVEL"], numbers["IMAGES_BLUR_LEVEL"]),
        plan_key=_plan_key(checked_roles, checked_formats, rgb),
    )


def _plan_key(roles: dict[str, Role], formats: dict[str, dict[str, Any]], rgb: tuple[int, ...]) -> str:
    """The same in every process for the same settings (the image cache's index keeps photos under it): a role's
    subjects, a set, whose order changes from one process to the next, are written sorted."""
    stable = [tuple(sorted(value) if isinstance(value, frozenset) else value
                    for value in (getattr(role, f.name) for f in fields(role))) for role in roles.values()]
    return hashlib.sha256(repr((stable, formats, rgb)).encode()).hexdigest()[:16]
