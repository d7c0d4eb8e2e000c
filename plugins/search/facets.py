"""The search facets of a product, as keys; templates turn each key into the label Pagefind filters on."""

from __future__ import annotations

from collections import Counter
from typing import Any

# Pagefind filter names, in the order the search form shows them.
FACETS: tuple[str, ...] = ("category", "technique", "region", "dyes", "certification", "availability", "price",
                           "shipping")
DYES = ("natural", "synthetic", "mixed")
AVAILABILITY = ("ready", "made-to-order")
SHIPPING = ("abroad",)  # only a firm yes is a filter: "ask" leaves the buyer to ask, as no answer does


# Upper bounds a buyer picks as "up to Rp500.000", in whole rupiah. A product belongs to every bound its lowest
# price is within (a range from Rp400.000 to Rp600.000 is "up to Rp500.000" and above): picking one bound is one
# filter value, so Pagefind's count for it is exactly what picking it shows. Prices on request have none.
PRICE_LIMITS: tuple[int, ...] = (100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000)


def lowest_price(product: Any) -> int | None:
    return product.price if product.price is not None else product.price_min


def price_limits(product: Any) -> tuple[str, ...]:
    """The upper bounds (as filter values, whole rupiah in digits) that ``product``'s lowest price is within.

    >>> from types import SimpleNamespace as P
    >>> price_limits(P(price=2_000_000, price_min=None))
    ('2500000', '5000000', '10000000')
    >>> price_limits(P(price=None, price_min=None))
    ()
    """
    lowest = lowest_price(product)
    return () if lowest is None else tuple(str(limit) for limit in PRICE_LIMITS if lowest <= limit)


# Regions a buyer picks together: the regencies of one island off Java (regions.yml's ``island``), e.g. Madura's
# Bangkalan, Sampang, Pamekasan and Sumenep; and "the islands", the islands at sea (regions.yml's ``islands``:
# Bawean of Gresik, Kangean and Masalembu of Sumenep). A regency holds its mainland too, so the islands are region
# values of their own, which only the products of artisans working there carry (their regency's as well): the
# islands' group picks exactly those. The search form ticks a group's values for the buyer.
ISLANDS = "islands"


def region_groups(catalogue: Any) -> dict[str, tuple[str, ...]]:
    """``{"madura": ("kab-bangkalan", …), "islands": ("bawean", …)}``: islands other than Java → their regions,
    then the islands at sea, in reference order."""
    groups: dict[str, list[str]] = {}
    for key, region in catalogue.ref.regions.items():
        if region.island != "java":
            groups.setdefault(region.island, []).append(key)
    groups[ISLANDS] = list(catalogue.ref.islands)
    return {group: tuple(keys) for group, keys in groups.items() if keys}


def product_facets(product: Any) -> dict[str, tuple[str, ...]]:
    """Every facet of ``product`` → its keys (none, one or several), e.g. ``{"category": ("batik",), …}``."""
    return {
        "category": (product.category.key,),
        "technique": (product.technique.key,),
        "region": (product.region.key, product.island.key) if product.island else (product.region.key,),
        "dyes": (product.dyes,) if product.dyes else (),
        "certification": tuple(c.key for c in product.certifications),
        "availability": (product.availability,),
        "price": price_limits(product),
        "shipping": ("abroad",) if product.shipping.abroad == "yes" else (),
    }


def _reference_order(catalogue: Any, facet: str) -> tuple[str, ...]:
    ref = catalogue.ref
    return {
        "category": tuple(ref.categories),
        "technique": tuple(ref.techniques),
        "region": tuple(k for key, region in ref.regions.items() for k in (key, *(i.key for i in region.islands))),
        "dyes": DYES,
        "certification": tuple(ref.certifications),
        "availability": AVAILABILITY,
        "price": tuple(str(limit) for limit in PRICE_LIMITS),
        "shipping": SHIPPING,
    }[facet]


def facet_options(catalogue: Any) -> dict[str, list[tuple[str, int]]]:
    """Each facet → [(key, number of products)] for the keys in use, in reference-data order (the price's: its
    upper bounds, each with the products within it)."""
    counts = {facet: Counter[str]() for facet in FACETS}
    for product in catalogue.products:
        for facet, keys in product_facets(product).items():
            counts[facet].update(keys)
    options = {facet: [(key, counts[facet][key]) for key in _reference_order(catalogue, facet) if counts[facet][key]]
               for facet in FACETS}
    # Price bounds up to the first that holds every priced product: higher ones would show the same.
    priced = sum(1 for product in catalogue.products if lowest_price(product) is not None)
    limits = options["price"]
    ends = [i for i, (_, n) in enumerate(limits) if n == priced]
    options["price"] = limits[:ends[0] + 1] if ends else limits
    return options
