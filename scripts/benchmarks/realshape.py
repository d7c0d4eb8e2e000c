"""The catalogue at its real shape: 1,000 products with three unique phone photos each, photos on a bucket.

Figures (one run, side by side):
- ``images_cold_s_per_1k_photos``: the image pipeline over every photo with an empty cache, per 1,000 photos;
- ``images_naive_s_per_1k_photos`` and ``images_cold_vs_naive``: naive Pillow (open the whole photo, turn it
  upright, resize it to each derivative, save; one process, no cache) on the first NAIVE_PHOTOS of the same
  photos, making the same derivatives;
- ``output_mb_per_1k_products``: the bytes a static host must store, the published site (publishconf.py, no
  PDFs) with its photos, and its static part alone with MEDIA_URL set, with how much of it are the .gz/.br
  copies that a host compressing by itself does without (PUBLISH_PRECOMPRESS=0, as the Pages workflow builds);
- ``publish_changed_files_after_one_edit`` and ``publish_changed_mb_after_one_edit``: after one product's text
  and one of its photos change, with MEDIA_URL set, the files of the static part whose bytes changed (two output
  trees compared by content hash) plus the new photo objects the bucket lacks: what a deploy uploads.

The photos are made once and kept under .cache/bench/ (``PHOTOS_DIR``): twelve scenes drawn by scripts/photos.py at
phone size, each made unique by a seeded patch of noise and saved again (orientation and GPS tags kept), a
fraction of a second each instead of the three seconds of drawing a scene. BENCH_SHAPE_PRODUCTS (default 1000)
sets the number of products; the figures are always given per 1,000.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sys
import time
from pathlib import Path

import yaml
from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT, ROOT / "plugins"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from buildkit.forked import fork_pool  # noqa: E402
from catalogue.model.model import Photo  # noqa: E402
from images import media, pipeline  # noqa: E402
from images.plan import plan  # noqa: E402
from images.settings import KNOWN_FORMATS, load_config  # noqa: E402

from scripts import synthetic  # noqa: E402
from scripts.photos import make_phone_photo  # noqa: E402

PHOTOS_PER_PRODUCT = 3
SCENES = 12
NAIVE_PHOTOS = 24
PHOTOS_DIR = ROOT / ".cache" / "bench" / "phone-photos-v1"
MEDIA_URL = "https://media.kriyajatim.example/"
SUBJECTS = ("batik", "tenun", "keramik", "kayu", "anyaman", "logam")


def _scene(i: int) -> Path:
    path = PHOTOS_DIR / "scenes" / f"scene-{i:02d}.jpg"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        upright = (3024, 4032) if i % 4 == 1 else (4032, 3024)
        make_phone_photo(path, seed=f"shape-{i}", size=upright, orientation=6 if i % 4 == 1 else 1,
                         subject=SUBJECTS[i % len(SUBJECTS)])
    return path


def _unique(args: tuple[int, list[int]]) -> int:
    """Photos ``numbers`` from scene ``scene``: a seeded 256-px patch of noise makes each one's pixels its own."""
    scene, numbers = args
    with Image.open(_scene(scene)) as im:
        exif = im.getexif()
        pixels = im.convert("RGB")
    for n in numbers:
        target = PHOTOS_DIR / f"photo-{n:05d}.jpg"
        if target.exists():
            continue
        rng = random.Random(f"shape-photo:{n}")
        copy = pixels.copy()
        patch = Image.frombytes("RGB", (256, 256), rng.randbytes(256 * 256 * 3))
        copy.paste(patch, (rng.randrange(copy.width - 256), rng.randrange(copy.height - 256)))
        tmp = target.with_name(f".{target.name}.part")
        copy.save(tmp, "JPEG", quality=88, exif=exif)
        os.replace(tmp, target)
    return len(numbers)


def photo_set(count: int) -> list[Path]:
    """``count`` unique phone photos, made once (two processes) and kept under PHOTOS_DIR."""
    PHOTOS_DIR.mkdir(parents=True, exist_ok=True)
    paths = [PHOTOS_DIR / f"photo-{n:05d}.jpg" for n in range(count)]
    todo: dict[int, list[int]] = {}
    for n, path in enumerate(paths):
        if not path.exists():
            todo.setdefault(n % SCENES, []).append(n)
    if todo:
        with fork_pool(2) as pool:
            list(pool.map(_scene, sorted(todo)))  # the scenes first, each drawn once
            chunks = [(scene, numbers[i:i + 50]) for scene, numbers in todo.items()
                      for i in range(0, len(numbers), 50)]
            list(pool.map(_unique, chunks))
    return paths


def catalogue(dest: Path, products: int, photos: list[Path]) -> Path:
    """The synthetic catalogue (scripts/synthetic.py), each product with three photos of its own."""
    synthetic.generate(dest, products)
    for p in range(products):
        folder = dest / "products" / f"produk-{p:06d}"
        for old in folder.glob("foto-*.jpg"):
            old.unlink()
        names = []
        for i in range(PHOTOS_PER_PRODUCT):
            name = f"foto-{i + 1}.jpg"
            os.link(photos[p * PHOTOS_PER_PRODUCT + i], folder / name)
            names.append(name)
        for lang, caption in (("id", "Karya {p} foto {i}"), ("en", "Piece {p} photo {i}")):
            path = folder / f"index.{lang}.md"
            _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
            meta = yaml.safe_load(front)
            if lang == "id":
                meta["photos"] = names
            meta["captions"] = [caption.format(p=p, i=i + 1) for i in range(PHOTOS_PER_PRODUCT)]
            path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body,
                            encoding="utf-8")
    return dest


def _photos(content: Path, products: int) -> list[tuple[Photo, frozenset[str]]]:
    out = []
    for p in range(products):
        for i in range(PHOTOS_PER_PRODUCT):
            path = content / "products" / f"produk-{p:06d}" / f"foto-{i + 1}.jpg"
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            shown = frozenset({"product", "thumbnail"} | ({"cover"} if i == 0 else set()))  # several photos each
            out.append((Photo(path, f"products/produk-{p:06d}/foto-{i + 1}.jpg", None, digest), shown))
    return out


def naive(photos: list[tuple[Photo, frozenset[str]]], output: Path, config) -> None:  # type: ignore[no-untyped-def]
    """The reference: the whole photo decoded and turned upright, each derivative resized from it and saved."""
    output.mkdir(parents=True, exist_ok=True)
    for photo, shown in photos:
        with Image.open(photo.source) as im:
            upright = ImageOps.exif_transpose(im).convert("RGB")
        upright.info.clear()
        for role in plan(upright.size, photo.digest, config, shown).values():
            for d in role.derivatives:
                upright.resize((d.width, d.height), Image.Resampling.LANCZOS, box=d.box).save(
                    output / f"{d.key}{d.suffix}", KNOWN_FORMATS[d.format][0], **dict(d.options))


def tree(site: Path) -> dict[str, tuple[str, int]]:
    """Every file of a site: path → (content hash, bytes)."""
    out = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            out[path.relative_to(site).as_posix()] = (hashlib.sha256(data).hexdigest(), len(data))
    return out


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f}"


def run(workdir: Path) -> list[tuple[str, str]]:
    from scripts.build import build

    products = int(os.environ.get("BENCH_SHAPE_PRODUCTS", "1000"))
    per_k = 1000 / products
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    photos = photo_set(products * PHOTOS_PER_PRODUCT + 1)  # one more: the edit's new photo
    made_s = time.perf_counter() - started
    content = catalogue(workdir / "content", products, photos)
    cache = workdir / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    overrides = {"CACHE_PATH": str(cache)}
    config = load_config(overrides)
    shown = _photos(content, products)

    started = time.perf_counter()
    naive(shown[:NAIVE_PHOTOS], workdir / "naive", config)
    naive_per_k = (time.perf_counter() - started) / min(NAIVE_PHOTOS, len(shown)) * 1000
    started = time.perf_counter()
    pipeline.process(shown, workdir / "cold", config)
    cold_per_k = (time.perf_counter() - started) / len(shown) * 1000
    shutil.rmtree(workdir / "cold")
    shutil.rmtree(workdir / "naive")

    publish = ROOT / "publishconf.py"
    build(publish, content, workdir / "site-photos", overrides)
    with_photos = tree(workdir / "site-photos")
    shutil.rmtree(workdir / "site-photos")
    on_bucket = {**overrides, "MEDIA_URL": MEDIA_URL, "MEDIA_MANIFEST": str(workdir / "manifest-before.tsv")}
    build(publish, content, workdir / "site-before", on_bucket)
    before = tree(workdir / "site-before")
    static_bytes = sum(size for _, size in before.values())
    copies_bytes = sum(size for path, (_, size) in before.items() if path.endswith((".gz", ".br")))
    photo_bytes = sum(size for path, (_, size) in with_photos.items() if path.startswith("media/"))
    objects_before = media.read_manifest(workdir / "manifest-before.tsv")

    # one product's text and one of its photos change
    edited = content / "products" / "produk-000000"
    synthetic.touch_one(content, 0)
    (edited / "foto-2.jpg").unlink()
    os.link(photos[-1], edited / "foto-2.jpg")
    on_bucket["MEDIA_MANIFEST"] = str(workdir / "manifest-after.tsv")
    build(publish, content, workdir / "site-after", on_bucket)
    after = tree(workdir / "site-after")
    objects_after = media.read_manifest(workdir / "manifest-after.tsv")
    changed = [path for path, (digest, _) in after.items() if before.get(path, ("",))[0] != digest]
    changed_bytes = sum(after[path][1] for path in changed)
    new_objects = [name for name in objects_after if name not in objects_before]
    object_bytes = sum(objects_after[name].stat().st_size for name in new_objects)
    total = changed_bytes + object_bytes
    bucket_bytes = sum(path.stat().st_size for path in objects_before.values())
    return [
        ("shape_catalogue", f"{products} products, {len(shown)} unique {photos[0].stat().st_size / 1e6:.1f}-MB "
                            f"phone photos (4032×3024; made in {made_s:.0f} s, kept in {PHOTOS_DIR.name})"),
        ("images_cold_s_per_1k_photos", f"{cold_per_k:.0f} s ({cold_per_k / 1000:.2f} s a photo, "
                                        f"{os.cpu_count()} cores)"),
        ("images_naive_s_per_1k_photos", f"{naive_per_k:.0f} s (on {min(NAIVE_PHOTOS, len(shown))} of the photos, "
                                         "one process)"),
        ("images_cold_vs_naive", f"{naive_per_k / cold_per_k:.1f}x"),
        ("output_mb_per_1k_products", f"{_mb(sum(s for _, s in with_photos.values()) * per_k)} MB with the photos "
                                      f"({_mb(photo_bytes * per_k)} MB of them, {len(with_photos)} files); "
                                      f"{_mb(static_bytes * per_k)} MB static part with MEDIA_URL "
                                      f"({len(before)} files; {_mb(copies_bytes * per_k)} MB of it the .gz/.br "
                                      f"copies PUBLISH_PRECOMPRESS=0 leaves out) + {_mb(bucket_bytes * per_k)} MB "
                                      f"on the bucket ({len(objects_before)} objects)"),
        ("publish_changed_files_after_one_edit", f"{len(changed) + len(new_objects)} ({len(changed)} static files, "
                                                 f"{len(new_objects)} photo objects)"),
        ("publish_changed_mb_after_one_edit", f"{_mb(total)} MB ({_mb(changed_bytes)} MB static, "
                                              f"{_mb(object_bytes)} MB photos)"),
    ]
