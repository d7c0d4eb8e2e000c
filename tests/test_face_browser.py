"""The catalogue's face in Chromium: its own typeface from its own origin, the home page's photos, category intros."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

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


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1280"])
@pytest.mark.parametrize("path", ["/", "/en/"])
def test_the_typeface_comes_from_the_site_itself_and_is_drawn(browser: Browser, site_url: str, path: str,
                                                              viewport: dict) -> None:
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(site_url + path, wait_until="load")
        page.evaluate("document.fonts.ready")
        origin = urlsplit(site_url).netloc
        elsewhere = [u for u in requested if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != origin]
        assert not elsewhere, f"requests that leave {origin}: {elsewhere}"
        fonts = [u for u in requested if urlsplit(u).path.endswith(".woff2")]
        assert len(fonts) == 1, f"expected the one preloaded font file, got {fonts}"
        assert page.evaluate(f"document.fonts.check('700 1rem \"{FAMILY}\"')"), "the font did not load"
        for selector in ("h1", "main p", ".site-header nav a"):
            drawn = rendered_fonts(page, selector)
            assert drawn and drawn[0]["familyName"] == FAMILY and drawn[0]["isCustomFont"], (
                f"{path} {selector} is drawn with {drawn}, not the site's {FAMILY}")
    finally:
        context.close()
