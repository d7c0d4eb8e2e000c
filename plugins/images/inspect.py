"""A cheap look at a photo before building: can it be read, is it safe to decode, will it look good."""

from __future__ import annotations

import functools
import json
import time
from dataclasses import asdict
from pathlib import Path
from typing import NamedTuple

from buildkit.store import Store, key
from PIL import Image, ImageFilter, ImageStat, UnidentifiedImageError

from .pixels import PhotoError, bomb_error, check_complete, check_pixels, decode, upright_size
from .plan import VERSION
from .settings import DEFAULTS, Limits

ANALYSIS = 3  # bump when the checks change: cached findings are made again
ANALYSIS_SIZE = 640  # long edge the quality checks look at: enough detail to tell sharp from blurred


class Finding(NamedTuple):
    code: str  # a key of the catalogue's MESSAGES
    severity: str  # "error" or "warning"
    params: dict[str, str]


# Set by the plugin from the Pelican settings; `make check` uses the defaults.
_limits = Limits()
seconds = 0.0  # time spent in inspect_photo() since start, for the benchmark's share of the build
_cache_dir: Path | None = Path(DEFAULTS["IMAGES_CACHE_DIR"])


def configure(limits: Limits, cache_dir: Path | None) -> None:
    global _limits, _cache_dir
    _limits, _cache_dir = limits, cache_dir


def sharpness(im: Image.Image) -> float:
    """How crisp the crispest edges are (99th percentile of the Laplacian at about ANALYSIS_SIZE px).

    A percentile, not the mean: a sharp photo of a plain pot on a plain wall still has some crisp edges, while
    a shaken or misfocused photo of a busy batik has none.
    """
    grey = im.convert("L")
    grey.thumbnail((ANALYSIS_SIZE, ANALYSIS_SIZE))
    edges = grey.filter(ImageFilter.Kernel((3, 3), [0, 1, 0, 1, -4, 1, 0, 1, 0], scale=1, offset=128))
    histogram = edges.histogram()
    strength = [0] * 129
    for value, count in enumerate(histogram):
        strength[abs(value - 128)] += count
    target, seen = 0.01 * sum(strength), 0
    for level in range(128, -1, -1):
        seen += strength[level]
        if seen >= target:
            return float(level)
    return 0.0


def brightness(im: Image.Image) -> float:
    return float(ImageStat.Stat(im.convert("L")).mean[0])


def _look(path: Path, limits: Limits) -> list[Finding]:
    size = path.stat().st_size
    if size > limits.max_file_mb * 1024 * 1024:
        return [Finding("photo_file_large", "error",
                        {"size": f"{size / 1024 / 1024:.0f}", "limit": f"{limits.max_file_mb:g}"})]
    try:
        with Image.open(path) as im:
            check_pixels(im, limits.max_pixels)
            upright = upright_size(im)
            check_complete(path, im)
            im.verify()  # PNG checksums and chunk structure; cheap
        # decode small (JPEG draft): a file cut off while copying fails here
        scale = min(1.0, ANALYSIS_SIZE / max(upright))
        small = decode(path, scale, (255, 255, 255), limits.max_pixels)
    except PhotoError as exc:
        return [Finding(exc.code, "error", exc.params)]
    except Image.DecompressionBombError:
        return [Finding("photo_pixels", "error", bomb_error(path, limits.max_pixels).params)]
    except UnidentifiedImageError as exc:
        return [Finding("photo_unreadable", "error", {"detail": str(exc)})]
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        return [Finding("photo_damaged", "error", {"detail": str(exc)})]
    found = []
    if upright[0] < limits.min_width:
        found.append(Finding("photo_small", "warning", {"width": str(upright[0]), "height": str(upright[1]),
                                                        "min": str(limits.min_width)}))
    if brightness(small) < limits.dark_level:
        found.append(Finding("photo_dark", "warning", {}))
    elif sharpness(small) < limits.blur_level:
        found.append(Finding("photo_blurry", "warning", {}))
    return found


@functools.cache
def _store(folder: Path) -> Store:
    """The build's store of findings under ``folder`` (kind "inspect"), made once per process."""
    return Store(folder, "inspect")


@functools.lru_cache(maxsize=16)
def _limits_key(limits: Limits) -> str:
    """What findings depend on besides the photo: the checks (ANALYSIS) and the limits, made once per limits."""
    return json.dumps([VERSION, ANALYSIS, asdict(limits)])


def inspect_photo(path: Path, digest: str = "", limits: Limits | None = None) -> list[Finding]:
    """Errors and warnings for one photo, e.g. ``[Finding("photo_dark", "warning", {})]``; never raises.

    Results are cached by the photo's sha256 (``digest``), so a rebuild does not open unchanged photos.
    """
    global seconds
    started = time.perf_counter()
    try:
        return _inspect(path, digest, limits or _limits)
    finally:
        seconds += time.perf_counter() - started


# Findings already read or made in this process, by (digest, limits): a photo shown twice, or every photo again
# when `make serve` rebuilds, is not read from its cache file once more. Findings depend on nothing else.
_known: dict[tuple[str, Limits], tuple[Finding, ...]] = {}


def _inspect(path: Path, digest: str, limits: Limits) -> list[Finding]:
    if not digest:  # nothing to know the photo by
        return _read_or_look(path, digest, limits)
    known = _known.get((digest, limits))
    if known is None:
        known = _known[digest, limits] = tuple(_read_or_look(path, digest, limits))
    return list(known)


def _read_or_look(path: Path, digest: str, limits: Limits) -> list[Finding]:
    if _cache_dir is None or not digest:
        return _look(path, limits)
    store, name = _store(_cache_dir), key(_limits_key(limits), digest)
    kept = store.get(name, list)
    if kept is not None:
        return [Finding(*f) for f in kept]
    found = _look(path, limits)
    store.put(name, [tuple(f) for f in found])
    return found
