"""A rebuild takes over the photo files of the site it removes (scripts/build.py, images/pipeline.py) and ends with
exactly the files a fresh build places, every one the cached file itself."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import build_run


def media(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in (site / "media").rglob("*") if p.is_file()}


def test_a_rebuild_takes_over_the_replaced_sites_photos_and_keeps_only_those_shown(scenario, tmp_path: Path) -> None:
    content = scenario("base")
    second = content / "products" / "kain-dua"
    shutil.copytree(content / "products" / "kain-contoh", second)
    for index in second.glob("index.*.md"):
        index.write_text(index.read_text(encoding="utf-8").replace("Contoh", "Dua"), encoding="utf-8")
    output, cache = tmp_path / "output", tmp_path / "cache"
    run = build_run(content, output, CACHE_PATH=str(cache)).images.run
    placed = run.linked
    assert any("/kain-dua/" in path for path in media(output))
    run = build_run(content, output, CACHE_PATH=str(cache)).images.run  # no replaced site yet: every file placed
    assert run.linked == placed

    shutil.rmtree(second)  # the next build replaces the first site, and takes its photo files over
    run = build_run(content, output, CACHE_PATH=str(cache)).images.run
    assert run.linked == 0  # nothing new to place: the second product's files went instead
    fresh = tmp_path / "fresh"
    assert build_run(content, fresh, CACHE_PATH=str(cache)).images.run.linked > 0
    assert media(output) == media(fresh)  # the same files, each the same cached file (hard links)
    assert not (output / "media" / "products" / "kain-dua").exists()

    # A changed photo gets a new name: placed, and the old one gone.
    photo = next((content / "products" / "kain-contoh").glob("*.jpg"))
    data = bytearray(photo.read_bytes())
    data[-3] ^= 0xFF  # another picture to the cache (the JPEG still decodes)
    photo.write_bytes(bytes(data))
    before = set(media(output))
    run = build_run(content, output, CACHE_PATH=str(cache)).images.run
    assert 0 < run.linked < placed
    after = set(media(output))
    kept = after & before
    assert len(after) == len(before) and kept  # as many files; the artisan's portrait the same ones
    assert not any("/kain-contoh/" in path for path in kept)  # the product's all new, the old ones removed
