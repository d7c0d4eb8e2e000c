"""The documents Pagefind indexes: one small page per product and language, never part of the site.

Pagefind indexes what it is given. Given the product pages themselves (most of each is photos' markup,
storefront buttons and related products), it spent most of its time parsing what a search never matches; a
record, a small fraction of a page's size, holds exactly what is searched and what a result shows
(partials/search/record.html).
Records are handed to Pagefind from memory with the URL of their product page (service.py), in the order of
order.py. They are rendered in the process that renders their language's pages, before them, and held in the
build's folder here until the first language's pages are written; Pagefind then indexes them while the build
writes the last pages, the sitemap, the kiosk's list and the rest, and its bundles are kept in that folder too.
"""

from __future__ import annotations

import pickle
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from .order import indexed

TEMPLATE = "partials/search/record.html"
PREFIX = "search-records-"
STALE_SECONDS = 24 * 3600


class Records:
    """A folder for one build's Pagefind bundles, one per language; removed once they are in the output."""

    def __init__(self, parent: str | Path | None = None) -> None:
        if parent is not None:
            Path(parent).mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent))
        # A build that failed half-way in another process left its folder: gone once it is a day old.
        for old in self.folder.parent.glob(f"{PREFIX}*"):
            try:
                if old != self.folder and time.time() - old.stat().st_mtime > STALE_SECONDS:
                    shutil.rmtree(old, ignore_errors=True)
            except FileNotFoundError:  # another build removed it meanwhile
                pass

    def bundle(self, lang: str) -> Path:
        """Where Pagefind writes the index of ``lang`` before the languages' bundles are put together."""
        return self.folder / f"bundle-{lang}"

    @staticmethod
    def render(generator: Any, lang: str, context: dict[str, Any]) -> list[tuple[str, str]]:
        """Every product's record in ``lang`` as (URL of its page, HTML), in the order of the index."""
        module = generator.env.get_template(TEMPLATE).make_module(vars=context)  # its imports made once
        urls = context["urls"]
        return [(urls("product", product.slug), str(module.record(product, product.t(lang))))
                for product in indexed(generator.catalogue)]

    def hold(self, lang: str, key: str, records: list[tuple[str, str]]) -> None:
        """Keep ``lang``'s rendered records, and the key their bundle will be stored under, for Pagefind."""
        path = self._held(lang)
        tmp = path.with_name(f".{path.name}")
        with open(tmp, "wb") as file:
            pickle.dump((key, records), file, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.rename(path)  # whole or not at all

    def held(self, lang: str) -> Path | None:
        """Where ``lang``'s held records are (a pickle of our own, written by hold()), or None."""
        path = self._held(lang)
        return path if path.exists() else None

    def _held(self, lang: str) -> Path:
        return self.folder / f"records-{lang}.pickle"

    @staticmethod
    def load(path: Path) -> tuple[str, list[tuple[str, str]]]:
        with open(path, "rb") as file:
            return pickle.load(file)  # noqa: S301 - written by hold() in this build, never from outside

    def reuse(self, lang: str, files: dict[str, bytes]) -> None:
        """Take a bundle made by an earlier build ({path in it: bytes}, from the build's store) as ``lang``'s,
        instead of running Pagefind."""
        for name, data in files.items():
            path = self.bundle(lang) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
