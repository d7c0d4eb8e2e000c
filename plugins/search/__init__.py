"""Search and discovery: the Pagefind index of the products, product facets and the map of East Java."""

from __future__ import annotations

import functools
import json
import logging
import os
from importlib import metadata
from pathlib import Path
from typing import Any

from buildkit.settings import cache_folder
from buildkit.store import Store, key
from catalogue.events import catalogue_loaded, language_rendered, language_rendering
from catalogue.model.model import LANGS
from pelican import signals

from .facets import FACETS, facet_options, product_facets, region_groups
from .indexer import (
    IndexRun,
    check_settings,
    clear_target,
    merge_bundles,
    place_bundle,
    placed_mark,
    setting,
    target_folder,
)
from .order import indexed, price_list
from .records import Records
from .regionmap import region_map

logger = logging.getLogger(__name__)


def add_discovery_context(generator: Any) -> None:
    """Templates get the facets of each product, the options of the search form and the region map."""
    catalogue = generator.catalogue
    generator.context["search_facets"] = FACETS
    generator.context["search_region_groups"] = region_groups(catalogue)
    generator.context["search_options"] = facet_options(catalogue)
    generator.context["product_facets"] = product_facets
    generator.context["region_map"] = functools.cache(lambda lang: region_map(catalogue, lang))  # home, regions
    generator.context["search_price_list"] = price_list(catalogue)


class Search:
    """The search plugin's part of one build, on the build's Pelican instance (``pelican.search``): the folder for
    the records and Pagefind bundles (made before the languages' processes are forked, which inherit it), the
    Pagefind runs started as the languages' pages are written, what publishing their bundles needs, and the seconds
    Pagefind took (``seconds``, from the first run's start to the last one's end: make bench reports it)."""

    def __init__(self, records: Records | None = None):
        self.records = records
        self.indexing: list[IndexRun] = []
        self.publishing: tuple[str, dict[str, Any], Any] | None = None  # (output folder, settings, price list)
        self.seconds: float | None = None

    def clear(self) -> None:
        """Stop the runs and remove the records' folder, finished or not."""
        for run in self.indexing:
            run.kill()
        self.indexing.clear()
        self.publishing = None
        if self.records is not None:
            self.records.remove()
            self.records = None


def prepare_records(generator: Any) -> None:
    pelican = generator.pelican
    earlier = getattr(pelican, "search", None)
    if earlier is not None:  # what an earlier build of this process left (--autoreload), finished or not
        earlier.clear()
    check_settings(generator.settings)
    pelican.search = Search()
    if setting(generator.settings, "SEARCH_INDEX"):
        # Beside the catalogue's cache when there is one: the build's own disk (the system's temporary folder
        # can be a slower file system, and there are as many records as product pages).
        pelican.search.records = Records(cache_folder(generator.settings, "catalogue"))
        clear_target(generator.output_path, generator.settings)  # the languages' runs place their files there


def records_for(generator: Any, lang: str, context: dict[str, Any], **_: Any) -> None:
    """In the process that renders ``lang``: take the bundle an earlier build made of the same records from the
    build's store, or render ``lang``'s records and hold them for Pagefind, which indexes them once a language's
    pages are written (index_language).

    Pagefind indexes a language from scratch; when the records come out as in a build before (a story edited: not
    searched), the bundle made then is used again. Each language also remembers, under what its records are made
    from (the site: templates, code, settings, data, translations; every product's card fingerprint, which leaves
    out its story), the key of the records made: when that is unchanged they are not even rendered."""
    records = generator.pelican.search.records
    if records is None:
        return
    store = Store(cache_folder(generator.settings, "catalogue"), "search")
    source = _bundle_key("source", lang, generator.site,
                         *(product.card_fingerprint for product in indexed(generator.catalogue)))
    made = store.get(source, str)
    files = store.get(made, dict) if made else None
    if files is None:
        rendered = records.render(generator, lang, context)
        made = _bundle_key(lang, *(part for record in rendered for part in record))
        store.put(source, made)
        files = store.get(made, dict)
        if files is None:
            records.hold(lang, made, rendered)
            return
    records.reuse(lang, files)
    # Its files placed here, beside this language's pages, as a run places the bundle it makes (IndexRun): left to
    # the merge, they were linked by the build's process alone once every page was written (20,000 files at
    # 10,000 products). The output's folder for them was emptied before this process was forked (prepare_records).
    place_bundle(records.bundle(lang), target_folder(generator.output_path, generator.settings))
    placed_mark(records.bundle(lang)).touch()
    logger.info("search: %s index unchanged, taken from the build's store", lang)


def index_language(generator: Any, lang: str, **_: Any) -> None:
    """Every page of ``lang`` written: Pagefind indexes the records held for it while the build goes on, and
    those of the other language too when that one's process holds them already (publish_index awaits them all).

    Its process renders its records before its pages, so by the time the first language is written the other's
    records are usually held: its run starts then, beside that language's last pages, rather than once they are
    written and alone at the end of the build (a language's run takes longer than the gap between the two
    languages' ends). A language whose records are not held yet (or whose bundle came from the cache) is left to
    its own call."""
    search: Search = generator.pelican.search
    records = search.records
    if records is None:
        return
    started = {run.lang for run in search.indexing}
    for code in [lang, *(other for other in LANGS if other != lang)]:
        held = records.held(code)  # complete once there: hold() renames it into place
        if code in started or held is None:
            continue
        search.indexing.append(IndexRun(code, held, records.bundle(code),
                                        target_folder(generator.output_path, generator.settings), generator.settings,
                                        functools.partial(_keep, cache_folder(generator.settings, "catalogue"))))
    search.publishing = (generator.output_path, generator.settings, generator.context["search_price_list"])


BUNDLE_FORMAT = "3"  # bump when what a bundle is made from, or how it is kept, changes in a way its records do not show


def _bundle_key(*parts: str) -> str:
    try:
        pagefind = metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        pagefind = "unknown"
    return key(BUNDLE_FORMAT, pagefind, *parts)


def _keep(cache: Path, bundle: Path, made: str) -> None:
    """A run's bundle, just made by Pagefind, kept as one value of the build's store: {path in it: bytes}. IndexRun
    calls it in its process."""
    root = os.fspath(bundle)
    Store(cache, "search").put(made, {os.path.relpath(os.path.join(folder, name), root): Path(folder, name).read_bytes()
                                      for folder, _dirs, names in os.walk(root) for name in names})


def publish_index(pelican: Any) -> None:
    """Both languages indexed: their bundles become the one the search page loads, with the price list."""
    search: Search | None = getattr(pelican, "search", None)
    if search is None or search.records is None or search.publishing is None:
        return
    try:
        while search.indexing:
            search.indexing[0].wait()
            search.indexing.pop(0)
        output, settings, prices = search.publishing
        target, search.seconds = merge_bundles([search.records.bundle(lang) for lang in LANGS], output, settings)
        (target / prices.name).write_bytes(prices.data)
        offline = write_offline_list(target)
        logger.info("search: %d files, %.1f MB for offline search (%s)", len(offline["files"]),
                    offline["bytes"] / 1e6, OFFLINE_LIST)
    finally:
        search.clear()


# The bundle's files for a kiosk to keep offline (its service worker reads this list when it installs): the
# bundle is made after the kiosk lists the pages, so the list cannot be in the worker itself.
OFFLINE_LIST = "offline.json"
# What search needs first: the entry file, Pagefind's code, each language's metadata, filters and index
# chunks, the price list; the fragments (a result's title, photo and price, one file per product) last.
_OFFLINE_ORDER = (".json", ".js", ".pagefind", ".pf_meta", ".pf_filter", ".pf_index", ".pf_fragment")


def write_offline_list(target: Path) -> dict[str, Any]:
    """``offline.json`` in the bundle folder: every file of it (paths relative to the folder) with its size, in
    the order a kiosk should keep them when it cannot keep them all; returns what it wrote."""
    files = []
    for folder, _dirs, names in os.walk(target):
        for name in names:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, target).replace(os.sep, "/")
            if rel != OFFLINE_LIST and not rel.endswith((".gz", ".br")):
                files.append((rel, os.stat(path).st_size))

    def rank(item: tuple[str, int]) -> tuple[int, str]:
        suffix = os.path.splitext(item[0])[1]
        return (_OFFLINE_ORDER.index(suffix) if suffix in _OFFLINE_ORDER else 1, item[0])

    files.sort(key=rank)
    listing = {"bytes": sum(size for _, size in files), "files": [[rel, size] for rel, size in files]}
    (target / OFFLINE_LIST).write_text(json.dumps(listing, separators=(",", ":")), encoding="utf-8")
    return listing


def register() -> None:
    # catalogue_loaded: the facets and the map need the validated catalogue before any page is rendered; the
    # records' folder is made here, before the languages' processes are forked …
    catalogue_loaded.connect(add_discovery_context)
    catalogue_loaded.connect(prepare_records)
    # language_rendering: … each language's records are rendered (or their bundle found in the cache) in the
    # process that renders its pages; language_rendered: a language written, Pagefind indexes the records held …
    language_rendering.connect(records_for)
    language_rendered.connect(index_language)
    # finalized: … and the languages' indexes become one bundle in the output once the kiosk has listed the
    # pages, before the publish plugin (the last one) minifies and compresses the output.
    signals.finalized.connect(publish_index)
