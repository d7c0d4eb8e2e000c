"""The build's one on-disk cache: every stage keeps what it made under a key made of what it was made from.

A kind of cached thing is a line of ``KEEP`` (its folder under the cache root and how long an unused entry is
kept), not a cache of its own. Entries appear whole or not at all (a temporary name renamed, or one new hard link),
and every read checks what it reads: an entry not as it was kept is a miss, made again and written over.

- **values** (``get``/``put``): pickled, after the sha256 of the pickle.
- **files** hard-linked into the output (``place``/``keep``): too many to hash on every read, so they are sealed:
  the nanoseconds of a kept file's modification time are a function of its size. A write into the file, or another
  file in its place, gets the clock's time and breaks the seal. (No nanoseconds on the file system: every file is
  a miss, slower, never wrong.)

``VERSION`` is part of every key and seal. Expiry is one walk per kind (``_prune``); a use marks an entry at most
once a day. Not diskcache (PyPI): it keeps values in SQLite, and the build needs files it can hard-link.
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

VERSION = 2  # bump when what any entry holds changes in a way its key does not show
DAY = 24 * 3600
KEEP: dict[str, int | None] = {  # kind (its folder under the cache root): seconds an unused entry is kept
    "entries": 14 * DAY,  # each content folder's read and validated entries, photo files' sha256 (catalogue)
    "pages": 14 * DAY,  # rendered pages (catalogue/pages)
    "search": 3600,  # each language's Pagefind bundle, and which records made it (search): megabytes each
    "inspect": 14 * DAY,  # what the look at a photo found (images)
    "qr": 14 * DAY,  # QR codes (sharing)
    "icons": 14 * DAY,  # the kiosk's icons (kiosk)
    "photos": None,  # derivatives and their index (images): listed by the index, so kept until removed by hand
}
MAGIC = b"kriya-store\n"
HEAD = len(MAGIC) + 32  # then the sha256 of the pickle that follows


def key(*parts: str | bytes) -> str:
    """The key of what is made from ``parts`` (each told apart by its length: ``key("a", "b") != key("ab")``)."""
    digest = hashlib.sha256(b"%d\0" % VERSION)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(b"%d\0" % len(data) + data)
    return digest.hexdigest()[:32]


class Store:
    """The entries of one ``kind`` (a key of KEEP) under ``root`` (None: nothing is kept); ``hits`` and ``misses``
    count this process's look-ups."""

    def __init__(self, root: str | Path | None, kind: str):
        if kind not in KEEP:
            raise ValueError(f"kind: expected one of {', '.join(KEEP)}, got {kind!r}")
        self.kind, self.hits, self.misses = kind, 0, 0
        self.folder = os.path.join(os.fspath(root), kind) if root is not None else None
        if self.folder is not None:
            self._prune()

    def path(self, key: str, suffix: str = "") -> str:
        return f"{self.folder}/{key[:2]}/{key}{suffix}"

    def get(self, key: str, kind: type[T]) -> T | None:
        """The value of type ``kind`` kept under ``key`` by ``put``, or None."""
        if self.folder is None:
            return None
        try:
            with open(self.path(key), "rb") as file:
                whole, st = file.read(), os.fstat(file.fileno())
            ok = whole[:HEAD] == MAGIC + hashlib.sha256(whole[HEAD:]).digest()
            value = pickle.loads(whole[HEAD:]) if ok else None  # noqa: S301 - written by put(), digest checked
        except Exception:  # noqa: BLE001 - missing, damaged, or of a class renamed since: made again
            value = None
        if not isinstance(value, kind):
            self.misses += 1
            return None
        self._use(self.path(key), st)
        return value

    def put(self, key: str, value: Any) -> None:
        """Keep ``value`` under ``key``, whole or not at all; a cache that cannot be written only costs time."""
        if self.folder is None:
            return
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path = self.path(key)
        tmp = f"{path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)  # another process may make it too
            with open(tmp, "wb") as file:
                file.write(MAGIC + hashlib.sha256(data).digest() + data)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def place(self, key: str, suffix: str, target: str | Path) -> bool:
        """Hard-link the file kept under ``key`` as ``target`` (replacing what is there); False when there is no
        such file or it is not as it was kept (``target`` is then left alone)."""
        if self.folder is None:
            return False
        path = self.path(key, suffix)
        try:
            st = os.stat(path)
            if sealed(st):
                link(path, target)
                self._use(path, st, linked=True)
                return True
        except FileNotFoundError:  # never kept, or pruned meanwhile by another build
            pass
        self.misses += 1
        return False

    def keep(self, key: str, suffix: str, source: str | Path) -> None:
        """Keep ``source``, a file just written that nothing writes into again, under ``key`` as a hard link to it,
        sealed first; an entry already there that is not as kept is replaced."""
        if self.folder is None:
            return
        path = self.path(key, suffix)
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            size = seal(source)
            if not link(source, path, replace=False):
                st = os.stat(path)
                if not sealed(st) or st.st_size != size:  # else: another process kept the same file meanwhile
                    link(source, path)

    def _use(self, path: str, st: os.stat_result, linked: bool = False) -> None:
        """Count a hit and mark the entry used now, at most once a day: setting a time is a write."""
        self.hits += 1
        now = time.time()
        if now - st.st_mtime >= DAY:
            with contextlib.suppress(OSError):
                os.utime(path, ns=(time.time_ns(), int(now) * 10**9 + _seal(st.st_size)) if linked else None)

    def _prune(self) -> None:
        """Remove the entries unused for the kind's time in KEEP, walking at most once in a fourteenth of that time
        (``.pruned`` keeps when): a walk of many thousand pages costs more than using them."""
        keep, folder = KEEP[self.kind], os.fspath(self.folder)
        marker, now = os.path.join(folder, ".pruned"), time.time()
        if keep is None or not os.path.isdir(folder):
            return
        with contextlib.suppress(OSError):
            if now - os.stat(marker).st_mtime < keep / 14:
                return
        with contextlib.suppress(OSError):
            Path(marker).touch()
            for sub in os.scandir(folder):
                for entry in os.scandir(sub.path) if sub.is_dir(follow_symlinks=False) else ():
                    with contextlib.suppress(OSError):  # another build pruned it meanwhile
                        if now - entry.stat(follow_symlinks=False).st_mtime > keep:
                            if entry.is_dir(follow_symlinks=False):  # a bundle an older store kept as a folder
                                shutil.rmtree(entry.path, ignore_errors=True)
                            else:
                                os.unlink(entry.path)


def _seal(size: int) -> int:  # the nanoseconds of a kept file's modification time
    return (size * 2_654_435_761 + VERSION) % 999_999_937 + 1


def sealed(st: os.stat_result) -> bool:
    return st.st_mtime_ns % 1_000_000_000 == _seal(st.st_size)


def digest_files(digest: Any, folder: Path, pattern: str) -> None:
    """Feed ``digest`` the name and bytes of every file under ``folder`` matching ``pattern``, in order."""
    for path in sorted(folder.rglob(pattern)) if folder.is_dir() else ():
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")


def intact(path: str, inode: int = 0) -> bool:
    """Whether the file kept at ``path`` is there as it was kept (and is the file ``inode``, when given)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    return sealed(st) and inode in (0, st.st_ino)


def seal(path: str | Path) -> int:
    """Seal the file at ``path`` (its time's seconds kept); its size."""
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, int(st.st_mtime) * 1_000_000_000 + _seal(st.st_size)))
    return st.st_size


def link(source: str | Path, target: str | Path, replace: bool = True) -> bool:
    """Hard-link ``source`` as ``target``, making its folder; a file already there is replaced, or with ``replace``
    False left alone (then False). Across file systems a whole copy is moved in from a temporary name, so no other
    process ever reads half a file. Raises FileNotFoundError when there is no ``source``."""
    try:
        os.link(source, target)
    except FileExistsError:
        if not replace or os.path.samefile(source, target):
            return False
        os.unlink(target)
        return link(source, target, replace)
    except FileNotFoundError:
        if not os.path.isfile(source):
            raise
        os.makedirs(os.path.dirname(target), exist_ok=True)
        return link(source, target, replace)
    except OSError:  # another file system, links not allowed, too many links to one file
        tmp = f"{os.fspath(target)}.{os.getpid()}.tmp"
        shutil.copyfile(source, tmp)
        try:
            (os.replace if replace else os.link)(tmp, target)
        except FileExistsError:
            return False
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    return True
