"""Search and discovery: the Pagefind index of the products, product facets and the map of East Java."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from catalogue.events import catalogue_loaded, catalogue_written, language_rendered, language_rendering
from catalogue.model import LANGS

from .bundlecache import BundleCache
from .facets import FACETS, PRICE_BANDS, facet_options, product_facets
from .indexer import Turn, check_settings, merge_bundles, setting
from .order import indexed, price_list
from .records import Records
from .regionmap import region_map

logger = logging.getLogger(__name__)


def add_discovery_context(generator: Any) -> None:
    """Templates get the facets of each product, the options of the search form and the region map."""
    catalogue = generator.catalogue
    generator.context["search_facets"] = FACETS
    generator.context["search_price_bands"] = PRICE_BANDS
    generator.context["search_options"] = facet_options(catalogue)
    generator.context["product_facets"] = product_facets
    generator.context["region_map"] = lambda lang: region_map(catalogue, lang)
    generator.context["search_price_list"] = price_list(catalogue)


# The build under way: the folder for the Pagefind bundles (made before the languages' processes are forked) and, in
# each language's process, the Pagefind run over that language's records (the languages take turns).
_records: list[Records] = []
_indexing: list[Turn] = []


def prepare_records(generator: Any) -> None:
    clear()
    check_settings(generator.settings)
    if setting(generator.settings, "SEARCH_INDEX"):
        # Beside the catalogue's cache when there is one: the build's own disk (the system's temporary folder
        # can be a slower file system, and there are as many records as product pages).
        _records.append(Records(generator.settings.get("CATALOGUE_CACHE_DIR")))


def index_language(generator: Any, lang: str, context: dict[str, Any], **_: Any) -> None:
    """Take the bundle an earlier build made of the same records (known without rendering them when nothing
    they are made from has changed: bundlecache.py), or render ``lang``'s records and have Pagefind index them
    while the language's pages are rendered."""
    if not _records:
        return
    records = _records[0]
    cache = _bundle_cache(generator.settings)
    source = cache.source_key(lang, generator.page_store.site,
                              [product.card_fingerprint for product in indexed(generator.catalogue)])
    key = cache.recall(lang, source)
    cached = cache.get(lang, key) if key else None
    rendered: list[tuple[str, str]] = []
    if cached is None:
        rendered = records.render(generator, lang, context)
        key = cache.key(lang, rendered)
        cache.remember(lang, source, key)
        cached = cache.get(lang, key)
    if cached is not None:
        records.reuse(lang, cached)
        logger.info("search: %s index unchanged, taken from %s", lang, cached)
        return
    _indexing.append(Turn(records.folder / ".pagefind.lock", lang, rendered, records.bundle(lang),
                          generator.settings, lambda bundle: cache.store(lang, key, bundle)))


def finish_language(generator: Any, lang: str, **_: Any) -> None:
    while _indexing:
        _indexing.pop().wait()


def _bundle_cache(settings: dict[str, Any]) -> BundleCache:
    folder = settings.get("CATALOGUE_CACHE_DIR")
    return BundleCache(Path(folder) / "search" if folder else None)


def publish_index(generator: Any, written: list[Any]) -> None:
    """Both languages indexed: their bundles become the one the search page loads, with the price list."""
    if not _records:
        return
    try:
        target = merge_bundles([_records[0].bundle(lang) for lang in LANGS], generator.output_path,
                               generator.settings)
        prices = generator.context["search_price_list"]
        (target / prices.name).write_bytes(prices.data)
    finally:
        clear()


def clear() -> None:
    """Forget (and remove) what a build left, finished or not: --autoreload runs builds in one process."""
    for turn in _indexing:
        turn.kill()
    _indexing.clear()
    while _records:
        _records.pop().remove()


def register() -> None:
    # catalogue_loaded: the facets and the map need the validated catalogue before any page is rendered; the
    # records' folder is made here, before the languages' processes are forked …
    catalogue_loaded.connect(add_discovery_context)
    catalogue_loaded.connect(prepare_records)
    # language_rendering: … each language's records are written, and indexed by Pagefind while that language's
    # pages are rendered, in the process that renders them; language_rendered: that process awaits its index …
    language_rendering.connect(index_language)
    language_rendered.connect(finish_language)
    # catalogue_written: … and the languages' indexes become one bundle in the output, before the plugins that
    # list or publish the output's files (kiosk, publish) run at the end of the build.
    catalogue_written.connect(publish_index)
