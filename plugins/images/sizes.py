"""Original photos kept in the repository: which are larger than the pipeline needs, shrinking them, their total.

The pipeline's widest derivative is IMAGES_ROLES' largest width (1,200 px: the printed catalogue and link
previews). An original keeps twice that (``KEEP_FACTOR``), room for sharper derivatives later; a phone's
4032×3024 photo of 3–5 MB then becomes 2400×1800 and 1–2 MB, and a catalogue of thousands stays a repository
that clones in minutes. ``make check`` and ``make new-product`` report what is larger, ``make shrink-photos``
(scripts/shrink_photos.py) shrinks it in place.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from .settings import DEFAULT_ROLES

KEEP_FACTOR = 2
MAX_PHOTO_MB = 3.0  # a photo of the kept width at JPEG quality 90 is 1–2 MB; three is the most worth keeping
SHRINK_QUALITY = 90  # well above the pipeline's derivatives (78 JPEG, 74 WebP): they show no difference
# What the static host and the repository accept, in MB: GitHub Pages publishes a site of at most 1 GB, and
# GitHub asks that a repository stay under 1 GB (5 GB at most; Git LFS beyond: docs/scaling.md).
REPOSITORY_MB = 1000
DEMO_PREFIX = "demo-"  # generated demo photos (scripts/make_demo_photos.py) are never committed: not reported
SHRINKABLE = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


def N_(message: str) -> str:
    """Marks a message for extraction (scripts/i18n.py); translated where it is shown."""
    return message


OVERSIZED = N_("{width}×{height} px, {mb} MB: larger than the catalogue needs (at most {keep} px wide and "
               "{max_mb} MB); run `make shrink-photos` to shrink it in place")
TOTAL = N_("{count} photos, {mb} MB in the repository, {share} of the {limit} MB a repository should stay under; "
           "for very large catalogues see Git LFS in docs/scaling.md")


def keep_width(roles: dict[str, Any] | None = None) -> int:
    """The widest an original needs to be: KEEP_FACTOR times the widest derivative of IMAGES_ROLES."""
    roles = roles if roles is not None else DEFAULT_ROLES
    return KEEP_FACTOR * max(max(spec["widths"]) for spec in roles.values())


@dataclass(frozen=True)
class Oversized:
    path: Path
    width: int  # upright
    height: int
    bytes: int

    def params(self, keep: int) -> dict[str, str]:
        return {"width": str(self.width), "height": str(self.height), "mb": f"{self.bytes / 1e6:.1f}",
                "keep": str(keep), "max_mb": f"{MAX_PHOTO_MB:g}"}


PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif"}


def photo_files(content: Path) -> list[Path]:
    """Every photo in the entry folders of ``content`` (products, artisans, pages); never a link, which may point
    outside content/ (the catalogue check refuses those itself)."""
    return sorted(p for kind in ("products", "artisans", "pages") for p in (content / kind).glob("*/*")
                  if p.suffix.lower() in PHOTO_SUFFIXES and not p.is_symlink() and p.is_file())


def upright_size(path: Path) -> tuple[int, int]:
    """The photo's size as shown (EXIF orientation applied), from its header alone."""
    with Image.open(path) as im:
        width, height = im.size
        if im.getexif().get(0x0112, 1) in (5, 6, 7, 8):
            return height, width
        return width, height


def oversized(paths: Iterable[Path], keep: int | None = None) -> list[Oversized]:
    """The photos wider than ``keep`` or heavier than MAX_PHOTO_MB (demo photos aside)."""
    keep = keep or keep_width()
    found = []
    for path in paths:
        if path.name.startswith(DEMO_PREFIX):
            continue
        try:
            size = os.stat(path).st_size
            width, height = upright_size(path)
        except (OSError, ValueError, SyntaxError):
            continue  # an unreadable photo is the catalogue check's to report
        if width > keep or size > MAX_PHOTO_MB * 1e6:
            found.append(Oversized(path, width, height, size))
    return found


def total_bytes(paths: Iterable[Path]) -> tuple[int, int]:
    """(number, bytes) of the photos, demo photos aside."""
    sizes = [os.stat(p).st_size for p in paths if not p.name.startswith(DEMO_PREFIX) and p.exists()]
    return len(sizes), sum(sizes)


def shrink(path: Path, keep: int | None = None) -> tuple[int, int] | None:
    """Shrink one photo in place: turned upright (the orientation applied to its pixels), at most ``keep`` px
    wide, without its metadata (GPS included), saved in its own format; (bytes before, after), or None when its
    format is not one Pillow writes here (HEIC: convert it to JPEG first) or it would not get smaller."""
    keep = keep or keep_width()
    before = os.stat(path).st_size
    with Image.open(path) as im:
        fmt = im.format or ""
        if fmt not in SHRINKABLE:
            return None
        upright = ImageOps.exif_transpose(im)
        if fmt == "JPEG":
            upright = upright.convert("RGB")
        if upright.width > keep:
            upright = upright.resize((keep, max(1, round(upright.height * keep / upright.width))),
                                     Image.Resampling.LANCZOS)
        upright.info.clear()
        tmp = path.with_name(f".{path.name}.shrinking")
        options: dict[str, Any] = {"quality": SHRINK_QUALITY} if fmt in ("JPEG", "WEBP") else {"optimize": True}
        upright.save(tmp, fmt, **options)
    after = os.stat(tmp).st_size
    if after >= before:
        tmp.unlink()
        return None
    os.replace(tmp, path)
    return before, after
