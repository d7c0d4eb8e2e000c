"""Search and discovery: the Pagefind index of the products, product facets and the map of East Java."""

from __future__ import annotations

from typing import Any

from catalogue.events import catalogue_loaded, catalogue_written, language_rendering
from pelican import signals

from .facets import FACETS, PRICE_BANDS, facet_options, product_facets
from .indexer import Indexing, check_settings, setting, start_indexing
from .records import Records
from .regionmap import region_map


def add_discovery_context(generator: Any) -> None:
    """Templates get the facets of each product, the options of the search form and the region map."""
    catalogue = generator.catalogue
    generator.context["search_facets"] = FACETS
    generator.context["search_price_bands"] = PRICE_BANDS
    generator.context["search_options"] = facet_options(catalogue)
    generator.context["product_facets"] = product_facets
    generator.context["region_map"] = lambda lang: region_map(catalogue, lang)


# The build under way: the folder of search records, then the Pagefind run over it, awaited at the end.
_records: list[Records] = []
_indexing: list[Indexing] = []


def prepare_records(generator: Any) -> None:
    clear()
    check_settings(generator.settings)
    if setting(generator.settings, "SEARCH_INDEX"):
        # Beside the catalogue's cache when there is one: the build's own disk (the system's temporary folder
        # can be a slower file system, and there are as many records as product pages).
        _records.append(Records(generator.settings.get("CATALOGUE_CACHE_DIR")))


def write_records(generator: Any, lang: str, context: dict[str, Any], **_: Any) -> None:
    if _records:
        _records[0].write(generator, lang, context)


def start_index(generator: Any, written: list[Any]) -> None:
    indexing = start_indexing(_records[0].folder, generator.output_path, generator.settings) if _records else None
    if indexing is not None:
        _indexing.append(indexing)


def finish_index(pelican: Any) -> None:
    try:
        while _indexing:
            _indexing.pop().wait()
    finally:
        clear()


def clear() -> None:
    """Forget (and remove) what a build left, finished or not: --autoreload runs builds in one process."""
    for indexing in _indexing:
        indexing.process.kill()
    _indexing.clear()
    while _records:
        _records.pop().remove()


def register() -> None:
    # catalogue_loaded: the facets and the map need the validated catalogue before any page is rendered; the
    # records' folder is made here, before the languages' processes are forked …
    catalogue_loaded.connect(add_discovery_context)
    catalogue_loaded.connect(prepare_records)
    # language_rendering: … and each language's records are written in the process that renders that language.
    language_rendering.connect(write_records)
    # catalogue_written: both languages' records are written: Pagefind starts in the background while the other
    # plugins finish (the precache list, feeds, the theme's static files) …
    catalogue_written.connect(start_index)
    # finalized: … and is awaited here; "search" stands before "publish" in PLUGINS, so the publish step finds
    # the complete bundle.
    signals.finalized.connect(finish_index)
