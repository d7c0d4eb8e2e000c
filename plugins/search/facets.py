"""The search facets of a product, as keys; templates turn each key into the label Pagefind filters on."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

# Pagefind filter names, in the order the search form shows them.
FACETS: tuple[str, ...] = ("category", "technique", "region", "dyes", "certification", "availability", "price",
                           "shipping")
DYES = ("natural", "synthetic", "mixed")
AVAILABILITY = ("ready", "made-to-order")
SHIPPING = ("abroad",)  # only a firm yes is a filter: "ask" leaves the buyer to ask, as no answer does


@dataclass(frozen=True)
class PriceBand:
    """Prices from ``low`` (inclusive) up to ``high`` (exclusive), in whole rupiah; None is open-ended.

    >>> band = PriceBand("a", 250_000, 500_000)
    >>> band.holds(250_000, 250_000), band.holds(100_000, 240_000), band.holds(400_000, 600_000)
    (True, False, True)
    """

    key: str
    low: int | None
    high: int | None

    def holds(self, lowest: int, highest: int) -> bool:
        """Whether a price (or a range lowest–highest) falls in the band, even partly."""
        return (self.high is None or lowest < self.high) and (self.low is None or highest >= self.low)


# Bands a buyer thinks in ("under Rp500.000" = the first two); a price range belongs to every band it touches.
PRICE_BANDS: tuple[PriceBand, ...] = (
    PriceBand("under-250k", None, 250_000),
    PriceBand("250k-500k", 250_000, 500_000),
    PriceBand("500k-1m", 500_000, 1_000_000),
    PriceBand("1m-2500k", 1_000_000, 2_500_000),
    PriceBand("2500k-up", 2_500_000, None),
)
ON_REQUEST = "on-request"


def price_bands(product: Any) -> tuple[str, ...]:
    lowest = product.price if product.price is not None else product.price_min
    highest = product.price if product.price is not None else (product.price_max or product.price_min)
    if lowest is None or highest is None:
        return (ON_REQUEST,)
    return tuple(band.key for band in PRICE_BANDS if band.holds(lowest, highest))


def product_facets(product: Any) -> dict[str, tuple[str, ...]]:
    """Every facet of ``product`` → its keys (none, one or several), e.g. ``{"category": ("batik",), …}``."""
    return {
        "category": (product.category.key,),
        "technique": (product.technique.key,),
        "region": (product.region.key,),
        "dyes": (product.dyes,) if product.dyes else (),
        "certification": tuple(c.key for c in product.certifications),
        "availability": (product.availability,),
        "price": price_bands(product),
        "shipping": ("abroad",) if product.shipping.abroad == "yes" else (),
    }


def _reference_order(catalogue: Any, facet: str) -> tuple[str, ...]:
    ref = catalogue.ref
    return {
        "category": tuple(ref.categories),
        "technique": tuple(ref.techniques),
        "region": tuple(ref.regions),
        "dyes": DYES,
        "certification": tuple(ref.certifications),
        "availability": AVAILABILITY,
        "price": (*(band.key for band in PRICE_BANDS), ON_REQUEST),
        "shipping": SHIPPING,
    }[facet]


def facet_options(catalogue: Any) -> dict[str, list[tuple[str, int]]]:
    """Each facet → [(key, number of products)] for the keys in use, in reference-data order."""
    counts = {facet: Counter[str]() for facet in FACETS}
    for product in catalogue.products:
        for facet, keys in product_facets(product).items():
            counts[facet].update(keys)
    return {facet: [(key, counts[facet][key]) for key in _reference_order(catalogue, facet) if counts[facet][key]]
            for facet in FACETS}
