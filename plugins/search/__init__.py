"""Search and discovery: the Pagefind index of the written site, product facets and the map of East Java."""

from __future__ import annotations

from typing import Any

from catalogue.events import catalogue_loaded
from pelican import signals

from .facets import FACETS, PRICE_BANDS, facet_options, product_facets
from .indexer import index_site
from .regionmap import region_map


def add_discovery_context(generator: Any) -> None:
    """Templates get the facets of each product, the options of the search form and the region map."""
    catalogue = generator.catalogue
    generator.context["search_facets"] = FACETS
    generator.context["search_price_bands"] = PRICE_BANDS
    generator.context["search_options"] = facet_options(catalogue)
    generator.context["product_facets"] = product_facets
    generator.context["region_map"] = lambda lang: region_map(catalogue, lang)


def index_written_site(pelican: Any) -> None:
    index_site(pelican.output_path, pelican.settings)


def register() -> None:
    # catalogue_loaded: the facets and the map need the validated catalogue before any page is rendered.
    catalogue_loaded.connect(add_discovery_context)
    # finalized: every page is written into the output (the staging folder under scripts/build.py) and
    # `pelican --autoreload` sends it after each rebuild, so the index always matches the pages it points to.
    signals.finalized.connect(index_written_site)
