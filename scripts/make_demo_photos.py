"""Create the demo catalogue's missing ``demo-*`` photos as realistic phone photos."""

from __future__ import annotations

import argparse
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from PIL import ExifTags, Image

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as `python scripts/make_demo_photos.py`
    sys.path.insert(0, str(ROOT))

from plugins.buildkit.forked import fork_pool  # noqa: E402
from plugins.catalogue.reading.frontmatter import FrontMatterError, read_entry  # noqa: E402
from scripts.demo_scenes.look import Look, look_for, look_for_artisan  # noqa: E402
from scripts.photos import image_format, make_phone_photo, mark  # noqa: E402

PREFIX = "demo-"
ENTRY = "index.id.md"
FALLBACK = (-7.5, 112.5)  # roughly the middle of East Java


@dataclass(frozen=True)
class Photo:
    """One demo photo to draw, with every parameter fixed by its entry and file name."""

    path: Path
    seed: str
    look: Look
    size: tuple[int, int]
    orientation: int
    gps: tuple[float, float]


@dataclass
class Plan:
    todo: list[Photo]
    present: int = 0
    refused: int = 0
    redrawn: int = 0  # present, but drawn by another version of the generator or for other words


def is_safe_name(name: str) -> bool:
    """True for a plain ``demo-*`` file name with a known photo suffix, inside its own folder."""
    if not name.startswith(PREFIX) or any(
        bad in name for bad in ("/", "\\", "..", "\0")
    ):
        return False
    if Path(name).name != name or name.strip() != name:
        return False
    try:
        image_format(Path(name))
    except ValueError:
        return False
    return True


def load_regions(content: Path) -> dict[str, tuple[float, float]]:
    """Region key → (lat, lon) from ``data/regions.yml``; empty when the file is absent or unreadable."""
    try:
        data = yaml.safe_load(
            (content / "data" / "regions.yml").read_text(encoding="utf-8")
        )
    except (OSError, yaml.YAMLError):
        return {}
    regions: dict[str, tuple[float, float]] = {}
    for key, value in (data or {}).items() if isinstance(data, dict) else ():
        try:
            regions[str(key)] = (float(value["lat"]), float(value["lon"]))
        except (TypeError, KeyError, ValueError):
            continue
    return regions


def read_entries(folder: Path) -> dict[str, dict[str, Any]]:
    """Slug → front matter of every ``<folder>/*/index.id.md`` that can be read."""
    entries: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob(f"*/{ENTRY}")):
        try:
            entries[path.parent.name] = read_entry(path).meta
        except (OSError, UnicodeDecodeError, FrontMatterError) as exc:
            print(f"make_demo_photos: skipped {path}: {exc}", file=sys.stderr)
    return entries


def photo_params(
    entry: Path,
    content: Path,
    name: str,
    look: Look,
    near: tuple[float, float] | None,
) -> Photo:
    """Derive a photo's size, orientation and position from its entry folder and file name."""
    seed = f"{entry.relative_to(content).as_posix()}/{name}"
    rng = random.Random(f"demo-params:{seed}")
    roll = rng.random()
    orientation = rng.choice((6, 8)) if roll < 0.2 else 3 if roll < 0.25 else 1
    # phone held upright: landscape pixels that view as portrait
    if orientation in (6, 8):
        size = (3024, 4032)
    else:
        size = rng.choices(
            ((4032, 3024), (3024, 4032), (4000, 3000)), weights=(6, 2, 2)
        )[0]
    lat, lon = near or FALLBACK
    spread = 0.04 if near else 0.35
    gps = (
        round(lat + rng.uniform(-spread, spread), 6),
        round(lon + rng.uniform(-spread, spread), 6),
    )
    return Photo(entry / name, seed, look, size, orientation, gps)


def _names(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def plan_photos(content: Path) -> Plan:
    """List the missing demo photos of every product and artisan (no image work)."""
    regions = load_regions(content)
    artisans = read_entries(content / "artisans")
    products = read_entries(content / "products")

    def near(artisan: Any) -> tuple[float, float] | None:
        meta = artisans.get(str(artisan)) or {}
        return regions.get(str(meta.get("region")))

    wanted: list[tuple[Path, Any, Look | None, tuple[float, float] | None]] = []
    for slug, meta in products.items():
        captions = [str(c) for c in _names(meta.get("captions"))]
        for i, n in enumerate(_names(meta.get("photos"))):
            look = look_for(meta, n, i, captions[i] if i < len(captions) else "") if isinstance(n, str) else None
            wanted.append((content / "products" / slug, n, look, near(meta.get("artisan"))))
    for slug, meta in artisans.items():
        wanted += [
            (content / "artisans" / slug, n, look_for_artisan(meta, n) if isinstance(n, str) else None, near(slug))
            for n in _names(meta.get("photo"))
        ]

    plan = Plan(todo=[])
    seen: set[Path] = set()
    for entry, name, look, position in wanted:
        if not isinstance(name, str) or not name.startswith(PREFIX):
            if isinstance(name, str) and PREFIX in name and not name.startswith(PREFIX):
                # e.g. "../demo-x.jpg": a demo name pointing elsewhere
                plan.refused += 1
            continue  # a real photo: never made up, the validator reports it when missing
        if not is_safe_name(name) or (entry / name).resolve().parent != entry.resolve():
            plan.refused += 1
            continue
        path = entry / name
        if path in seen:
            continue
        seen.add(path)
        if look is None:  # not a file name: left to the validator
            continue
        if path.is_symlink() or (path.exists() and drawn_as(path) == mark(look)):
            plan.present += 1
            continue
        if path.exists():
            plan.redrawn += 1
        plan.todo.append(photo_params(entry, content, name, look, position))
    return plan


def drawn_as(path: Path) -> str | None:
    """The generator mark in a demo photo's EXIF ImageDescription (None when unreadable or absent)."""
    try:
        if image_format(path) == "HEIF":
            from scripts.photos import _register_heif

            _register_heif()
        with Image.open(path) as img:
            value = img.getexif().get(ExifTags.Base.ImageDescription)
    except (OSError, ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def draw(photo: Photo) -> Path:
    """Draw one planned photo (runs in a worker process)."""
    return make_phone_photo(
        photo.path,
        seed=photo.seed,
        size=photo.size,
        orientation=photo.orientation,
        gps=photo.gps,
        look=photo.look,
    )


def draw_all(todo: list[Photo], jobs: int) -> None:
    """Draw every photo, in parallel when there is more than one to draw."""
    if jobs <= 1 or len(todo) <= 1:
        for photo in todo:
            draw(photo)
        return
    with fork_pool(min(jobs, len(todo))) as pool:
        pool.map(draw, todo, chunksize=1)


def main(argv: list[str] | None = None) -> int:
    """Create the missing demo photos and print one summary line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--content",
        type=Path,
        default=ROOT / "content",
        help="content folder (default: %(default)s)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: all cores)",
    )
    args = parser.parse_args(argv)
    plan = plan_photos(args.content)
    draw_all(plan.todo, args.jobs)
    refused = f", {plan.refused} refused" if plan.refused else ""
    redrawn = f", {plan.redrawn} of them redrawn (older generator or changed words)" if plan.redrawn else ""
    print(f"demo photos: {len(plan.todo)} created, {plan.present} present{refused}{redrawn}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
