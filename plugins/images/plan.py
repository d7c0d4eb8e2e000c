"""Which files a photo becomes: a pure function of its upright size, its content hash and the settings."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from fractions import Fraction

from .settings import KNOWN_FORMATS, Config

# Bump when the pixels the pipeline writes change for the same settings: every derivative is made again.
VERSION = 3


@dataclass(frozen=True)
class Derivative:
    """One file to write: ``box`` is the crop in upright source pixels, ``key`` names it in the cache."""

    width: int
    height: int
    format: str
    box: tuple[float, float, float, float]
    options: tuple[tuple[str, object], ...]
    key: str

    @property
    def suffix(self) -> str:
        return KNOWN_FORMATS[self.format][1]

    @property
    def group(self) -> tuple[float, float, float, float]:
        """Derivatives sharing a crop are made from one another, largest first."""
        return self.box


@dataclass(frozen=True)
class RolePlan:
    name: str
    sizes: str
    derivatives: tuple[Derivative, ...]


def crop_box(size: tuple[int, int], crop: tuple[int, int] | None) -> tuple[float, float, float, float]:
    """The largest centred box of aspect ``crop`` inside ``size`` (the whole picture when None)."""
    w, h = size
    if crop is None:
        return (0.0, 0.0, float(w), float(h))
    ratio = Fraction(crop[0], crop[1])
    if Fraction(w, h) > ratio:  # too wide: trim the sides
        cw = float(h * ratio)
        return ((w - cw) / 2, 0.0, (w + cw) / 2, float(h))
    ch = float(w / ratio)
    return (0.0, (h - ch) / 2, float(w), (h + ch) / 2)


def _key(digest: str, box: tuple[float, ...], width: int, height: int, fmt: str,
         options: tuple[tuple[str, object], ...], background: tuple[int, int, int]) -> str:
    # max_threads changes speed, never bytes: leave it out so it can be tuned without re-encoding
    stable = [(k, v) for k, v in options if k != "max_threads"]
    text = json.dumps([VERSION, digest, [round(b, 3) for b in box], width, height, fmt, stable, background],
                      default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def plan(size: tuple[int, int], digest: str, config: Config, subjects: frozenset[str]) -> dict[str, RolePlan]:
    """The derivatives of each role a photo shown as ``subjects`` needs (never wider than the original)."""
    out = {}
    for role in config.roles.values():
        if not role.applies(subjects):
            continue
        box = crop_box(size, role.crop)
        bw, bh = box[2] - box[0], box[3] - box[1]
        widths = sorted({min(w, int(bw)) for w in role.widths})
        derivatives = []
        fallback = role.formats[-1] if len(role.formats) > 1 and role.fallback_widths == "largest" else None
        for width in widths:
            height = max(1, round(bh * width / bw))
            for fmt in role.formats:
                if fmt == fallback and width != widths[-1]:
                    continue
                options = dict(config.formats[fmt])
                if role.quality is not None:
                    options["quality"] = role.quality
                opts = tuple(sorted(options.items()))
                derivatives.append(Derivative(width, height, fmt, box, opts,
                                              _key(digest, box, width, height, fmt, opts, config.background)))
        out[role.name] = RolePlan(role.name, role.sizes, tuple(derivatives))
    return out


def scale_needed(size: tuple[int, int], plans: dict[str, RolePlan]) -> float:
    """The smallest fraction of the original's resolution that still serves its largest derivative."""
    need = 0.0
    for role in plans.values():
        for d in role.derivatives:
            need = max(need, d.width / (d.box[2] - d.box[0]), d.height / (d.box[3] - d.box[1]))
    return min(1.0, need)
