"""Reading the artisans and products the entry cache lacks in two forked processes, ahead of the load that takes
what they read: started by scripts/build.py before Pelican is imported (read_ahead), or by the load itself."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from buildkit.forked import Forks, start_in_forks
from pydantic import BaseModel

from ..model.refdata import ReferenceData, ReferenceDataError
from ..model.schema import ArtisanFacts, ArtisanTranslation, ProductFacts, ProductTranslation
from .entrycache import DigestCache, EntryCache
from .files import Report
from .reader import Reader, sources

READ_AHEAD_FROM = 200  # entries to read before a second process is worth starting
READ_AHEAD_PARTS = 8

_KINDS = (("artisans", ArtisanFacts, ArtisanTranslation), ("products", ProductFacts, ProductTranslation))


class _ReadAhead(NamedTuple):
    """What a reading process sends back of one part: the entry cache's records it made, the photo digests it
    made (DigestCache.hashed), and what it read of each entry (Reader.keys)."""

    records: list[tuple[str, tuple[int, bytes]]]
    digests: dict[str, list]  # type: ignore[type-arg]
    keys: dict[str, tuple[str, tuple[int, ...], tuple[int, ...] | None]]


def start_reading(loader: Reader, todo: list[tuple[Path, type[BaseModel], type[BaseModel]]], *,
                  unchecked: bool) -> Forks | None:
    """Start reading the artisans and products the entry cache lacks in two processes at once, into the cache (a
    cold build of 10,000 products spends most of its loading time in YAML, pydantic, Markdown and nh3, one entry
    at a time); the processes' ``results()`` are the records they made.

    ``unchecked``: ``todo`` is every entry, and each process skips those the cache holds (it reads their files to
    know). Otherwise ``todo`` holds only the entries the cache lacks.

    Only the cache's records come back, with the key and stamps of the files read of every entry: the loader
    then takes every entry from the cache, in order, as on a warm build, so its checks across entries and the
    order of its messages stay as they are; by that key while its files keep those stamps. What is reported while
    reading ahead is dropped: an entry's warnings come back with its record, and an entry with errors is not
    cached, so the loader reads it again and reports them.
    """
    cache = loader.cache
    if cache.file is None or (os.cpu_count() or 1) < 2 or len(todo) < READ_AHEAD_FROM:
        return None
    quiet = Reader(loader.root, loader.ref, Report(), loader.hashes, cache)
    # Eight parts for two processes, each taking the next part when done with one: a process that shares its core
    # (with the build's own, importing Pelican meanwhile) reads fewer, and both end together.
    parts = {f"part {i + 1} of {READ_AHEAD_PARTS}": todo[i::READ_AHEAD_PARTS] for i in range(READ_AHEAD_PARTS)}

    def read(part: str) -> list[_ReadAhead]:
        before = set(cache.used)  # a process reads several parts: each sends back its own records only
        hashed = set(quiet.hashes.hashed)
        keys = {}
        for folder, facts, translation in parts[part]:
            key = quiet.key_of(folder, facts)
            if key is None:
                continue  # the loader reads it again, and reports why it cannot be used
            index = os.fspath(folder / "index.id.md")
            keys[index] = (key, *quiet.stamps[index])
            if not unchecked or not cache.has(key):
                parsed = quiet.parse(folder, facts, translation)
                if parsed is not None:
                    quiet.hash_photos(folder, parsed)
        digests = {k: v for k, v in quiet.hashes.hashed.items() if k not in hashed}
        return [_ReadAhead(cache.added_since(before), digests, keys)]

    return start_in_forks(read, list(parts), 2, "reading the entries")


def missing(loader: Reader) -> list[tuple[Path, type[BaseModel], type[BaseModel]]]:
    """The entries the cache lacks; their files' bytes are kept for the loader's own read of them."""
    if loader.cache.file is None:
        return []
    quiet = Reader(loader.root, loader.ref, Report(), loader.hashes, loader.cache)  # entries() reports nothing
    return [(folder, facts, translation) for kind, facts, translation in _KINDS
            for folder in quiet.entries(kind) if loader.unread(folder, facts)]


class ReadAhead:
    """The reading read_ahead() started for one content folder and cache: the load_catalogue() of that folder and
    cache it is given to goes on from there, once; ``stop()`` abandons it (what a load does with one of another
    folder or cache, and a build that failed before its catalogue was loaded)."""

    def __init__(self, where: tuple[Path, Path | None], ref: ReferenceData, hashes: DigestCache, cache: EntryCache,
                 reading: Forks | None):
        self.where = where
        self.sources = (ref, hashes, cache)
        self.reading = reading
        self.taken = False

    def take(self, root: Path, cache_dir: Path | None) -> ReadAhead | None:
        """Itself, for the first load of its folder and cache; None (and stopped) for any other."""
        if self.taken or self.where != _where(root, cache_dir):
            self.stop()
            return None
        self.taken = True
        return self

    def stop(self) -> None:
        self.taken = True
        if self.reading is not None:
            self.reading.stop()


def _where(root: Path, cache_dir: Path | None) -> tuple[Path, Path | None]:
    return root.resolve(), None if cache_dir is None else Path(cache_dir).resolve()


def read_ahead(root: Path, cache_dir: Path | None) -> ReadAhead | None:
    """Start reading the entries of ``root`` now, for the ``load_catalogue(root, cache_dir, read=…)`` that follows.

    scripts/build.py calls this before it imports Pelican: the two reading processes start a tenth of a second
    after the build does, and read while Pelican and the plugins are imported and set up; it hands what this returns
    to the catalogue's generator (the CATALOGUE_READ_AHEAD setting). A load of another folder or cache stops them,
    and reads as it would have without them.
    """
    try:
        ref, hashes, cache = sources(root, cache_dir)
    except ReferenceDataError:
        return None  # load_catalogue reports it, in the same words as when nothing was started
    quiet = Reader(root, ref, Report(), hashes, cache)
    every = [(folder, facts, translation) for kind, facts, translation in _KINDS for folder in quiet.entries(kind)]
    return ReadAhead(_where(root, cache_dir), ref, hashes, cache, start_reading(quiet, every, unchecked=True))
