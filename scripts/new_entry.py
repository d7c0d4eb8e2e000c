"""Create a new product or artisan folder with both language files, the required fields and a comment on each.

Usage:
  python -m scripts.new_entry product --title "Batik Tulis Sekar Jagad" --artisan batik-rato-ebu --category batik
  python -m scripts.new_entry artisan --name "Batik Sekar" --region kab-bangkalan --crafts batik
Anything not given is asked for when run in a terminal. The folder name (slug) is made from the title or name and
is never one that is already taken. Prints the folder it made.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from slugify import slugify

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from catalogue.model.refdata import ReferenceData, load_reference_data  # noqa: E402
from catalogue.model.schema import SUMMARY_LIMIT  # noqa: E402
from images import sizes  # noqa: E402

SLUG_LIMIT = 60


class ScaffoldError(ValueError):
    """An argument that cannot make a valid entry; the message says which and what is allowed."""


def free_slug(title: str, folder: Path) -> str:
    """A slug for ``title`` that no folder in ``folder`` uses yet: ``batik-sekar``, then ``batik-sekar-2``, …

    >>> free_slug("Batik Tulis Sekar Jagad", Path("/nonexistent"))
    'batik-tulis-sekar-jagad'
    """
    base = slugify(title, max_length=SLUG_LIMIT, word_boundary=True)
    if not base:
        raise ScaffoldError(f"cannot make a folder name from {title!r}: use letters or digits")
    slug, n = base, 2
    while (folder / slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _yaml_text(value: str) -> str:
    # Double-quoted YAML: safe for ':' '#' and quotes in a title.
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _choose(value: str | None, table: dict, what: str) -> str:
    if value not in table:
        raise ScaffoldError(f"{what} must be one of: {', '.join(sorted(table))}; got {value!r}")
    return value


def product_files(title: str, artisan: str, category: str, ref: ReferenceData, today: dt.date) -> dict[str, str]:
    techniques = sorted(k for k, t in ref.techniques.items() if t.category == category)
    id_md = f"""---
# Judul produk (bahasa Indonesia).
title: {_yaml_text(title)}
# Satu atau dua kalimat tentang produk ini, paling banyak {SUMMARY_LIMIT} huruf.
summary:
# Nama folder perajin di content/artisans/.
artisan: {artisan}
category: {category}
# Teknik, salah satu dari: {", ".join(techniques)}
technique: {techniques[0] if techniques else ""}
# motif: Sekar Jagad
# materials: [katun, malam]
# dyes: natural          # natural, synthetic atau mixed (kain)
# Ukuran dalam angka, satuan di akhir nama (cm, ml); tampil dalam bahasa pembaca:
# dimensions: {{length_cm: 210, width_cm: 110}}    # juga height_cm, depth_cm, diameter_cm, blade_length_cm, volume_ml
# Pakaian dan sepatu: ukuran yang tersedia, dan apakah bisa dibuat sesuai ukuran pembeli.
# sizes: [S, M, L, XL, XXL]                      # atau nomor sepatu [38, 39, 40], atau [all-size]
# custom_size: true
# weight_g: 300
# Harga dalam rupiah, angka saja (350000). Atau price_min dan price_max. Kosongkan: harga ditanyakan.
# price: 350000
availability: ready      # ready (siap kirim) atau made-to-order (dibuat sesuai pesanan)
# lead_time_days: 14     # wajib untuk made-to-order: berapa hari pembuatan
# Nama berkas foto di folder ini; foto pertama adalah sampul.
photos: []
# captions: [Kain dibentangkan]
# Tag dari content/data/tags.yml (berlabel dalam dua bahasa).
# tags: [madura, pewarna-alam]
# Pengiriman, hanya bila berbeda dari perajinnya: ships_indonesia, ships_abroad, dispatch_days, shipping_note.
added: {today.isoformat()}
---
Ceritakan produk ini: cara membuatnya, bahannya, cara merawatnya.
"""
    en_md = f"""---
# The English product name.
title: {_yaml_text(title)}
# One or two sentences in English.
summary:
# materials: [cotton, wax]
# size: only when index.id.md writes its size as text (size:), its English words here
---
Describe the product in English.
"""
    return {"index.id.md": id_md, "index.en.md": en_md}


def artisan_files(name: str, region: str, crafts: list[str]) -> dict[str, str]:
    id_md = f"""---
name: {_yaml_text(name)}
# Satu kalimat tentang perajin atau bengkelnya.
summary:
region: {region}
# Desa atau sentra kerajinan.
village:
crafts: [{", ".join(crafts)}]
# founded: 1998
# photo: bengkel.jpg     # nama berkas foto di folder ini
# whatsapp: "0812-3456-7890"
# instagram: nama.bengkel
# storefronts:
#   - platform: tokopedia
#     url: https://www.tokopedia.com/namatoko
# Pengiriman (semua boleh dikosongkan):
# ships_indonesia: true  # mengirim ke seluruh Indonesia: true atau false
# ships_abroad: ask      # mengirim ke luar negeri: yes, no atau ask (tanyakan dulu)
# dispatch_days: 3       # biasanya dikirim dalam berapa hari (1 sampai 90)
# shipping_note: Dikirim lewat JNE dari Bangkalan.
---
Cerita perajin: sejak kapan, siapa yang membuat, apa yang istimewa.
"""
    en_md = """---
# One sentence in English.
summary:
# shipping_note: Sent by courier from Bangkalan.
---
The artisan's story in English.
"""
    return {"index.id.md": id_md, "index.en.md": en_md}


def _ask(value: str | None, prompt: str) -> str | None:
    if value or not sys.stdin.isatty():
        return value
    return input(f"{prompt}: ").strip() or None


def create(kind: str, content: Path, files: dict[str, str], title: str) -> Path:
    folder = content / ("products" if kind == "product" else "artisans")
    folder.mkdir(parents=True, exist_ok=True)
    entry = folder / free_slug(title, folder)
    entry.mkdir()
    for name, text in files.items():
        (entry / name).write_text(text, encoding="utf-8")
    return entry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=("product", "artisan"))
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--title", help="product name (product)")
    parser.add_argument("--artisan", help="artisan folder name (product)")
    parser.add_argument("--category", help="category key (product)")
    parser.add_argument("--name", help="workshop or artisan name (artisan)")
    parser.add_argument("--region", help="region key (artisan)")
    parser.add_argument("--crafts", help="category keys separated by commas (artisan)")
    args = parser.parse_args(argv)
    content = Path(args.content)
    ref = load_reference_data(content / "data")
    try:
        if args.kind == "product":
            title = _ask(args.title, "Judul produk / product title")
            artisans = {p.name: p for p in (content / "artisans").iterdir() if p.is_dir()}
            artisan = _choose(_ask(args.artisan, "Folder perajin / artisan folder"), artisans, "ARTISAN")
            category = _choose(_ask(args.category, "Kategori / category"), ref.categories, "CATEGORY")
            if not title:
                raise ScaffoldError("TITLE is required")
            files = product_files(title, artisan, category, ref, dt.date.today())
        else:
            title = _ask(args.name, "Nama perajin / artisan name")
            region = _choose(_ask(args.region, "Wilayah / region"), ref.regions, "REGION")
            crafts = [c.strip() for c in (_ask(args.crafts, "Kerajinan / crafts") or "").split(",") if c.strip()]
            for craft in crafts or [None]:
                _choose(craft, ref.categories, "CRAFTS")
            if not title:
                raise ScaffoldError("NAME is required")
            files = artisan_files(title, region, crafts)
        entry = create(args.kind, content, files, title)
    except ScaffoldError as exc:
        print(f"new {args.kind}: {exc}", file=sys.stderr)
        return 2
    print(entry)
    _photo_advice(content)
    return 0


def _photo_advice(content: Path) -> None:
    """How large the new entry's photos need to be, and which photos already there are larger (images/sizes.py)."""
    keep = sizes.keep_width()
    print(f"Foto cukup selebar {keep} px dan paling besar {sizes.MAX_PHOTO_MB:g} MB / photos need be no wider than "
          f"{keep} px nor over {sizes.MAX_PHOTO_MB:g} MB", file=sys.stderr)
    for item in sizes.oversized(sizes.photo_files(content), keep):
        print(f"{item.path}: {item.width}×{item.height} px, {item.bytes / 1e6:.1f} MB: terlalu besar / larger than "
              "needed (make shrink-photos)", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
