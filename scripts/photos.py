"""Deterministic phone photos of East Java crafts for the demo catalogue: the scene (scripts/demo_scenes), then a
phone's full-size picture of it with sensor grain and EXIF (make, model, time, orientation, position)."""

from __future__ import annotations

import functools
import hashlib
import os
import random
from datetime import datetime, timedelta
from pathlib import Path

from PIL import ExifTags, Image, ImageChops
from PIL.TiffImagePlugin import IFDRational

from scripts.demo_scenes import render
from scripts.demo_scenes.look import Look, default_look

MIN_SCENE = 120  # pixels on the short side below which a scene is drawn larger and scaled down
SCALE = 6  # the scene is drawn at 1/SCALE of the final size, then upscaled
# Written into each photo's EXIF ImageDescription with a digest of what it shows and of the drawing code: a photo
# whose mark differs was drawn by another version of the generator or for other words; make_demo_photos redraws it.
GENERATOR = "kriya-demo-photo/2"
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


GRAIN_TILE = 1021  # a prime, so the tile's repeats never line up with the picture's structure


@functools.cache
def _grain_tile() -> Image.Image:
    lut = [128 + round((v - 128) * NOISE * 2) for v in range(256)]
    data = random.Random("kriya-grain").randbytes(GRAIN_TILE * GRAIN_TILE)
    return Image.frombytes("L", (GRAIN_TILE, GRAIN_TILE), data).point(lut)


def _grain(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Luminance grain like a small phone sensor's, centred on 128 (for ``ImageChops.add``).

    One tile of noise, laid from an offset of this photo's own: a full-size draw of fresh noise per photo costs
    more than the rest of the full-size work and looks no different.
    """
    tile = _grain_tile()
    ox, oy = rng.randrange(GRAIN_TILE), rng.randrange(GRAIN_TILE)
    noise = Image.new("L", size)
    for y in range(-oy, size[1], GRAIN_TILE):
        for x in range(-ox, size[0], GRAIN_TILE):
            noise.paste(tile, (x, y))
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
    mark: str = "",
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
    if mark:
        exif[ExifTags.Base.ImageDescription] = mark
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
    look: Look | None = None,
    fmt: str | None = None,
    quality: int = 88,
) -> Path:
    """Write a deterministic phone-style photo to ``path`` and return the path.

    What it shows is ``look`` (see scripts/demo_scenes/look.py), or a typical piece of the category ``subject``.

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
    look = look or default_look(subject)
    k = max(1 / SCALE, MIN_SCENE / min(size))  # small photos still get a scene large enough to draw
    small = (max(MIN_SCENE, round(size[0] * k)), max(MIN_SCENE, round(size[1] * k)))
    scene = render.scene(look, small, rng)
    scene = ImageChops.add(scene, _chroma(small, rng), offset=-128)
    step = STORE[orientation]
    if step is not None:
        scene = scene.transpose(step)
    stored = (size[1], size[0]) if orientation >= 5 else size
    exif = _exif(rng, orientation, gps, stored, mark(look))
    photo = ImageChops.add(
        scene.resize(stored, Image.Resampling.BICUBIC), _grain(stored, rng), offset=-128
    )
    _save(photo, path, fmt, exif, quality)
    return path


@functools.cache
def _drawing_code() -> bytes:
    """The source of everything that draws a photo: a change to it is a new version of the generator."""
    files = [Path(__file__), *sorted((Path(__file__).parent / "demo_scenes").glob("*.py"))]
    return b"".join(f.read_bytes() for f in files)


def mark(look: Look) -> str:
    """The ImageDescription of a demo photo: the generator's version and a digest of what it shows and how."""
    digest = hashlib.sha256(repr(look).encode("utf-8") + _drawing_code()).hexdigest()[:12]
    return f"{GENERATOR} {digest}"


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
