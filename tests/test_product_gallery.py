"""The product page in Chromium: the gallery (thumbnails, keys, swipe, no layout shift, a plain list without
JavaScript) on a small site built from tests/fixtures/gallery (one product with four photos, upright and landscape,
one with a single photo)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import build_site, make_scenario, serve
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

MANY = "/produk/kain-contoh/"  # four photos
ONE = "/produk/kain-satu-foto/"
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SHIFTS = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__shift += e.value;
}).observe({type: "layout-shift", buffered: true});
"""
MAIN = ".gallery__photo:not([hidden]) img"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gallery")
    return build_site(make_scenario("gallery", folder), folder / "output")


@pytest.fixture(scope="module")
def url(site: Path) -> Iterator[str]:
    yield from serve(site)


def photo_files(site: Path, path: str) -> list[str]:
    """The fallback file of each photo in the page's list, in order: what identifies a photo below."""
    html = (site / path.strip("/") / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<li class="gallery__photo"[^>]*>.*?<img src="([^"]+)"', html, re.S)


def stem(src: str) -> str:
    """``…/demo-detail-720x960-1c566f83d5.avif`` → ``demo-detail``: the photo whichever size or format was picked."""
    return re.sub(r"-\d+x\d+-[0-9a-f]+\.\w+$", "", src.rsplit("/", 1)[-1])


def open_page(browser: Browser, url: str, path: str, **options: object) -> tuple[BrowserContext, Page]:
    context = browser.new_context(**{"viewport": LAPTOP, **options})
    context.add_init_script(SHIFTS)
    page = context.new_page()
    page.goto(url + path, wait_until="load")
    return context, page


def ready(page: Page) -> None:
    page.wait_for_selector("[data-gallery-photos][data-ready]", state="attached")


def main_photo(page: Page) -> str:
    main = page.locator(MAIN)
    expect(main).to_have_count(1)
    page.wait_for_function("(img) => img.complete && img.currentSrc", arg=main.element_handle())
    return stem(main.evaluate("img => img.currentSrc"))


def test_thumbnails_enter_and_arrow_keys_change_the_main_photo(browser: Browser, url: str, site: Path) -> None:
    photos = [stem(src) for src in photo_files(site, MANY)]
    assert len(photos) == 4 and len(set(photos)) == 4
    context, page = open_page(browser, url, MANY)
    try:
        ready(page)
        assert main_photo(page) == photos[0]
        thumbs = page.locator("a.gallery__thumb")
        expect(thumbs).to_have_count(4)
        for i, thumb in enumerate(thumbs.all()):  # each has a name of its own, in the page's language
            expect(thumb).to_have_accessible_name(f"Tampilkan foto {i + 1} dari 4")
        expect(thumbs.nth(0)).to_have_attribute("aria-current", "true")

        thumbs.nth(1).focus()
        page.keyboard.press("Enter")
        assert main_photo(page) == photos[1]
        expect(thumbs.nth(1)).to_have_attribute("aria-current", "true")
        expect(thumbs.nth(0)).not_to_have_attribute("aria-current", "true")

        page.keyboard.press("ArrowRight")
        assert main_photo(page) == photos[2]
        expect(thumbs.nth(2)).to_be_focused()
        # focus is drawn: the focused thumbnail has an outline the unfocused ones don't
        assert thumbs.nth(2).evaluate("b => getComputedStyle(b).outlineStyle") != "none"
        assert thumbs.nth(0).evaluate("b => getComputedStyle(b).outlineStyle") == "none"

        page.keyboard.press("ArrowLeft")
        assert main_photo(page) == photos[1]
        page.keyboard.press("End")
        assert main_photo(page) == photos[3]
        page.keyboard.press("ArrowRight")  # past the last: back to the first
        assert main_photo(page) == photos[0]
        expect(thumbs.nth(0)).to_be_focused()

        thumbs.nth(3).click()
        assert main_photo(page) == photos[3]
        assert "#" not in page.url  # the page shows the photo; it does not jump to it
        # One photo at a time in the accessibility tree: the others are hidden, not only moved away.
        expect(page.locator(".gallery__photo img")).to_have_count(4)
        expect(page.get_by_role("img", name=re.compile("^(Kain dibentangkan|Detail motif|Kain dilipat)$"))) \
            .to_have_count(0)
        expect(page.get_by_role("img", name="Tekstur kain")).to_have_count(1)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_changing_photos_moves_nothing_on_the_page(browser: Browser, url: str, viewport: dict) -> None:
    context, page = open_page(browser, url, MANY, viewport=viewport)
    try:
        ready(page)
        main_photo(page)
        boxes = """() => ['.gallery__photos', 'h1'].map((s) => {
            const r = document.querySelector(s).getBoundingClientRect();  // in the page, wherever it is scrolled
            return [r.left + scrollX, r.top + scrollY, r.width, r.height];
        })"""
        before = page.evaluate(boxes)
        assert page.evaluate("window.__shift") == 0  # nor did the page move while it loaded
        thumbs = page.locator("a.gallery__thumb")
        for i in (1, 2, 3, 0):  # upright and landscape photos, each in the same frame
            thumbs.nth(i).click()
            main_photo(page)
            page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
            assert page.evaluate(boxes) == before, f"photo {i + 1}"
        # Shifts right after a click count as expected by the browser: the frame's box is the measure here, and
        # no shift may have happened apart from input.
        shifts = page.evaluate("""() => performance.getEntriesByType('layout-shift')
                                 .filter((e) => !e.hadRecentInput).length""")
        assert shifts == 0
    finally:
        context.close()


def test_a_swipe_on_the_photo_shows_the_next_and_the_previous(browser: Browser, url: str, site: Path) -> None:
    photos = [stem(src) for src in photo_files(site, MANY)]
    context, page = open_page(browser, url, MANY, viewport=PHONE, has_touch=True, is_mobile=True,
                              device_scale_factor=3)
    try:
        ready(page)
        box = page.locator(".gallery__photos").bounding_box()
        assert box
        cdp = context.new_cdp_session(page)
        y = box["y"] + box["height"] / 2

        def swipe(x0: float, x1: float) -> None:
            steps = [x0 + (x1 - x0) * k / 6 for k in range(7)]
            cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": steps[0], "y": y}]})
            for x in steps[1:]:
                cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
            cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

        left, right = box["x"] + box["width"] * 0.85, box["x"] + box["width"] * 0.15
        swipe(left, right)
        assert main_photo(page) == photos[1]
        swipe(left, right)
        assert main_photo(page) == photos[2]
        swipe(right, left)
        assert main_photo(page) == photos[1]
        assert page.evaluate("window.scrollX") == 0  # the swipe moved the photo, not the page
    finally:
        context.close()


def test_without_javascript_every_photo_is_a_plain_list(browser: Browser, url: str, site: Path) -> None:
    photos = [stem(src) for src in photo_files(site, MANY)]
    context, page = open_page(browser, url, MANY, java_script_enabled=False)
    try:
        images = page.locator(".gallery__photos > li img")
        expect(images).to_have_count(4)
        shown = []
        for image in images.all():
            image.scroll_into_view_if_needed()
            expect(image).to_be_visible()
            page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle())
            box = image.bounding_box()
            assert box and box["width"] > 300 and box["height"] > 200
            shown.append(stem(image.evaluate("img => img.currentSrc")))
        assert shown == photos
        # one under the other, none on top of another
        tops = [i.bounding_box()["y"] for i in images.all()]  # type: ignore[index]
        assert tops == sorted(tops) and len(set(tops)) == 4
        expect(page.locator(".gallery__thumbs")).to_be_hidden()
        expect(page.get_by_role("link", name=re.compile("Tampilkan foto"))).to_have_count(0)
    finally:
        context.close()


def test_the_main_photo_loads_first_and_the_others_wait_until_shown(browser: Browser, url: str, site: Path) -> None:
    html = (site / MANY.strip("/") / "index.html").read_text(encoding="utf-8")
    imgs = re.findall(r"<img [^>]*>", html[html.index('class="gallery__photos"'):html.index('class="gallery__thumbs"')])
    assert len(imgs) == 4
    assert 'fetchpriority="high"' in imgs[0] and "loading=" not in imgs[0]
    assert all('loading="lazy"' in i for i in imgs[1:])
    assert all(re.search(r'width="\d+" height="\d+"', i) for i in imgs)
    context, page = open_page(browser, url, MANY)
    try:
        ready(page)
        page.wait_for_load_state("networkidle")
        fetched = page.evaluate("() => performance.getEntriesByType('resource').map((r) => r.name)")
        photos = [r for r in fetched if "/media/products/kain-contoh/" in r and not re.search(r"-(96|192)x\1-", r)]
        loaded = {stem(r) for r in photos}
        assert loaded == {stem(photo_files(site, MANY)[0])}, loaded
    finally:
        context.close()


def test_a_product_with_one_photo_has_no_thumbnails_and_no_script(browser: Browser, url: str, site: Path) -> None:
    html = (site / ONE.strip("/") / "index.html").read_text(encoding="utf-8")
    assert "gallery__thumbs" not in html and "gallery.js" not in html
    context, page = open_page(browser, url, ONE)
    try:
        expect(page.locator(".gallery__photo img")).to_be_visible()
        expect(page.locator("a.gallery__thumb")).to_have_count(0)
    finally:
        context.close()


def boxes_of(page: Page, selectors: list[str]) -> list[dict]:
    """Each selector's first element's box in the window (x, y, right, bottom), as the buyer sees it unscrolled."""
    return page.evaluate("""(selectors) => selectors.map((s) => {
        const r = document.querySelector(s).getBoundingClientRect();
        return {x: r.left, y: r.top, right: r.right, bottom: r.bottom};
    })""", selectors)


BUY = [".product__buy h1", ".product__buy .price", ".product__buy .storefronts a"]


@pytest.mark.parametrize("path", [MANY, "/en/products/kain-contoh/"])
def test_on_a_laptop_title_price_and_shop_show_beside_the_photo_before_scrolling(browser: Browser, url: str,
                                                                                  path: str) -> None:
    context, page = open_page(browser, url, path)
    try:
        assert page.evaluate("window.scrollY") == 0
        frame, thumbs, *buy = boxes_of(page, [".gallery__photos", ".gallery__thumbs", *BUY])
        for selector, box in zip(BUY, buy, strict=True):
            assert 0 <= box["y"] and box["bottom"] <= LAPTOP["height"], (selector, box)
            assert box["x"] >= frame["right"], (selector, box, frame)  # beside the gallery, not under it
        assert thumbs["bottom"] <= LAPTOP["height"]  # the thumbnails too
        if path.startswith("/en/"):  # the approximate foreign price stays with the price
            approx = boxes_of(page, [".product__buy .approx"])[0]
            assert approx["bottom"] <= LAPTOP["height"]
    finally:
        context.close()


def test_on_a_phone_the_buy_box_comes_directly_under_the_photo(browser: Browser, url: str) -> None:
    context, page = open_page(browser, url, MANY, viewport=PHONE, is_mobile=True, has_touch=True,
                              device_scale_factor=3)
    try:
        ready(page)
        frame, gallery, buy = boxes_of(page, [".gallery__photos", ".gallery", ".product__buy"])
        assert buy["y"] >= frame["bottom"]
        assert buy["y"] - gallery["bottom"] < 40, "something stands between the photos and the buy box"
        assert abs(buy["x"] - frame["x"]) < 1  # one column
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing sticks out
    finally:
        context.close()


def test_facts_description_and_the_artisan_come_below(browser: Browser, url: str) -> None:
    context, page = open_page(browser, url, "/en/products/kain-contoh/")
    try:
        layout, about, facts, artisan = boxes_of(page, [".product__layout", "#about-heading", "#facts-heading",
                                                        ".artisan-box"])
        assert min(about["y"], facts["y"]) >= layout["bottom"] and artisan["y"] >= max(about["y"], facts["y"])
        box = page.locator(".artisan-box")
        expect(box.get_by_role("heading", name="About the artisan")).to_be_visible()
        expect(box.get_by_role("link", name="Perajin Contoh")).to_have_attribute("href", "/en/artisans/perajin-contoh/")
        expect(box.get_by_role("link", name="Bangkalan Regency")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize(("path", "ask", "share"), [
    (MANY, "Tanya lewat WhatsApp", "Bagikan lewat WhatsApp"),
    ("/en/products/kain-contoh/", "Ask on WhatsApp", "Share on WhatsApp"),
])
def test_asking_the_artisan_and_sharing_with_a_friend_do_not_look_alike(browser: Browser, url: str, path: str,
                                                                        ask: str, share: str) -> None:
    context, page = open_page(browser, url, path)
    try:
        chat = page.get_by_role("link", name=ask, exact=True)
        send = page.get_by_role("link", name=share, exact=True)
        expect(chat).to_have_count(1)
        expect(send).to_have_count(1)
        assert (chat.get_attribute("href") or "").startswith("https://wa.me/62")  # the artisan's number
        assert (send.get_attribute("href") or "").startswith("https://wa.me/?text=")  # a friend, chosen in WhatsApp
        expect(page.locator(".product__buy .storefronts").get_by_role("link", name=ask)).to_have_count(1)
        expect(page.locator(".share").get_by_role("link", name=share)).to_have_count(1)
        style = "(a) => { const s = getComputedStyle(a); return [s.backgroundColor, s.borderTopWidth]; }"
        (chat_bg, _), (send_bg, send_border) = chat.evaluate(style), send.evaluate(style)
        assert chat_bg != send_bg
        assert chat_bg not in ("transparent", "rgba(0, 0, 0, 0)")  # filled
        assert send_bg in ("transparent", "rgba(0, 0, 0, 0)") and send_border != "0px"  # outlined
        assert chat.locator("svg").count() == 1 and send.locator("svg").count() == 0  # the chat bubble
    finally:
        context.close()


@pytest.mark.parametrize(("viewport", "shown"), [(PHONE, False), (LAPTOP, True)], ids=["phone", "laptop"])
def test_the_qr_code_is_offered_on_large_screens_only(browser: Browser, url: str, viewport: dict,
                                                      shown: bool) -> None:
    context, page = open_page(browser, url, MANY, viewport=viewport)
    try:
        code = page.locator("figure.qr")
        expect(code).to_have_count(1)
        named = page.get_by_role("img", name="Kode QR halaman ini")  # the accessibility tree leaves hidden ones out
        if shown:
            code.scroll_into_view_if_needed()
            expect(code).to_be_visible()
            expect(named).to_have_count(1)
        else:
            expect(code).to_be_hidden()
            assert code.evaluate("f => getComputedStyle(f).display") == "none"
            expect(named).to_have_count(0)
            expect(page.get_by_text("Pindai untuk membuka halaman ini di ponsel Anda")).to_be_hidden()
            page.mouse.wheel(0, 5000)
            page.wait_for_timeout(300)
            fetched = page.evaluate("() => performance.getEntriesByType('resource').map((r) => r.name)")
            assert not [f for f in fetched if "/qr/" in f], "a phone fetched the QR code it does not show"
    finally:
        context.close()
