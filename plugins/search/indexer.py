"""Run Pagefind over the products' search records (records.py): one index per <html lang>.

Only products are indexed: a buyer searches for things to buy, every result then has a photo, an artisan, a region
and a price to show, and every result answers every filter (a page without filters would vanish as soon as one is
ticked, and would make the counts disagree with the results). Artisans, regions, crafts and tags are reached by
browsing, and each product's record names its artisan and region, so searching "Sidoarjo" still finds its products.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from buildkit.forked import start_in_fork
from buildkit.settings import reader
from buildkit.store import link

from .service import Service, ServiceError

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "SEARCH_INDEX": True,  # False skips indexing (a quick preview build); the search page then finds nothing
    "SEARCH_BUNDLE_DIR": "pagefind",  # the folder under the output where the index and Pagefind's JS go
}

ENTRY = "pagefind-entry.json"  # what a bundle holds: its languages, their metadata and page counts

class SearchIndexError(RuntimeError):
    """Pagefind failed; the build stops so that a site with a stale or missing index is never swapped in."""


setting = reader(DEFAULTS)


def check_settings(settings: dict[str, Any]) -> None:
    bundle = setting(settings, "SEARCH_BUNDLE_DIR")
    if not isinstance(bundle, str) or not bundle.strip("/") or ".." in Path(bundle).parts:
        raise SearchIndexError(f"'SEARCH_BUNDLE_DIR' must be a folder name inside the output such as 'pagefind', "
                               f"got {bundle!r}")
    if not isinstance(setting(settings, "SEARCH_INDEX"), bool):
        raise SearchIndexError(f"'SEARCH_INDEX' must be True or False, got {setting(settings, 'SEARCH_INDEX')!r}")


class Indexing:
    """Pagefind indexing one language's records (service.py); ``run()`` makes the bundle and says how long it took,
    and ``files`` are its files' paths in it."""

    def __init__(self, lang: str, records: list[tuple[str, str]], bundle: Path):
        self.lang = lang
        self.records = records
        self.bundle = bundle
        self.files: list[str] = []

    def run(self) -> float:
        started = time.perf_counter()
        try:
            files = Service().index(self.records)
        except ServiceError as exc:
            raise SearchIndexError(f"pagefind could not index the {self.lang} records: {exc}") from None
        folders: set[Path] = set()
        for name, data in files:
            relative = Path(name)
            if relative.is_absolute() or ".." in relative.parts:
                raise SearchIndexError(f"pagefind made a file outside its bundle: {name}")
            path = self.bundle / relative
            try:
                if path.parent not in folders:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(path.parent)
                path.write_bytes(data)
            except OSError as exc:
                raise SearchIndexError(f"the {self.lang} search index could not be written: {exc}") from None
            self.files.append(relative.as_posix())
        pages = len(self.records)
        seconds = time.perf_counter() - started
        try:
            languages = json.loads((self.bundle / ENTRY).read_text(encoding="utf-8"))["languages"]
        except (OSError, ValueError, KeyError):
            raise SearchIndexError(f"pagefind wrote no index for the {self.lang} records into {self.bundle}") from None
        # Every record a page of its own, in the language of the build: the price list (order.py) goes by place.
        if {code: part.get("page_count") for code, part in languages.items()} != {self.lang: pages}:
            raise SearchIndexError(f"pagefind indexed {languages} from {pages} {self.lang} records: each record "
                                   f"needs words to index and <html lang=\"{self.lang}\">")
        # When it ran (the monotonic clock is the machine's, shared by the languages' processes), for merge_bundles.
        (self.bundle.parent / f"{self.bundle.name}.span").write_text(f"{started} {started + seconds}",
                                                                      encoding="utf-8")
        logger.info("search: indexed %d %s records in %.1f s", pages, self.lang, seconds)
        return seconds


def start_indexing(lang: str, records: list[tuple[str, str]], bundle: str | Path,
                   settings: dict[str, Any]) -> Indexing | None:
    """Pagefind ready to index one language's records, (URL, HTML) in the order its index lists them (None when
    SEARCH_INDEX is off)."""
    check_settings(settings)
    if not setting(settings, "SEARCH_INDEX"):
        return None
    bundle = Path(bundle)
    shutil.rmtree(bundle, ignore_errors=True)
    return Indexing(lang, records, bundle)


class IndexRun:
    """One language's Pagefind run in a worker process of its own (buildkit/forked.py), started from the build's
    process once that language's pages are written: it loads the records that language's process held
    (records.py), indexes them, calls ``done(bundle, key)`` there after a run that succeeded, and places the
    bundle's files in the output's folder ``target`` (place_bundle), so that merge_bundles, after the last run, has
    only their entry files to join; ``wait()`` raises what went wrong, ``kill()`` abandons the run.

    Not while both languages' pages are rendered: their processes keep both cores busy then, and Pagefind beside
    them only slowed all three (and made each render process copy the memory its forked run shared). Runs start
    once the first language's pages are written, on the core its process leaves (index_language): its own, and
    the other language's when its records are held, beside that language's last pages and the build's last steps
    (the sitemap, the kiosk's list).
    A process, not a thread: a run writes as many files as there are products, and a thread would wait for
    Python's lock after each system call while the build goes on. A build that stops kills it with its other
    workers (scripts/build.py), and its Pagefind stops when its stdin closes.
    """

    def __init__(self, lang: str, held: Path, bundle: Path, target: Path, settings: dict[str, Any],
                 done: Callable[[Path, str], None]):
        self.lang = lang
        # Forked: the settings and the callback are inherited, the records read from where they are held.
        self.run = start_in_fork(lambda _lang: _index(lang, held, bundle, target, settings, done), lang,
                                 "indexing the search records")

    def wait(self) -> None:
        failed = self.run.results()
        if failed:
            raise SearchIndexError(failed[0])

    def kill(self) -> None:
        self.run.stop()


def _index(lang: str, held: Path, bundle: Path, target: Path, settings: dict[str, Any],
           done: Callable[[Path, str], None]) -> list[str]:
    """IndexRun's work, in its process; returns what went wrong (nothing when the bundle is made and placed)."""
    from .records import Records

    try:
        key, records = Records.load(held)
        indexing = start_indexing(lang, records, bundle, settings)
        if indexing is not None:
            indexing.run()
            done(bundle, key)
            place_bundle(bundle, target, indexing.files)
            placed_mark(bundle).touch()
    except SearchIndexError as exc:
        return [str(exc)]
    return []


def target_folder(output: str | Path, settings: dict[str, Any]) -> Path:
    """The folder under the output the search page loads the index from."""
    return Path(output) / setting(settings, "SEARCH_BUNDLE_DIR").strip("/")


def clear_target(output: str | Path, settings: dict[str, Any]) -> None:
    """Remove the index an earlier build left in the output (pelican --autoreload writes over the same folder):
    it would keep fragments of deleted products. Done before the languages' runs place their files there."""
    shutil.rmtree(target_folder(output, settings), ignore_errors=True)


def place_bundle(bundle: Path, target: Path, names: list[str] | None = None) -> None:
    """Link the files of a language's bundle (``names``, paths in it; all of them when None) but its entry file
    into ``target`` (store.link makes its folders). Each language's index files carry its code (``id_…``,
    ``wasm.id.pagefind``); the files the languages share (Pagefind's JS, the language-less WebAssembly) are placed
    by the first, and must hold the same bytes in the other, or the build stops rather than publish a mixed index.
    """
    root = os.fspath(bundle)
    if names is None:
        # Walked with os.walk, which tells files from folders as it lists them: pathlib's rglob and is_dir, and
        # exists(), looked at each of the thousands of fragments once or twice more.
        names = [os.path.normpath(os.path.join(os.path.relpath(folder, root), name))
                 for folder, _dirs, files in os.walk(root) for name in files]
    for name in names:
        if name == ENTRY:  # joined with the other language's by merge_bundles
            continue
        source, dest = os.path.join(root, name), os.path.join(target, name)
        # A link; a file already there is the other language's.
        if not link(source, dest, replace=False) and Path(dest).read_bytes() != Path(source).read_bytes():
            raise SearchIndexError(f"pagefind: {name} differs between the languages")


def placed_mark(bundle: Path) -> Path:
    """The file that says a bundle's files are in the output already (placed by IndexRun, or by records_for for a
    bundle taken from the cache)."""
    return bundle.parent / f"{bundle.name}.placed"


def merge_bundles(bundles: list[Path], output: str | Path, settings: dict[str, Any]) -> tuple[Path, float]:
    """Put the languages' bundles together as one under the output; returns its folder, and the seconds from the
    first language's Pagefind run starting to the last one ending (0 when both bundles come from the cache: make
    bench reports it).

    Each bundle's files are in place already, in the folder clear_target emptied as the build began: IndexRun
    places those of the bundle it makes, records_for those of a bundle taken from the cache; a bundle not marked
    as placed is placed here. pagefind-entry.json lists each language, and is joined here. Bundles that disagree
    stop the build.
    """
    target = target_folder(output, settings)
    entry: dict[str, Any] = {}
    spans: list[float] = []
    for bundle in bundles:
        part = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
        if entry and (part["version"] != entry["version"] or set(part["languages"]) & set(entry["languages"])):
            raise SearchIndexError(f"pagefind: the bundles in {bundle.parent} do not fit together: {part}, {entry}")
        entry = {**part, **entry, "languages": {**entry.get("languages", {}), **part["languages"]}}
        if not placed_mark(bundle).exists():
            place_bundle(bundle, target)
        span = bundle.parent / f"{bundle.name}.span"  # none for a bundle taken from the cache
        if span.exists():
            spans += [float(t) for t in span.read_text(encoding="utf-8").split()]
    target.mkdir(parents=True, exist_ok=True)
    (target / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return target, max(spans) - min(spans) if spans else 0.0
