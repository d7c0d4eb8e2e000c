"""Screenshots of the built site for docs/screenshots/<set>/: six pages, two languages, a phone and a laptop.

    .venv/bin/python -m scripts.screenshots before        # reads output/, writes docs/screenshots/before/

Serves the built output from a local server, opens each page in Chromium and saves the first screens of it (up to
``SCREENS`` viewport heights) as a small WebP, named ``<page>-<lang>-<width>.webp``.
"""

from __future__ import annotations

import argparse
import functools
import html
import io
import re
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Phone (a common 390-px-wide handset) and laptop viewports.
VIEWPORTS = {390: 844, 1280: 800}
# How many viewport heights of a page a screenshot keeps: the first screen and what follows it.
SCREENS = 1.25
QUALITY = 55
MAX_BYTES = 60_000

# Page name -> path per language. The search page's filters are read from the built form (see search_path).
PAGES = {
    "home": {"id": "/", "en": "/en/"},
    "category": {"id": "/kategori/batik/", "en": "/en/categories/batik/"},
    "product": {
        "id": "/produk/batik-tulis-gentongan-merah-ati/",
        "en": "/en/products/batik-tulis-gentongan-merah-ati/",
    },
    "artisan": {"id": "/perajin/batik-rato-ebu/", "en": "/en/artisans/batik-rato-ebu/"},
    "map": {"id": "/wilayah/", "en": "/en/regions/"},
}
SEARCH = {"id": "/cari/", "en": "/en/search/"}


def search_path(output: Path, lang: str) -> str:
    """The search page with two filters ticked: the Batik category and the first option of availability."""
    path = SEARCH[lang]
    page = (output / path.strip("/") / "index.html").read_text(encoding="utf-8")
    params: list[tuple[str, str]] = []
    for name, wanted in (("category", "Batik"), ("availability", None)):
        values = [html.unescape(v) for v in re.findall(rf'name="{name}"[^>]*?value="([^"]*)"', page)]
        values += [html.unescape(v) for v in re.findall(rf'value="([^"]*)"[^>]*?name="{name}"', page)]
        pick = wanted if wanted in values else (values[0] if values else None)
        if pick:
            params.append((name, pick))
    return f"{path}?{urlencode(params)}" if params else path


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the browser drops connections it no longer needs when a page is left; that is no error here


def serve(output: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(output))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def shoot(page, url: str, width: int, height: int) -> bytes:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url, wait_until="networkidle")
    cap = int(height * SCREENS)
    # Scroll through what is kept so lazy images load, then back to the top.
    page.evaluate(f"window.scrollTo(0, {cap})")
    page.wait_for_timeout(300)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    full = page.evaluate("document.documentElement.scrollHeight")
    png = page.screenshot(full_page=True, clip={"x": 0, "y": 0, "width": width, "height": min(cap, full)})
    image = Image.open(io.BytesIO(png)).convert("RGB")
    # A busy page at 1280 px needs a lower quality to stay under the size aimed for.
    for quality in range(QUALITY, 20, -10):
        out = io.BytesIO()
        image.save(out, "WEBP", quality=quality, method=6)
        if out.tell() <= MAX_BYTES:
            break
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", help="folder name under docs/screenshots/, e.g. before or after")
    parser.add_argument("--output", default=str(ROOT / "output"), help="the built site (default: output/)")
    args = parser.parse_args(argv)
    output = Path(args.output)
    dest = ROOT / "docs" / "screenshots" / args.set
    dest.mkdir(parents=True, exist_ok=True)
    server, base = serve(output)
    total = 0
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM)
            # No service worker: each page as a first visit shows it, without the offline cache's prefetching.
            page = browser.new_page(service_workers="block")
            for lang in ("id", "en"):
                paths = {name: by_lang[lang] for name, by_lang in PAGES.items()}
                paths["search"] = search_path(output, lang)
                for name, path in paths.items():
                    for width, height in VIEWPORTS.items():
                        data = shoot(page, base + path, width, height)
                        target = dest / f"{name}-{lang}-{width}.webp"
                        target.write_bytes(data)
                        total += len(data)
                        print(f"{target.relative_to(ROOT)}  {len(data) // 1024} KB  {path}")
            browser.close()
    finally:
        server.shutdown()
    print(f"{total // 1024} KB in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
