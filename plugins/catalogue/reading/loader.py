"""Read the content tree into a Catalogue, collecting every problem in one pass.

Each entry's files are read and checked by files.py, through the entry cache by reader.py, possibly ahead of the
load in two processes (readahead.py), and built into the model's artisans, products and pages by entries.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model.model import Catalogue
from ..model.problems import Problem
from ..model.refdata import ReferenceDataError
from .entries import Builder
from .files import Report
from .readahead import ReadAhead, missing, start_reading
from .reader import PhotoCheck, sources


@dataclass
class LoadResult:
    catalogue: Catalogue | None
    problems: list[Problem] = field(default_factory=list)
    reused: int = 0  # artisans and products taken from the entry cache instead of being read again

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def load_catalogue(root: Path, cache_dir: Path | None = None, photo_checks: Sequence[PhotoCheck] = (),
                   read: ReadAhead | None = None) -> LoadResult:
    """Read every entry under ``root`` (the content folder); never raises for a contributor's mistake.

    ``cache_dir`` keeps photo digests and parsed entries (entrycache.py) between runs; each of ``photo_checks``
    looks at every photo an entry names (the images plugin's Inspector: can it be decoded, is it dark, …);
    ``read`` is what read_ahead() started for this folder and cache, if anything.
    """
    report = Report()
    early = read.take(root, cache_dir) if read is not None else None
    if early is not None:
        ref, hashes, cache = early.sources
    else:
        try:
            ref, hashes, cache = sources(root, cache_dir)
        except ReferenceDataError as exc:
            report.add(root / "data", "data", "reference_data", detail=str(exc))
            return LoadResult(None, report.problems)
    loader = Builder(root, ref, report, hashes, cache, photo_checks)
    reading = early.reading if early is not None else start_reading(loader, missing(loader), unchecked=False)
    if reading is not None:
        parts = reading.results()
        cache.add_read_ahead([record for part in parts for record in part.records])
        for part in parts:
            hashes.learn(part.digests)
            loader.keys.update(part.keys)
    artisan_dirs = loader.entries("artisans")
    artisans = {a.slug: a for a in (loader.artisan(d) for d in artisan_dirs) if a is not None}
    slugs = {d.name for d in artisan_dirs}
    products = [p for p in (loader.product(d, artisans, slugs) for d in loader.entries("products")) if p is not None]
    taken: dict[str, set[str]] = {"id": set(), "en": set()}
    pages = {p.key: p for p in (loader.page(d, taken) for d in loader.entries("pages")) if p is not None}
    hashes.save()
    cache.save()
    catalogue = Catalogue.assemble(ref, products, list(artisans.values()), pages)
    return LoadResult(catalogue, report.problems, cache.hits)
