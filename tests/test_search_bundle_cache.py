"""A language's Pagefind index is made again only when something its products are found by has changed."""

from __future__ import annotations

import gzip
from pathlib import Path

from conftest import build_site
from search import indexer

P_ID = Path("products") / "kain-contoh" / "index.id.md"


def bundle_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}


def fragments_text(out: Path, lang: str) -> str:
    return " ".join(gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
                    for p in (out / "pagefind" / "fragment").glob(f"{lang}_*"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_unchanged_index_is_reused_and_a_searched_change_indexes_that_language_again(scenario,
                                                                                      tmp_path: Path) -> None:
    content = scenario("base")
    cache = tmp_path / "cache"
    first = build_site(content, tmp_path / "out1", CATALOGUE_CACHE_DIR=str(cache))
    assert indexer.last_seconds and indexer.last_seconds > 0  # Pagefind ran for both languages
    kept = {p.name for p in (cache / "search").iterdir()}
    assert sorted(name.split("-")[0] for name in kept) == ["en", "id"]

    # A story is not searched (records.py): the same records, so Pagefind does not run and the index is the same.
    (content / P_ID).write_text((content / P_ID).read_text(encoding="utf-8") + "\nDiperbarui bulan ini.\n",
                                encoding="utf-8")
    second = build_site(content, tmp_path / "out2", CATALOGUE_CACHE_DIR=str(cache))
    assert indexer.last_seconds == 0.0
    assert bundle_files(second) == bundle_files(first)
    cached = {p.stat().st_ino for p in (cache / "search").rglob("*") if p.is_file()}
    assert all(p.stat().st_ino in cached for p in (second / "pagefind" / "fragment").iterdir())
    assert {p.name for p in (cache / "search").iterdir()} == kept

    # A title is searched: the Indonesian index is made again and finds it; the English one is still reused.
    edit(content / P_ID, "title: Kain Batik Contoh", "title: Kain Batik Sekar Jagad")
    third = build_site(content, tmp_path / "out3", CATALOGUE_CACHE_DIR=str(cache))
    assert indexer.last_seconds and indexer.last_seconds > 0
    new = {p.name for p in (cache / "search").iterdir()} - kept
    assert [name.split("-")[0] for name in new] == ["id"]
    assert "Sekar Jagad" in fragments_text(third, "id") and "Sekar Jagad" not in fragments_text(first, "id")
    assert fragments_text(third, "en") == fragments_text(first, "en")
