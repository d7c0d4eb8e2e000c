"""A rebuild takes over the page folders of the site it removes (catalogue/pages/pagefolders.py) and ends with exactly
the pages a fresh build writes: a product taken out of the catalogue leaves no page and no folder behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from catalogue.pages.pagefolders import folders, remove_unwritten
from conftest import build_site


def tree(site: Path) -> dict[str, bytes]:
    """Every page and folder under the page folders, with the pages' bytes."""
    found: dict[str, bytes] = {}
    for name in folders({}):
        for path in sorted((site / name).rglob("*")):
            found[path.relative_to(site).as_posix()] = path.read_bytes() if path.is_file() else b"<folder>"
    return found


def test_a_rebuild_takes_over_the_page_folders_and_removes_the_pages_no_longer_there(scenario,
                                                                                     tmp_path: Path) -> None:
    content = scenario("base")
    second = content / "products" / "kain-dua"
    shutil.copytree(content / "products" / "kain-contoh", second)
    for index in second.glob("index.*.md"):
        index.write_text(index.read_text(encoding="utf-8").replace("Contoh", "Dua"), encoding="utf-8")
    output, cache = tmp_path / "output", str(tmp_path / "cache")
    build_site(content, output, CACHE_PATH=cache)
    first = {name: (output / name).stat().st_ino for name in ("produk", "en/products", "perajin")}
    assert (output / "produk" / "kain-dua" / "index.html").is_file()
    build_site(content, output, CACHE_PATH=cache)  # no replaced site yet: every folder made

    shutil.rmtree(second)  # the next build replaces the first site, and takes its page folders over
    build_site(content, output, CACHE_PATH=cache)
    assert {name: (output / name).stat().st_ino for name in first} == first
    for gone in ("produk/kain-dua", "en/products/kain-dua"):
        assert not (output / gone).exists(), gone

    fresh = build_site(content, tmp_path / "fresh")  # no cache, nothing taken over
    assert tree(output) == tree(fresh)


def test_only_pages_are_removed_and_only_folders_left_empty(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for rel in ("produk/a/index.html", "produk/b/index.html", "produk/b/index.html.gz", "produk/c/kode.svg",
                "produk/halaman/2/index.html", "produk/halaman/3/index.html", "produk/index.html"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel, encoding="utf-8")
    written = {"produk/a/index.html", "produk/halaman/2/index.html", "produk/index.html"}
    assert remove_unwritten(site, "produk", written) == 3
    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert left == ["produk", "produk/a", "produk/a/index.html", "produk/c", "produk/c/kode.svg", "produk/halaman",
                    "produk/halaman/2", "produk/halaman/2/index.html", "produk/index.html"]


def test_a_folder_that_holds_another_languages_pages_is_never_taken() -> None:
    routes = {"id": {"product": "produk/{key}/", "artisan": "perajin/{key}/", "page": "{key}/"},
              "en": {"product": "produk/en/{key}/", "artisan": "en/artisans/{key}/", "page": "en/{key}/"}}
    assert folders({"CATALOGUE_URLS": routes}) == ["en/artisans", "perajin"]
    assert folders({"CATALOGUE_URLS": routes}, "id") == ["perajin"]


def test_a_page_is_never_written_outside_the_output_folder(tmp_path: Path) -> None:
    """A route's keys come from reference data too (a craft's key): one that climbs out of the output stops the
    build before anything is written there."""
    from catalogue.pages.generator import page_target

    root = str(tmp_path / "site")
    assert page_target(root, "kategori/batik/index.html") == f"{root}/kategori/batik/index.html"
    assert page_target(f"{root}/./", "index.html").endswith("/site/./index.html")
    for save_as in ("kategori/../../elsewhere/index.html", "../site-other/index.html", "/etc/index.html"):
        with pytest.raises(RuntimeError, match="outside the output folder"):
            page_target(root, save_as)

