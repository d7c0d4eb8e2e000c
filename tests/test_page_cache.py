"""Pages whose inputs are unchanged are reused between builds; any change to what a page shows renders it again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build_site


@pytest.fixture
def theme(tmp_path: Path) -> str:
    """A private copy of the theme, so the cache's view of the templates is only what this test changes."""
    copy = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", copy)
    return str(copy)


def cached_pages(cache: Path) -> set[str]:
    return {p.name for p in (cache / "pages").rglob("*.html")}


def add_second_product(content: Path) -> None:
    source = content / "products" / "kain-contoh"
    target = content / "products" / "selendang-contoh"
    shutil.copytree(source, target)
    for lang_file in target.glob("index.*.md"):
        text = lang_file.read_text(encoding="utf-8")
        text = text.replace("Kain Batik Contoh", "Selendang Batik Contoh").replace("Sample Batik Cloth", "Sample Scarf")
        lang_file.write_text(text, encoding="utf-8")


def cache_names(out: Path, cache: Path) -> dict[str, str]:
    """The output's pages that come from the cache (hard links to it), with the cache file each one is."""
    by_inode = {p.stat().st_ino: p.name for p in (cache / "pages").rglob("*.html")}
    return {p.relative_to(out).as_posix(): by_inode[p.stat().st_ino] for p in out.rglob("*.html")
            if p.stat().st_ino in by_inode}


UNCACHED = {"index.html", "en/index.html", "cari/index.html", "en/search/index.html", "kategori/index.html",
            "en/categories/index.html", "wilayah/index.html", "en/regions/index.html"}


def test_unchanged_build_reuses_every_product_artisan_and_list_page(scenario, tmp_path: Path, theme: str) -> None:
    content = scenario("base")
    add_second_product(content)
    cache = tmp_path / "cache" / "catalogue"  # the catalogue stage's folder under CACHE_PATH
    first = build_site(content, tmp_path / "out1", CACHE_PATH=str(cache.parent), THEME=theme)
    pages = cached_pages(cache)
    from_cache = cache_names(first, cache)
    for rel in ("produk/kain-contoh/index.html", "en/products/selendang-contoh/index.html",
                "en/artisans/perajin-contoh/index.html", "produk/index.html", "en/categories/batik/index.html",
                "wilayah/kab-sumenep/index.html", "en/regions/kab-pacitan/index.html"):
        assert rel in from_cache, rel
    # Pages that show the catalogue as a whole (counts, the map, the search form) are rendered every time.
    assert not UNCACHED & set(from_cache)
    second = build_site(content, tmp_path / "out2", CACHE_PATH=str(cache.parent), THEME=theme)
    assert cached_pages(cache) == pages
    assert cache_names(second, cache) == from_cache
    for rel in from_cache:
        assert (first / rel).read_bytes() == (second / rel).read_bytes()


def rebuild_after_edit(scenario, tmp_path: Path, theme: str, file: str, edit) -> tuple[Path, dict[str, str], set[str]]:
    """Build the two-product site, apply ``edit`` to the scarf's ``file`` and build again: the output, its pages
    that come from the cache, and those of them made again."""
    content = scenario("base")
    add_second_product(content)
    cache = tmp_path / "cache" / "catalogue"  # the catalogue stage's folder under CACHE_PATH
    build_site(content, tmp_path / "out1", CACHE_PATH=str(cache.parent), THEME=theme)
    before = cached_pages(cache)
    path = content / "products" / "selendang-contoh" / file
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    out = build_site(content, tmp_path / "out2", CACHE_PATH=str(cache.parent), THEME=theme)
    from_cache = cache_names(out, cache)
    return out, from_cache, {rel for rel, name in from_cache.items() if name not in before}


def test_changed_entry_renders_exactly_the_pages_showing_it(scenario, tmp_path: Path, theme: str) -> None:
    out, from_cache, made_again = rebuild_after_edit(scenario, tmp_path, theme, "index.en.md",
                                                     lambda text: text.replace("Sample Scarf", "Indigo Scarf"))
    # Made again: every page that links the scarf (its own, the other product's with its card among the related
    # items, the artisan's, the lists it is in), in both languages (its fingerprint covers both files); reused:
    # every other page.
    shows_scarf = {rel for rel in from_cache if "selendang-contoh/" in (out / rel).read_text(encoding="utf-8")}
    assert made_again == shows_scarf
    assert {"produk/selendang-contoh/index.html", "en/products/kain-contoh/index.html",
            "en/artisans/perajin-contoh/index.html", "en/products/index.html"} <= made_again
    for rel in ("en/products/selendang-contoh/", "en/products/kain-contoh/", "en/artisans/perajin-contoh/",
                "en/products/"):
        assert "Indigo Scarf" in (out / rel / "index.html").read_text(encoding="utf-8"), rel


def test_a_changed_story_renders_only_its_products_own_pages(scenario, tmp_path: Path, theme: str) -> None:
    """Cards show the front matter, the cover and the artisan: a new story changes no card, no list."""
    out, _from_cache, made_again = rebuild_after_edit(scenario, tmp_path, theme, "index.id.md",
                                                      lambda text: text + "\nDiwarnai ulang dengan indigo.\n")
    assert made_again == {"produk/selendang-contoh/index.html", "en/products/selendang-contoh/index.html"}
    assert "Diwarnai ulang dengan indigo." in (out / "produk/selendang-contoh/index.html").read_text(encoding="utf-8")


def test_changed_template_renders_every_page_again(scenario, tmp_path: Path, theme: str) -> None:
    content = scenario("base")
    cache = tmp_path / "cache" / "catalogue"  # the catalogue stage's folder under CACHE_PATH
    build_site(content, tmp_path / "out1", CACHE_PATH=str(cache.parent), THEME=theme)
    before = cached_pages(cache)
    base = Path(theme) / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("<main", "<!-- catalogue -->\n<main"), encoding="utf-8")
    out = build_site(content, tmp_path / "out2", CACHE_PATH=str(cache.parent), THEME=theme)
    assert len(cached_pages(cache) - before) == len(before) > 4  # every page made again, under a new key
    assert "<!-- catalogue -->" in (out / "en/artisans/perajin-contoh/index.html").read_text(encoding="utf-8")


def test_changed_setting_renders_every_page_again(scenario, tmp_path: Path, theme: str) -> None:
    content = scenario("base")
    cache = tmp_path / "cache" / "catalogue"  # the catalogue stage's folder under CACHE_PATH
    build_site(content, tmp_path / "out1", CACHE_PATH=str(cache.parent), THEME=theme)
    before = cached_pages(cache)
    # The same content built with another SITEURL: every page's links change, so nothing may be reused.
    out = build_site(content, tmp_path / "out2", CACHE_PATH=str(cache.parent), THEME=theme,
                     SITEURL="https://example.org")
    assert len(cached_pages(cache) - before) == len(before) > 4  # every page made again, under a new key
    assert 'href="https://example.org/en/products/kain-contoh/"' in (out / "produk/kain-contoh/index.html").read_text(
        encoding="utf-8")


def test_everything_a_build_keeps_is_under_the_one_cache_folder(scenario, tmp_path: Path) -> None:
    """CACHE_PATH is the one root: each stage keeps its store's kinds in a folder of its own there, and nothing
    of the build lands beside it."""
    content = scenario("base")
    root = tmp_path / "cache"
    out = build_site(content, tmp_path / "out", CACHE_PATH=str(root))
    assert (out / "produk/kain-contoh/index.html").is_file()
    assert {p.name for p in root.iterdir()} == {"catalogue", "images"}
    kinds = {stage: {p.name for p in (root / stage).iterdir() if p.is_dir()} for stage in ("catalogue", "images")}
    assert {"entries", "pages", "search"} <= kinds["catalogue"], kinds
    assert {"photos", "inspect", "qr", "icons"} <= kinds["images"], kinds
    assert {p.name for p in tmp_path.iterdir() if not p.name.startswith(".")} == {"content", "cache", "out"}


@pytest.mark.parametrize("value", [None, "", 42])
def test_a_cache_folder_that_is_not_one_is_named(value: object) -> None:
    from buildkit.settings import SettingsError, cache_folder

    with pytest.raises(SettingsError, match="CACHE_PATH: expected the folder"):
        cache_folder({"CACHE_PATH": value}, "catalogue")


def cached_bytes(cache: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (cache / "pages").rglob("*.html")}


def built_once(scenario, tmp_path: Path, theme: str) -> tuple[Path, Path, Path, dict[str, bytes]]:
    """The base site built with a cache: its content, cache folder, output and the cached pages' bytes."""
    content = scenario("base")
    cache = tmp_path / "cache" / "catalogue"  # the catalogue stage's folder under CACHE_PATH
    out = build_site(content, tmp_path / "out", CACHE_PATH=str(cache.parent), THEME=theme)
    return content, cache, out, cached_bytes(cache)


def test_publishing_minifies_the_pages_and_leaves_the_cache_as_it_was(scenario, tmp_path: Path, theme: str) -> None:
    from publish.assets import minify

    _content, cache, out, stored = built_once(scenario, tmp_path, theme)
    page = out / "produk" / "kain-contoh" / "index.html"
    before = page.read_bytes()
    assert before in stored.values()  # the output's page is the cached one
    assert minify(out) > 0
    assert len(page.read_bytes()) < len(before)
    assert cached_bytes(cache) == stored


def test_a_build_over_an_earlier_one_leaves_the_cache_as_it_was(scenario, tmp_path: Path, theme: str) -> None:
    """pelican --autoreload (make serve) writes over the same output: cached pages must not be written into."""
    from pelican import Pelican
    from pelican.settings import read_settings

    content, cache, out, stored = built_once(scenario, tmp_path, theme)
    md = content / "products" / "kain-contoh" / "index.id.md"
    md.write_text(md.read_text(encoding="utf-8").replace("Kain Batik Contoh", "Kain Batik Baru"), encoding="utf-8")
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(out), "CACHE_PATH": str(cache.parent), "THEME": theme})
    Pelican(settings).run()
    assert "Kain Batik Baru" in (out / "produk" / "kain-contoh" / "index.html").read_text(encoding="utf-8")
    after = cached_bytes(cache)
    assert {name: after[name] for name in stored} == stored


def test_pages_no_build_has_shown_for_two_weeks_are_removed(scenario, tmp_path: Path, theme: str) -> None:
    import os
    import time

    content = scenario("base")
    cache = tmp_path / "cache" / "catalogue"  # the catalogue stage's folder under CACHE_PATH
    out = build_site(content, tmp_path / "out1", CACHE_PATH=str(cache.parent), THEME=theme)
    name = cache_names(out, cache)["produk/kain-contoh/index.html"]
    used = cache / "pages" / name[:2] / name
    stale, recent = cache / "pages" / "00" / "stale.html", cache / "pages" / "00" / "recent.html"
    stale.parent.mkdir(exist_ok=True)
    for path, days in ((stale, 15), (recent, 13), (used, 3)):
        if not path.exists():
            path.write_text("<p>an older page</p>", encoding="utf-8")
        # Back in time by whole seconds: the nanoseconds are the kept file's seal (buildkit/store.py).
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - days * 86400 * 10**9))
    (cache / "pages" / ".pruned").unlink(missing_ok=True)  # as if the last walk were long ago
    build_site(content, tmp_path / "out2", CACHE_PATH=str(cache.parent), THEME=theme)
    assert not stale.exists() and recent.exists()
    assert time.time() - used.stat().st_mtime < 3600  # placed again: marked as used
    assert used.stat().st_ino == (out / "produk/kain-contoh/index.html").stat().st_ino  # not made again
    # One walk a day: a page gone stale since is left until tomorrow's.
    os.utime(recent, (time.time() - 15 * 86400,) * 2)
    build_site(content, tmp_path / "out3", CACHE_PATH=str(cache.parent), THEME=theme)
    assert recent.exists()
