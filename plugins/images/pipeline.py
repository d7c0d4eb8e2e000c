"""Turn every photo into its derivatives: cached by content, decoded once at reduced size, on every core."""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from buildkit.forked import in_forks
from buildkit.store import sealed
from PIL import Image, UnidentifiedImageError

from . import recycling
from .cache import Cache, FileIndex, Known, Meta, Placing, Published
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
    """Runs in a worker: make whatever the cache lacks for one photo (none of what the bucket ``held``)."""
    cache = Cache(config.cache_dir)
    try:
        meta = cache.read_meta(job.digest, config.background)
        if meta is None:
            with Image.open(job.source) as im:
                check_pixels(im, config.limits.max_pixels)
                size = upright_size(im)
        else:
            size = (meta.width, meta.height)
        plans = plan(size, job.digest, config, job.subjects)
        made = [d for role in plans.values() for d in role.derivatives if f"{d.key}{d.suffix}" not in held]
        missing = [d for d in made if not cache.has(cache.name(d))]
        if meta is not None and not missing:
            return _Done(job.key, meta)
        # Decoded and resized as in a first build, even for one file missing: a file made again comes out byte for
        # byte as it was (the same scale decoded, each size resized from the same larger one).
        im = decode(job.source, scale_needed(size, plans), config.background, config.limits.max_pixels)
        if meta is None:
            meta = Meta(size[0], size[1], placeholder(im))
            cache.write_meta(job.digest, config.background, meta)
        encoded = render(im, size, made, {d.key: cache.file(d) for d in missing})
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


def _publish(key: str, digest: str, subjects: frozenset[str], meta: Meta, config: Config, cache: Cache,
             known: dict[str, Known], media: Media | None, held: dict[str, int]) -> tuple[Published, dict[str, Known]]:
    """The photo's ImageSet from the cache, with the cached files of its variants and their inodes (cache.Published),
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
                    stat = os.stat(cache.name(d))
                    if not sealed(stat):
                        raise FileNotFoundError(cache.name(d))  # not as it was written: made again
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
    cache = Cache(config.cache_dir)
    index = FileIndex(cache)
    stats = stats if stats is not None else RunStats()
    try:
        return _process(photos, output, config, cache, index, media, held or {}, stats)
    except _IndexStale:
        # A cached file the index lists is gone: every photo is looked at again, and what is missing derived.
        logger.info("images: the cache's index listed a file no longer there; checking every photo's files")
        index.forget()
        return _process(photos, output, config, cache, index, media, held or {}, stats)
    finally:
        index.save()


class _IndexStale(Exception):
    """A file the cache's index listed was missing when placed."""


def _process(photos: list[tuple[Any, frozenset[str]]], output: Path, config: Config, cache: Cache,
             index: FileIndex, media: Media | None, held: dict[str, int], stats: RunStats) -> dict[str, ImageSet]:
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
    # Files already in place (taken over from the replaced site, or this output's own under --autoreload) stay;
    # the others are placed while the rest of the photos are planned (cache.Placing).
    placed = recycling.present(output / config.prefix)
    root = os.fspath(output)
    photo_ids = {key: cache.photo_id(photo.digest, config.background) for key, photo in unique.items()}
    publication_ids = {key: index.publication_id(photo_ids[key], key, subjects[key], config.plan_key,
                                                 media.url if media is not None else config.prefix)
                       for key in unique}
    unplaced: list[tuple[str, str]] = []  # with media: cached files neither in the cache nor in the bucket

    def place(published: Published) -> None:  # the files not already in place, to Placing
        image_set, names, cached_inodes = published
        if media is not None:  # nothing goes to the output; the upload needs each file in the cache or bucket
            unplaced.extend((cache.cached(name), "") for name in names.split(" ")
                            if name not in held and not os.path.exists(cache.cached(name)))
            return
        fresh = []
        variants = (v for rendition in image_set.roles.values() for v in rendition.variants)
        for variant, name, inode in zip(variants, names.split(" "), cached_inodes, strict=True):
            target = f"{root}/{variant.path}"
            inodes[target] = inode
            if placed.get(target) != inode:
                if not cache.has(cache.cached(name), inode):  # replaced or written into since it was indexed
                    raise _IndexStale(cache.cached(name))
                fresh.append((cache.cached(name), target))
        placing.add(fresh)

    with Placing(min(2, os.cpu_count() or 1)) as placing:
        for key, photo in unique.items():
            published = index.published.get(publication_ids[key])  # as an earlier build published it
            if published is None:
                indexed = index.get(photo_ids[key])
                meta = indexed[0] if indexed else cache.read_meta(photo.digest, config.background)
                if meta is None:
                    jobs.append(_Job(key, photo.source, photo.digest, subjects[key]))
                    continue
                try:  # the warm path: nothing to decode when every file is still in the cache
                    published, learnt = _publish(key, photo.digest, subjects[key], meta, config, cache,
                                                 indexed[1] if indexed else {}, media, held)
                except FileNotFoundError:
                    jobs.append(_Job(key, photo.source, photo.digest, subjects[key]))
                    continue
                index.learn(photo_ids[key], meta, learnt)
                index.publish(publication_ids[key], published)
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
            published, learnt = _publish(key, unique[key].digest, subjects[key], meta, config, cache, {}, media, held)
            index.learn(photo_ids[key], meta, learnt)
            index.publish(publication_ids[key], published)
            sets[key] = published[0]
            place(published)
        missing = placing.finish() + unplaced
    if missing:
        raise _IndexStale(f"{len(missing)} cached file(s) missing, first {missing[0][0]}")
    index.keep_only(set(publication_ids.values()))
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
