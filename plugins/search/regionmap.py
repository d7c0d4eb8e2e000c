"""A schematic map of East Java: each region's seat at its real position, labelled without overlaps."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

WIDTH = 1000  # viewBox units; the height follows from the seats' extent
MARGIN = 30
FONT = 15  # label size in viewBox units
CHAR = 0.62  # average glyph width / font size for the sans-serif labels, to estimate label boxes
# Label positions tried around a seat, nearest first: right, left, above, below, then the diagonals.
DIRECTIONS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1))
DISTANCES = (9, 24, 42, 64, 90)
PAD = 2  # space kept around each label


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
class Marker:
    """One region on the map; ``label_*`` is where its text goes, with a leader line when it sits away."""

    region: Any
    label: str
    x: float
    y: float
    r: float
    label_x: float
    label_y: float
    anchor: str  # SVG text-anchor
    leader: bool
    artisans: int
    products: int


@dataclass(frozen=True)
class Gridline:
    x1: float
    y1: float
    x2: float
    y2: float
    axis: str  # "lon" (a meridian, degrees east) or "lat" (a parallel, degrees south)
    degrees: int
    label_x: float
    label_y: float


@dataclass(frozen=True)
class RegionMap:
    width: int
    height: int
    markers: tuple[Marker, ...]
    grid: tuple[Gridline, ...]


def _label(region: Any, lang: str) -> str:
    # Regency and city often share a name (Kediri, Blitar…): cities carry their full name.
    return region.short if region.kind == "kabupaten" else region.name[lang]


def _candidates(x: float, y: float, r: float, width: float) -> list[tuple[Box, float, float, str, bool]]:
    out = []
    for d in DISTANCES:
        for dx, dy in DIRECTIONS:
            gap = r + d
            cx, cy = x + dx * gap, y + dy * gap
            if dx > 0:
                x0, anchor = cx, "start"
            elif dx < 0:
                x0, anchor = cx - width, "end"
            else:
                x0, anchor = cx - width / 2, "middle"
            # dy = 0: text centred on the seat; above/below: the box's near edge at the gap.
            y0 = cy - FONT / 2 if dy == 0 else (cy - FONT if dy < 0 else cy)
            box = Box(x0 - PAD, y0 - PAD, x0 + width + PAD, y0 + FONT + PAD)
            out.append((box, cx, y0 + FONT * 0.8, anchor, d > DISTANCES[0]))
    return out


def region_map(catalogue: Any, lang: str) -> RegionMap:
    """Place every region of ``catalogue.ref.regions``; positions are an equirectangular projection."""
    regions = list(catalogue.ref.regions.values())
    lats = [r.lat for r in regions]
    lons = [r.lon for r in regions]
    scale_x = math.cos(math.radians(sum(lats) / len(lats)))
    span_x = (max(lons) - min(lons)) * scale_x
    span_y = max(lats) - min(lats)
    # Labels may reach past the outermost seats: keep room for one label width at the sides.
    side = 110
    k = (WIDTH - 2 * side) / span_x
    height = round(span_y * k + 2 * MARGIN + 2 * FONT)

    def project(lat: float, lon: float) -> tuple[float, float]:
        return side + (lon - min(lons)) * scale_x * k, MARGIN + FONT + (max(lats) - lat) * k

    seats = []
    for region in regions:
        x, y = project(region.lat, region.lon)
        products = len(catalogue.by_region.get(region.key, ()))
        artisans = len(catalogue.artisans_by_region.get(region.key, ()))
        r = 4.0 if not products else 5.0 + 1.5 * math.sqrt(products)
        seats.append((region, x, y, r, artisans, products))

    dots = [Box(x - r, y - r, x + r, y + r) for _, x, y, r, _, _ in seats]

    def crowding(seat: tuple[Any, float, float, float, int, int]) -> int:
        return sum(1 for other in seats if other is not seat and math.dist(seat[1:3], other[1:3]) < 80)

    placed: list[Box] = []
    markers = []
    # Regions with products first (their labels matter most to a buyer), then the most crowded ones.
    for region, x, y, r, artisans, products in sorted(seats, key=lambda s: (s[5] > 0, crowding(s)), reverse=True):
        text = _label(region, lang) + (f" ({products})" if products else "")
        width = len(text) * FONT * CHAR
        best = None
        for box, lx, ly, anchor, leader in _candidates(x, y, r, width):
            outside = box.x0 < 0 or box.x1 > WIDTH or box.y0 < 0 or box.y1 > height
            cost = sum(box.overlap(b) for b in placed) + sum(box.overlap(d) for d in dots) + (1e6 if outside else 0)
            if best is None or cost < best[0]:
                best = (cost, box, lx, ly, anchor, leader)
            if cost == 0:
                break
        assert best is not None
        _, box, lx, ly, anchor, leader = best
        placed.append(box)
        markers.append(Marker(region, text, round(x, 1), round(y, 1), round(r, 1), round(lx, 1), round(ly, 1),
                              anchor, leader, artisans, products))

    grid = []
    for lon in range(math.ceil(min(lons)), math.floor(max(lons)) + 1):
        x, _ = project(max(lats), lon)
        grid.append(Gridline(round(x, 1), 0, round(x, 1), height, "lon", lon,
                             round(x + 3, 1), height - 6))
    for lat in range(math.ceil(min(lats)), math.floor(max(lats)) + 1):
        _, y = project(lat, min(lons))
        grid.append(Gridline(0, round(y, 1), WIDTH, round(y, 1), "lat", -lat,
                             4, round(y - 4, 1)))
    # Back in the reference order (BPS code), so the links' tab order is stable and predictable.
    order = {key: i for i, key in enumerate(catalogue.ref.regions)}
    markers.sort(key=lambda m: order[m.region.key])
    return RegionMap(WIDTH, height, tuple(markers), tuple(grid))
