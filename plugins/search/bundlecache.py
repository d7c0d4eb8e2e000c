"""Each language's Pagefind bundle kept between builds under the records it was made from.

Pagefind indexes a language from scratch every time. When that language's records come out byte for byte as in a
build before (nothing a buyer searches for has changed: a story edited, a template of the pages changed), the
bundle made then is used again instead: the cache keeps the files Pagefind made, the output has hard links to
them (buildkit/store.py), and nothing writes into them once they are stored.

Rendering the records to find that out took a noticeable part of every build of a large catalogue. So each
language also remembers, under what the records are made from (the site: templates, code, settings, reference
data, translations; and every product's card fingerprint, which covers its front matter, cover photo and artisan
but not its story), the key of the records it made. When that is unchanged the records are not rendered at all.
"""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path

from buildkit.store import Store, key

FORMAT = 2  # bump when what a bundle is made from changes in a way the records do not show


def pagefind_version() -> str:
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return "unknown"


class BundleCache:
    """Bundles kept as trees of the build's store under ``folder`` (kind "search"; None: no cache)."""

    def __init__(self, folder: str | Path | None):
        self.store = Store(folder, "search")

    @staticmethod
    def key(lang: str, records: list[tuple[str, str]]) -> str:
        """What a bundle is made from: Pagefind's version, the language and every record's name and text."""
        return key(str(FORMAT), pagefind_version(), lang, *(part for record in records for part in record))

    @staticmethod
    def source_key(lang: str, site: str, fingerprints: list[str]) -> str:
        """What a language's records are made from, without rendering them (see above)."""
        return key(str(FORMAT), pagefind_version(), "source", lang, site, *fingerprints)

    def recall(self, lang: str, source: str) -> str | None:
        """The records' key remembered under ``source``, or None."""
        return self.store.get(source, str)

    def remember(self, lang: str, source: str, key: str) -> None:
        self.store.put(source, key)

    def get(self, lang: str, key: str) -> Path | None:
        """The bundle kept under ``key``, every file of it as it was kept, or None; marks it as used."""
        return self.store.get_tree(key)

    def store_bundle(self, lang: str, key: str, bundle: Path) -> None:
        """Keep a bundle Pagefind has just made. It is moved into the store whole, by one rename, and left in its
        place as a link to it, as a bundle taken from the cache is (Records.reuse): linking its thousands of files one
        by one took the file system's time beside the rendering."""
        path = self.store.put_tree(key, bundle)
        if path is None:
            return
        try:
            bundle.symlink_to(path.resolve(), target_is_directory=True)
        except OSError:
            os.rename(path, bundle)  # back where the build reads it
