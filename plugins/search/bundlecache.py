"""Each language's Pagefind bundle kept between builds under the records it was made from.

Pagefind indexes a language from scratch every time. When that language's records come out byte for byte as in a
build before (nothing a buyer searches for has changed: a story edited, a template of the pages changed), the
bundle made then is used again instead: the cache keeps the files Pagefind made, the output has hard links to
them (buildkit/store.py), and nothing writes into them once they are stored.

Rendering the records to find that out took a second per language at 10,000 products, on every build. So each
language also remembers, under what the records are made from (the site: templates, code, settings, reference
data, translations; and every product's card fingerprint, which covers its front matter, cover photo and artisan
but not its story), the key of the records it made. When that is unchanged the records are not rendered at all.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from importlib import metadata
from pathlib import Path

FORMAT = 2  # bump when what a bundle is made from changes in a way the records do not show
SOURCE = "source-"  # the files that remember a language's records' key (see above)
KEEP_SECONDS = 3600  # another language's or content tree's bundle not used for this long is removed


def pagefind_version() -> str:
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return "unknown"


class BundleCache:
    """Bundles under ``folder`` (None: no cache), one folder per language and key."""

    def __init__(self, folder: str | Path | None):
        self.folder = Path(folder) if folder is not None else None

    @staticmethod
    def key(lang: str, records: list[tuple[str, str]]) -> str:
        """What a bundle is made from: Pagefind's version, the language and every record's name and text."""
        digest = hashlib.sha256(f"{FORMAT}\0{pagefind_version()}\0{lang}\0".encode())
        for name, text in records:
            data = text.encode("utf-8")
            digest.update(b"%s\0%d\0" % (name.encode("utf-8"), len(data)) + data)
        return digest.hexdigest()[:32]

    @staticmethod
    def source_key(lang: str, site: str, fingerprints: list[str]) -> str:
        """What a language's records are made from, without rendering them (see above)."""
        digest = hashlib.sha256(f"{FORMAT}\0{pagefind_version()}\0{lang}\0{site}\0".encode())
        for fingerprint in fingerprints:
            digest.update(fingerprint.encode() + b"\0")
        return digest.hexdigest()[:32]

    def recall(self, lang: str, source: str) -> str | None:
        """The records' key remembered under ``source``, or None."""
        path = self._source_path(lang, source)
        if path is None:
            return None
        try:
            return path.read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def remember(self, lang: str, source: str, key: str) -> None:
        path = self._source_path(lang, source)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(key, encoding="utf-8")
        os.replace(tmp, path)

    def _path(self, lang: str, key: str) -> Path | None:
        return self.folder / f"{lang}-{key}" if self.folder is not None else None

    def _source_path(self, lang: str, source: str) -> Path | None:
        return self.folder / f"{SOURCE}{lang}-{source}" if self.folder is not None else None

    def get(self, lang: str, key: str) -> Path | None:
        """The bundle stored under ``key`` or None; marks it as used. A bundle is stored whole or not at all."""
        path = self._path(lang, key)
        if path is None or not path.is_dir():
            return None
        os.utime(path)
        return path

    def store(self, lang: str, key: str, bundle: Path) -> None:
        """Keep a bundle Pagefind has just made, and drop the stale ones.

        The bundle is moved into the cache whole, by one rename, and left in its place as a link to it, as a
        bundle taken from the cache is (Records.reuse): linking its 10,000 files one by one at 10,000 products
        took the file system's time beside the rendering.
        """
        path = self._path(lang, key)
        if path is None or self.folder is None or path.is_dir():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            bundle.rename(path)  # whole or not at all: another build may look for it meanwhile
        except OSError:  # another build stored the same bundle first, or the disk is full: only costs time
            return
        try:
            bundle.symlink_to(path.resolve(), target_is_directory=True)
        except OSError:
            path.rename(bundle)  # back where the build reads it
            return
        self.prune(keep=path)

    def prune(self, keep: Path) -> None:
        assert self.folder is not None
        limit = time.time() - KEEP_SECONDS
        for other in self.folder.iterdir():
            try:
                if other != keep and other.stat().st_mtime < limit:
                    if other.is_dir():
                        shutil.rmtree(other)
                    else:
                        other.unlink()
            except OSError:  # removed by another build meanwhile
                continue
