"""Search: bytes a buyer's browser fetches for one query, on the demo and on 10,000 synthetic products, and the
Pagefind index time for 10,000 products × 2 languages (from the first language's Pagefind run starting to the last
one ending, during the build: the languages take turns at indexing, while their pages are rendered).

The payload is measured in Chromium on the search page opened with a query: every request the page makes under
/pagefind/ (Pagefind's JS, WebAssembly, metadata, index chunks, the fragments of the results shown) plus search.js.
Bytes are what a static host sends: JS and JSON gzip-compressed (gzip -9 here), Pagefind's binary chunks as they are
(already gzip-compressed). The files are served locally and sized on disk, so the figure does not depend on the
test server's compression. The 10k search is measured again sorted by price, which also fetches the price list.
Usage: ``python -m scripts.benchmarks.search [--products 10000] [--workdir DIR]``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import logging
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT, ROOT / "plugins"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

QUERY_DEMO = "/cari/?q=batik+tulis"
QUERY_SYNTHETIC = "/cari/?q=batik+halus"
CHROMIUM = "/usr/bin/chromium"
TEXT_SUFFIXES = (".js", ".json", ".css", ".html")
class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the browser closing a connection early is not a failure of the measurement


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


def payload_kb(site: Path, path: str) -> float:
    """KB fetched for the search at ``path`` until its results are shown."""
    from playwright.sync_api import sync_playwright

    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context()
            fetched: set[str] = set()
            context.on("request", lambda request: fetched.add(urlparse(request.url).path))
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}{path}")
            page.locator("#search-list li").first.wait_for(timeout=60_000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    search = [p for p in fetched if p.startswith("/pagefind/") or p.endswith("/js/search.js")]
    return sum(wire_bytes(site / unquote(p).lstrip("/")) for p in search) / 1024


def wire_bytes(path: Path) -> int:
    data = path.read_bytes()
    return len(gzip.compress(data, 9)) if path.suffix in TEXT_SUFFIXES else len(data)


def build(content: Path, output: Path) -> Any:
    from pelican.log import init

    from scripts import make_demo_photos
    from scripts.build import build as build_site

    init(level=logging.ERROR)  # the synthetic catalogue's shared photos would each log a warning

    make_demo_photos.main(["--content", str(content)])
    # Its own cache, in the benchmark's folder: 20,000 synthetic pages have no place in the project's.
    return build_site(ROOT / "pelicanconf.py", content, output, {"CACHE_PATH": str(output.parent / "cache")})


def run(workdir: Path, products: int = 10_000) -> list[tuple[str, str]]:
    from scripts.synthetic import generate

    workdir.mkdir(parents=True, exist_ok=True)
    figures = []
    demo = workdir / "demo-output"
    build(ROOT / "content", demo)
    figures.append(("search_payload_kb_demo", f"{payload_kb(demo, QUERY_DEMO):.1f}"))
    content = generate(workdir / f"synthetic-{products}", products)
    site = workdir / f"synthetic-{products}-output"
    # The Pagefind runs of that build, over its products' records, both languages.
    seconds = build(content, site).search.seconds
    figures.append((f"search_index_seconds_{products // 1000}k", f"{seconds:.1f}"))
    figures.append((f"search_payload_kb_{products // 1000}k", f"{payload_kb(site, QUERY_SYNTHETIC):.1f}"))
    # The same search sorted by price: the price list (search/order.py) comes on top, fetched only then.
    figures.append((f"search_payload_kb_{products // 1000}k_by_price",
                    f"{payload_kb(site, QUERY_SYNTHETIC + '&sort=price-asc'):.1f}"))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kriya-search-") as tmp:
        for name, value in run(args.workdir or Path(tmp), args.products):
            print(f"{name}: {value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
