"""Correct pixels from any phone photo: upright, sRGB, opaque, 8-bit, one frame, and no metadata at all."""

from __future__ import annotations

import io
import math
import os
from collections.abc import Iterable
from pathlib import Path

from buildkit.store import seal
from PIL import Image, ImageCms, ImageOps
from pillow_heif import register_heif_opener

from .plan import Derivative
from .settings import KNOWN_FORMATS

register_heif_opener()  # iPhones send HEIC

ORIENTATION = 0x0112
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
SIXTEEN_BIT = {"I;16", "I;16L", "I;16B", "I;16N", "I"}


class PhotoError(Exception):
    """A photo that cannot be turned into derivatives; ``code`` is a catalogue message key."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}
        super().__init__(f"{code}: {self.params}")


def upright_size(im: Image.Image) -> tuple[int, int]:
    """The size a viewer shows, once the EXIF orientation is applied (HEIC is already upright)."""
    w, h = im.size
    orientation = im.getexif().get(ORIENTATION, 1)
    return (h, w) if orientation in (5, 6, 7, 8) else (w, h)


def check_pixels(im: Image.Image, max_pixels: int) -> None:
    w, h = im.size
    if w * h > max_pixels:
        raise PhotoError("photo_pixels", width=w, height=h, pixels=round(w * h / 1e6, 1),
                         limit=round(max_pixels / 1e6, 1))


def check_complete(path: Path, im: Image.Image) -> None:
    """A JPEG cut off while sending still decodes (libjpeg pads it with grey): look for its end marker.

    Entropy-coded data never contains FF D9, so the end of image must follow the first start of scan.
    """
    if im.format != "JPEG":
        return
    data = path.read_bytes()
    scan = data.find(b"\xff\xda")
    if scan < 0 or data.find(b"\xff\xd9", scan) < 0:
        raise PhotoError("photo_damaged", detail="the end of the picture is missing")


# What libjpeg paints where a baseline JPEG's data stops early: every missing block at the middle value.
PADDING = {"RGB": ((128, 128), (128, 128), (128, 128)), "L": (128, 128)}


def check_not_padded(im: Image.Image) -> None:
    """A JPEG cut short with an end marker put back after the cut passes check_complete and decodes with no
    error: libjpeg fills the missing blocks with flat grey. Its last row of pixels, as stored, is then that grey
    from edge to edge, which no photograph's is. ``im``: a decoded JPEG, before it is turned upright."""
    if im.format == "JPEG" and im.mode in PADDING and im.height > 1:
        if im.crop((0, im.height - 1, im.width, im.height)).getextrema() == PADDING[im.mode]:
            raise PhotoError("photo_damaged", detail="the bottom of the picture is missing")


def bomb_error(path: Path, max_pixels: int) -> PhotoError:
    """Pillow refused to open a decompression bomb: read only its header again to name its size."""
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        with Image.open(path) as im:
            w, h = im.size
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    return PhotoError("photo_pixels", width=w, height=h, pixels=round(w * h / 1e6, 1),
                      limit=round(max_pixels / 1e6, 1))


def _is_srgb(profile: ImageCms.ImageCmsProfile) -> bool:
    description = profile.profile.profile_description or ""
    return "srgb" in description.lower().replace(" ", "")


def to_srgb(im: Image.Image, background: tuple[int, int, int]) -> Image.Image:
    """8-bit RGB in sRGB with transparency laid on ``background``; every info/metadata entry dropped."""
    icc = im.info.get("icc_profile")
    if im.mode in SIXTEEN_BIT:
        im = im.convert("I").point(lambda v: v * (1 / 257)).convert("L")  # 16-bit grey → 8-bit, not clipped
    if im.mode in ("P", "PA", "LA", "La", "RGBa") or "transparency" in im.info:
        im = im.convert("RGBA")
    alpha = im.getchannel("A") if im.mode == "RGBA" else None
    if im.mode == "RGBA":
        im = im.convert("RGB")
    if icc and im.mode in ("RGB", "CMYK"):
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if im.mode == "CMYK" or not _is_srgb(profile):
                im = ImageCms.profileToProfile(im, profile, SRGB, outputMode="RGB")  # type: ignore[assignment]
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the numbers as they are, like browsers do
    if im.mode != "RGB":
        im = im.convert("RGB")
    if alpha is not None:
        flat = Image.new("RGB", im.size, background)
        flat.paste(im, mask=alpha)
        im = flat
    im.info.clear()
    return im


def decode(path: Path, scale: float, background: tuple[int, int, int], max_pixels: int) -> Image.Image:
    """Decode ``path`` once, at the smallest resolution that is at least ``scale`` of the original."""
    with Image.open(path) as im:
        check_pixels(im, max_pixels)
        if getattr(im, "n_frames", 1) > 1:
            im.seek(0)  # animated: the first frame
        if scale < 1:
            w, h = im.size
            # draft() must come before exif_transpose(), which would load the full picture; HEIC ignores it
            im.draft("RGB", (max(1, math.ceil(w * scale)), max(1, math.ceil(h * scale))))
        im.load()
        check_not_padded(im)
        upright = ImageOps.exif_transpose(im)
        return to_srgb(upright if upright is not None else im, background)


def placeholder(im: Image.Image) -> str:
    small = im.reduce(max(1, min(im.size) // 16)) if min(im.size) > 32 else im
    r, g, b = small.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))  # type: ignore[misc]
    return f"#{r:02x}{g:02x}{b:02x}"


def _save(im: Image.Image, fmt: str, options: dict[str, object], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        # no exif=, icc_profile= or xmp=: the file carries pixels only
        im.save(tmp, KNOWN_FORMATS[fmt][0], **options)
        seal(tmp)  # whole and sealed once in the store (buildkit/store.py)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def render(im: Image.Image, original: tuple[int, int], derivatives: Iterable[Derivative],
           target: dict[str, Path]) -> int:
    """Write the derivatives of the decoded ``im`` that ``target`` names to ``target[d.key]``; returns how many
    files were encoded.

    Derivatives sharing a crop are resized from one another, largest first: each step reads a small picture. The
    steps are those of every derivative given, written or not, so a file comes out the same whichever are written.
    """
    fx, fy = im.size[0] / original[0], im.size[1] / original[1]
    groups: dict[tuple[float, ...], list[Derivative]] = {}
    for d in derivatives:
        groups.setdefault(d.box, []).append(d)
    count = 0
    for box, items in groups.items():
        scaled = (box[0] * fx, box[1] * fy, box[2] * fx, box[3] * fy)
        previous: Image.Image | None = None
        for size in sorted({(d.width, d.height) for d in items}, reverse=True):
            if previous is None:
                current = im.resize(size, Image.Resampling.LANCZOS, box=scaled, reducing_gap=3.0)
            else:
                current = previous.resize(size, Image.Resampling.LANCZOS)
            for d in items:
                if (d.width, d.height) == size and d.key in target:
                    _save(current, d.format, dict(d.options), target[d.key])
                    count += 1
            previous = current
    return count
