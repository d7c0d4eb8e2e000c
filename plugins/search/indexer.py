"""Run Pagefind over the written site: one index per <html lang>, product pages only (data-pagefind-body).

Only products are indexed: a buyer searches for things to buy, every result then has a photo, an artisan, a region
and a price to show, and every result answers every filter (a page without filters would vanish as soon as one is
ticked, and would make the counts disagree with the results). Artisans, regions, crafts and tags are reached by
browsing, and each product's text names its artisan and region, so searching "Sidoarjo" still finds its products.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from catalogue.model import LANGS
from catalogue.urls import DEFAULT_ROUTES, Route, Urls

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "SEARCH_INDEX": True,  # False skips indexing (a quick preview build); the search page then finds nothing
    "SEARCH_BUNDLE_DIR": "pagefind",  # the folder under the output where the index and Pagefind's JS go
    # What a search matches is what a piece is: its title, summary, craft, technique, motif, materials, dyes, region,
    # artisan and tags. Left out: parts that say nothing about the product, the labels every product repeats, and
    # the story under "About this piece", which is read on the page; with it, the index a first search downloads
    # was 2.5 times larger on the demo (23 KB against 9 KB), and so was each result's record.
    "SEARCH_EXCLUDE_SELECTORS": [".breadcrumb", ".storefronts", ".share", ".qr", ".price", ".approx",
                                 ".availability", ".ships", ".notice", ".facts dt", ".prose"],
}


class SearchIndexError(RuntimeError):
    """Pagefind failed; the build stops so that a site with a stale or missing index is never swapped in."""


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])


def check_settings(settings: dict[str, Any]) -> None:
    bundle = setting(settings, "SEARCH_BUNDLE_DIR")
    if not isinstance(bundle, str) or not bundle.strip("/") or ".." in Path(bundle).parts:
        raise SearchIndexError(f"'SEARCH_BUNDLE_DIR' must be a folder name inside the output such as 'pagefind', "
                               f"got {bundle!r}")
    selectors = setting(settings, "SEARCH_EXCLUDE_SELECTORS")
    if not isinstance(selectors, list | tuple) or not all(isinstance(x, str) and x for x in selectors):
        raise SearchIndexError(f"'SEARCH_EXCLUDE_SELECTORS' must be a list of CSS selectors such as ['.share'], "
                               f"got {selectors!r}")
    if not isinstance(setting(settings, "SEARCH_INDEX"), bool):
        raise SearchIndexError(f"'SEARCH_INDEX' must be True or False, got {setting(settings, 'SEARCH_INDEX')!r}")


class Indexing:
    """A Pagefind run under way; ``wait()`` ends it and says how long it took."""

    def __init__(self, output: Path, bundle: str, command: list[str]):
        self.output = output
        self.bundle = bundle
        self.started = time.perf_counter()
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def wait(self) -> float:
        stdout, stderr = self.process.communicate()
        seconds = time.perf_counter() - self.started
        if self.process.returncode != 0 or not (self.output / self.bundle / "pagefind.js").exists():
            raise SearchIndexError(f"pagefind could not index {self.output} (exit {self.process.returncode}): "
                                   f"{(stderr or stdout).strip()[-2000:]}")
        for line in (stdout + stderr).splitlines():
            if line.strip():
                logger.warning("pagefind: %s", line.strip())
        logger.info("search: indexed %s in %.1f s", self.output, seconds)
        return seconds


def product_pages(settings: dict[str, Any]) -> list[str]:
    """Where product pages are written in each language, as glob patterns: ``produk/*/index.html``."""
    routes = settings.get("CATALOGUE_URLS", DEFAULT_ROUTES)
    return [Urls(lang, "", routes, {}).save_as(Route("product", "*")) for lang in LANGS]


def start_indexing(output: str | Path, settings: dict[str, Any], pages: list[str] | None = None) -> Indexing | None:
    """Start Pagefind over ``output`` in the background (None when SEARCH_INDEX is off).

    ``pages``: glob patterns, from the output folder, of the pages to index (``produk/*/index.html``); without
    them Pagefind reads every page of the site only to skip those without ``data-pagefind-body``.
    """
    check_settings(settings)
    if not setting(settings, "SEARCH_INDEX"):
        return None
    output = Path(output)
    bundle = setting(settings, "SEARCH_BUNDLE_DIR").strip("/")
    # A previous index in the output (pelican --autoreload writes over the same folder) would keep
    # fragments of deleted products; Pagefind writes a complete bundle each time.
    shutil.rmtree(output / bundle, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(output), "--output-subdir", bundle, "--quiet"]
    for selector in setting(settings, "SEARCH_EXCLUDE_SELECTORS"):
        command += ["--exclude-selectors", selector]
    if pages:
        command += ["--glob", pages[0] if len(pages) == 1 else "{" + ",".join(pages) + "}"]
    return Indexing(output, bundle, command)


def index_site(output: str | Path, settings: dict[str, Any], pages: list[str] | None = None) -> float:
    """Index ``output`` in place and return the seconds it took (0.0 when SEARCH_INDEX is off)."""
    indexing = start_indexing(output, settings, pages)
    return indexing.wait() if indexing is not None else 0.0
