"""Entries read, validated and rendered by an earlier build, and photos' digests, reused while their files are
unchanged (kind "entries" of the build's store, buildkit/store.py).

Only what an entry's own two files make of it is kept: the front matter, the validated facts, the rendered bodies
and the warnings found in them. Whatever depends on other entries or on other files (artisan references, slugs,
photos on disk) is checked again on every build by the loader. The records of one content folder are one entry,
under the folder's path and everything the reading depends on (``salt``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any, TypeVar

import markdown_it
import nh3
import pydantic
import pydantic_core
import yaml
from buildkit import store

T = TypeVar("T")

FORMAT = 1  # bump when the records' layout changes
CODE = Path(__file__).resolve().parent.parent  # the catalogue plugin: loader, schema, markup, links, front matter…
LIBRARIES = (f"pydantic={pydantic.VERSION}", f"pydantic_core={pydantic_core.__version__}",
             f"markdown-it={markdown_it.__version__}", f"nh3={getattr(nh3, '__version__', '')}",
             f"yaml={yaml.__version__}")


def salt(data: Path) -> str:
    """What every entry's reading depends on besides its own files: code, libraries and reference data."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{LIBRARIES}\0".encode())
    store.digest_files(digest, CODE, "*.py")
    digest.update(b"\0data\0")
    store.digest_files(digest, data, "*")
    return digest.hexdigest()


class EntryCache:
    """Records keyed by the hash of an entry's kind and the bytes of its files, under ``folder``.

    ``hits`` and ``misses`` count the entries looked up in this build. Records not looked up are dropped when
    the cache is saved, so it holds the entries of the last build only.
    """

    def __init__(self, folder: Path | None, root: Path, data: Path):
        self.hits = 0
        self.misses = 0
        self.file: str | None = None
        self.salt = ""
        self.records: dict[str, tuple[int, bytes]] = {}
        self.used: dict[str, tuple[int, bytes]] = {}
        self.changed = False
        self.read_ahead: set[str] = set()  # keys of records read in this build by read_ahead(), not reused
        self.today = dt.date.today().toordinal()
        self.store = store.Store(folder, "entries")
        if folder is None:
            return
        # One entry per content folder, written over whenever the code, libraries or reference data change.
        self.where = store.key(str(root.resolve()))
        self.file = self.store.path(self.where)
        self.salt = salt(data)
        stored = self.store.get(self.where, dict) or {}
        if stored.get("salt") == self.salt and isinstance(stored.get("records"), dict):
            self.records = stored["records"]

    def key(self, kind: str, files: tuple[bytes | None, ...]) -> str | None:
        """The key of an entry whose files hold ``files`` (None for a file that does not exist)."""
        if self.file is None:
            return None
        digest = hashlib.sha256(kind.encode() + b"\0")
        for raw in files:
            digest.update(b"-" if raw is None else b"+%d\0" % len(raw) + raw)
        return digest.hexdigest()

    def get(self, key: str | None, kind: type[T]) -> T | None:
        """The record of type ``kind`` stored under ``key``, or None."""
        if key is None:
            return None
        value = None
        try:
            day, blob = stored = self.records[key]
            # An entry validated on a later day (a clock set back) is validated again: dates may not lie ahead.
            if day <= self.today:
                value = pickle.loads(blob)  # noqa: S301 - written by put() below
        except Exception:  # noqa: BLE001 - a missing or damaged record is read again from the entry
            value = None
        if not isinstance(value, kind):
            self.misses += 1
            return None
        self.used[key] = stored
        if key in self.read_ahead:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def has(self, key: str | None) -> bool:
        return key is not None and key in self.records

    def added_since(self, keys: set[str]) -> list[tuple[str, tuple[int, bytes]]]:
        """The records put since the cache held ``keys`` (what a process read ahead, for the one that forked it)."""
        return [(key, value) for key, value in self.used.items() if key not in keys]

    def add_read_ahead(self, records: list[tuple[str, tuple[int, bytes]]]) -> None:
        """Records other processes read in this build: taken by get() like the earlier builds' ones, but counted
        as read, not reused, and saved with the rest."""
        for key, value in records:
            self.records[key] = value
            self.read_ahead.add(key)
        self.changed = self.changed or bool(records)

    def put(self, key: str | None, value: Any) -> None:
        if key is None:
            return
        self.used[key] = (self.today, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        self.changed = True

    def save(self) -> None:
        """Keep the records of this build; a cache that cannot be written only costs time."""
        if self.file is not None and (self.changed or self.used.keys() != self.records.keys()):
            self.store.put(self.where, {"salt": self.salt, "records": self.used})


DIGESTS = store.key("photo digests")  # one entry for every content folder


class DigestCache:
    """Photo files' sha256 by path, kept while the file's identity (inode, size, modification time) is unchanged:
    a new photo saved over the old one changes its size or time, and is read and hashed again."""

    def __init__(self, folder: Path | None = None):
        self.store = store.Store(folder, "entries")
        self.known: dict[str, list] = self.store.get(DIGESTS, dict) or {}  # type: ignore[type-arg]
        self.by_identity: dict[tuple[int, int, int, int], str] = {}  # hard links and repeated references
        self.hashed: dict[str, list] = {}  # type: ignore[type-arg]  # what this process read and hashed

    def digest(self, path: Path, st: os.stat_result | None = None) -> str:
        """The file's sha256; ``st``: its stat, when the caller has it already."""
        st = st or path.stat()
        identity = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        if identity not in self.by_identity:
            # Named by its absolute path (resolving each folder cost eight system calls a photo); the identity is
            # what proves the digest still holds.
            name = os.path.abspath(path)
            entry = self.known.get(name)
            if entry is None or entry[:3] != [st.st_ino, st.st_size, st.st_mtime_ns]:
                with path.open("rb") as fh:
                    entry = [st.st_ino, st.st_size, st.st_mtime_ns, hashlib.file_digest(fh, "sha256").hexdigest()]
                self.known[name] = self.hashed[name] = entry
            self.by_identity[identity] = str(entry[3])
        return self.by_identity[identity]

    def learn(self, hashed: dict[str, list]) -> None:  # type: ignore[type-arg]
        """Take the digests another process made (its ``hashed``), which hold as those read from the store do."""
        self.known.update(hashed)
        self.hashed.update(hashed)

    def save(self) -> None:
        if self.hashed:
            self.store.put(DIGESTS, self.known)
