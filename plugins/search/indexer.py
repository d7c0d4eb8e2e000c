"""Run Pagefind over the products' search records (records.py): one index per <html lang>.

Only products are indexed: a buyer searches for things to buy, every result then has a photo, an artisan, a region
and a price to show, and every result answers every filter (a page without filters would vanish as soon as one is
ticked, and would make the counts disagree with the results). Artisans, regions, crafts and tags are reached by
browsing, and each product's record names its artisan and region, so searching "Sidoarjo" still finds its products.
"""

from __future__ import annotations

import fcntl
import json
import logging
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from catalogue.hardlinks import place

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "SEARCH_INDEX": True,  # False skips indexing (a quick preview build); the search page then finds nothing
    "SEARCH_BUNDLE_DIR": "pagefind",  # the folder under the output where the index and Pagefind's JS go
}

# The seconds the last build spent indexing, first language's start to last one's end (make bench reports it).
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
    """A Pagefind run under way over one language's records; ``wait()`` ends it and says how long it took."""

    def __init__(self, site: Path, bundle: Path, command: list[str]):
        self.site = site
        self.bundle = bundle
        self.started = time.perf_counter()
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def wait(self) -> float:
        stdout, stderr = self.process.communicate()
        seconds = time.perf_counter() - self.started
        if self.process.returncode != 0 or not (self.bundle / "pagefind.js").exists():
            raise SearchIndexError(f"pagefind could not index {self.site} (exit {self.process.returncode}): "
                                   f"{(stderr or stdout).strip()[-2000:]}")
        for line in (stdout + stderr).splitlines():
            if line.strip():
                logger.warning("pagefind: %s", line.strip())
        # When it ran (the monotonic clock is the machine's, shared by the languages' processes), for merge_bundles.
        (self.bundle.parent / f"{self.bundle.name}.span").write_text(f"{self.started} {self.started + seconds}",
                                                                      encoding="utf-8")
        logger.info("search: indexed %s in %.1f s", self.site, seconds)
        return seconds


def start_indexing(site: str | Path, bundle: str | Path, settings: dict[str, Any]) -> Indexing | None:
    """Start Pagefind over one language's records (records.py) into ``bundle``, in the background (None when
    SEARCH_INDEX is off)."""
    check_settings(settings)
    if not setting(settings, "SEARCH_INDEX"):
        return None
    site, bundle = Path(site), Path(bundle)
    shutil.rmtree(bundle, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(bundle), "--quiet"]
    return Indexing(site, bundle, command)


class Turn:
    """One language's Pagefind run, started in the background once no other language's run holds ``lock``.

    At 10,000 products one run takes about 600 MB: the languages' processes render side by side, but take turns
    at indexing, which fits within the rendering time. ``done(bundle)`` is called after a run that succeeded.
    """

    def __init__(self, lock: Path, site: Path, bundle: Path, settings: dict[str, Any],
                 done: Callable[[Path], None]):
        self.indexing: Indexing | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(lock, site, bundle, settings, done), daemon=True)
        self.thread.start()

    def _run(self, lock: Path, site: Path, bundle: Path, settings: dict[str, Any],
             done: Callable[[Path], None]) -> None:
        try:
            with open(lock, "a") as held:
                fcntl.flock(held, fcntl.LOCK_EX)  # released when the file is closed
                self.indexing = start_indexing(site, bundle, settings)
                if self.indexing is not None:
                    self.indexing.wait()
                    done(bundle)
        except BaseException as exc:  # noqa: BLE001 - raised again in wait(), in the thread that renders
            self.error = exc

    def wait(self) -> None:
        self.thread.join()
        if self.error is not None:
            raise self.error

    def kill(self) -> None:
        if self.indexing is not None:
            self.indexing.process.kill()


ENTRY = "pagefind-entry.json"


def merge_bundles(bundles: list[Path], output: str | Path, settings: dict[str, Any]) -> float:
    """Put the languages' bundles together as one under the output; returns the seconds from the first
    language's Pagefind run starting to the last one ending (they take turns, beside the rendering; 0 when both
    bundles come from the cache).

    Each language's index files carry its code (``id_…``, ``wasm.id.pagefind``); the files they share (Pagefind's
    JS, the language-less WebAssembly) are the same bytes in every bundle; pagefind-entry.json lists each
    language, and is joined here. A bundle that disagrees stops the build rather than publish a mixed index.
    """
    global last_seconds
    target = Path(output) / setting(settings, "SEARCH_BUNDLE_DIR").strip("/")
    # A previous index in the output (pelican --autoreload writes over the same folder) would keep
    # fragments of deleted products; the bundle is made whole each time.
    shutil.rmtree(target, ignore_errors=True)
    entry: dict[str, Any] = {}
    spans: list[float] = []
    for bundle in bundles:
        part = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
        if entry and (part["version"] != entry["version"] or set(part["languages"]) & set(entry["languages"])):
            raise SearchIndexError(f"pagefind: the bundles in {bundle.parent} do not fit together: {part}, {entry}")
        entry = {**part, **entry, "languages": {**entry.get("languages", {}), **part["languages"]}}
        for source in bundle.rglob("*"):
            if source.is_dir() or source.name == ENTRY:
                continue
            dest = target / source.relative_to(bundle)
            if dest.exists():
                if dest.read_bytes() != source.read_bytes():
                    raise SearchIndexError(f"pagefind: {source.relative_to(bundle)} differs between the languages")
                continue
            place(source, dest)  # a link: the bundle may be one kept in the cache (bundlecache.py)
        span = bundle.parent / f"{bundle.name}.span"  # none for a bundle taken from the cache
        if span.exists():
            spans += [float(t) for t in span.read_text(encoding="utf-8").split()]
    (target / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    last_seconds = max(spans) - min(spans) if spans else 0.0
    return last_seconds
