"""The build's one on-disk cache: every stage keeps what it made under a key made of what it was made from.

A kind of cached thing is a line of ``KEEP`` (its folder under the cache root and how long an entry no build used
is kept), not a cache of its own. Every kind is written and read the same way:

- **bytes** (``get``/``put`` and ``get_bytes``/``put_bytes``): a file that starts with the sha256 of what follows.
  Written to a temporary name and renamed into place, so it is whole or absent; one whose digest does not match
  (cut short, altered, from another program) is a miss, made again and written over.
- **files** placed in the output as hard links (``place``/``keep``: pages, QR codes, icons, photo derivatives): a
  build of 10,000 products places a quarter of a million of them, so hashing them on every read would cost more
  than making some again. They are sealed instead: the nanoseconds of a kept file's modification time are a
  function of its size (``_seal``). Any write into the file, or a file put in its place, gets the clock's time and
  breaks the seal, and the entry is then a miss. Nothing of the build writes into a placed file (``make publish``
  writes minified files anew), which the seal also checks. A file system whose times have no nanoseconds keeps no
  seal: every such file is a miss, which costs time and is never wrong.
- **trees** (``get_tree``/``put_tree``: a Pagefind bundle): a folder moved in whole by one rename, its files sealed,
  with the list of its files and their sizes kept as bytes under the same key.

``VERSION`` is part of every key: bump it and every entry is made again. Expiry is one walk (``_prune``): an entry
no build has used for its kind's time in ``KEEP`` is removed; a use marks it at most once a day.

Why not a library: diskcache (PyPI) keeps values in SQLite or under names of its own and hands them back by reading
them; the build needs files it can hard-link into the output, and a store safe to share between forked processes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import time
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

VERSION = 1  # bump when what any entry holds changes in a way its key does not show
DAY = 24 * 3600
KEEP: dict[str, int | None] = {  # kind (its folder under the cache root): seconds an unused entry is kept
    "entries": 14 * DAY,  # each content folder's read and validated entries (catalogue/reading)
    "digests": 14 * DAY,  # photo files' sha256 (catalogue/reading)
    "pages": 14 * DAY,  # rendered pages (catalogue/pages)
    "templates": 14 * DAY,  # compiled Jinja templates (catalogue/pages)
    "search": 3600,  # each language's Pagefind bundle, and which records made it (search): megabytes each
    "inspect": 14 * DAY,  # what the look at a photo found (images)
    "qr": 14 * DAY,  # QR codes (sharing)
    "icons": 14 * DAY,  # the kiosk's icons (kiosk)
    # Photo derivatives and what decoding taught (images): kept until removed by hand. They are placed by the
    # images' own index (images/cache.py), not through place(), so no use marks them.
    "photos": None,
}
MAGIC = b"kriya-store\n"
HEAD = len(MAGIC) + 32  # then the sha256 of the bytes that follow
MARKER = ".pruned"


def key(*parts: str | bytes) -> str:
    """The key of what is made from ``parts`` (each told apart by its length), with VERSION.

    >>> key("a", "b") != key("ab")
    True
    """
    digest = hashlib.sha256(b"%d\0" % VERSION)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(b"%d\0" % len(data) + data)
    return digest.hexdigest()[:32]


class Store:
    """The entries of one ``kind`` (a key of KEEP) under ``root`` (None: nothing is kept, every get misses).

    ``hits`` and ``misses`` count this process's look-ups, for the build's log and the tests.
    """

    def __init__(self, root: str | Path | None, kind: str):
        if kind not in KEEP:
            raise ValueError(f"kind: expected one of {', '.join(KEEP)}, got {kind!r}")
        self.kind = kind
        self.folder = os.path.join(os.fspath(root), kind) if root is not None else None
        self.hits = 0
        self.misses = 0
        self._made: set[str] = set()  # the two-letter folders this process made or found
        if self.folder is not None:
            self._prune()

    def path(self, key: str, suffix: str = "") -> str:
        assert self.folder is not None
        return f"{self.folder}/{key[:2]}/{key}{suffix}"

    # -- bytes ---------------------------------------------------------------------------------------------------
    def get_bytes(self, key: str) -> bytes | None:
        """The bytes kept under ``key``, or None when there are none or they are not as they were kept."""
        if self.folder is None:
            return None
        path = self.path(key)
        try:
            with open(path, "rb") as file:
                whole = file.read()
                st = os.fstat(file.fileno())
        except OSError:
            return self._miss()
        data = whole[HEAD:]
        if whole[:HEAD] != MAGIC + hashlib.sha256(data).digest():
            return self._miss()
        self._mark(path, st)
        self.hits += 1
        return data

    def put_bytes(self, key: str, data: bytes) -> None:
        """Keep ``data`` under ``key``, whole or not at all; a cache that cannot be written only costs time."""
        if self.folder is None:
            return
        path = self.path(key)
        tmp = f"{path}.{os.getpid()}.tmp"
        try:
            self._folder(key)
            with open(tmp, "wb") as file:
                file.write(MAGIC + hashlib.sha256(data).digest() + data)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def get(self, key: str, kind: type[T]) -> T | None:
        """The object of type ``kind`` kept under ``key`` by ``put``, or None."""
        data = self.get_bytes(key)
        if data is None:
            return None
        try:
            value = pickle.loads(data)  # noqa: S301 - written by put() below, its digest checked by get_bytes
        except Exception:  # noqa: BLE001 - a class renamed since it was kept: made again
            value = None
        return value if isinstance(value, kind) else None

    def put(self, key: str, value: Any) -> None:
        self.put_bytes(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    # -- files placed as hard links ------------------------------------------------------------------------------
    def place(self, key: str, suffix: str, target: str | Path) -> bool:
        """Put the file kept under ``key`` at ``target`` as a hard link (replacing what is there, making its
        folder); False when there is no such file or it is not as it was kept (then ``target`` is left alone)."""
        if self.folder is None:
            return False
        path = self.path(key, suffix)
        try:
            st = os.stat(path)
            if not sealed(st):
                return bool(self._miss())
            place(path, target)
        except FileNotFoundError:  # never kept, or pruned meanwhile by another build
            return bool(self._miss())
        self._mark(path, st, linked=True)
        self.hits += 1
        return True

    def keep(self, key: str, suffix: str, source: str | Path) -> None:
        """Keep ``source``, a file just written that nothing writes into again, under ``key`` as a hard link to
        it. It is sealed first, so that it appears in the store whole and sealed; an entry already there that is
        not as kept is replaced."""
        if self.folder is None:
            return
        path = self.path(key, suffix)
        try:
            seal(source)
            self._folder(key)
            if add(source, path):
                return
            st = os.stat(path)
            if sealed(st) and st.st_size == os.stat(source).st_size:
                return  # another process kept the same file meanwhile
            tmp = f"{path}.{os.getpid()}.tmp"
            place(source, tmp)
            os.replace(tmp, path)
        except OSError:
            return  # a cache that cannot be written only costs time

    # -- trees -------------------------------------------------------------------------------------------------
    def get_tree(self, key: str) -> Path | None:
        """The folder kept under ``key`` when every file in it is there as it was kept, or None."""
        listing = self.get(key, dict)
        if listing is None:
            return None
        path = self.path(key, ".tree")
        found = {}
        try:
            for folder, _dirs, names in os.walk(path):
                for name in names:
                    file = os.path.join(folder, name)
                    st = os.stat(file)
                    found[os.path.relpath(file, path)] = st.st_size if sealed(st) else -1
        except OSError:  # pruned meanwhile by another build
            return self._miss()
        if found != listing:
            return self._miss()
        with contextlib.suppress(OSError):
            os.utime(path)
        return Path(path)

    def put_tree(self, key: str, folder: Path) -> Path | None:
        """Move ``folder`` into the store under ``key``, whole, by one rename; returns where it is now (None when
        it could not be kept: it is then where it was)."""
        if self.folder is None:
            return None
        path = self.path(key, ".tree")
        listing = {}
        try:
            for parent, _dirs, names in os.walk(folder):
                for name in names:
                    file = os.path.join(parent, name)
                    listing[os.path.relpath(file, folder)] = seal(file)
            self._folder(key)
            if os.path.isdir(path):  # a damaged one: out of the way first, then removed
                aside = f"{path}.{os.getpid()}.old"
                os.rename(path, aside)
                shutil.rmtree(aside, ignore_errors=True)
            os.rename(folder, path)
        except OSError:  # another build kept the same tree first, or the disk is full: only costs time
            return None
        self.put(key, listing)
        return Path(path)

    # -- bookkeeping -------------------------------------------------------------------------------------------
    def _miss(self) -> None:
        self.misses += 1

    def _folder(self, key: str) -> None:
        if key[:2] not in self._made:
            os.makedirs(f"{self.folder}/{key[:2]}", exist_ok=True)  # another process may make it too
            self._made.add(key[:2])

    @staticmethod
    def _mark(path: str, st: os.stat_result, linked: bool = False) -> None:
        """Mark an entry as used now, at most once a day: setting a time is a write, looking at it is not."""
        now = time.time()
        if now - st.st_mtime < DAY:
            return
        with contextlib.suppress(OSError):
            if linked:
                os.utime(path, ns=(time.time_ns(), int(now) * 1_000_000_000 + _seal(st.st_size)))
            else:
                os.utime(path)

    def _prune(self) -> None:
        """Remove the entries no build has used for the kind's time in KEEP. The folder is walked at most once in
        a fourteenth of that time (a marker file keeps when): at 20,000 pages a walk costs more than the rest of
        a warm build's use of the store."""
        assert self.folder is not None
        keep = KEEP[self.kind]
        if keep is None:
            return
        marker = os.path.join(self.folder, MARKER)
        now = time.time()
        try:
            if now - os.stat(marker).st_mtime < keep / 14:
                return
        except FileNotFoundError:
            if not os.path.isdir(self.folder):
                return
        with contextlib.suppress(OSError):
            Path(marker).touch()
            for sub in os.scandir(self.folder):
                if not sub.is_dir(follow_symlinks=False):
                    continue
                for entry in os.scandir(sub.path):
                    with contextlib.suppress(OSError):  # another build pruned it meanwhile
                        if now - entry.stat(follow_symlinks=False).st_mtime > keep:
                            if entry.is_dir(follow_symlinks=False):
                                shutil.rmtree(entry.path, ignore_errors=True)
                            else:
                                os.unlink(entry.path)


def _seal(size: int) -> int:
    """The nanoseconds of a kept file's modification time (see the module's docstring)."""
    return (size * 2_654_435_761 + VERSION) % 999_999_937 + 1


def sealed(st: os.stat_result) -> bool:
    """Whether the file of ``st`` is as it was kept (see the module's docstring)."""
    return st.st_mtime_ns % 1_000_000_000 == _seal(st.st_size)


def seal(path: str | Path) -> int:
    """Seal the file at ``path`` (its time's seconds kept) and return its size."""
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, int(st.st_mtime) * 1_000_000_000 + _seal(st.st_size)))
    return st.st_size


# -- hard links ---------------------------------------------------------------------------------------------------
def _link(source: str | Path, target: str | Path) -> bool:
    """Hard-link ``source`` as ``target``, making its folder when missing; False when ``target`` exists already.
    Raises FileNotFoundError when there is no ``source``, and OSError where no link can be made (another file
    system, links not allowed, too many links to one file)."""
    try:
        os.link(source, target)
    except FileExistsError:
        return False
    except FileNotFoundError:
        if not os.path.isfile(source):
            raise
        os.makedirs(os.path.dirname(target), exist_ok=True)
        return _link(source, target)
    return True


def place(source: str | Path, target: str | Path) -> None:
    """Hard-link ``source`` as ``target``, replacing any file there and making its folder; copy it across file
    systems. Raises FileNotFoundError when there is no ``source``."""
    try:
        linked = _link(source, target)
    except FileNotFoundError:
        raise
    except OSError:
        shutil.copyfile(source, target)
        return
    if not linked and not os.path.samefile(source, target):
        os.unlink(target)
        place(source, target)


def add(source: str | Path, target: str | Path) -> bool:
    """Put ``source`` at ``target`` unless a file is there already (then False), making its folder when missing.

    A new link is made whole or not at all, so no other process ever reads half a file, and needs no temporary
    name. Across file systems, a whole copy is linked in from a temporary name. Raises FileNotFoundError when
    there is no ``source``.
    """
    try:
        return _link(source, target)
    except FileNotFoundError:
        raise
    except OSError:
        tmp = f"{os.fspath(target)}.{os.getpid()}.tmp"
        shutil.copyfile(source, tmp)
        try:
            return _link(tmp, target)
        finally:
            os.unlink(tmp)
