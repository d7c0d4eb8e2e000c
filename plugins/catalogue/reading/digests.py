"""Content hashes of photos, remembered between builds so an unchanged file is not read again."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from buildkit.store import Store, key

KEY = key("photo digests")  # one entry of the build's store (kind "entries"), for every content folder


class DigestCache:
    """sha256 of files, keyed by path and the file's identity (inode, size, modification time).

    A file whose identity is unchanged keeps its digest; any change to it (a new photo saved over the old one
    changes its size or time) is read and hashed again.
    """

    def __init__(self, folder: Path | None = None):
        self.store = Store(folder, "entries")
        self.known: dict[str, list] = self.store.get(KEY, dict) or {}  # type: ignore[type-arg]
        self.by_identity: dict[tuple[int, int, int, int], str] = {}
        self.hashed: dict[str, list] = {}  # type: ignore[type-arg]  # what this process read and hashed
        self.dirty = False

    def digest(self, path: Path, st: os.stat_result | None = None) -> str:
        """The file's sha256; ``st``: its stat, when the caller has it already."""
        st = st or path.stat()
        identity = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        if identity in self.by_identity:  # hard links and repeated references
            return self.by_identity[identity]
        # The absolute path names the entry (resolving every folder of it cost eight system calls a photo); the
        # file's identity below is what proves the digest still holds.
        key = os.path.abspath(path)
        entry = self.known.get(key)
        if entry is not None and entry[:3] == [st.st_ino, st.st_size, st.st_mtime_ns]:
            digest = str(entry[3])
        else:
            with path.open("rb") as fh:
                digest = hashlib.file_digest(fh, "sha256").hexdigest()
            self.known[key] = self.hashed[key] = [st.st_ino, st.st_size, st.st_mtime_ns, digest]
            self.dirty = True
        self.by_identity[identity] = digest
        return digest

    def learn(self, hashed: dict[str, list]) -> None:  # type: ignore[type-arg]
        """Take the digests another process made of files (its ``hashed``): each still holds only while the file's
        identity is the one it was hashed with, as for those read from the cache's file."""
        if hashed:
            self.known.update(hashed)
            self.dirty = True

    def save(self) -> None:
        if self.dirty:
            self.store.put(KEY, self.known)
