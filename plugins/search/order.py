"""The order of the products in each language's search index, and the list of their prices that sorts them.

Every search downloads Pagefind's metadata, and each sort key (``data-pagefind-sort``) adds to it the list of all
pages in that order, which for "newest" and "price" made up close to half of the metadata of a large catalogue.
Neither is kept there. Pagefind lists what filters alone find in the order its pages were indexed, and the
records are indexed in the catalogue's order, newest first (service.py), so "newest" is that order. The
prices, in the same order, are a small file of their own beside the index, which search.js fetches only when
a buyer sorts by price.
"""

from __future__ import annotations

import hashlib
import json
from typing import NamedTuple

from catalogue.model.model import Catalogue, Product


def indexed(catalogue: Catalogue) -> tuple[Product, ...]:
    """The products in the order of every language's index: newest first (Catalogue.assemble)."""
    return catalogue.products


class PriceList(NamedTuple):
    """Each indexed product's price in rupiah (the lowest of a range; null: price on request), in index order."""

    name: str  # named by its content: cached for long, and never paired with another build's index
    data: bytes


def price_list(catalogue: Catalogue) -> PriceList:
    data = json.dumps([product.sort_price for product in indexed(catalogue)], separators=(",", ":")).encode()
    return PriceList(f"prices-{hashlib.sha256(data).hexdigest()[:10]}.json", data)
