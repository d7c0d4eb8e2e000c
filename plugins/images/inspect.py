"""A cheap look at a photo before building: can it be read, is it safe to decode, will it look good."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path
from typing import NamedTuple

from buildkit.store import Store, key
from PIL import Image, ImageFilter, ImageStat, UnidentifiedImageError

from .pixels import PhotoError, bomb_error, check_complete, check_pixels, decode, upright_size
from .plan import VERSION
from .settings import Limits

ANALYSIS = 3  # bump when the checks change: cached findings are made again
ANALYSIS_SIZE = 640  # long edge the quality checks look at: enough detail to tell sharp from blurred


class Finding(NamedTuple):
    code: str  # a key of the catalogue's MESSAGES
    severity: str  # "error" or "warning"
    params: dict[str, str]


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


class Inspector:
    """The look at photos of one build (or one `make check`): ``inspector(path, digest)`` gives a photo's findings,
    e.g. ``[Finding("photo_dark", "warning", {})]``, and never raises.

    Findings are kept in the store under ``cache_dir`` (kind "inspect", None: nothing kept) by the photo's sha256
    (``digest``), so a rebuild does not open unchanged photos; a photo shown twice is looked at once. ``seconds``
    is the time spent in it, for the benchmark's share of the build.
    """

    def __init__(self, limits: Limits | None = None, cache_dir: Path | None = None):
        self.limits = limits or Limits()
        self.store = Store(cache_dir, "inspect") if cache_dir is not None else None
        # What findings depend on besides the photo: the checks (ANALYSIS) and the limits.
        self.depends_on = json.dumps([VERSION, ANALYSIS, asdict(self.limits)])
        self.known: dict[str, tuple[Finding, ...]] = {}
        self.seconds = 0.0

    def __call__(self, path: Path, digest: str = "") -> list[Finding]:
        started = time.perf_counter()
        try:
            if not digest:  # nothing to know the photo by
                return _look(path, self.limits)
            known = self.known.get(digest)
            if known is None:
                known = self.known[digest] = tuple(self._read_or_look(path, digest))
            return list(known)
        finally:
            self.seconds += time.perf_counter() - started

    def _read_or_look(self, path: Path, digest: str) -> list[Finding]:
        if self.store is None:
            return _look(path, self.limits)
        name = key(self.depends_on, digest)
        kept = self.store.get(name, list)
        if kept is not None:
            return [Finding(*f) for f in kept]
        found = _look(path, self.limits)
        self.store.put(name, [tuple(f) for f in found])
        return found


def inspect_photo(path: Path, limits: Limits | None = None) -> list[Finding]:
    """One photo's findings with ``limits`` (the defaults when None), nothing kept: see Inspector."""
    return Inspector(limits)(path)
