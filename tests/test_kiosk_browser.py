"""Kiosk mode in a real browser: after one visit the service worker holds the catalogue, and with the network
gone the home page, product pages with their photos, and the offline page for anything else still open."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import ROOT, build_site, make_scenario, serve
from expected import Tree
from playwright.sync_api import Browser, Page

DEMO = Tree(ROOT / "content")


def worker_config(site: Path) -> dict:
    source = (site / "sw.js").read_text(encoding="utf-8")
    match = re.search(r"\bCONFIG\s*=\s*", source)  # also in the minified worker of a publish build
    assert match, "sw.js has no CONFIG"
    config, _end = json.JSONDecoder().raw_decode(source, match.end())
    # Entries are "./<path from the site root>"; the home page is "./".
    config["precache"] = [u.removeprefix("./") or "./" for u in config["precache"]]
    return config


@pytest.fixture
def kiosk_url(demo_site: Path) -> Iterator[str]:
    # A server of its own: the service worker and its caches belong to this origin only.
    yield from serve(demo_site)


def visible_images_loaded(page: Page) -> list[tuple[str, int]]:
    """Scroll every photo the page shows into view, wait for it, and return (src, naturalWidth) of each; the
    gallery's photos other than the one it shows are hidden until a thumbnail asks for them."""
    images = page.locator("main img:visible")
    out = []
    for i in range(images.count()):
        image = images.nth(i)
        image.scroll_into_view_if_needed()
        page.wait_for_function("(img) => img.complete", arg=image.element_handle(), timeout=10_000)
        out.append((image.evaluate("img => img.currentSrc"), image.evaluate("img => img.naturalWidth")))
    return out


@pytest.mark.browser
def test_catalogue_stays_available_offline_after_one_visit(browser: Browser, demo_site: Path, kiosk_url: str) -> None:
    config = worker_config(demo_site)
    assert config["bytes"] <= 40_000_000  # the default cap, KIOSK_PRECACHE_MB
    context = browser.new_context(base_url=kiosk_url, viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.goto("/")
    page.wait_for_selector("html[data-kiosk=ready]", timeout=120_000)
    # The worker is active only once its install (the precache) has finished; it then controls the page.
    status = page.evaluate("""async () => {
        const names = await caches.keys();
        const precache = names.find((n) => n.startsWith("kriya-precache-"));
        const keys = precache ? await (await caches.open(precache)).keys() : [];
        const reg = await navigator.serviceWorker.getRegistration();
        return {names, cached: keys.map((r) => new URL(r.url).pathname), scope: reg.scope,
                active: reg.active && reg.active.state};
    }""")
    assert status["active"] == "activated"
    assert status["scope"] == kiosk_url + "/"
    assert f"kriya-precache-{config['version']}" in status["names"]
    expected = {"/" + (u if u != "./" else "") for u in config["precache"]}
    # … and the search index, from the list the search plugin writes beside it (tests/test_kiosk_search.py).
    listing = json.loads((demo_site / config["search"]["list"]).read_text(encoding="utf-8"))
    folder = "/" + config["search"]["list"].removeprefix("./").rsplit("/", 1)[0] + "/"
    expected |= {folder + path for path, _size in listing["files"]}
    assert set(status["cached"]) == expected
    page.reload()
    assert page.evaluate("() => !!navigator.serviceWorker.controller")

    context.set_offline(True)
    page.goto("/")
    assert page.locator("main h1, main h2").first.is_visible()
    assert page.evaluate("() => navigator.onLine") is False

    # A product page never visited, in English, opened from a QR code (campaign parameters included).
    slug = DEMO.products[len(DEMO.products) // 2]
    page.goto(f"/en/products/{slug}/?utm_source=exhibition&utm_campaign=booth")
    assert page.locator("h1").inner_text() == DEMO.product(slug, "en")["title"]
    loaded = visible_images_loaded(page)
    assert loaded, "no photos on the product page"
    assert all(width > 0 for _src, width in loaded), loaded

    # The products grid, with its cards' photos.
    page.goto("/produk/")
    loaded = visible_images_loaded(page)
    assert len(loaded) >= 2 and all(width > 0 for _src, width in loaded), loaded

    # Anything not cached: the offline page of that language, not a browser error page.
    for url, lang, offline in (("/belum-ada/", "id", "/offline.html"), ("/en/not-here/", "en", "/en/offline.html")):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("link[rel=canonical]").get_attribute("href") == offline
        assert page.locator("meta[name=robots]").get_attribute("content") == "noindex"
    context.close()


def test_precache_lists_every_page_and_stays_within_the_cap(demo_site: Path) -> None:
    config = worker_config(demo_site)
    listed = set(config["precache"])
    pages = [p.relative_to(demo_site).as_posix() for p in demo_site.rglob("index.html")]
    catalogue_pages = [p for p in pages if not p.startswith(("admin/", "media/", "theme/"))]
    for rel in catalogue_pages:
        url = rel.removesuffix("index.html") or "./"
        assert url in listed, url
    assert {"offline.html", "en/offline.html"} <= listed
    sizes = sum((demo_site / (u + "index.html" if u.endswith("/") and u != "./" else
                              ("index.html" if u == "./" else u))).stat().st_size for u in listed)
    assert sizes == config["bytes"] <= 40_000_000
    # Photos the pages show are listed in the format a current browser picks (the first <source>).
    assert any(u.startswith("media/") for u in listed)


def test_manifest_and_icons_make_the_site_installable(demo_site: Path) -> None:
    from PIL import Image

    for manifest_path, start in (("manifest.webmanifest", "/"), ("en/manifest.webmanifest", "/en/")):
        manifest = json.loads((demo_site / manifest_path).read_text(encoding="utf-8"))
        assert manifest["name"] and manifest["display"] == "standalone"
        folder = (demo_site / manifest_path).parent
        here = f"https://example.org/{manifest_path}"
        assert urlsplit(urljoin(here, manifest["start_url"])).path == start
        assert urlsplit(urljoin(here, manifest["scope"])).path == "/"  # both languages, like the worker
        sizes = set()
        for icon in manifest["icons"]:
            with Image.open(folder / icon["src"]) as im:
                assert icon["sizes"] == f"{im.width}x{im.height}" and im.format == "PNG"
                sizes.add(im.width)
        assert {192, 512} <= sizes
        assert any(i["purpose"] == "maskable" for i in manifest["icons"])


def test_a_small_cap_keeps_pages_first_and_leaves_photos_to_load_on_demand(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    content = make_scenario("base", tmp_path)
    full = worker_config(build_site(content, tmp_path / "full"))
    pages_and_files = [u for u in full["precache"] if not u.startswith("media/")]
    photos = [u for u in full["precache"] if u.startswith("media/")]
    assert photos and full["precache"][: len(pages_and_files)] == pages_and_files  # photos come last
    site = tmp_path / "full"
    size = {u: (site / ("index.html" if u == "./" else u + "index.html" if u.endswith("/") else u)).stat().st_size
            for u in full["precache"]}
    # Room for every page and file, and the narrowest photo plus a little: not for all the photos.
    cap_bytes = sum(size[u] for u in pages_and_files) + size[photos[0]] + 1_000
    assert cap_bytes < full["bytes"]
    caplog.clear()
    capped_site = build_site(content, tmp_path / "capped", KIOSK_PRECACHE_MB=cap_bytes / 1e6)
    capped = worker_config(capped_site)
    assert capped["bytes"] <= cap_bytes
    assert set(pages_and_files) <= set(capped["precache"])
    assert 0 < len([u for u in capped["precache"] if u.startswith("media/")]) < len(photos)
    logged = [r.getMessage() for r in caplog.records if "KIOSK_PRECACHE_MB" in r.getMessage()]
    assert logged and "left to load on demand" in logged[-1]


def test_publish_build_precaches_the_renamed_theme_files(tmp_path: Path) -> None:
    content = make_scenario("base", tmp_path)
    site = build_site(content, tmp_path / "output", settings=ROOT / "publishconf.py")
    config = worker_config(site)
    files = [u for u in config["precache"] if not u.endswith("/")]
    assert all((site / u).is_file() for u in files), [u for u in files if not (site / u).is_file()]
    stylesheets = [u for u in files if u.startswith("theme/css/") and u.endswith(".css")]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert stylesheets and all(f"/{u}" in home for u in stylesheets)
