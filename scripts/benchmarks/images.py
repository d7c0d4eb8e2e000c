"""Images: the pipeline against a naive reference on the same phone photos, the warm build's image share, sizes."""

from __future__ import annotations

import io
import shutil
import sys
import time
from pathlib import Path

from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT, ROOT / "plugins"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from buildkit.forked import fork_pool  # noqa: E402
from catalogue.model.model import Photo  # noqa: E402
from images import pipeline  # noqa: E402
from images.plan import plan  # noqa: E402
from images.settings import KNOWN_FORMATS, load_config  # noqa: E402

from scripts.photos import make_phone_photo  # noqa: E402

PHOTOS = 24
SHOWN = frozenset({"product", "cover"})


def _make(args: tuple[Path, int]) -> Path:
    path, i = args
    if not path.exists():
        upright = (3024, 4032) if i % 4 == 1 else (4032, 3024)
        make_phone_photo(path, seed=f"bench-{i}", size=upright, orientation=6 if i % 4 == 1 else 1,
                         subject=("batik", "tenun", "keramik", "kayu", "anyaman", "logam")[i % 6])
    return path


def phone_photos(folder: Path) -> list[Photo]:
    import hashlib

    folder.mkdir(parents=True, exist_ok=True)
    with fork_pool(2) as pool:
        paths = list(pool.map(_make, [(folder / f"phone-{i:02d}.jpg", i) for i in range(PHOTOS)]))
    return [Photo(p, f"bench/{p.name}", None, hashlib.sha256(p.read_bytes()).hexdigest()) for p in paths]


def naive(photos: list[Photo], output: Path, config) -> None:  # type: ignore[no-untyped-def]
    """The reference: open the full photo, resize it to each size, save; one process, no cache."""
    for photo in photos:
        with Image.open(photo.source) as im:
            upright = ImageOps.exif_transpose(im).convert("RGB")
        upright.info.clear()
        for role in plan(upright.size, photo.digest, config, SHOWN).values():
            for d in role.derivatives:
                target = output / f"{photo.source.stem}-{d.key}{d.suffix}"
                upright.resize((d.width, d.height), Image.Resampling.LANCZOS, box=d.box).save(
                    target, KNOWN_FORMATS[d.format][0], **dict(d.options))


def _avif_vs_webp(photos: list[Photo], config) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Where AVIF pays: its bytes and extra encoding time against WebP, per width, on a few photos."""
    out = []
    samples = []
    for photo in photos[:4]:
        with Image.open(photo.source) as im:
            im.draft("RGB", (1200, 1200))
            samples.append(ImageOps.exif_transpose(im).convert("RGB"))
    for width in (240, 360, 480, 720, 960):
        sizes = {"avif": 0, "webp": 0}
        spent = {"avif": 0.0, "webp": 0.0}
        for im in samples:
            small = im.resize((width, round(im.height * width / im.width)), Image.Resampling.LANCZOS)
            for fmt in sizes:
                buffer = io.BytesIO()
                started = time.perf_counter()
                small.save(buffer, KNOWN_FORMATS[fmt][0], **config.formats[fmt])
                spent[fmt] += time.perf_counter() - started
                sizes[fmt] += len(buffer.getvalue())
        extra = (spent["avif"] - spent["webp"]) / len(samples) * 1000
        out.append((f"avif_vs_webp_{width}px", f"{sizes['avif'] / sizes['webp']:.2f} of the bytes, "
                                                f"{extra:+.0f} ms per photo"))
    return out


def _demo_build(workdir: Path) -> list[tuple[str, str]]:
    """Build the demo twice with the project's cache; the second build's image work as a share of it."""
    from scripts import make_demo_photos
    from scripts.build import build

    make_demo_photos.main(["--content", str(ROOT / "content")])
    build(ROOT / "pelicanconf.py", ROOT / "content", workdir / "site-cold")  # fills the cache if needed
    started = time.perf_counter()
    images = build(ROOT / "pelicanconf.py", ROOT / "content", workdir / "site").images
    total = time.perf_counter() - started
    run = images.run
    assert run is not None
    image_time = run.seconds + images.inspector.seconds
    out = [("images_warm_share_of_build", f"{image_time / total:.1%} ({image_time:.2f} s of {total:.1f} s, "
                                          f"{run.decoded} photos decoded)")]
    media = workdir / "site" / "media"

    def kb(pattern: str) -> str:
        sizes = [p.stat().st_size / 1024 for p in media.rglob(pattern)]
        return f"max {max(sizes):.0f} KB, mean {sum(sizes) / len(sizes):.0f} KB ({len(sizes)} files)"

    # what a phone (360 CSS px, 2 dppx) downloads: card 360 px, gallery 720 px, in the first format it supports
    for fmt in ("avif", "webp"):
        suffix = KNOWN_FORMATS[fmt][1]
        out.append((f"demo_card_360_{fmt}", kb(f"*-360x270-*{suffix}")))
        out.append((f"demo_main_image_720_{fmt}", kb(f"*-720x*{suffix}")))
    # a browser without WebP gets the JPEG fallback, made at the role's largest width only
    out.append(("demo_card_jpeg_fallback_480", kb("*-480x360-*.jpg")))
    out.append(("demo_main_image_jpeg_fallback_960", kb("*-960x*.jpg")))
    return out


def run(workdir: Path) -> list[tuple[str, str]]:
    workdir.mkdir(parents=True, exist_ok=True)
    photos = phone_photos(workdir / "photos")
    config = load_config({"CACHE_PATH": str(workdir / "cache")})
    shutil.rmtree(workdir / "cache", ignore_errors=True)
    for name in ("naive", "cold", "warm"):
        shutil.rmtree(workdir / name, ignore_errors=True)
        (workdir / name).mkdir()
    shown = [(p, SHOWN) for p in photos]

    started = time.perf_counter()
    naive(photos, workdir / "naive", config)
    naive_s = time.perf_counter() - started
    started = time.perf_counter()
    pipeline.process(shown, workdir / "cold", config)
    cold_s = time.perf_counter() - started
    started = time.perf_counter()
    pipeline.process(shown, workdir / "warm", config)
    warm_s = time.perf_counter() - started
    results = [
        ("images_naive_seconds", f"{naive_s:.1f} s for {PHOTOS} photos"),
        ("images_pipeline_seconds", f"{cold_s:.1f} s cold, {warm_s:.2f} s warm"),
        ("images_vs_naive", f"{naive_s / cold_s:.1f}x (cold)"),
        ("images_vs_naive_warm", f"{naive_s / warm_s:.0f}x (warm)"),
    ]
    results += _avif_vs_webp(photos, config)
    results += _demo_build(workdir)
    return results
