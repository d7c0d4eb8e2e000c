"""Write a synthetic but valid catalogue of any size, for benchmarks: N artisans, N products, both languages.

Usage: ``python -m scripts.synthetic DEST --products 1000 [--artisans 100] [--photos 12] [--seed 1]``.

Photos come from a small pool drawn once with scripts/photos.py and hard-linked into each entry's folder (copied
where links are not possible), so 10,000 products cost a dozen photos' worth of image work and disk.
The reference data (regions, categories, techniques, platforms) and the pages are the real ones from content/.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.photos import make_phone_photo  # noqa: E402

SUBJECTS = {  # category key → what scripts/photos.py can draw
    "batik": "batik", "tenun": "tenun", "kulit": "kulit", "topeng": "kayu", "ukir": "kayu",
    "keramik": "keramik", "anyaman": "anyaman",
}
WORDS_ID = ("indah", "halus", "klasik", "warna alam", "motif lama", "tangan", "desa", "pesisir", "gunung", "sungai")
WORDS_EN = ("fine", "classic", "natural dye", "old motif", "handmade", "village", "coastal", "mountain", "river")


@dataclass(frozen=True)
class Reference:
    categories: list[str]
    techniques: dict[str, list[str]]  # category → technique keys
    regions: list[str]


def _reference(data: Path) -> Reference:
    categories = list(yaml.safe_load((data / "categories.yml").read_text(encoding="utf-8")))
    techniques: dict[str, list[str]] = {}
    for key, tech in yaml.safe_load((data / "techniques.yml").read_text(encoding="utf-8")).items():
        techniques.setdefault(tech["category"], []).append(key)
    regions = list(yaml.safe_load((data / "regions.yml").read_text(encoding="utf-8")))
    return Reference([c for c in categories if techniques.get(c)], techniques, regions)


def _front(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"


def _link(src: Path, dest: Path) -> None:
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)


def _pool(folder: Path, photos: int, categories: list[str]) -> dict[str, list[Path]]:
    """``photos`` phone photos per drawable subject, drawn once and reused by every entry."""
    folder.mkdir(parents=True, exist_ok=True)
    pool: dict[str, list[Path]] = {}
    subjects = sorted({SUBJECTS.get(c, "batik") for c in categories})
    per = max(1, photos // len(subjects))
    for subject in subjects:
        for i in range(per):
            path = folder / f"{subject}-{i}.jpg"
            if not path.exists():
                make_phone_photo(path, seed=f"synthetic-{subject}-{i}", size=(1600, 1200), subject=subject)
            pool.setdefault(subject, []).append(path)
    return pool


def generate(dest: Path, products: int, artisans: int | None = None, photos: int = 12, seed: int = 1) -> Path:
    """Write the catalogue into ``dest`` (created, or emptied first) and return it."""
    artisans = artisans or max(1, products // 10)
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT / "content" / "data", dest / "data")
    shutil.copytree(ROOT / "content" / "pages", dest / "pages", ignore=shutil.ignore_patterns("demo-*"))
    ref = _reference(dest / "data")
    # Tags from the vocabulary (an unknown tag is a warning): forty collections, as many tag pages as before.
    tags = sorted(yaml.safe_load((dest / "data" / "tags.yml").read_text(encoding="utf-8")))
    pool = _pool(dest.parent / f"{dest.name}-photo-pool", photos, ref.categories)

    makers: list[tuple[str, str]] = []  # (slug, category)
    for a in range(artisans):
        category = ref.categories[a % len(ref.categories)]
        slug = f"perajin-{a:05d}"
        folder = dest / "artisans" / slug
        folder.mkdir(parents=True)
        photo = pool[SUBJECTS.get(category, "batik")][a % len(pool[SUBJECTS.get(category, "batik")])]
        _link(photo, folder / "bengkel.jpg")
        region = ref.regions[a % len(ref.regions)]
        meta = {
            "name": f"Sanggar Sintetis {a}", "summary": f"Perajin {category} nomor {a} dari Jawa Timur.",
            "region": region, "village": f"Desa {a}", "crafts": [category], "founded": 1990 + a % 30,
            "photo": "bengkel.jpg", "whatsapp": f"0812{a:08d}",
            "storefronts": [{"platform": "tokopedia", "url": f"https://www.tokopedia.com/sanggar{a}"}],
        }
        (folder / "index.id.md").write_text(_front(meta, f"Cerita sanggar {a}. " * 20), encoding="utf-8")
        (folder / "index.en.md").write_text(
            _front({"summary": f"Maker of {category} number {a} from East Java."}, f"The story of workshop {a}. " * 20),
            encoding="utf-8")
        makers.append((slug, category))

    start = date(2024, 1, 1)
    for p in range(products):
        slug_artisan, category = makers[p % len(makers)]
        techniques = ref.techniques[category]
        shared = pool[SUBJECTS.get(category, "batik")]
        folder = dest / "products" / f"produk-{p:06d}"
        folder.mkdir(parents=True)
        names = []
        for i in range(2):
            name = f"foto-{i + 1}.jpg"
            _link(shared[(p + i) % len(shared)], folder / name)
            names.append(name)
        words = rng.sample(WORDS_ID, 3)
        meta = {
            "title": f"Karya {category} {p} {words[0]}", "summary": f"Karya {category} {' '.join(words)} nomor {p}.",
            "artisan": slug_artisan, "category": category, "technique": techniques[p % len(techniques)],
            "materials": ["bahan alami"], "size": f"{20 + p % 50} × {10 + p % 30} cm", "weight_g": 100 + p % 900,
            "price": 50000 + (p % 200) * 5000, "availability": "ready" if p % 3 else "made-to-order",
            "photos": names, "captions": [f"Karya {p} tampak depan", f"Karya {p} tampak dekat"],
            "tags": [tags[-1 - ref.categories.index(category) % 40], tags[p % 40]],
            "added": (start + timedelta(days=p % 700)).isoformat(),
        }
        if meta["availability"] == "made-to-order":
            meta["lead_time_days"] = 7 + p % 30
        if p % 50 == 0:
            meta["featured"] = True
        (folder / "index.id.md").write_text(_front(meta, f"Deskripsi karya {p}. " * 15), encoding="utf-8")
        en = rng.sample(WORDS_EN, 3)
        (folder / "index.en.md").write_text(_front(
            {"title": f"{category.title()} piece {p} {en[0]}", "summary": f"A {' '.join(en)} piece, number {p}.",
             "captions": [f"Piece {p} from the front", f"Piece {p} close up"]},
            f"About piece {p}. " * 15), encoding="utf-8")
    return dest


def touch_one(dest: Path, index: int = 0) -> Path:
    """Change one product's Indonesian text (what an artisan's edit does) and return the file."""
    path = dest / "products" / f"produk-{index:06d}" / "index.id.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nDiperbarui.\n", encoding="utf-8")
    return path


def retitle_one(dest: Path, index: int = 0) -> Path:
    """Change one product's Indonesian title, which buyers search for and every list showing it prints."""
    path = dest / "products" / f"produk-{index:06d}" / "index.id.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Karya ", "title: Karya baru ", 1), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--products", type=int, default=1000)
    parser.add_argument("--artisans", type=int, default=None)
    parser.add_argument("--photos", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.dest, args.products, args.artisans, args.photos, args.seed)
    print(f"wrote {args.products} products to {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
