"""Helpers for the quality gates: the npm tools, the pages each gate visits, and the gate site.

The gate site is the demo catalogue built with ``SITEURL`` set to the origin it is served from (so canonical and
hreflang URLs are absolute, as in production) and served by a compressing server (gzip, as a real host would).
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from catalogue.model.urls import DEFAULT_ROUTES

from .server import CompressingServer

ROOT = Path(__file__).resolve().parents[2]
NODE_BIN = ROOT / "node_modules" / ".bin"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 360, "height": 740}  # a small Android phone, CSS pixels

# The first view of these page kinds is held to the byte budgets and scored by Lighthouse.
BUDGET_KINDS = ("home", "products", "product", "artisan", "search")
KB = 1024
BUDGET_TEXT = 40 * KB  # HTML + CSS + JS, compressed
BUDGET_TOTAL = 150 * KB  # every byte of the first view, images included


def npm_tool(name: str) -> Path:
    """The path of an npm tool from package.json, or a failure that says how to install it."""
    path = NODE_BIN / name
    if not path.exists():
        raise AssertionError(f"{path} is missing: run `make node_modules/.installed` (npm ci) first")
    return path


def run_tool(args: list[str | Path], timeout: float = 600, env: dict[str, str] | None = None,
             cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run an npm tool; stdout goes through a file, since Node cuts piped output at 64 KB when it exits."""
    import tempfile

    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        done = subprocess.run([str(a) for a in args], stdout=out, stderr=subprocess.PIPE, text=True, timeout=timeout,
                              cwd=cwd, env={**os.environ, **(env or {})}, check=False)
        out.seek(0)
        done.stdout = out.read()
    return done


@dataclass(frozen=True)
class Page:
    """One built page: its language, kind of route, and path below the site root (``/en/products/x/``)."""

    lang: str
    kind: str
    path: str

    @property
    def label(self) -> str:
        return f"{self.kind} ({self.lang}) {self.path}"


def _pattern(route: str) -> re.Pattern[str]:
    body = re.escape(route).replace(re.escape("{key}"), "[^/]+")
    return re.compile(f"^{body}$")


STAFF_TOOLS = ("admin/",)


def page_types(site: Path) -> list[Page]:
    """One built page of every kind of route in both languages, found in the built folder itself.

    Each kind gets its alphabetically first page, so the choice follows the content, not a list kept here.
    """
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    # /admin/ is Decap CMS's own interface for council staff, not a catalogue page: its markup is the CMS's,
    # and tests/test_cms_browser.py checks it loads under its own policy.
    paths = [f.removesuffix("index.html") for f in files if not f.startswith(STAFF_TOOLS)]
    every = [(lang, kind, _pattern(route), "{key}" in route)
             for lang, routes in DEFAULT_ROUTES.items() for kind, route in routes.items() if kind != "paged"]
    pages: list[Page] = []
    for lang, kind, regex, _ in every:
        # A fixed route ("produk/") wins over a keyed one; a "page" route ("{key}/") loses to every other route.
        rivals = [r for lg, k, r, keyed in every if (lg, k) != (lang, kind) and (not keyed or kind == "page")]
        found = [p for p in paths if regex.match(p) and not any(r.match(p) for r in rivals)]
        if found:
            pages.append(Page(lang, kind, "/" + found[0]))
    return pages


def budget_pages(site: Path) -> list[Page]:
    return [p for p in page_types(site) if p.kind in BUDGET_KINDS]


class GateSite:
    """The demo catalogue built with an absolute SITEURL, served compressed on 127.0.0.1; one per test run."""

    _instance: GateSite | None = None
    _lock = threading.Lock()

    def __init__(self, folder: Path):
        from scripts import make_demo_photos
        from scripts.build import build

        # The port must be known before the build: bind first, then build with SITEURL = that origin.
        self.output = folder / "output"
        self.server = CompressingServer(self.output)
        self.url = self.server.origin
        make_demo_photos.main(["--content", str(ROOT / "content")])
        build(ROOT / "pelicanconf.py", ROOT / "content", self.output, {"SITEURL": self.url})
        self.server.start()

    @classmethod
    def get(cls, tmp_path_factory) -> GateSite:
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls(tmp_path_factory.mktemp("gate-site"))
            return cls._instance


def lighthouse_tmpdir() -> Path:
    """A short TMPDIR of the gates' own: Lighthouse leaves a Chrome profile folder per run there.

    Short, because Chrome's profile holds a Unix socket whose path may not exceed 107 bytes: under pytest's long
    tmp_path Chrome never answers ("Unable to connect to Chrome").
    """
    import tempfile

    return Path(tempfile.mkdtemp(prefix="kj-lh-", dir="/tmp"))
