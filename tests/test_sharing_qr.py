"""Every product page shows a QR code that a phone reads as that page's URL in the page's language, with the
exhibition campaign parameters: the SVG is rendered by Chromium and decoded by zbarimg."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ROOT
from expected import Tree
from pelican.settings import read_settings
from playwright.sync_api import Page
from sharing.links import DEFAULTS

DEMO = Tree(ROOT / "content")
ZBARIMG = "/usr/bin/zbarimg"  # Debian's zbar-tools


def decode(png: bytes, tmp_path: Path) -> list[str]:
    image = tmp_path / "qr.png"
    image.write_bytes(png)
    result = subprocess.run([ZBARIMG, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.browser
def test_every_product_page_qr_code_decodes_to_the_page_with_campaign_parameters(page: Page, tmp_path: Path) -> None:
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    base = (settings["SITEURL"] or settings["SHARING_SITEURL"]).rstrip("/")
    params = settings.get("SHARING_QR_PARAMS", DEFAULTS["SHARING_QR_PARAMS"])
    assert params["utm_source"] == "exhibition" and params["utm_campaign"]
    for lang, pattern in (("id", "/produk/{}/"), ("en", "/en/products/{}/")):
        for slug in DEMO.products:
            page.goto(pattern.format(slug))
            assert page.locator("html").get_attribute("lang") == lang
            code = page.locator("figure.qr img")
            code.scroll_into_view_if_needed()
            page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=code.element_handle())
            [text] = decode(code.screenshot(), tmp_path)
            url = urlsplit(text)
            assert f"{url.scheme}://{url.netloc}{url.path}" == base + pattern.format(slug)
            assert parse_qs(url.query) == {key: [value] for key, value in params.items()}
            assert page.locator("link[rel=canonical]").get_attribute("href") == url.path


def test_codes_come_back_from_the_cache_as_the_codes_of_their_urls(scenario, tmp_path: Path) -> None:
    import html
    import re

    from conftest import build_site
    from sharing.qr import qr_svg

    content = scenario("base")
    root = tmp_path / "cache"
    cache = root / "images"  # QR codes are kept with the photos' derivatives

    def codes(out: Path) -> dict[str, bytes]:
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "qr").rglob("*.svg")}

    def check(found: dict[str, bytes], base: str) -> None:
        assert found
        for rel, svg in found.items():
            url = html.unescape(re.search(rb"<title>(.*?)</title>", svg).group(1).decode())
            assert url.startswith(base), (rel, url)
            assert qr_svg(url)[0] == svg, rel

    first = codes(build_site(content, tmp_path / "a", CACHE_PATH=str(root),
                             SHARING_SITEURL="https://one.example"))
    assert len(list((cache / "qr").rglob("*.svg"))) == len(first)
    second = codes(build_site(content, tmp_path / "b", CACHE_PATH=str(root),
                              SHARING_SITEURL="https://one.example"))
    assert second == first
    check(second, "https://one.example/")
    # The width a page gives its code (modules × 5 px) comes from the cache too, and is the code's own.
    page = "produk/kain-contoh/index.html"
    assert (tmp_path / "b" / page).read_bytes() == (tmp_path / "a" / page).read_bytes()
    url = html.unescape(re.search(rb"<title>(.*?)</title>", second["qr/id/kain-contoh.svg"]).group(1).decode())
    shown = re.search(r'class="qr__code"[^>]*width="(\d+)"', (tmp_path / "b" / page).read_text("utf-8"))
    assert shown and int(shown.group(1)) == qr_svg(url)[1] * 5
    # Another address: other codes, not the cached ones.
    check(codes(build_site(content, tmp_path / "c", CACHE_PATH=str(root),
                           SHARING_SITEURL="https://two.example")), "https://two.example/")
