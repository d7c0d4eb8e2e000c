"""Turn the regency boundaries of East Java into the region map's light outlines (plugins/search/regionmap.json).

Run once when the boundaries change; the output is committed, so builds need neither the GeoJSON nor shapely:

    .venv/bin/python -m pip install 'shapely==2.1.2'
    .venv/bin/python -m scripts.make_region_map ../shared/data/east-java-regencies.geojson

Java and Madura fill the map's width; the far islands (Bawean of Gresik; Masalembu and the Kangean and Sapeken
islands of Sumenep) are drawn as insets in empty sea and Central Java, each in a frame named by the template.
Coordinates are whole viewBox units in relative SVG path commands; neighbours keep shared borders, as the whole
province is simplified as one coverage.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from pathlib import Path

import shapely
import yaml
from shapely import affinity
from shapely.geometry import MultiPolygon, box, shape

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ROOT / "content" / "data" / "regions.yml"
TARGET = ROOT / "plugins" / "search" / "regionmap.json"

WIDTH = 1000  # viewBox units across the main frame
MAIN = (110.86, -8.90, 114.92, -6.70)  # lon/lat box of Java and Madura with the islands near Madura
TOLERANCE = 0.6  # simplification, in viewBox units (about 400 m)
LAT0 = -7.6  # where the equirectangular projection keeps true proportions
FONT = 15  # the template's label size, in viewBox units: the room of a label is measured at this height
# The insets: which parts of which region (a lon/lat box), where in the main frame they go (the top left of their
# frame, in viewBox units: empty Central Java in the north-west, the Indian Ocean south of Pacitan) and at what
# scale relative to the main map.
INSETS = (
    {"key": "bawean", "code": "35.25", "box": (112.4, -6.0, 112.9, -5.6), "at": (4, 4), "scale": 1.6},
    {"key": "masalembu", "code": "35.29", "box": (114.2, -5.8, 114.8, -4.9), "at": (190, 444), "scale": 0.6},
    {"key": "kangean", "code": "35.29", "box": (115.1, -7.3, 116.4, -6.4), "at": (4, 424), "scale": 0.6},
)
PAD = 6  # inside an inset's frame
ISLET = 2.0  # smallest island drawn, in square viewBox units (about 0.4 km²): smaller ones are rocks at this scale


def project(lon: float, lat: float) -> tuple[float, float]:
    point = projected(shapely.Point(lon, lat))
    return point.x, point.y


# Equirectangular: x = (lon - MAIN's west) * KX, y = (MAIN's north - lat) * KY.
KY = WIDTH / ((MAIN[2] - MAIN[0]) * math.cos(math.radians(LAT0)))
KX = KY * math.cos(math.radians(LAT0))


def projected(geom):
    return affinity.affine_transform(geom, [KX, 0, 0, -KY, -MAIN[0] * KX, MAIN[3] * KY])


def path(geom) -> str:
    """Relative SVG path of a (multi)polygon in whole units: 'M12 30l4-1 …z' per ring, degenerate rings left out."""
    out = []
    polygons = geom.geoms if isinstance(geom, MultiPolygon) else [geom]
    for polygon in polygons:
        if polygon.area < ISLET:
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            points = [(round(x), round(y)) for x, y in ring.coords[:-1]]
            points = [p for i, p in enumerate(points) if p != points[i - 1]]
            if len(points) < 3:
                continue
            x0, y0 = points[0]
            steps = [f"{b[0] - a[0]} {b[1] - a[1]}".replace(" -", "-") for a, b in itertools.pairwise(points)]
            out.append(f"M{x0} {y0}l" + " ".join(steps).replace(" -", "-") + "z")
    return "".join(out)


def room(geom, x: float, y: float) -> int:
    """The widest label of FONT height centred on (x, y) that stays inside ``geom``."""
    low, high = 0.0, 400.0
    for _ in range(14):
        mid = (low + high) / 2
        if geom.contains(box(x - mid / 2, y - FONT * 0.7, x + mid / 2, y + FONT * 0.7)):
            low = mid
        else:
            high = mid
    return int(low)


def build(source: Path) -> dict:
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    regions = yaml.safe_load(REGIONS.read_text(encoding="utf-8"))
    by_code = {str(r["code"]): (key, r) for key, r in regions.items()}
    codes = [f["properties"]["code"] for f in features]
    problems = [f"{REGIONS.name}: {key}: code {r['code']} is not in {source.name}"
                for key, r in regions.items() if str(r["code"]) not in codes]
    problems += [f"{source.name}: {code} ({f['properties']['name']}) is not in {REGIONS.name}"
                 for code, f in zip(codes, features, strict=True) if code not in by_code]
    problems += [f"{source.name}: {f['properties']['code']}: named {f['properties']['name']!r}, "
                 f"{REGIONS.name} says {by_code[f['properties']['code']][1]['name']['id']!r}"
                 for f in features if f["properties"]["code"] in by_code
                 and f["properties"]["name"] != by_code[f["properties"]["code"]][1]["name"]["id"]]
    if problems:
        raise SystemExit("\n".join(problems))

    geoms = [shape(f["geometry"]).buffer(0) for f in features]
    simple = list(shapely.coverage_simplify([projected(g) for g in geoms], TOLERANCE, simplify_boundary=True))
    main_box = projected(box(*MAIN))
    height = main_box.bounds[3]

    frames = []
    shapes = {code: [] for code in codes}
    for inset in INSETS:
        part = simple[codes.index(inset["code"])].intersection(projected(box(*inset["box"])))
        x0, y0, x1, y1 = part.bounds
        s = inset["scale"]
        fx, fy = inset["at"]
        moved = affinity.affine_transform(part, [s, 0, 0, s, fx + PAD - x0 * s, fy + PAD - y0 * s])
        frame = box(fx, fy, fx + (x1 - x0) * s + 2 * PAD, fy + (y1 - y0) * s + 2 * PAD)
        covered = [codes[i] for i, g in enumerate(simple) if frame.intersects(g.intersection(main_box))]
        if covered or any(frame.intersects(f) for f in frames):
            raise SystemExit(f"inset {inset['key']} at {frame.bounds} covers {covered or 'another inset'}: move it")
        frames.append(frame)
        shapes[inset["code"]].append(moved)
        inset["frame"] = [round(v, 1) for v in frame.bounds]

    out = {}
    for code, feature, geom in zip(codes, features, simple, strict=True):
        key = by_code[code][0]
        whole = shapely.union_all([geom.intersection(main_box), *shapes[code]])
        lx, ly = project(feature["properties"]["label_lon"], feature["properties"]["label_lat"])
        main_part = geom.intersection(main_box)
        if not main_part.contains(shapely.Point(lx, ly)):
            point = main_part.point_on_surface()
            lx, ly = point.x, point.y
        out[key] = {"code": code, "d": path(whole), "label": [round(lx, 1), round(ly, 1)],
                    "room": room(main_part, lx, ly)}
    return {
        "source": "cahyadsn/wilayah_boundaries, db/kab/wilayah_boundaries_kab_35.sql (Kepmendagri "
                  "No 300.2.2-2430 Tahun 2025), MIT License: LICENSE-east-java-regencies.txt",
        "width": WIDTH, "height": round(height),
        # x = (lon - lon0) * kx, y = (lat0 - lat) * ky: for tests that check a region's seat is inside its outline.
        "projection": {"lon0": MAIN[0], "lat0": MAIN[3], "kx": round(KX, 4), "ky": round(KY, 4)},
        "insets": [{"key": i["key"], "region": by_code[i["code"]][0], "frame": i["frame"]} for i in INSETS],
        "regions": out,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="east-java-regencies.geojson (WGS84, one feature per region)")
    args = parser.parse_args(argv)
    data = build(args.source)
    TARGET.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {len(data['regions'])} regions, {TARGET.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
