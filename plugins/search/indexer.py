"""Run Pagefind over the products' search records (records.py): one index per <html lang>.

Only products are indexed: a buyer searches for things to buy, every result then has a photo, an artisan, a region
and a price to show, and every result answers every filter (a page without filters would vanish as soon as one is
ticked, and would make the counts disagree with the results). Artisans, regions, crafts and tags are reached by
browsing, and each product's record names its artisan and region, so searching "Sidoarjo" still finds its products.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "SEARCH_INDEX": True,  # False skips indexing (a quick preview build); the search page then finds nothing
    "SEARCH_BUNDLE_DIR": "pagefind",  # the folder under the output where the index and Pagefind's JS go
}

# The seconds the last Pagefind run took (make bench reports it).
last_seconds: float | None = None


class SearchIndexError(RuntimeError):
    """Pagefind failed; the build stops so that a site with a stale or missing index is never swapped in."""


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])


def check_settings(settings: dict[str, Any]) -> None:
    bundle = setting(settings, "SEARCH_BUNDLE_DIR")
    if not isinstance(bundle, str) or not bundle.strip("/") or ".." in Path(bundle).parts:
        raise SearchIndexError(f"'SEARCH_BUNDLE_DIR' must be a folder name inside the output such as 'pagefind', "
                               f"got {bundle!r}")
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
        global last_seconds
        last_seconds = seconds
        logger.info("search: indexed the products for %s in %.1f s", self.output, seconds)
        return seconds


def start_indexing(records: str | Path, output: str | Path, settings: dict[str, Any]) -> Indexing | None:
    """Start Pagefind over the ``records`` folder (records.py), writing its bundle into ``output``, in the
    background (None when SEARCH_INDEX is off)."""
    check_settings(settings)
    if not setting(settings, "SEARCH_INDEX"):
        return None
    output = Path(output)
    bundle = setting(settings, "SEARCH_BUNDLE_DIR").strip("/")
    # A previous index in the output (pelican --autoreload writes over the same folder) would keep
    # fragments of deleted products; Pagefind writes a complete bundle each time.
    shutil.rmtree(output / bundle, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(records), "--output-path", str(output / bundle),
               "--quiet"]
    return Indexing(output, bundle, command)
