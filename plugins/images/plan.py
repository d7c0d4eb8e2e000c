"""Which files a photo becomes: a pure function of its upright size, its content hash and the settings."""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from fractions import Fraction

from .settings import KNOWN_FORMATS, Config, Role

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


@functools.lru_cache(maxsize=1024)  # phones make photos of a few sizes: the same crop again and again
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


@functools.lru_cache(maxsize=256)
def _settings_json(fmt: str, options: tuple[tuple[str, object], ...], background: tuple[int, int, int]) -> str:
    """The part of a derivative's key its role and format fix, made once per role and format."""
    # max_threads changes speed, never bytes: leave it out so it can be tuned without re-encoding
    stable = [(k, v) for k, v in options if k != "max_threads"]
    return json.dumps([fmt, stable, background], default=str)[1:-1]


@functools.lru_cache(maxsize=1024)  # the same crops again and again (crop_box)
def _box_json(box: tuple[float, ...]) -> str:
    return f'[{", ".join(repr(float(round(b, 3))) for b in box)}]'


def _key_prefix(digest: str, box: tuple[float, ...]) -> str:
    """The part of a derivative's key its photo and crop fix, made once per role."""
    return f'[{VERSION}, "{digest}", {_box_json(box)}, '


def _key_from(prefix: str, width: int, height: int, settings: str) -> str:
    # The JSON text of [VERSION, digest, box rounded, width, height, fmt, options, background] (the key of every
    # derivative ever cached), put together from parts made once per role: json.dumps for each derivative took
    # half the time of placing every photo's files.
    return hashlib.sha256(f"{prefix}{width}, {height}, {settings}]".encode()).hexdigest()[:24]


# The part of a role's plan a photo's size fixes (crop, widths, heights, formats), kept per size, role and settings
# (Config.plan_key): phones make photos of a few sizes, and only the derivatives' keys differ between photos.
Box = tuple[float, float, float, float]
Step = tuple[int, int, str, tuple[tuple[str, object], ...], str]  # width, height, format, options, settings JSON
_SHAPES: dict[tuple[tuple[int, int], str, str], tuple[Box, tuple[Step, ...]]] = {}
SHAPES_KEPT = 4096


def _shape(size: tuple[int, int], role: Role, config: Config) -> tuple[Box, tuple[Step, ...]]:
    """The crop box of ``role`` for a photo of ``size``, and (width, height, format, options, settings JSON) of each
    of its derivatives, in the order they are made."""
    key = (size, role.name, config.plan_key)
    found = _SHAPES.get(key)
    if found is not None:
        return found
    box = crop_box(size, role.crop)
    bw, bh = box[2] - box[0], box[3] - box[1]
    widths = sorted({min(w, int(bw)) for w in role.widths})
    fallback = role.formats[-1] if len(role.formats) > 1 and role.fallback_widths == "largest" else None
    formats = []
    for fmt in role.formats:
        options = dict(config.formats[fmt])
        if role.quality is not None:
            options["quality"] = role.quality
        opts = tuple(sorted(options.items()))
        formats.append((fmt, opts, _settings_json(fmt, opts, config.background)))
    shape: list[Step] = []
    for width in widths:
        height = max(1, round(bh * width / bw))
        for fmt, opts, settings in formats:
            if fmt == fallback and width != widths[-1]:
                continue
            shape.append((width, height, fmt, opts, settings))
    if len(_SHAPES) >= SHAPES_KEPT:
        _SHAPES.clear()
    found = _SHAPES[key] = (box, tuple(shape))
    return found


def plan(size: tuple[int, int], digest: str, config: Config, subjects: frozenset[str]) -> dict[str, RolePlan]:
    """The derivatives of each role a photo shown as ``subjects`` needs (never wider than the original)."""
    out = {}
    for role in config.roles.values():
        if not role.applies(subjects):
            continue
        box, shape = _shape(size, role, config)
        prefix = _key_prefix(digest, box)
        out[role.name] = RolePlan(role.name, role.sizes, tuple(
            Derivative(width, height, fmt, box, opts, _key_from(prefix, width, height, settings))
            for width, height, fmt, opts, settings in shape))
    return out


def scale_needed(size: tuple[int, int], plans: dict[str, RolePlan]) -> float:
    """The smallest fraction of the original's resolution that still serves its largest derivative."""
    need = 0.0
    for role in plans.values():
        for d in role.derivatives:
            need = max(need, d.width / (d.box[2] - d.box[0]), d.height / (d.box[3] - d.box[1]))
    return min(1.0, need)
