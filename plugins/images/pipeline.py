"""Turn each original photo into small, stripped derivatives for each role, with Pillow."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps
from pillow_heif import register_heif_opener

from .renditions import ImageSet, Rendition, Variant

logger = logging.getLogger(__name__)
register_heif_opener()  # iPhones send HEIC

# Where each photo is shown, the widths it is derived at, and the `sizes` the browser uses to pick one.
DEFAULT_ROLES: dict[str, dict[str, Any]] = {
    "card": {"widths": [240, 360, 480], "sizes": "(min-width: 60rem) 14rem, (min-width: 40rem) 30vw, 46vw"},
    "gallery": {"widths": [480, 720, 960], "sizes": "(min-width: 60rem) 36rem, 100vw"},
    "portrait": {"widths": [240, 480], "sizes": "(min-width: 40rem) 15rem, 60vw"},
}
DEFAULT_FORMATS: dict[str, dict[str, Any]] = {
    "webp": {"quality": 72, "method": 4},
    "jpeg": {"quality": 78, "optimize": True, "progressive": True},
}
SAVE_FORMAT = {"webp": "WEBP", "jpeg": "JPEG", "avif": "AVIF"}
SUFFIX = {"webp": ".webp", "jpeg": ".jpg", "avif": ".avif"}


def _dominant(image: Image.Image) -> str:
    r, g, b = image.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))  # type: ignore[misc]
    return f"#{r:02x}{g:02x}{b:02x}"


def derive(source: Path, key: str, output: Path, roles: dict[str, dict[str, Any]],
           formats: dict[str, dict[str, Any]], prefix: str = "media") -> ImageSet:
    """Write every derivative of ``source`` under ``output/prefix`` and describe them."""
    largest = max(w for role in roles.values() for w in role["widths"])
    with Image.open(source) as im:
        im.draft("RGB", (largest, largest))  # before exif_transpose, which would cancel it
        upright = ImageOps.exif_transpose(im).convert("RGB")
    width, height = upright.size
    placeholder = _dominant(upright)
    stem = key.rsplit(".", 1)[0]
    written: dict[tuple[int, str], Variant] = {}
    out_roles = {}
    for name, role in roles.items():
        variants = []
        for w in sorted({min(w, width) for w in role["widths"]}):
            h = round(height * w / width)
            for fmt, options in formats.items():
                if (w, fmt) not in written:
                    rel = f"{prefix}/{stem}-{w}{SUFFIX[fmt]}"
                    target = output / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    upright.resize((w, h), Image.Resampling.LANCZOS).save(target, SAVE_FORMAT[fmt], **options)
                    written[(w, fmt)] = Variant(rel, w, h, fmt, target.stat().st_size)
                variants.append(written[(w, fmt)])
        out_roles[name] = Rendition(name, role["sizes"], variants[-1].width, variants[-1].height, tuple(variants),
                                    placeholder)
    return ImageSet(width, height, placeholder, out_roles)


def process(photos: Iterable[Any], output: Path, settings: dict[str, Any]) -> dict[str, ImageSet]:
    roles = settings.get("IMAGES_ROLES", DEFAULT_ROLES)
    formats = settings.get("IMAGES_FORMATS", DEFAULT_FORMATS)
    return {p.key: derive(p.source, p.key, output, roles, formats) for p in photos}
