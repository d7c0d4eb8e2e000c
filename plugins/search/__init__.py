"""Search and discovery: the Pagefind index of the written site, product facets and the map of East Java."""

from __future__ import annotations

from typing import Any

from catalogue.events import catalogue_loaded, catalogue_written
from pelican import signals

from .facets import FACETS, PRICE_BANDS, facet_options, product_facets
from .indexer import Indexing, product_pages, start_indexing
from .regionmap import region_map


def add_discovery_context(generator: Any) -> None:
    """Templates get the facets of each product, the options of the search form and the region map."""
    catalogue = generator.catalogue
    generator.context["search_facets"] = FACETS
    generator.context["search_price_bands"] = PRICE_BANDS
    generator.context["search_options"] = facet_options(catalogue)
    generator.context["product_facets"] = product_facets
    generator.context["region_map"] = lambda lang: region_map(catalogue, lang)


# The Pagefind run of the build under way, started once the pages are written and awaited at the end.
_indexing: list[Indexing] = []


def start_index(generator: Any, written: list[Any]) -> None:
    _indexing.clear()
    indexing = start_indexing(generator.output_path, generator.settings, product_pages(generator.settings))
    if indexing is not None:
        _indexing.append(indexing)


def finish_index(pelican: Any) -> None:
    while _indexing:
        _indexing.pop().wait()


def register() -> None:
    # catalogue_loaded: the facets and the map need the validated catalogue before any page is rendered.
    catalogue_loaded.connect(add_discovery_context)
    # catalogue_written: every page Pagefind indexes (product pages) is written: it starts in the background
    # while the other plugins finish (the precache list, feeds, the theme's static files) …
    catalogue_written.connect(start_index)
    # finalized: … and is awaited here; "search" stands after "kiosk" and before "publish" in PLUGINS, so the
    # kiosk's work overlaps it and the publish step minifies pages only once Pagefind has read them.
    signals.finalized.connect(finish_index)
