"""The catalogue's face in Chromium: its own typeface from its own origin, the home page's photos, category intros."""

from __future__ import annotations

import functools
import re
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT
from expected import Tree, data
from htmlpage import parse
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
FAMILY = "Plus Jakarta Sans"


def rendered_fonts(page: Page, selector: str) -> list[dict]:
    """The fonts Chromium really drew ``selector``'s text with (DevTools' "Rendered Fonts"), not the CSS stack."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, f"no {selector} on {page.url}"
        return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()


class _CachingHandler(SimpleHTTPRequestHandler):
    """Serves the built site with the long caching that publish's _headers gives fingerprinted fonts and CSS."""

    served: list[str] = []  # the paths asked for, in order: what reached the server, not the browser's cache

    def end_headers(self) -> None:
        self.served.append(self.path)
        if self.path.endswith((".woff2", ".css")):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001 - the stdlib's signature
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser dropping a connection is not an error
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def cached_site(demo_site: Path) -> Iterator[str]:
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_CachingHandler, directory=str(demo_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1280"])
@pytest.mark.parametrize(("first", "then"), [("/", "/en/"), ("/en/", "/kategori/batik/")])
def test_the_typeface_comes_from_the_site_itself_and_is_drawn(browser: Browser, cached_site: str, first: str,
                                                              then: str, viewport: dict) -> None:
    """font-display: optional draws the font on a page whose font is at hand within ~0.1 s (preloaded, or cached from
    the page before); a slower first download leaves that one page in the system font rather than shift it. So the
    first page of a visit must fetch and load it from this origin, and the next page must draw it. (The kiosk's
    service worker, which downloads the font once more for its own cache, is kept out of the count.)"""
    context = browser.new_context(viewport=viewport, service_workers="block")
    _CachingHandler.served.clear()
    try:
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(cached_site + first, wait_until="load")
        page.evaluate("document.fonts.ready")
        assert page.evaluate(f"document.fonts.check('700 1rem \"{FAMILY}\"')"), f"{first}: the font did not load"
        page.goto(cached_site + then, wait_until="load")
        page.evaluate("document.fonts.ready")
        origin = urlsplit(cached_site).netloc
        elsewhere = [u for u in requested
                     if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != origin]
        assert not elsewhere, f"requests that leave {origin}: {elsewhere}"
        fonts = {urlsplit(u).path for u in requested if urlsplit(u).path.endswith(".woff2")}
        assert len(fonts) == 1, f"expected the one preloaded font file, got {fonts}"
        downloads = [path for path in _CachingHandler.served if path in fonts]
        assert len(downloads) == 1, f"the font was downloaded {len(downloads)} times for two pages"
        for selector in ("h1", "main p", ".site-header nav a"):
            drawn = rendered_fonts(page, selector)
            assert drawn and drawn[0]["familyName"] == FAMILY and drawn[0]["isCustomFont"], (
                f"{then} {selector} is drawn with {drawn}, not the site's {FAMILY}")
    finally:
        context.close()


LOADED = "img => img.complete && img.naturalWidth > 0"


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1280"])
def test_home_opens_with_a_loaded_craft_photo_and_shows_every_craft_with_its_photo(browser: Browser, site_url: str,
                                                                                   viewport: dict) -> None:
    crafts = yaml.safe_load((ROOT / "content" / "data" / "categories.yml").read_text(encoding="utf-8"))
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(site_url + "/", wait_until="load")
        hero = page.locator(".hero .feature-photo img")
        expect(hero).to_be_visible()
        box = hero.bounding_box()
        assert box and box["y"] < viewport["height"] and box["width"] >= viewport["width"] * 0.4, (
            f"the large photo is not in the first view at {viewport}: {box}")
        page.wait_for_function(LOADED, arg=hero.element_handle(), timeout=5000)
        # The large photo alone is fetched at once; every other photo waits until it nears the screen.
        eager = page.evaluate("[...document.images].filter(i => i.loading !== 'lazy').map(i => i.currentSrc)")
        assert eager == [hero.evaluate("i => i.currentSrc")], f"photos fetched without loading=lazy: {eager}"
        assert hero.get_attribute("fetchpriority") == "high"

        featured = page.locator("section[aria-labelledby=featured-heading] li.card")
        assert featured.count() >= 4
        tiles = page.locator("section[aria-labelledby=crafts-heading] .tiles > li")
        assert tiles.count() == len(crafts), f"{tiles.count()} craft tiles for {len(crafts)} crafts"
        for i in range(tiles.count()):
            tile = tiles.nth(i)
            tile.scroll_into_view_if_needed()
            photo = tile.locator("img")
            assert photo.count() == 1, f"craft tile {tile.inner_text()!r} has no photo"
            page.wait_for_function(LOADED, arg=photo.element_handle(), timeout=5000)
        names = {c["name"]["id"] for c in crafts.values()}
        shown = {t.locator("strong").inner_text() for t in tiles.all()}
        assert shown == names

        regions = page.locator("section[aria-labelledby=regions-heading]")
        assert regions.locator(".chips a").count() >= 1
        assert regions.locator("a[href$='/wilayah/']").count() >= 1, "no link to the region map"
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1280"])
def test_each_craft_page_opens_with_its_introduction_in_the_page_language_and_a_photo(browser: Browser, site_url: str,
                                                                                      viewport: dict) -> None:
    crafts = yaml.safe_load((ROOT / "content" / "data" / "categories.yml").read_text(encoding="utf-8"))
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        for key, craft in crafts.items():
            for lang, path in (("id", f"/kategori/{key}/"), ("en", f"/en/categories/{key}/")):
                page.goto(site_url + path, wait_until="load")
                intro = page.locator(".category-intro__lead")
                expect(intro).to_have_text(craft["intro"][lang].strip())
                expect(intro).to_be_in_viewport()
                other = "en" if lang == "id" else "id"
                assert craft["intro"][other].strip()[:40] not in page.locator("main").inner_text(), (
                    f"{path} shows the {other} introduction too")
                photo = page.locator(".category-intro .feature-photo img")
                expect(photo).to_be_visible()
                page.wait_for_function(LOADED, arg=photo.element_handle(), timeout=5000)
                assert photo.get_attribute("fetchpriority") == "high"
                cards = page.locator("main ul.grid > li.card")
                assert cards.count() >= 1
                assert cards.first.locator("img").get_attribute("loading") == "lazy"
    finally:
        context.close()


DEMO = Tree(ROOT / "content")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1280"])
def test_an_artisan_page_shows_their_photo_place_crafts_shops_and_every_product(browser: Browser, site_url: str,
                                                                               viewport: dict) -> None:
    products = {slug: DEMO.product(slug) for slug in DEMO.products}
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        for slug in DEMO.artisans:
            facts = DEMO.artisan(slug)
            page.goto(f"{site_url}/en/artisans/{slug}/", wait_until="load")
            expect(page.locator("h1")).to_have_text(facts["name"])
            photo = page.locator(".artisan__photo img")
            if facts.get("photo"):
                expect(photo).to_be_in_viewport()
                page.wait_for_function(LOADED, arg=photo.element_handle(), timeout=5000)
            header = page.locator(".artisan__header")
            region = data(ROOT / "content", "regions")[facts["region"]]
            expect(header.locator(f"a[href$='/en/regions/{facts['region']}/']")).to_have_text(region["name"]["en"])
            crafts = header.locator(".artisan__crafts a")
            assert [urlsplit(a.get_attribute("href") or "").path for a in crafts.all()] == [
                f"/en/categories/{c}/" for c in facts["crafts"]]
            shops = header.locator("ul.storefronts a")
            assert shops.count() == len(facts.get("storefronts") or []) + bool(facts.get("whatsapp"))
            theirs = sorted(s for s, p in products.items() if p["artisan"] == slug)
            cards = page.locator("section[aria-labelledby=products-heading] li.card > a")
            assert sorted(urlsplit(a.get_attribute("href") or "").path.split("/")[-2] for a in cards.all()) == theirs
    finally:
        context.close()


def test_the_artisans_directory_shows_every_artisan_as_a_card_with_a_photo(page: Page, site_url: str) -> None:
    page.goto(site_url + "/perajin/", wait_until="load")
    cards = page.locator(".artisan-grid > li.artisan-card")
    assert cards.count() == len(DEMO.artisans)
    for i in range(cards.count()):
        card = cards.nth(i)
        slug = urlsplit(card.locator("a").get_attribute("href") or "").path.split("/")[-2]
        facts = DEMO.artisan(slug)
        expect(card.locator(".artisan-card__name")).to_have_text(facts["name"])
        if facts.get("photo"):
            card.scroll_into_view_if_needed()
            page.wait_for_function(LOADED, arg=card.locator("img").element_handle(), timeout=5000)


@pytest.mark.parametrize(("path", "other", "join"), [("/kategori/batik/", "/en/categories/batik/", "/gabung/"),
                                                     ("/en/categories/batik/", "/kategori/batik/", "/en/join/")])
def test_the_footer_offers_about_joining_the_other_language_and_the_councils_contact(page: Page, site_url: str,
                                                                                      path: str, other: str,
                                                                                      join: str) -> None:
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    page.goto(site_url + path, wait_until="load")
    footer = page.locator("footer.site-footer")
    hrefs = [urlsplit(a.get_attribute("href") or "").path or a.get_attribute("href") for a in footer.locator("a").all()]
    lang = "en" if path.startswith("/en/") else "id"
    about = DEMO.page_slugs()["about"][lang]
    assert ("/en/" if lang == "en" else "/") + f"{about}/" in hrefs, hrefs
    assert join in hrefs, hrefs
    assert other in hrefs, f"the footer's language link does not lead to this page in the other language: {hrefs}"
    mail = footer.locator("a[href^='mailto:']")
    assert mail.count() == 1 and (mail.get_attribute("href") or "").removeprefix("mailto:") in settings
    assert footer.locator("a[href^='https://wa.me/62']").count() == 1
    footer.locator(f"a[href$='{other}']").click()
    page.wait_for_url(site_url + other)


@pytest.mark.parametrize("scripts", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize(("path", "name"), [("/", "Cari di katalog"), ("/en/", "Search the catalogue")])
def test_on_a_phone_the_header_is_compact_and_the_home_page_has_one_search_box(browser: Browser, site_url: str,
                                                                               path: str, name: str,
                                                                               scripts: bool) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=scripts, service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        header = page.locator("header.site-header")
        box = header.bounding_box()
        assert box is not None and box["height"] <= 100, f"the phone header is {box} tall"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # One box to type in: the hero's. The header's keeps its name for wider screens, and leads to the search
        # page from a button of the same name here.
        boxes = page.get_by_role("searchbox")
        expect(boxes).to_have_count(1)
        assert boxes.first.get_attribute("id") == "hero-q"
        expect(header.get_by_role("searchbox", name=name, exact=True)).to_have_count(0)
        assert header.locator("input[type=search]").get_attribute("id") == "site-search-q"
        link = header.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        link.click()
        page.wait_for_url("**/" + ("en/search/" if path == "/en/" else "cari/"))
        expect(page.get_by_role("searchbox")).to_have_count(1)
    finally:
        context.close()


@pytest.mark.parametrize(("path", "name", "other"), [("/", "Cari di katalog", "/produk/"),
                                                    ("/en/", "Search the catalogue", "/en/products/")])
def test_on_a_laptop_the_home_page_has_one_search_box_and_other_pages_the_headers(browser: Browser, site_url: str,
                                                                                  path: str, name: str,
                                                                                  other: str) -> None:
    context = browser.new_context(viewport=LAPTOP, service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        header = page.locator("header.site-header")
        boxes = page.get_by_role("searchbox")
        expect(boxes).to_have_count(1)
        hero = page.get_by_role("searchbox", name=name, exact=True)
        expect(hero).to_be_visible()
        assert hero.get_attribute("id") == "hero-q"
        expect(header.locator("input[type=search]")).to_be_hidden()
        expect(header.get_by_role("link", name=name, exact=True)).to_be_hidden()
        # The header keeps its one row: brand and sections at the left, the language at the right edge.
        brand, lang = header.locator(".brand").bounding_box(), header.locator(".lang-switch").bounding_box()
        assert brand and lang and abs(lang["y"] - brand["y"]) < brand["height"]
        assert lang["x"] + lang["width"] > LAPTOP["width"] - (LAPTOP["width"] - 70 * 16) / 2 - 2
        hero.fill("batik")
        hero.press("Enter")
        page.wait_for_url(re.compile(r"[?&]q=batik"))
        # The search page it leads to has one box too, its own, holding the words.
        expect(page.get_by_role("searchbox")).to_have_count(1)
        expect(header.locator("input[type=search]")).to_be_hidden()
        assert page.get_by_role("searchbox").input_value() == "batik"
        # Elsewhere the header's box is the one, named and with words that say what to type.
        page.goto(site_url + other, wait_until="load")
        expect(page.get_by_role("searchbox")).to_have_count(1)
        box = header.get_by_role("searchbox", name=name, exact=True)
        expect(box).to_be_visible()
        assert (box.get_attribute("placeholder") or "").strip()
    finally:
        context.close()


def _contrast(fg: tuple[float, ...], bg: tuple[float, ...]) -> float:
    def lum(rgb: tuple[float, ...]) -> float:
        c = [v / 255 for v in rgb[:3]]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    high, low = sorted((lum(fg), lum(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _colours(css: str) -> list[tuple[float, ...]]:
    return [tuple(float(n) for n in m.split(",")[:3]) for m in re.findall(r"rgba?\(([^)]*)\)", css)]


BUTTON_LOOK = """(a) => { const s = getComputedStyle(a);
  return {bg: s.backgroundColor, image: s.backgroundImage, fg: s.color, icon: a.querySelectorAll("svg").length,
          cls: a.className, platform: a.dataset.platform || "", text: a.textContent.trim()}; }"""


def test_each_kind_of_storefront_has_a_look_of_its_own_and_readable_text(browser: Browser, site_url: str) -> None:
    """A marketplace, a chat with the artisan (WhatsApp) and a social profile (Instagram, Facebook) never share a
    colour, each has an icon, and its text has a contrast of at least 4.5:1 on every colour behind it."""
    kinds = {key: p.get("kind", "marketplace") for key, p in DEMO.platforms.items()}
    pages: dict[str, str] = {}  # platform → a page that shows its button
    for slug in DEMO.products:
        for shop in DEMO.product(slug).get("storefronts") or []:
            pages.setdefault(shop["platform"], f"/produk/{slug}/")
    for slug in DEMO.artisans:
        for shop in DEMO.artisan(slug).get("storefronts") or []:
            pages.setdefault(shop["platform"], f"/perajin/{slug}/")
    assert {"tokopedia", "instagram", "facebook"} <= set(pages)
    context = browser.new_context(viewport=LAPTOP)
    looks: dict[str, set[str]] = {}
    try:
        page = context.new_page()
        for path in sorted(set(pages.values())):
            page.goto(site_url + path, wait_until="load")
            for link in page.locator("main ul.storefronts a").all():
                look = link.evaluate(BUTTON_LOOK)
                kind = "ask" if "button--whatsapp" in look["cls"].split() else kinds[look["platform"]]
                assert look["icon"] == 1, f"{path}: {look['text']} has no icon"
                backgrounds = _colours(look["bg"]) + _colours(look["image"])
                for bg in backgrounds:
                    ratio = _contrast(_colours(look["fg"])[0], bg)
                    assert ratio >= 4.5, f"{path}: {look['text']}: contrast {ratio:.2f} on {bg}"
                looks.setdefault("instagram" if look["platform"] == "instagram" else kind, set()).add(look["bg"])
    finally:
        context.close()
    groups = {k: v for k, v in looks.items() if k != "chat"}
    assert {"marketplace", "ask", "social", "instagram"} <= set(groups), groups
    assert all(len(v) == 1 for v in groups.values()), groups  # every marketplace alike: Tokopedia is not WhatsApp
    colours = [next(iter(v)) for v in groups.values()]
    assert len(set(colours)) == len(colours), groups



def test_each_tag_page_says_how_many_products_it_lists(demo_site: Path) -> None:
    tagged: dict[str, int] = {}
    for slug in DEMO.products:
        for tag in DEMO.product(slug).get("tags") or []:
            tagged[tag] = tagged.get(tag, 0) + 1
    assert tagged
    for tag, count in tagged.items():
        for page, word in ((demo_site / "tag" / tag / "index.html", "produk"),
                           (demo_site / "en" / "tags" / tag / "index.html", "product" if count == 1 else "products")):
            main = parse(page).find("main")
            assert main.find("p", class_="tag-count").text == f"{count} {word}", page
            assert len(main.find_all("li", class_="card")) == count, page
