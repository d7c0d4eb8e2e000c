"""The map of East Java: each region's outline shaded by its number of products, labelled without overlaps."""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The outlines, made once from the regencies' boundaries by scripts/make_region_map.py (MIT licence beside it).
OUTLINES = Path(__file__).with_name("regionmap.json")
FONT = 15  # label size in viewBox units (the map is 1000 wide)
CHAR = 0.58  # average glyph width / font size for the sans-serif labels, to estimate label boxes
# Label positions tried around a region's label point when the label does not fit inside the region: right,
# left, above, below, then the diagonals; nearest first.
DIRECTIONS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1))
DISTANCES = (8, 22, 40, 60, 85)
PAD = 2  # space kept around each label
STEPS = 4  # shades for regions with products; regions without have a shade of their own


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: Box) -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0


@dataclass(frozen=True)
class Shape:
    """One region: its outline ``d`` (islands in insets included), its shade ``step`` (0 = no products) and its
    label, at ``label_x/label_y`` with a leader line from its point ``x/y`` when it sits outside the region."""

    region: Any
    d: str
    step: int
    artisans: int
    products: int
    label: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str  # SVG text-anchor
    leader: bool  # the label sits outside the region: a dot marks the region's point …
    far: bool  # … and a line leads to a label set further off


@dataclass(frozen=True)
class Inset:
    key: str  # the template names it: "bawean", "masalembu", "kangean"
    region: Any
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Step:
    """One shade of the legend: regions with ``low`` to ``high`` products."""

    index: int
    low: int
    high: int


@dataclass(frozen=True)
class RegionMap:
    width: int
    height: int
    shapes: tuple[Shape, ...]
    insets: tuple[Inset, ...]
    steps: tuple[Step, ...]


@functools.cache
def outlines() -> dict[str, Any]:
    return json.loads(OUTLINES.read_text(encoding="utf-8"))


def _label(region: Any, lang: str) -> str:
    # Regency and city often share a name (Kediri, Blitar…): cities carry their full name.
    return region.short if region.kind == "kabupaten" else region.name[lang]


def _width(text: str) -> float:
    return len(text) * FONT * CHAR


def steps(most: int) -> tuple[Step, ...]:
    """The legend's shades: 0, then up to STEPS equal ranges up to the most products a region has.

    >>> [(s.low, s.high) for s in steps(6)]
    [(0, 0), (1, 2), (3, 3), (4, 5), (6, 6)]
    >>> [(s.low, s.high) for s in steps(2)]
    [(0, 0), (1, 1), (2, 2)]
    """
    highs = sorted({math.ceil(most * i / STEPS) for i in range(1, STEPS + 1)} - {0})
    out, low = [Step(0, 0, 0)], 1
    for i, high in enumerate(highs, start=1):
        out.append(Step(i, low, high))
        low = high + 1
    return tuple(out)


def _candidates(x: float, y: float, width: float) -> list[tuple[Box, float, float, str, bool]]:
    out = []
    for d in DISTANCES:
        for dx, dy in DIRECTIONS:
            cx, cy = x + dx * d, y + dy * d
            if dx > 0:
                x0, anchor = cx, "start"
            elif dx < 0:
                x0, anchor = cx - width, "end"
            else:
                x0, anchor = cx - width / 2, "middle"
            y0 = cy - FONT / 2 if dy == 0 else (cy - FONT if dy < 0 else cy)
            box = Box(x0 - PAD, y0 - PAD, x0 + width + PAD, y0 + FONT + PAD)
            out.append((box, cx, y0 + FONT * 0.8, anchor, d > DISTANCES[0]))
    return out


def region_map(catalogue: Any, lang: str) -> RegionMap:
    """Every region of ``catalogue.ref.regions`` with its outline, shade and label in ``lang``."""
    data = outlines()
    width, height = data["width"], data["height"]
    regions = catalogue.ref.regions
    products = {key: len(catalogue.by_region.get(key, ())) for key in regions}
    legend = steps(max(products.values(), default=0))

    def step(n: int) -> int:
        return next(s.index for s in legend if s.low <= n <= s.high)

    insets = tuple(Inset(i["key"], regions[i["region"]], i["frame"][0], i["frame"][1],
                         round(i["frame"][2] - i["frame"][0], 1), round(i["frame"][3] - i["frame"][1], 1))
                   for i in data["insets"])
    placed = [Box(i.x, i.y, i.x + i.width, i.y + i.height) for i in insets]
    labels: dict[str, tuple[float, float, str, bool, bool]] = {}
    texts = {key: _label(region, lang) + (f" ({products[key]})" if products[key] else "")
             for key, region in regions.items()}
    # Labels that fit inside their region first, where they are; then the others around their point, those of
    # regions with products first (they matter most to a buyer), avoiding every label placed so far.
    outside = []
    for key in regions:
        x, y = data["regions"][key]["label"]
        w = _width(texts[key])
        if w <= data["regions"][key]["room"]:
            placed.append(Box(x - w / 2 - PAD, y - FONT / 2 - PAD, x + w / 2 + PAD, y + FONT / 2 + PAD))
            labels[key] = (x, y + FONT * 0.3, "middle", False, False)
        else:
            outside.append(key)
    for key in sorted(outside, key=lambda k: (-products[k], -_width(texts[k]))):
        x, y = data["regions"][key]["label"]
        best = None
        for box, lx, ly, anchor, far in _candidates(x, y, _width(texts[key])):
            beyond = box.x0 < 0 or box.x1 > width or box.y0 < 0 or box.y1 > height
            cost = sum(box.overlap(b) for b in placed) + (1e6 if beyond else 0)
            if best is None or cost < best[0]:
                best = (cost, box, lx, ly, anchor, far)
            if cost == 0:
                break
        assert best is not None
        _, box, lx, ly, anchor, far = best
        placed.append(box)
        labels[key] = (lx, ly, anchor, True, far)

    shapes = []
    for key, region in regions.items():  # in reference order (BPS code): the links' tab order is predictable
        x, y = data["regions"][key]["label"]
        lx, ly, anchor, leader, far = labels[key]
        shapes.append(Shape(region, data["regions"][key]["d"], step(products[key]),
                            len(catalogue.artisans_by_region.get(key, ())), products[key], texts[key],
                            x, y, round(lx, 1), round(ly, 1), anchor, leader, far))
    return RegionMap(width, height, tuple(shapes), insets, legend)
