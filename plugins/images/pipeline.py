"""Turn every photo into its derivatives: cached by content, decoded once at reduced size, on every core."""

from __future__ import annotations

import gc
import logging
import os
import re
import shutil
import time
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from buildkit.forked import in_forks
from buildkit.store import Store, intact, link, sealed
from buildkit.store import key as store_key
from PIL import Image, UnidentifiedImageError

from .media import Media
from .pixels import PhotoError, bomb_error, check_pixels, decode, placeholder, render, upright_size
from .plan import plan, scale_needed
from .renditions import ImageSet, Rendition, Variant
from .settings import Config

logger = logging.getLogger(__name__)


@dataclass
class RunStats:
    """What one run did; tests read ``decoded`` to prove a warm build decodes nothing."""

    photos: int = 0
    decoded: int = 0  # photos whose pixels were decoded
    encoded: int = 0  # derivative files encoded
    linked: int = 0  # files placed in the output
    seconds: float = 0.0
    decoded_keys: list[str] = field(default_factory=list)


class Meta(NamedTuple):
    """What the pipeline learnt from decoding a photo once."""

    width: int  # upright, full resolution
    height: int
    placeholder: str


Known = tuple[int, int]  # (inode, size) of a cached file
# A photo's ImageSet, the names of its variants' cached files (``<key><suffix>``, space-separated, in the order of
# its roles and their variants) and those files' inodes: compact, as the index holds one per photo.
Published = tuple[Any, str, "array[int]"]
INDEX = store_key("index")


@dataclass
class _Index:
    """What the store holds of every photo, read and written as one value: each photo's Meta and its cached files'
    (inode, size) by derivative key, so a warm build neither reads a value per photo nor looks at each file; and what
    each photo of the last build was published as, by ``_publication_id``. A file listed here that is gone (a cache
    cleared by hand) shows when it is placed: the index is then forgotten and every photo looked at again."""

    photos: dict[str, tuple[Meta, dict[str, Known]]] = field(default_factory=dict)
    published: dict[str, Published] = field(default_factory=dict)
    grew: bool = False

    def learn(self, photo_id: str, meta: Meta, files: dict[str, Known]) -> None:
        if files or photo_id not in self.photos:
            known = self.photos.get(photo_id)
            self.photos[photo_id] = (meta, {**known[1], **files} if known else dict(files))
            self.grew = True


def _photo_id(digest: str, background: tuple[int, int, int]) -> str:
    """A photo as the store knows it: its content, and the colour its transparency is laid on."""
    return f"{digest}-{bytes(background).hex()}"


def _publication_id(photo_id: str, key: str, subjects: frozenset[str], plan_key: str, prefix: str) -> str:
    """What a photo's ImageSet depends on: its content, its name (the files' names), where it is shown (the roles
    made) and the settings (the plan, and the folder the files go to)."""
    return f"{photo_id}|{key}|{','.join(sorted(subjects))}|{plan_key}|{prefix}"


@dataclass(frozen=True)
class _Job:
    key: str
    source: Path
    digest: str
    subjects: frozenset[str]


@dataclass(frozen=True)
class _Done:
    key: str
    meta: Meta | None = None
    decoded: bool = False
    encoded: int = 0
    error: PhotoError | None = None


class PhotoProblems(Exception):
    """Photos that could not be read: (photo key, source, PhotoError) for each."""

    def __init__(self, failures: list[tuple[str, Path, PhotoError]]):
        self.failures = failures
        super().__init__("; ".join(f"{key}: {error.code} {error.params}" for key, _, error in failures))


def _derive(job: _Job, config: Config, held: dict[str, int]) -> _Done:
    """Runs in a worker: make whatever the store lacks for one photo (none of what the bucket ``held``)."""
    store = Store(config.cache_dir, "photos")
    meta_key = store_key("meta", _photo_id(job.digest, config.background))
    try:
        meta = store.get(meta_key, Meta)
        if meta is None:
            with Image.open(job.source) as im:
                check_pixels(im, config.limits.max_pixels)
                size = upright_size(im)
        else:
            size = (meta.width, meta.height)
        plans = plan(size, job.digest, config, job.subjects)
        made = [d for role in plans.values() for d in role.derivatives if f"{d.key}{d.suffix}" not in held]
        missing = [d for d in made if not intact(store.path(d.key, d.suffix))]
        if meta is not None and not missing:
            return _Done(job.key, meta)
        # Decoded and resized as in a first build, even for one file missing: a file made again comes out byte for
        # byte as it was (the same scale decoded, each size resized from the same larger one).
        im = decode(job.source, scale_needed(size, plans), config.background, config.limits.max_pixels)
        if meta is None:
            meta = Meta(size[0], size[1], placeholder(im))
            store.put(meta_key, meta)
        encoded = render(im, size, made, {d.key: Path(store.path(d.key, d.suffix)) for d in missing})
        return _Done(job.key, meta, decoded=True, encoded=encoded)
    except PhotoError as exc:
        return _Done(job.key, error=exc)
    except Image.DecompressionBombError:
        return _Done(job.key, error=bomb_error(job.source, config.limits.max_pixels))
    except UnidentifiedImageError as exc:
        return _Done(job.key, error=PhotoError("photo_unreadable", detail=exc))
    except (OSError, ValueError, SyntaxError, EOFError) as exc:  # truncated or corrupt data
        return _Done(job.key, error=PhotoError("photo_damaged", detail=exc))


def _run(jobs: list[_Job], config: Config, held: dict[str, int]) -> list[_Done]:
    if not jobs:
        return []
    workers = min(config.workers, len(jobs))
    if workers <= 1:
        return [_derive(job, config, held) for job in jobs]
    # Forked children inherit the jobs, the settings and the bucket's listing: only a job's place in the list goes
    # to a child, one at a time (the big photos first), and only what it did comes back.
    return in_forks(lambda part: [_derive(jobs[int(part)], config, held)], [str(i) for i in range(len(jobs))],
                    workers, "deriving the photos")


def _publish(key: str, digest: str, subjects: frozenset[str], meta: Meta, config: Config, store: Store,
             known: dict[str, Known], media: Media | None, held: dict[str, int]) -> tuple[Published, dict[str, Known]]:
    """The photo's ImageSet from the store, with the cached files of its variants and their inodes (Published),
    and the (inode, size) of the cached files ``known`` lacked.

    Raises FileNotFoundError when the cache lacks one of its files (the photo is then derived again)."""
    plans = plan((meta.width, meta.height), digest, config, subjects)
    stem = url_stem(key)
    roles = {}
    names = []
    inodes = array("Q")
    learnt: dict[str, Known] = {}
    for name, role in plans.items():
        variants = []
        for d in role.derivatives:
            found = known.get(d.key)
            if found is None:
                try:
                    stat = os.stat(store.path(d.key, d.suffix))
                    if not sealed(stat):
                        raise FileNotFoundError(d.key)  # not as it was written: made again
                    found = learnt[d.key] = (stat.st_ino, stat.st_size)
                except FileNotFoundError:
                    size = held.get(f"{d.key}{d.suffix}")
                    if size is None:
                        raise
                    found = (0, size)  # only in the bucket: its size from the listing, its pixels from the plan
            names.append(f"{d.key}{d.suffix}")
            inodes.append(found[0])
            path = (media.href(digest, d) if media is not None else
                    f"{config.prefix}/{stem}-{d.width}x{d.height}-{d.key[:10]}{d.suffix}")
            variants.append(Variant(path, d.width, d.height, d.format, found[1]))
        largest = max(variants, key=lambda v: v.width)
        roles[name] = Rendition(name, role.sizes, largest.width, largest.height, tuple(variants), meta.placeholder)
    return (ImageSet(meta.width, meta.height, meta.placeholder, roles), " ".join(names), inodes), learnt


def url_stem(key: str) -> str:
    """The start of a photo's derivatives' names: its entry folder and its file name without the suffix, each
    character that is not a letter, digit, '.', '_' or '-' made a '-'. A name as phones and chat apps give
    them ("WhatsApp Image 2026-08-17 at 10.00.jpeg", "foto #1, depan?.jpg") then needs no escaping in a URL, and
    a comma or a space cannot split it in ``srcset``; the derivative's content hash keeps such names apart.

    >>> url_stem("products/kain/foto #1, depan?.jpg")
    'products/kain/foto-1-depan'
    """
    folder, _, name = key.rpartition("/")
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name.rsplit(".", 1)[0]).strip("-.") or "photo"
    return f"{folder}/{stem}" if folder else stem


def process(photos: Iterable[tuple[Any, frozenset[str]]], output: Path, config: Config, media: Media | None = None,
            held: dict[str, int] | None = None, stats: RunStats | None = None) -> dict[str, ImageSet]:
    """Every photo's ImageSet, its files placed under ``output/<prefix>/``; raises PhotoProblems.

    ``photos`` are (catalogue Photo, where it is shown: settings.SUBJECTS, e.g. {"cover", "product"} or
    {"artisan"}) pairs. With ``media`` the variants are named by media URLs and nothing is placed (media.py);
    ``held`` are the cache names of the derivatives its bucket holds (media.held_by_bucket), with their sizes,
    which are not made again. ``stats`` is given what the run did.
    """
    photos = list(photos)
    store = Store(config.cache_dir, "photos")
    enabled = gc.isenabled()
    gc.disable()  # the index is a third of a million objects at 10,000 products, and no cycle: a faster load
    try:
        index = store.get(INDEX, _Index) or _Index()
    finally:
        if enabled:
            gc.enable()
    stats = stats if stats is not None else RunStats()
    try:
        return _process(photos, output, config, store, index, media, held or {}, stats)
    except _IndexStale:
        # A cached file the index lists is gone: every photo is looked at again, and what is missing derived.
        logger.info("images: the cache's index listed a file no longer there; checking every photo's files")
        index = _Index(grew=True)
        return _process(photos, output, config, store, index, media, held or {}, stats)
    finally:
        if index.grew:
            index.grew = False
            store.put(INDEX, index)  # another build writing it meanwhile only costs a later build time


class _IndexStale(Exception):
    """A file the cache's index listed was missing when placed."""


def _process(photos: list[tuple[Any, frozenset[str]]], output: Path, config: Config, store: Store,
             index: _Index, media: Media | None, held: dict[str, int], stats: RunStats) -> dict[str, ImageSet]:
    started = time.perf_counter()
    vars(stats).update(vars(RunStats()))  # the figures of this attempt only
    subjects: dict[str, frozenset[str]] = {}
    unique = {}
    for p, shown in photos:
        unique[p.key] = p
        subjects[p.key] = subjects.get(p.key, frozenset()) | shown
    stats.photos = len(unique)
    sets: dict[str, ImageSet] = {}
    metas: dict[str, Meta] = {}
    jobs = []
    inodes: dict[str, int] = {}
    # Files already in place (the photo folder of the site this build replaces, moved here by scripts/build.py, or
    # this output's own under --autoreload) stay when they are the cached file itself (the same inode); the others
    # are placed once every photo is planned.
    placed = _present(output / config.prefix)
    root = os.fspath(output)
    photo_ids = {key: _photo_id(photo.digest, config.background) for key, photo in unique.items()}
    publication_ids = {key: _publication_id(photo_ids[key], key, subjects[key], config.plan_key,
                                            media.url if media is not None else config.prefix)
                       for key in unique}
    unplaced: list[tuple[str, str]] = []  # with media: cached files neither in the store nor in the bucket
    links: list[tuple[str, str]] = []

    def place(published: Published) -> None:  # the files not already in place, to links
        image_set, names, cached_inodes = published
        if media is not None:  # nothing goes to the output; the upload needs each file in the store or bucket
            unplaced.extend((store.path(name), "") for name in names.split(" ")
                            if name not in held and not os.path.exists(store.path(name)))
            return
        variants = (v for rendition in image_set.roles.values() for v in rendition.variants)
        for variant, name, inode in zip(variants, names.split(" "), cached_inodes, strict=True):
            target = f"{root}/{variant.path}"
            inodes[target] = inode
            if placed.get(target) != inode:
                if not intact(store.path(name), inode):  # replaced or written into since it was indexed
                    raise _IndexStale(store.path(name))
                links.append((store.path(name), target))

    for key, photo in unique.items():
        published = index.published.get(publication_ids[key])  # as an earlier build published it
        if published is None:
            indexed = index.photos.get(photo_ids[key])
            meta = indexed[0] if indexed else store.get(store_key("meta", photo_ids[key]), Meta)
            if meta is None:
                jobs.append(_Job(key, photo.source, photo.digest, subjects[key]))
                continue
            try:  # the warm path: nothing to decode when every file is still in the store
                published, learnt = _publish(key, photo.digest, subjects[key], meta, config, store,
                                             indexed[1] if indexed else {}, media, held)
            except FileNotFoundError:
                jobs.append(_Job(key, photo.source, photo.digest, subjects[key]))
                continue
            index.learn(photo_ids[key], meta, learnt)
            index.published[publication_ids[key]] = published
            index.grew = True
        sets[key] = published[0]
        place(published)
    jobs.sort(key=lambda j: -j.source.stat().st_size)  # big ones first keeps both cores busy to the end
    failures = []
    for done in _run(jobs, config, held):
        if done.error is not None or done.meta is None:
            assert done.error is not None
            failures.append((done.key, unique[done.key].source, done.error))
            continue
        stats.decoded += done.decoded
        stats.encoded += done.encoded
        if done.decoded:
            stats.decoded_keys.append(done.key)
        metas[done.key] = done.meta
    if failures:
        raise PhotoProblems(failures)
    for key, meta in metas.items():
        published, learnt = _publish(key, unique[key].digest, subjects[key], meta, config, store, {}, media, held)
        index.learn(photo_ids[key], meta, learnt)
        index.published[publication_ids[key]] = published
        index.grew = True
        sets[key] = published[0]
        place(published)
    missing = _place_all(links) + unplaced
    if missing:
        raise _IndexStale(f"{len(missing)} cached file(s) missing, first {missing[0][0]}")
    if index.published.keys() != set(publication_ids.values()):  # what the last build published, no more
        index.published = {name: index.published[name] for name in publication_ids.values()}
        index.grew = True
    # Those no photo shows any more go.
    for path in placed.keys() - inodes.keys():
        os.unlink(path)
        try:
            os.rmdir(os.path.dirname(path))  # a product or artisan no longer in the catalogue: its folder too
        except OSError:
            pass
    if media is not None:  # the folders of a site that had its photos, emptied above
        shutil.rmtree(output / config.prefix, ignore_errors=True)
    stats.linked = sum(placed.get(target) != inode for target, inode in inodes.items())
    stats.seconds = time.perf_counter() - started
    logger.info("images: %d photos, %d decoded, %d files encoded, %d placed in %.2f s", stats.photos,
                stats.decoded, stats.encoded, stats.linked, stats.seconds)
    return {key: sets[key] for key in unique}


PLACE_IN_TWO_FROM = 4000  # links to place before two processes are worth starting


def _place_all(links: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Place (cached file, output path) links, in two processes when there are many (a quarter of a million at
    10,000 products: the file system's work, in the kernel); returns those whose cached file was missing. Each half
    is a run of whole photos, so the processes mostly work in folders of their own."""
    if len(links) < PLACE_IN_TWO_FROM or (os.cpu_count() or 1) < 2:
        return _place_each(links)
    halves = (links[: len(links) // 2], links[len(links) // 2:])
    return in_forks(lambda part: _place_each(halves[int(part)]), ["0", "1"], 2, "placing the photo files")


def _place_each(links: list[tuple[str, str]]) -> list[tuple[str, str]]:
    missing = []
    for source, target in links:
        try:
            link(source, target)
        except FileNotFoundError:
            missing.append((source, target))
    return missing


def _present(folder: Path) -> dict[str, int]:
    """Every file under ``folder``, as the path the pipeline names it by, with its inode (from the listing)."""
    found: dict[str, int] = {}
    pending = [os.fspath(folder)]
    while pending:
        try:
            entries = os.scandir(pending.pop())
        except (FileNotFoundError, NotADirectoryError):
            continue
        with entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    found[entry.path] = entry.inode()
    return found
