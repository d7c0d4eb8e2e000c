"""Reuse the pages whose inputs have not changed since an earlier build, instead of rendering them again."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from buildkit.hardlinks import keep, prune, reuse

# Settings that differ between two builds of the same site without changing a page.
VOLATILE_SETTINGS = frozenset({"OUTPUT_PATH"})


def _hash_files(digest: Any, folder: Path, pattern: str) -> None:
    for path in sorted(folder.rglob(pattern)) if folder.is_dir() else ():
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")


def site_key(settings: dict[str, Any], folders: Iterable[tuple[Path, str]]) -> str:
    """What every page depends on: settings, templates, translations, code, reference data and text pages."""
    digest = hashlib.sha256()
    items = {k: v for k, v in settings.items() if k.isupper() and k not in VOLATILE_SETTINGS}
    # Functions and other objects are named by type only: their repr carries a memory address.
    digest.update(json.dumps(items, sort_keys=True, default=lambda o: f"<{type(o).__qualname__}>").encode())
    for folder, pattern in folders:
        _hash_files(digest, folder, pattern)
    return digest.hexdigest()


class PageCache:
    """Rendered pages kept under ``folder``, named by the hash of everything they were made from.

    The output's pages are hard links to these files: nothing writes into a written page (hardlinks.py).
    """

    def __init__(self, folder: Path | None, site: str):
        self.folder = folder
        self.site = site
        self.hits = 0
        self.misses = 0
        # The cache's folders (named by a key's first two letters) as the build starts: where a page's folder is
        # missing, no earlier build kept it, known without asking the file system (2,500 misses in a cold build
        # of 1,000 products), and its folder is made before the page is kept.
        self.earlier: frozenset[str] = frozenset()
        if folder is not None:
            prune(folder)  # pages no build has shown for two weeks: older versions, removed entries
            with contextlib.suppress(FileNotFoundError):
                self.earlier = frozenset(os.listdir(folder))
        self.folders = set(self.earlier)  # and those this process made since

    def key(self, lang: str, save_as: str, inputs: Iterable[str]) -> str | None:
        if self.folder is None:
            return None
        digest = hashlib.sha256(f"{self.site}\0{lang}\0{save_as}".encode())
        for part in inputs:
            digest.update(part.encode() + b"\0")
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.html"

    def restore(self, key: str | None, target: str | Path) -> bool:
        if key is None:
            return False
        if key[:2] not in self.earlier:
            self.misses += 1
            return False
        cached = self._path(key)
        try:
            reuse(cached, target)
        except FileNotFoundError:
            self.misses += 1
            return False
        self.hits += 1
        return True

    def store(self, key: str | None, source: str | Path) -> None:
        if key is None:
            return
        cached = self._path(key)
        if key[:2] not in self.folders:
            cached.parent.mkdir(parents=True, exist_ok=True)  # the other language's process may make it too
            self.folders.add(key[:2])
        keep(source, cached)
