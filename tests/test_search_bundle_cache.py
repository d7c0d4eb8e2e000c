"""A language's Pagefind index is made again only when something its products are found by has changed."""

from __future__ import annotations

import gzip
from pathlib import Path

from buildkit.store import Store
from conftest import build_run, build_site
from search import indexer

P_ID = Path("products") / "kain-contoh" / "index.id.md"
P_EN = P_ID.with_name("index.en.md")


def bundle_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}


def fragments_text(out: Path, lang: str) -> str:
    return " ".join(gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
                    for p in (out / "pagefind" / "fragment").glob(f"{lang}_*"))


def bundles(cache: Path) -> set[str]:
    """The bundles the build's store keeps (values {path in the bundle: bytes}: buildkit/store.py), as
    ``<lang>-<key>``: a language's fragments carry its code (``fragment/en_…``)."""
    store = Store(cache, "search")
    kept = {path.name: store.get(path.name, dict) for path in (cache / "search").rglob("*") if path.is_file()}
    return {f"{next(name for name in files if name.startswith('fragment/')).split('/')[1].split('_')[0]}-{key}"
            for key, files in kept.items() if files is not None}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_unchanged_index_is_reused_and_a_searched_change_indexes_that_language_again(scenario,
                                                                                      tmp_path: Path) -> None:
    content = scenario("base")
    cache = tmp_path / "cache" / "catalogue"  # the catalogue stage's folder under CACHE_PATH
    first = tmp_path / "out1"
    seconds = build_run(content, first, CACHE_PATH=str(cache.parent)).search.seconds
    assert seconds and seconds > 0  # Pagefind ran for both languages
    kept = bundles(cache)
    assert sorted(name.split("-")[0] for name in kept) == ["en", "id"]

    # A story is not searched (records.py): the same records, so Pagefind does not run and the index is the same.
    (content / P_ID).write_text((content / P_ID).read_text(encoding="utf-8") + "\nDiperbarui bulan ini.\n",
                                encoding="utf-8")
    second = tmp_path / "out2"
    seconds = build_run(content, second, CACHE_PATH=str(cache.parent)).search.seconds
    assert seconds == 0.0
    assert bundle_files(second) == bundle_files(first)
    assert bundles(cache) == kept

    # A title is searched: the English index is made again and finds it; the Indonesian one is still reused.
    # (The English entry's: the demo photo is drawn from the Indonesian one's words, and a photo shows in both.)
    edit(content / P_EN, "title: Sample Batik Cloth", "title: Sample Batik Sekar Jagad")
    third = tmp_path / "out3"
    seconds = build_run(content, third, CACHE_PATH=str(cache.parent)).search.seconds
    assert seconds and seconds > 0
    new = bundles(cache) - kept
    assert [name.split("-")[0] for name in new] == ["en"]
    assert "Sekar Jagad" in fragments_text(third, "en") and "Sekar Jagad" not in fragments_text(first, "en")
    assert fragments_text(third, "id") == fragments_text(first, "id")


def test_records_are_not_even_rendered_when_what_they_are_made_from_is_unchanged(scenario, tmp_path: Path,
                                                                                 monkeypatch) -> None:
    from search.records import Records

    rendered: list[str] = []
    render = Records.render

    def counted(generator, lang, context):  # the real rendering, counted (one process: CATALOGUE_PROCESSES=1)
        rendered.append(lang)
        return render(generator, lang, context)

    monkeypatch.setattr(Records, "render", staticmethod(counted))
    content = scenario("base")
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "CATALOGUE_PROCESSES": 1}
    first = build_site(content, tmp_path / "out1", **settings)
    assert sorted(rendered) == ["en", "id"]
    rendered.clear()
    # A story is not in the records, nor in the card fingerprint: nothing rendered, the same index.
    (content / P_ID).write_text((content / P_ID).read_text(encoding="utf-8") + "\nDiperbarui.\n", encoding="utf-8")
    second = tmp_path / "out2"
    seconds = build_run(content, second, **settings).search.seconds
    assert rendered == [] and seconds == 0.0
    assert bundle_files(second) == bundle_files(first)
    # A price is: both languages' records rendered again; both indexes made again (the price shows in each).
    edit(content / P_ID, "price: 350000", "price: 375000")
    third = tmp_path / "out3"
    seconds = build_run(content, third, **settings).search.seconds
    assert sorted(rendered) == ["en", "id"] and seconds and seconds > 0
    assert "375" in fragments_text(third, "id") and "375" in fragments_text(third, "en")


def test_a_bundle_taken_from_the_cache_is_placed_beside_its_pages_not_by_the_merge(scenario, tmp_path: Path,
                                                                                  monkeypatch) -> None:
    content = scenario("base")
    cache = tmp_path / "cache" / "catalogue"  # the catalogue stage's folder under CACHE_PATH
    first = build_site(content, tmp_path / "out1", CACHE_PATH=str(cache.parent))

    def merge_places(*_args, **_kwargs):
        raise AssertionError("the merge placed a bundle taken from the cache")

    # The merge looks place_bundle up in indexer; the language's process placed them with the one search imported.
    monkeypatch.setattr(indexer, "place_bundle", merge_places)
    second = tmp_path / "out2"
    seconds = build_run(content, second, CACHE_PATH=str(cache.parent)).search.seconds
    assert seconds == 0.0  # both bundles from the cache
    assert bundle_files(second) == bundle_files(first)
