"""The photos' part of the build's store: derivatives named by what made them, so an unchanged photo is never
decoded again, and what decoding each photo taught."""

from __future__ import annotations

import gc
import os
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from buildkit.forked import fork_pool
from buildkit.store import Store, key, place, sealed

from .plan import Derivative


@dataclass(frozen=True)
class Meta:
    """What the pipeline learnt from decoding a photo once."""

    width: int  # upright, full resolution
    height: int
    placeholder: str


class Cache:
    """Derivatives as files of the store (kind "photos", ``<dir>/photos/ab/<key><suffix>``), each photo's Meta as
    bytes of it. A derivative counts as kept only while its file is as it was written (``has``)."""

    def __init__(self, folder: Path | None):
        self.store = Store(folder, "photos")
        self._files = self.store.folder

    def file(self, d: Derivative) -> Path:
        return Path(self.name(d))

    def name(self, d: Derivative) -> str:
        """``file(d)`` as a string: placing 30 files a product, pathlib's joins cost more than the links."""
        return self.cached(f"{d.key}{d.suffix}")

    def cached(self, name: str) -> str:
        """A cached file's path from its own name (``<key><suffix>``): the index keeps the names alone."""
        return f"{self._files}/{name[:2]}/{name}"

    @staticmethod
    def has(path: str, inode: int = 0) -> bool:
        """Whether the derivative at ``path`` is there as written (and is the file ``inode``, when given)."""
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return False
        return sealed(st) and inode in (0, st.st_ino)

    @staticmethod
    def photo_id(digest: str, background: tuple[int, int, int]) -> str:
        """A photo as the cache knows it: its content, and the colour its transparency is laid on."""
        return f"{digest}-{bytes(background).hex()}"

    def read_meta(self, digest: str, background: tuple[int, int, int]) -> Meta | None:
        kept = self.store.get(key("meta", self.photo_id(digest, background)), tuple)
        try:
            return Meta(*kept) if kept is not None else None
        except TypeError:
            return None

    def write_meta(self, digest: str, background: tuple[int, int, int], meta: Meta) -> None:
        self.store.put(key("meta", self.photo_id(digest, background)), (meta.width, meta.height, meta.placeholder))


# (inode, size) of a cached file
Known = tuple[int, int]
# A photo's ImageSet, the names of its variants' cached files (``<key><suffix>``, space-separated, in the order of
# its roles and their variants) and those files' inodes: 12 MB at 10,000 products, where a tuple of (cached file's
# path, place in the output, inode) per variant held 45 MB.
Published = tuple[Any, str, "array[int]"]


class FileIndex:
    """What the cache holds of each photo, read in one go: its Meta and, by derivative key, each cached file's
    inode and size. A build of 10,000 products otherwise read 21,000 meta files and made 236,000 ``stat`` calls,
    one by one, before a page could be rendered.

    It also keeps what each photo of the last build was published as (``published``): its ImageSet and the files
    to place, by the photo's content, its name in the catalogue, where it is shown and the settings
    (``publication_id``). Making them again from the plans took a warm build of 10,000 products 0.6 of its 5.9 s,
    on its one busy core before rendering.

    The meta files and the derivatives stay what the cache is; this is a summary of them, learnt as photos are
    published and written back when it grew. A file it lists that is gone (a cache folder cleared by hand) shows
    up when it is placed: the pipeline then forgets the summary and looks at every file again (pipeline.process).
    """

    KEY = key("index")
    FORMAT = 2  # 1: {photo id: (meta, files)} alone

    def __init__(self, cache: Cache):
        self.store = cache.store
        self.photos: dict[str, tuple[Meta, dict[str, Known]]] = {}
        self.published: dict[str, Published] = {}
        self.grew = False
        # Python's cycle collector paused: the index holds a third of a million objects at 10,000 products and
        # no cycle; with the collector's usual thresholds the load took three times as long.
        enabled = gc.isenabled()
        gc.disable()
        try:
            loaded = self.store.get(self.KEY, dict) or {}
            if loaded.get("format") == self.FORMAT:
                self.photos = {name: (Meta(*meta), files) for name, (meta, files) in loaded["photos"].items()}
                self.published = loaded["published"]
        except (ValueError, TypeError, KeyError, AttributeError):
            self.photos, self.published = {}, {}  # learnt again from the files
        finally:
            if enabled:
                gc.enable()

    def get(self, photo_id: str) -> tuple[Meta, dict[str, Known]] | None:
        return self.photos.get(photo_id)

    def learn(self, photo_id: str, meta: Meta, files: dict[str, Known]) -> None:
        if not files and photo_id in self.photos:
            return
        known = self.photos.get(photo_id)
        self.photos[photo_id] = (meta, {**known[1], **files} if known else dict(files))
        self.grew = True

    @staticmethod
    def publication_id(photo_id: str, key: str, subjects: frozenset[str], plan_key: str, prefix: str) -> str:
        """What a photo's ImageSet depends on: its content, its name (the files' names), where it is shown (the
        roles made) and the settings (the plan, and the folder the files go to)."""
        return f"{photo_id}|{key}|{','.join(sorted(subjects))}|{plan_key}|{prefix}"

    def publish(self, publication_id: str, published: Published) -> None:
        self.published[publication_id] = published
        self.grew = True

    def keep_only(self, publication_ids: set[str]) -> None:
        """Forget what photos no longer in the catalogue (or renamed, replaced, shown elsewhere) were published as:
        the index keeps what the last build published, not every photo it ever did."""
        if len(self.published) > len(publication_ids):
            self.published = {name: self.published[name] for name in publication_ids if name in self.published}
            self.grew = True

    def forget(self) -> None:
        self.photos, self.published = {}, {}
        self.grew = True

    def save(self) -> None:
        """Keep the index when it grew; another build writing it meanwhile only costs a later build time."""
        if not self.grew:
            return
        photos = {name: ((m.width, m.height, m.placeholder), files) for name, (m, files) in self.photos.items()}
        self.store.put(self.KEY, {"format": self.FORMAT, "photos": photos, "published": self.published})
        self.grew = False


class Placing:
    """Place (cached file, output path) links while the photos are still being planned.

    At 10,000 products a build places a quarter of a million files, in some 10,000 folders: the file system's
    work, in the kernel. Planning the photos is this process's own work, on one core. So once ``BATCH`` links
    are waiting, a second process is forked and takes them, a batch at a time and never more than two ahead,
    while the planning goes on here; when it is two batches behind (photos taken from the cache's index are
    planned faster than they are placed), this process places the next batch itself rather than let the links
    wait: at 10,000 products they held 90 MB. ``finish()`` shares what is left between the two so that they end
    together.
    A batch is a run of whole photos, in the order they were planned, so the processes mostly work in folders
    of their own; where a run ends in a folder the other one places into too, ``place`` copes with the other
    process making it first. Fewer links than ``BATCH`` in all: placed here, no process forked.
    """

    def __init__(self, processes: int = 1):
        self.processes = processes
        self.waiting: list[tuple[str, str]] = []
        self.pool: Any = None
        self.sent: list[tuple[int, Any]] = []  # (links in the batch, its result)
        self.missing: list[tuple[str, str]] = []  # of the links placed here

    def add(self, links: list[tuple[str, str]]) -> None:
        self.waiting += links
        while len(self.waiting) >= BATCH:
            batch = self.waiting[:BATCH]
            del self.waiting[:BATCH]
            if self.processes > 1 and self._backlog() < 2 * BATCH:
                self._send(batch)
            else:
                self.missing += _place_each(batch)

    def _backlog(self) -> int:
        return sum(size for size, result in self.sent if not result.ready())

    def _send(self, links: list[tuple[str, str]]) -> None:
        if self.pool is None:
            self.pool = fork_pool(1)
        self.sent.append((len(links), self.pool.apply_async(_place_each, (links,))))

    def finish(self) -> list[tuple[str, str]]:
        """Place the links still waiting and wait for the other process; returns the links whose cached file was
        missing (and so were not placed)."""
        waiting, self.waiting = self.waiting, []
        try:
            share = (len(waiting) - self._backlog()) // 2 if self.pool is not None else 0
            if share > 0:
                self._send(waiting[:share])
                waiting = waiting[share:]
            missing = self.missing + _place_each(waiting)
            for _size, result in self.sent:
                missing += result.get()
            return missing
        finally:
            self.stop()

    def __enter__(self) -> Placing:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()  # a build stopped half-way (a photo that could not be read) leaves no process behind

    def stop(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
        self.sent = []

BATCH = 4000  # links handed to the second process at a time (and fewer in all: no second process)


def _place_each(links: list[tuple[str, str]]) -> list[tuple[str, str]]:
    missing = []
    for source, target in links:
        try:
            place(source, target)
        except FileNotFoundError:
            missing.append((source, target))
    return missing
