"""The precache list knows what pages load and show without reading them all: checked against a full parse of
every page of built sites, and on small hand-made sites for the version and the order within the cap."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import build_site, make_scenario
from kiosk.config import Kiosk, check_settings
from kiosk.precache import collect
from kiosk.shown import Placed, Shown
from test_kiosk_browser import worker_config

LOADING_RELS = {"stylesheet", "icon", "apple-touch-icon", "manifest", "preload", "modulepreload"}


class PageFiles(HTMLParser):
    """A page's files with the standard library's HTML parser: what it loads (scripts, stylesheets, icons,
    manifest), the images a current browser shows (the first <source> of a <picture>, an <img> outside one),
    and the fallbacks of each <picture> only older browsers load."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: set[str] = set()
        self.images: set[str] = set()
        self.fallbacks: set[str] = set()
        self.pictures: list[bool] = []  # per open <picture>: has its first <source> been seen

    @staticmethod
    def urls(value: str | None) -> set[str]:
        return {part.split()[0] for part in (value or "").split(",") if part.strip()}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "picture":
            self.pictures.append(False)
        elif tag == "source" and self.pictures:
            (self.fallbacks if self.pictures[-1] else self.images).update(self.urls(a.get("srcset")))
            self.pictures[-1] = True
        elif tag == "img":
            into = self.fallbacks if self.pictures and self.pictures[-1] else self.images
            into.update(self.urls(a.get("srcset")) | ({a["src"]} if a.get("src") else set()))
        elif tag == "script" and a.get("src"):
            self.loads.add(a["src"])
        elif tag == "link" and a.get("href") and LOADING_RELS & set((a.get("rel") or "").split()):
            self.loads.add(a["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "picture" and self.pictures:
            self.pictures.pop()


def every_page_files(site: Path) -> tuple[set[str], set[str], set[str]]:
    """(loads, images, fallbacks) of every page the catalogue wrote, as paths from the site root."""
    parser = PageFiles()
    pages = [p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("admin/")]
    assert len(pages) > 10
    for page in pages:
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        parser.reset()

    def local(urls: set[str]) -> set[str]:
        return {urlsplit(u).path.lstrip("/") for u in urls if not urlsplit(u).scheme}

    return local(parser.loads), local(parser.images), local(parser.fallbacks)


def check_listed_like_a_full_parse(site: Path) -> list[str]:
    """Every file a page loads and every image it shows is precached, and nothing else but pages and icons."""
    config = worker_config(site)
    listed = [u for u in config["precache"] if u != "./" and not u.endswith((".html", "/"))]
    loads, images, fallbacks = every_page_files(site)
    icons = {f"{Path(m).parent.as_posix().removeprefix('.')}/{i['src']}".lstrip("/")
             for m in ("manifest.webmanifest", "en/manifest.webmanifest")
             for i in json.loads((site / m).read_text(encoding="utf-8"))["icons"]}
    assert loads and images and fallbacks
    assert not (loads | images) - set(listed), sorted((loads | images) - set(listed))
    assert not set(listed) - loads - images - icons, sorted(set(listed) - loads - images - icons)
    assert not fallbacks & set(listed) - images  # KIOSK_PRECACHE_FALLBACKS is off
    return listed


def test_demo_precache_holds_exactly_what_its_pages_load_and_show(demo_site: Path) -> None:
    listed = check_listed_like_a_full_parse(demo_site)
    # The shell and the page-specific scripts: search page, join form, product share and price buttons.
    for script in ("theme/js/kiosk.js", "theme/js/search.js", "theme/js/share.js", "theme/js/currency.js",
                   "theme/js/submit/form.js", "theme/css/site.css"):
        assert script in listed, script
    assert any(u.startswith("qr/") for u in listed)  # the QR code on each product page
    # Photos in the format a current browser picks, narrowest first.
    photos = [u for u in listed if u.startswith("media/")]
    widths = [int(re.search(r"-(\d+)x\d+-[0-9a-f]+\.\w+$", u).group(1)) for u in photos]
    assert photos and widths == sorted(widths)
    assert {Path(u).suffix for u in photos} == {".avif"}


def test_a_script_only_later_pages_of_a_kind_load_is_precached(tmp_path: Path) -> None:
    # The newest product (listed first) is priced on request: its English page has no approximate price and
    # so no currency.js; the older products' pages do.
    content = make_scenario("price-range-and-on-request", tmp_path)
    on_request = content / "products" / "kain-harga-tanya" / "index.id.md"
    on_request.write_text(on_request.read_text(encoding="utf-8").replace("added: 2026-02-01", "added: 2026-09-01"),
                          encoding="utf-8")
    site = build_site(content, tmp_path / "output")
    newest = (site / "en" / "products" / "kain-harga-tanya" / "index.html").read_text(encoding="utf-8")
    assert "currency.js" not in newest
    products = [u for u in worker_config(site)["precache"] if u.startswith("en/products/") and u.count("/") == 3]
    assert products[0] == "en/products/kain-harga-tanya/" and len(products) == 3  # the first one written
    listed = check_listed_like_a_full_parse(site)
    assert "theme/js/currency.js" in listed


# Small sites made by hand: two pages of one kind, a photo in two formats, the manifests.

PAGE = """<!DOCTYPE html><html><head><link rel="stylesheet" href="/theme/site.css">
<link rel="canonical" href="/{name}/">{extra}</head><body><picture>
<source type="image/avif" srcset="/media/a-240x180-0a.avif 240w, /media/a-480x360-0b.avif 480w">
<img src="/media/a-480x360-0d.jpg" srcset="/media/a-240x180-0c.jpg 240w, /media/a-480x360-0d.jpg 480w"></picture>
</body></html>"""


def small_site(root: Path, second_extra: str = "") -> tuple[list[tuple[str, str, str]], Shown]:
    pages = {"offline.html": "", "en/offline.html": "", "p/one/index.html": "", "p/two/index.html": second_extra}
    for save_as, extra in pages.items():
        (root / save_as).parent.mkdir(parents=True, exist_ok=True)
        (root / save_as).write_text(PAGE.format(name=save_as, extra=extra), encoding="utf-8")
    for manifest in ("manifest.webmanifest", "en/manifest.webmanifest"):
        (root / manifest).write_text(json.dumps({"icons": []}), encoding="utf-8")
    files = {"theme/site.css": 300, "theme/two.js": 200, "media/a-240x180-0a.avif": 1000,
             "media/a-480x360-0b.avif": 3000, "media/a-240x180-0c.jpg": 2000, "media/a-480x360-0d.jpg": 5000}
    for path, size in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(b"x" * size)
    shown = Shown(images=["media/a-480x360-0b.avif", "media/a-240x180-0a.avif"],
                  fallbacks=["media/a-480x360-0d.jpg", "media/a-240x180-0c.jpg"],
                  placed={p: Placed(int(p.split("-")[1].split("x")[0]), s) for p, s in files.items()
                          if p.startswith("media/")})
    written = [("id", "offline", "offline.html"), ("en", "offline", "en/offline.html"),
               ("id", "product", "p/one/index.html"), ("id", "product", "p/two/index.html")]
    return written, shown


def kiosk(**settings: object) -> Kiosk:
    return Kiosk(check_settings(settings))


def test_offline_pages_what_pages_load_other_pages_then_photos_narrowest_first(tmp_path: Path) -> None:
    written, shown = small_site(tmp_path, second_extra='<script src="/theme/two.js" defer></script>')
    plan = collect(tmp_path, written, kiosk(), "", shown)
    assert [u for u, _ in plan.files] == [
        "offline.html", "en/offline.html", "theme/site.css", "p/one/", "p/two/",
        "theme/two.js",  # only the second page of its kind loads it: found when that page is read
        "media/a-240x180-0a.avif", "media/a-480x360-0b.avif"]
    assert plan.bytes == sum(size for _u, size in plan.files) == sum(
        (tmp_path / (u + "index.html" if u.endswith("/") else u)).stat().st_size for u, _ in plan.files)
    with_fallbacks = collect(tmp_path, written, kiosk(KIOSK_PRECACHE_FALLBACKS=True), "", shown)
    assert [u for u, _ in with_fallbacks.files][-2:] == ["media/a-240x180-0c.jpg", "media/a-480x360-0d.jpg"]
    # Room for everything but the widest photo: it is left out, the pages and the narrow photo are kept.
    capped = collect(tmp_path, written, kiosk(KIOSK_PRECACHE_MB=(plan.bytes - 1) / 1e6), "", shown)
    assert [u for u, _ in capped.files] == [u for u, _ in plan.files][:-1]
    assert capped.skipped == ["media/a-480x360-0b.avif"]


def test_files_are_found_under_the_sites_path(tmp_path: Path) -> None:
    written, shown = small_site(tmp_path, second_extra='<script src="/shop/theme/two.js" defer></script>')
    for page in tmp_path.rglob("*.html"):
        page.write_text(page.read_text(encoding="utf-8").replace('"/theme/', '"/shop/theme/'), encoding="utf-8")
    plan = collect(tmp_path, written, kiosk(), "https://example.org/shop", shown)
    assert "theme/two.js" in dict(plan.files) and "theme/site.css" in dict(plan.files)


@pytest.mark.parametrize("change", ["page", "script"])
def test_the_version_changes_whenever_a_precached_file_does(tmp_path: Path, change: str) -> None:
    written, shown = small_site(tmp_path, second_extra='<script src="/theme/two.js" defer></script>')
    before = collect(tmp_path, written, kiosk(), "", shown).version
    assert collect(tmp_path, written, kiosk(), "", shown).version == before
    target = tmp_path / ("p/two/index.html" if change == "page" else "theme/two.js")
    data = target.read_bytes()
    target.write_bytes(data.replace(b"x", b"y", 1) if change == "script" else data.replace(b"<body>", b"<BODY>"))
    assert target.stat().st_size == len(data)  # same size: only the bytes tell
    assert collect(tmp_path, written, kiosk(), "", shown).version != before


def test_the_version_changes_with_a_photo_derivative(tmp_path: Path) -> None:
    written, shown = small_site(tmp_path)
    before = collect(tmp_path, written, kiosk(), "", shown).version
    # A new photo is a new name (its digest) and size: the list, and so the version, changes.
    shown.images[0] = "media/a-480x360-0e.avif"
    shown.placed["media/a-480x360-0e.avif"] = Placed(480, 2900)
    (tmp_path / "media/a-480x360-0e.avif").write_bytes(b"z" * 2900)
    assert collect(tmp_path, written, kiosk(), "", shown).version != before


def test_the_stylesheet_is_kept_when_the_pages_alone_pass_the_cap(tmp_path: Path) -> None:
    written, shown = small_site(tmp_path)
    offline = sum((tmp_path / name).stat().st_size for name in ("offline.html", "en/offline.html"))
    plan = collect(tmp_path, written, kiosk(KIOSK_PRECACHE_MB=(offline + 300) / 1e6), "", shown)
    assert [u for u, _ in plan.files] == ["offline.html", "en/offline.html", "theme/site.css"]
    assert "p/one/" in plan.skipped and "p/two/" in plan.skipped


def test_icons_are_drawn_once_per_colour_then_placed_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    from kiosk import icons
    from PIL import Image

    cache = tmp_path / "cache"

    def written(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.png")}

    kiosk = Kiosk(check_settings({}))
    icons.write_icons(tmp_path / "one", kiosk, cache)
    made = written(tmp_path / "one")
    assert len(made) == 2 * len(icons.ICON_SIZES) + 1
    assert Image.open(tmp_path / "one" / kiosk.apple_touch_icon).mode == "RGB"  # opaque for Apple's home screen
    drawn: list[tuple] = []
    draw = icons.draw_icon
    monkeypatch.setattr(icons, "draw_icon", lambda *a, **k: drawn.append(a) or draw(*a, **k))
    icons.write_icons(tmp_path / "two", kiosk, cache)
    assert drawn == [] and written(tmp_path / "two") == made
    icons.write_icons(tmp_path / "three", Kiosk(check_settings({"KIOSK_THEME_COLOR": "#204060"})), cache)
    assert len(drawn) == len(made)  # another colour: every icon drawn again
    assert set(written(tmp_path / "three").values()).isdisjoint(made.values())


def test_the_photos_pages_show_are_listed_while_the_pages_are_rendered(tmp_path: Path, monkeypatch) -> None:
    """kiosk.list_photos lists them when the pages start rendering; write_worker, after the last page, does not
    list them again (kiosk.shown.photos is what shown_by would call)."""
    import kiosk.shown

    def listed_after_the_pages(*_args, **_kwargs):
        raise AssertionError("the photos were listed after the last page was written")

    monkeypatch.setattr(kiosk.shown, "photos", listed_after_the_pages)
    site = build_site(make_scenario("base", tmp_path / "content"), tmp_path / "out")
    precache = worker_config(site)["precache"]
    assert any(u.startswith("media/products/") for u in precache)  # the product's photos, listed all the same
