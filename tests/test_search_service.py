"""Pagefind run as a service (search/service.py): records indexed from memory, in order, and what it refuses is
named instead of a search that silently finds less."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from search.indexer import SearchIndexError, start_indexing


def record(lang: str, title: str) -> str:
    return f'<!DOCTYPE html><html lang="{lang}"><head><title>{title}</title></head><body><h1>{title}</h1></body></html>'


def test_records_become_one_index_of_their_language_with_the_urls_given(tmp_path: Path) -> None:
    records = [(f"/produk/kain-{i}/", record("id", f"Kain batik nomor {i}")) for i in range(30)]
    indexing = start_indexing("id", records, tmp_path / "bundle", {})
    assert indexing is not None
    assert indexing.run() >= 0
    entry = json.loads((tmp_path / "bundle" / "pagefind-entry.json").read_text())
    assert {lang: v["page_count"] for lang, v in entry["languages"].items()} == {"id": 30}
    assert (tmp_path / "bundle.span").exists()
    fragments = list((tmp_path / "bundle" / "fragment").iterdir())
    assert len(fragments) == 30


@pytest.mark.parametrize(("records", "says"), [
    ([("/produk/a/", record("id", "Kain")), ("/produk/b/", '<html lang="id"><body></body></html>')],
     "needs words to index"),
    ([("/produk/a/", record("id", "Kain")), ("/en/products/b/", record("en", "Cloth"))], "'en'"),
])
def test_a_record_pagefind_leaves_out_stops_the_build(tmp_path: Path, records: list[tuple[str, str]],
                                                      says: str) -> None:
    indexing = start_indexing("id", records, tmp_path / "bundle", {})
    assert indexing is not None
    with pytest.raises(SearchIndexError, match=says):
        indexing.run()


def test_an_index_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file where the index folder should go")
    indexing = start_indexing("id", [("/produk/a/", record("id", "Kain"))], tmp_path / "taken" / "bundle", {})
    assert indexing is not None
    with pytest.raises(SearchIndexError, match="id search index could not be written.*taken"):
        indexing.run()


def test_no_index_when_search_is_off(tmp_path: Path) -> None:
    assert start_indexing("id", [("/produk/a/", record("id", "Kain"))], tmp_path / "b", {"SEARCH_INDEX": False}) is None


def test_a_pagefind_run_that_fails_in_a_build_stops_it_before_the_site_is_swapped_in(
        scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind indexes once every page is written, while the build goes on; its failure still stops the build."""
    from conftest import build_site
    from search import service

    content = scenario("base")
    out = build_site(content, tmp_path / "out", CACHE_PATH=str(tmp_path / "cache"))
    before = (out / "index.html").read_bytes()
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'pagefind: out of disk space' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setattr(service, "executable", lambda: str(broken))
    edit = content / "products" / "kain-contoh" / "index.en.md"
    edit.write_text(edit.read_text(encoding="utf-8").replace("title: ", "title: Hand-drawn ", 1), encoding="utf-8")
    with pytest.raises(SearchIndexError, match="pagefind.*en records.*out of disk space"):
        build_site(content, out, CACHE_PATH=str(tmp_path / "cache"))
    assert (out / "index.html").read_bytes() == before
    assert not list(tmp_path.glob(".out-build-*"))



class _Built:
    """What index_language and publish_index read of Pelican's generator."""

    def __init__(self, out: Path, cache: Path):
        from search.order import PriceList

        self.output_path = str(out)
        self.settings = {"CACHE_PATH": str(cache)}
        self.context = {"search_price_list": PriceList("prices.json", b"[]")}
        self.pelican = SimpleNamespace()  # where the plugins keep their part of the build


@pytest.mark.parametrize("en_held_early", [True, False])
def test_the_first_language_written_starts_the_other_languages_run_when_its_records_are_held(
        tmp_path: Path, monkeypatch, en_held_early: bool) -> None:
    import search
    from search.records import Records

    started: list[str] = []
    real = search.IndexRun

    def counted(lang, *args, **kwargs):
        started.append(lang)
        return real(lang, *args, **kwargs)

    monkeypatch.setattr(search, "IndexRun", counted)
    built = _Built(tmp_path / "out", tmp_path / "cache")
    records = Records(tmp_path / "cache")
    built.pelican.search = search.Search(records)
    try:

        def hold(lang: str) -> None:
            path = "/produk/kain" if lang == "id" else "/en/products/cloth"
            records.hold(lang, f"key-{lang}", [(f"{path}-{i}/", record(lang, f"Kain {lang} {i}")) for i in range(4)])

        hold("id")
        if en_held_early:  # its process rendered its records before its pages, as it does
            hold("en")
        search.index_language(built, "id")  # Indonesian written first
        assert started == (["id", "en"] if en_held_early else ["id"])
        if not en_held_early:  # a tiny site: English records held only after Indonesian was written
            hold("en")
        search.index_language(built, "en")  # English written: its run starts now unless under way
        assert started == ["id", "en"]
        search.publish_index(built.pelican)
        entry = json.loads((tmp_path / "out" / "pagefind" / "pagefind-entry.json").read_text())
        assert {lang: part["page_count"] for lang, part in entry["languages"].items()} == {"id": 4, "en": 4}
    finally:
        built.pelican.search.clear()
