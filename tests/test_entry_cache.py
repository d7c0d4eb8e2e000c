"""Entries whose files are unchanged are taken from the entry cache; the catalogue and its problems stay exactly
what a fresh read gives, and whatever depends on other files is checked again on every load."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from buildkit.forked import start_in_forks
from buildkit.store import Store
from catalogue.reading.loader import LoadResult, load_catalogue
from catalogue.reading.readahead import read_ahead
from conftest import ROOT, build_site

from scripts import make_demo_photos

P_ID = "products/kain-contoh/index.id.md"
P_EN = "products/kain-contoh/index.en.md"
PARTS = [[f"part {i} of 8" for i in range(1, 9)]]  # the read-ahead's parts, as started


def load(content: Path, cache: Path | None) -> LoadResult:
    make_demo_photos.main(["--content", str(content)])
    return load_catalogue(content, cache)


def add_second_product(content: Path) -> None:
    target = content / "products" / "selendang-contoh"
    shutil.copytree(content / "products" / "kain-contoh", target)
    for lang_file in target.glob("index.*.md"):
        text = lang_file.read_text(encoding="utf-8")
        text = text.replace("Kain Batik Contoh", "Selendang Batik Contoh").replace("Sample Batik Cloth", "Sample Scarf")
        lang_file.write_text(text, encoding="utf-8")


def cache_files(cache: Path) -> list[Path]:
    """The store's entries of read entries, one per content folder (buildkit/store.py), without the photos'
    digests (one entry of the same kind: entrycache.DigestCache)."""
    from catalogue.reading.entrycache import DIGESTS

    return sorted(p for p in (cache / "entries").rglob("*") if p.is_file() and p.name not in (".pruned", DIGESTS))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def same(a: LoadResult, b: LoadResult) -> None:
    assert a.catalogue is not None and b.catalogue is not None
    assert a.catalogue == b.catalogue
    assert a.problems == b.problems


def test_unchanged_tree_is_taken_from_the_cache_and_equals_a_fresh_read(scenario, tmp_path: Path) -> None:
    content = scenario("base")
    add_second_product(content)
    cache = tmp_path / "cache"
    first = load(content, cache)
    assert first.reused == 0 and len(cache_files(cache)) == 1
    second = load(content, cache)
    assert second.reused == 3  # two products and their artisan
    same(second, load(content, None))
    same(second, first)


def test_without_a_cache_folder_nothing_is_reused(scenario, tmp_path: Path) -> None:
    content = scenario("base")
    assert load(content, None).reused == 0
    assert load(content, None).reused == 0
    assert not any(tmp_path.rglob("*.pickle"))


def test_a_changed_file_is_read_again_and_only_that_entry(scenario, tmp_path: Path) -> None:
    content = scenario("base")
    add_second_product(content)
    cache = tmp_path / "cache"
    load(content, cache)
    edit(content / "products/selendang-contoh/index.en.md", "The sample cloth's description.", "Woven at dawn.")
    result = load(content, cache)
    assert result.reused == 2
    assert result.catalogue is not None
    bodies = {p.slug: p.t("en").body_html for p in result.catalogue.products}
    assert "Woven at dawn." in bodies["selendang-contoh"] and "Woven at dawn." not in bodies["kain-contoh"]
    same(result, load(content, None))


def test_a_cached_entry_reports_its_warnings_again(scenario, tmp_path: Path) -> None:
    content = scenario("defect-long-summary")
    (content / P_EN).unlink()
    cache = tmp_path / "cache"
    first = load(content, cache)
    second = load(content, cache)
    assert second.reused == 2
    expected = [(P_EN, "file", "translation_missing"), (P_ID, "summary", "text_long")]
    for result in (first, second):
        assert result.errors == []
        assert sorted((p.path.relative_to(content).as_posix(), p.field, p.code) for p in result.warnings) == expected
    same(second, first)


def test_an_entry_with_errors_is_read_every_time(scenario, tmp_path: Path) -> None:
    content = scenario("price-as-text")
    cache = tmp_path / "cache"
    first = load(content, cache)
    second = load(content, cache)
    assert second.reused == 1  # the artisan only
    for result in (first, second):
        assert [(p.path.relative_to(content).as_posix(), p.field, p.code) for p in result.errors] == [
            (P_ID, "price", "rupiah")]
    assert first.problems == second.problems


def test_entries_read_ahead_in_two_processes_load_as_one_process_reads_them(scenario, tmp_path: Path,
                                                                          monkeypatch) -> None:
    import catalogue.reading.readahead as readahead

    content = scenario("base")
    add_second_product(content)
    edit(content / "products" / "selendang-contoh" / "index.id.md", "price: 350000", "price: tiga ratus ribu")
    (content / P_EN).unlink()  # a warning, carried by the entry's record
    forks = []
    monkeypatch.setattr(readahead, "start_in_forks", lambda *a, **k: forks.append(a[1]) or start_in_forks(*a, **k))
    monkeypatch.setattr(readahead, "READ_AHEAD_FROM", 2)  # three entries to read, then one
    cache = tmp_path / "cache"
    ahead = load(content, cache)
    assert forks == PARTS
    assert ahead.reused == 0  # read in this build, by the two processes
    same(ahead, load(content, None))
    problems = [(p.path.relative_to(content).as_posix(), p.field, p.code) for p in ahead.problems]
    assert problems.count(("products/selendang-contoh/index.id.md", "price", "rupiah")) == 1
    assert problems.count((P_EN, "file", "translation_missing")) == 1
    again = load(content, cache)
    assert forks == PARTS  # one entry (with errors) left to read: no processes
    assert again.reused == 2  # the artisan and kain-contoh, kept by the processes that read them
    same(again, ahead)


def test_the_reading_processes_hash_the_photos_of_the_entries_they_read(scenario, tmp_path: Path,
                                                                      monkeypatch) -> None:
    """A first build hashes its photos in the two reading processes, not one by one in the build's own."""
    import catalogue.reading.entrycache as digests
    import catalogue.reading.readahead as readahead

    content = scenario("base")
    add_second_product(content)
    make_demo_photos.main(["--content", str(content)])
    hashed_here = []
    file_digest = digests.hashlib.file_digest
    monkeypatch.setattr(digests.hashlib, "file_digest", lambda *a: hashed_here.append(a[0].name) or file_digest(*a))
    monkeypatch.setattr(readahead, "READ_AHEAD_FROM", 2)
    cache = tmp_path / "cache"
    ahead = load_catalogue(content, cache)
    assert hashed_here == []  # what the forked processes hashed is not seen here
    same(ahead, load(content, None))  # the same digests as this process makes of the same files
    assert hashed_here  # … and it does hash them when nothing was read ahead
    assert ahead.catalogue is not None
    photos = {p.source for product in ahead.catalogue.products for p in product.photos}
    assert len(photos) >= 2
    saved = Store(cache, "entries").get(digests.DIGESTS, dict)
    assert {os.path.abspath(path) for path in photos} <= saved.keys()  # kept for the next build


def test_entries_read_ahead_before_the_load_give_what_the_load_alone_gives(scenario, tmp_path: Path,
                                                                          monkeypatch) -> None:
    import catalogue.reading.readahead as readahead

    content = scenario("base")
    add_second_product(content)
    edit(content / "products" / "selendang-contoh" / "index.id.md", "price: 350000", "price: tiga ratus ribu")
    (content / P_EN).unlink()
    make_demo_photos.main(["--content", str(content)])
    forks = []
    monkeypatch.setattr(readahead, "start_in_forks", lambda *a, **k: forks.append(a[1]) or start_in_forks(*a, **k))
    monkeypatch.setattr(readahead, "READ_AHEAD_FROM", 2)
    cache = tmp_path / "cache"
    started = read_ahead(content, cache)
    assert forks == PARTS  # started before the load, on every entry
    edit(content / "products" / "kain-contoh" / "index.id.md", "price: 350000", "price: 360000")  # read again
    early = load_catalogue(content, cache, read=started)
    assert forks == PARTS  # the load took what was started
    assert early.reused == 0
    same(early, load(content, None))
    problems = [(p.path.relative_to(content).as_posix(), p.field, p.code) for p in early.problems]
    assert problems.count(("products/selendang-contoh/index.id.md", "price", "rupiah")) == 1
    assert problems.count((P_EN, "file", "translation_missing")) == 1
    assert early.catalogue is not None
    assert {p.slug: p.price for p in early.catalogue.products}["kain-contoh"] == 360000  # not the bytes read ahead

    # A second start skips what the cache now holds: the entry with errors only, in two processes that find
    # the cached ones and leave them.
    again = load_catalogue(content, cache, read=read_ahead(content, cache))
    assert again.reused == 2
    same(again, early)


def test_the_load_takes_what_was_read_ahead_without_reading_it_again_unless_it_changed(scenario, tmp_path: Path,
                                                                                     monkeypatch) -> None:
    """The reading processes send back what they read of each entry; the build's process reads only the files
    changed since (same size, same name: a price edited) and those of an entry with errors."""
    import catalogue.reading.readahead as readahead
    import catalogue.reading.reader as reader

    content = scenario("base")
    add_second_product(content)
    edit(content / "products" / "selendang-contoh" / "index.id.md", "price: 350000", "price: tiga ratus ribu")
    make_demo_photos.main(["--content", str(content)])
    monkeypatch.setattr(readahead, "READ_AHEAD_FROM", 2)
    started = read_ahead(content, tmp_path / "cache")
    assert started is not None
    reading = started.reading
    assert reading is not None
    deadline = time.monotonic() + 60
    while reading.done.qsize() < len(reading.parts):  # every part done: every entry read, as it was
        assert time.monotonic() < deadline
        time.sleep(0.01)
    edit(content / "products" / "kain-contoh" / "index.id.md", "price: 350000", "price: 360000")
    read_here = []
    snapshot = reader.snapshot_file
    monkeypatch.setattr(reader, "snapshot_file", lambda path: read_here.append(path) or snapshot(path))
    early = load_catalogue(content, tmp_path / "cache", read=started)
    assert early.catalogue is not None
    assert {p.slug: p.price for p in early.catalogue.products}["kain-contoh"] == 360000
    assert sorted(p.relative_to(content).as_posix() for p in read_here) == [
        P_EN, P_ID,  # changed since it was read ahead
        "products/selendang-contoh/index.en.md", "products/selendang-contoh/index.id.md",  # an error: not cached
    ]
    monkeypatch.setattr(reader, "snapshot_file", snapshot)
    same(early, load(content, None))


def test_a_read_ahead_for_another_folder_or_cache_is_stopped_and_not_used(scenario, tmp_path: Path,
                                                                          monkeypatch) -> None:
    import catalogue.reading.readahead as readahead

    content = scenario("base")
    add_second_product(content)
    make_demo_photos.main(["--content", str(content)])
    monkeypatch.setattr(readahead, "READ_AHEAD_FROM", 2)
    other = read_ahead(content, tmp_path / "other-cache")
    assert other is not None
    started = other.reading
    assert started is not None and started.pool is not None
    result = load_catalogue(content, tmp_path / "cache", read=other)
    assert started.pool is None  # stopped, not waited for
    assert result.reused == 0
    same(result, load(content, None))
    assert not (tmp_path / "other-cache" / "entries").exists()  # nothing of it was kept
    # Taken once: a second load (--autoreload's next build, given the same settings) reads for itself.
    ours = read_ahead(content, tmp_path / "cache")
    assert ours is not None and load_catalogue(content, tmp_path / "cache", read=ours).catalogue is not None
    assert ours.take(content, tmp_path / "cache") is None


def test_other_entries_and_photos_are_checked_again_for_a_cached_entry(scenario, tmp_path: Path) -> None:
    content = scenario("base")
    cache = tmp_path / "cache"
    load(content, cache)
    shutil.rmtree(content / "artisans" / "perajin-contoh")
    result = load_catalogue(content, cache)
    assert result.reused == 1
    assert [(p.path.relative_to(content).as_posix(), p.field, p.code) for p in result.errors] == [
        (P_ID, "artisan", "unknown_artisan")]

    shutil.copytree(Path(__file__).parent / "fixtures/base/artisans", content / "artisans", dirs_exist_ok=True)
    load(content, cache)
    cover = content / "products" / "kain-contoh" / "demo-kain.jpg"
    cover.unlink()
    result = load_catalogue(content, cache)
    assert result.reused == 2
    assert [(p.path.relative_to(content).as_posix(), p.field, p.code) for p in result.errors] == [
        (P_ID, "photos[1]", "photo_missing")]


def test_changed_reference_data_reads_every_entry_again(scenario, tmp_path: Path) -> None:
    content = scenario("base")
    cache = tmp_path / "cache"
    load(content, cache)
    edit(content / "data" / "regions.yml", "\nkab-bangkalan:\n", "\nkab-bangkalan-lama:\n")
    result = load(content, cache)
    assert result.reused == 0
    assert ("artisans/perajin-contoh/index.id.md", "region", "unknown_region") in {
        (p.path.relative_to(content).as_posix(), p.field, p.code) for p in result.errors}


def test_a_damaged_cache_file_is_ignored_and_written_again(scenario, tmp_path: Path) -> None:
    content = scenario("base")
    cache = tmp_path / "cache"
    fresh = load(content, cache)
    (file,) = cache_files(cache)
    whole = file.read_bytes()
    for damaged in (whole[: len(whole) // 2], b"not a cache", whole.replace(b"Tanjung Bumi", b"Tanjung Bxmi"), b""):
        file.write_bytes(damaged)
        result = load(content, cache)
        same(result, fresh)
        assert load(content, cache).reused == 2  # written again whole
    assert not [p for p in (cache / "entries").rglob("*.tmp")]  # no temporary files left


def test_a_changed_entry_changes_only_its_own_pages(scenario, tmp_path: Path) -> None:
    content = scenario("base")
    add_second_product(content)
    cache = tmp_path / "cache"
    first = build_site(content, tmp_path / "out1", CACHE_PATH=str(cache))
    edit(content / "products/selendang-contoh/index.id.md", "Deskripsi kain contoh.", "Ditenun saat fajar.")
    second = build_site(content, tmp_path / "out2", CACHE_PATH=str(cache))
    changed = {p.relative_to(first).as_posix() for p in first.rglob("*.html")
               if p.read_bytes() != (second / p.relative_to(first)).read_bytes()}
    assert changed == {"produk/selendang-contoh/index.html"}
    assert "Ditenun saat fajar." in (second / "produk/selendang-contoh/index.html").read_text(encoding="utf-8")


def test_caches_of_folders_not_built_for_weeks_are_removed(scenario, tmp_path: Path) -> None:
    content = scenario("base")
    cache = tmp_path / "cache"
    entries = cache / "entries"
    old, recent = entries / "01" / "0123456789abcdef", entries / "fe" / "fedcba9876543210"
    for path in (old, recent):
        path.parent.mkdir(parents=True)
    for path in (old, recent):
        path.write_bytes(b"another content folder")
    month_ago = time.time() - 30 * 86400
    os.utime(old, (month_ago, month_ago))
    load(content, cache)
    assert not old.exists() and recent.exists() and len(cache_files(cache)) == 2


def test_files_read_for_the_cache_read_as_they_do_without_it(scenario, tmp_path: Path) -> None:
    content = scenario("base")
    for path in (content / P_ID, content / P_EN):
        text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
        path.write_bytes("\ufeff".encode() + text.encode("utf-8"))
    artisan = content / "artisans/perajin-contoh/index.id.md"
    artisan.write_bytes(artisan.read_bytes().replace(b"Tanjung Bumi", b"Tanjung \xff Bumi", 1))
    cache = tmp_path / "cache"
    first = load(content, cache)
    assert [(p.path, p.code) for p in first.errors] == [(artisan, "file_unreadable")]
    assert first.problems == load(content, None).problems
    artisan.write_bytes(artisan.read_bytes().replace(b"\xff", b"x"))
    second = load(content, cache)
    assert second.reused == 1  # the product, with both its files written with a BOM and CRLF line ends
    same(second, load(content, None))


def test_the_build_command_reads_the_entries_before_it_imports_pelican(scenario, tmp_path: Path) -> None:
    """`make html` starts the two reading processes first; its settings file names the cache they fill."""
    content = scenario("base")
    add_second_product(content)
    make_demo_photos.main(["--content", str(content)])
    cache = tmp_path / "cache" / "catalogue"  # the catalogue stage's folder under CACHE_PATH
    settings = tmp_path / "settings.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa: F403\n"
                        f"CACHE_PATH = {str(cache.parent)!r}\n", encoding="utf-8")
    spy = f"""
import sys
sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / "plugins")!r}]
import catalogue.reading.readahead as readahead
from catalogue.reading.entrycache import EntryCache
readahead.READ_AHEAD_FROM = 2
start, add = readahead.read_ahead, EntryCache.add_read_ahead
def read_ahead(root, cache_dir):
    started = start(root, cache_dir)
    print("started:", cache_dir, "pelican" in sys.modules, started.reading is not None)
    return started
def add_read_ahead(self, records):
    print("taken:", len(records))
    add(self, records)
readahead.read_ahead, EntryCache.add_read_ahead = read_ahead, add_read_ahead
from scripts.build import main
sys.exit(main(["--settings", {str(settings)!r}, "--input", {str(content)!r}, "--output", {str(tmp_path / "site")!r}]))
"""
    done = subprocess.run([sys.executable, "-c", spy], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"started: {cache} False True" in done.stdout  # before Pelican, with the settings' cache folder
    assert "taken: 3" in done.stdout  # two products and their artisan, read by the two processes
    assert (tmp_path / "site" / "produk" / "selendang-contoh" / "index.html").is_file()
    assert len(cache_files(cache)) == 1
