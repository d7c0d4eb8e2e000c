"""One entry's two files read into its facts and texts, taken from the entry cache while they are unchanged; the
entries of each kind listed, and the photos they name checked and hashed."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel

from ..model.model import Photo
from ..model.problems import Severity, quote
from ..model.refdata import Names, ReferenceData, load_reference_data
from .entrycache import DigestCache, EntryCache
from .files import (
    SLUG,
    Report,
    check_summary_length,
    contradictions,
    photo_file,
    read_file,
    render_body,
    snapshot_file,
    stamp_of,
    validate,
)
from .frontmatter import EntryText

# A look at one photo, (path, sha256) → [(code, severity, params), …]: the images plugin's Inspector, given to
# load_catalogue by whoever reads (the build through the catalogue_reading signal, `make check` itself), so that
# reading imports no stage after it.
PhotoCheck = Callable[[Path, str], Iterable[tuple[str, str, dict[str, str]]]]


class _Parsed(NamedTuple):
    """An entry's two files after reading and validation; ``en`` and ``en_entry`` are None without index.en.md."""

    index: Path
    entry: EntryText
    facts: Any
    body_id: str
    en: Any
    en_entry: EntryText | None
    en_path: Path
    body_en: str


class _Record(NamedTuple):
    """What the entry cache keeps of a parsed entry: no paths, and its warnings as (in index.en.md?, field, code,
    params, severity)."""

    entry: EntryText
    facts: Any
    body_id: str
    en: Any
    en_entry: EntryText | None
    body_en: str
    problems: tuple[tuple[bool, str, str, dict[str, str], Severity], ...]


class Reader:
    """Reads the entries of one content folder for one load, reporting to ``report``: what a reading process
    needs; the load itself builds each entry from what it reads (entries.py's Builder)."""

    def __init__(self, root: Path, ref: ReferenceData, report: Report, hashes: DigestCache,
                 cache: EntryCache | None = None, photo_checks: Sequence[PhotoCheck] = ()):
        self.root = root
        self.photo_checks = photo_checks
        self.ref = ref
        self.report = report
        self.hashes = hashes
        self.cache = cache or EntryCache(None, root, root)
        self.digests: dict[str, Path] = {}
        self.snapshots: dict[Path, tuple[bytes, bytes | None] | None] = {}  # read already, by readahead.py
        # The stamps of the files of each entry snapshot() read (by its index.id.md): what a reading process
        # sends back with the key it found, and what the loader's own reading is checked against (parse).
        self.stamps: dict[str, tuple[tuple[int, ...], tuple[int, ...] | None]] = {}
        # (key, stamp of index.id.md, stamp of index.en.md or None) of the entries read ahead (readahead.py)
        self.keys: dict[str, tuple[str, tuple[int, ...], tuple[int, ...] | None]] = {}

    def entries(self, kind: str) -> list[Path]:
        folder = self.root / kind
        if folder.is_symlink():
            self.report.add(folder, "folder", "symlink")
            return []
        if not folder.is_dir():
            return []
        out = []
        # Listed with scandir, which knows a link or a folder without asking the file system again (two system
        # calls fewer an entry: the folders are listed as the build starts, and again as the catalogue loads).
        with os.scandir(folder) as listing:
            found = sorted(listing, key=lambda item: item.name)
        for item in found:
            if item.is_symlink():
                self.report.add(folder / item.name, "folder", "symlink")
            elif item.name.startswith(".") or not item.is_dir():
                continue
            elif not SLUG.fullmatch(item.name):
                self.report.add(folder / item.name, "folder", "slug", got=quote(item.name))
            elif not os.path.isfile(os.path.join(item.path, "index.id.md")):
                self.report.add(folder / item.name, "index.id.md", "entry_file_missing")
            else:
                out.append(folder / item.name)
        return out

    def relative(self, folder: Path) -> str:
        """An entry's folder as the catalogue names it, from the content folder ("products/kain-contoh"); by its
        text, not pathlib's relative_to, which took a tenth of a cold load for 2,000 photos."""
        text, root = os.fspath(folder), os.fspath(self.root) + os.sep
        if text.startswith(root):
            return text[len(root):].replace(os.sep, "/")
        return folder.relative_to(self.root).as_posix()

    def hash_photos(self, folder: Path, parsed: _Parsed) -> None:
        """Hash the photos an entry names, as photo() will (the same checks first: only a plain file in the entry's
        own folder is read), so that a first build's reading processes hash them beside each other."""
        names = getattr(parsed.facts, "photos", None) or [getattr(parsed.facts, "photo", None)]
        for name in names:
            found = photo_file(folder, name, "photo", Report(), parsed.index) if name else None
            if found is not None:
                self.hashes.digest(*found)

    def photo(self, folder: Path, name: Any, fld: str, index_file: Path, caption: Names | None) -> Photo | None:
        found = photo_file(folder, name, fld, self.report, index_file)
        if found is None:
            return None
        path, st = found  # not a symlink: its lstat is its stat
        digest = self.hashes.digest(path, st)
        key = f"{self.relative(folder)}/{name}"
        for check in self.photo_checks:
            for code, severity, params in check(path, digest):
                self.report.add(index_file, fld, code, severity, got=quote(name), **params)  # type: ignore[arg-type]
        if digest in self.digests and self.digests[digest] != path:
            other = self.digests[digest].relative_to(self.root).as_posix()
            self.report.add(index_file, fld, "photo_duplicate", "warning", got=quote(name), other=other)
        self.digests.setdefault(digest, path)
        return Photo(source=path, key=key, caption=caption, digest=digest)

    def translation(self, folder: Path, facts_meta: dict[str, Any], facts_model: type[BaseModel],
                    model: type[BaseModel], files: tuple[bytes, bytes | None] | None = None
                    ) -> tuple[Any, EntryText | None, Path]:
        path = folder / "index.en.md"
        if (files[1] is None) if files is not None else not path.exists():
            self.report.add(path, "file", "translation_missing", "warning")
            return None, None, path
        entry = read_file(path, self.report, files[1] if files is not None else None)
        if entry is None:
            return None, None, path
        translated = validate(model, entry.meta, path, self.ref, self.report)
        if translated is not None:
            contradictions(facts_meta, translated, facts_model, path, self.report)
        return translated, entry, path

    def snapshot(self, index: Path, en_path: Path) -> tuple[bytes, bytes | None] | None:
        """The bytes of an entry's two files (None for a missing index.en.md) when the cache may stand for them."""
        if self.cache.file is None:
            return None
        if index in self.snapshots:
            return self.snapshots.pop(index)
        read = snapshot_file(index)
        if read is None:
            return None
        raw, stamp = read
        if not en_path.exists():  # as translation() sees it
            self.stamps[os.fspath(index)] = (stamp, None)
            return raw, None
        en_read = snapshot_file(en_path)
        if en_read is None:
            return None
        self.stamps[os.fspath(index)] = (stamp, en_read[1])
        return raw, en_read[0]

    def unread(self, folder: Path, facts_model: type[BaseModel]) -> bool:
        """Whether the entry cache lacks the entry in ``folder``; its files' bytes are kept for parse()."""
        key = self.key_of(folder, facts_model)
        return key is not None and not self.cache.has(key)

    def key_of(self, folder: Path, facts_model: type[BaseModel]) -> str | None:
        """The entry cache's key of the entry in ``folder`` (None when its files cannot stand for it, or there is
        no cache); its files' bytes are kept for parse(), their stamps in ``stamps``."""
        index = folder / "index.id.md"
        files = self.snapshots[index] = self.snapshot(index, folder / "index.en.md")
        return self.cache.key(facts_model.__name__, files) if files is not None else None

    def parse(self, folder: Path, facts_model: type[BaseModel], translation_model: type[BaseModel]) -> _Parsed | None:
        """Both files of an entry read, validated and rendered; None when index.id.md gives no usable facts.

        An entry whose files are byte for byte those of an entry read before without errors is taken from the
        entry cache, its warnings reported again.
        """
        index, en_path = folder / "index.id.md", folder / "index.en.md"
        record = self.record_read_ahead(index, en_path)
        files = None
        if record is None:
            files = self.snapshot(index, en_path)
            key = self.cache.key(facts_model.__name__, files) if files is not None else None
            record = self.cache.get(key, _Record)
        if record is not None:
            for in_en, fld, code, params, severity in record.problems:
                self.report.add(en_path if in_en else index, fld, code, severity, **params)
            return _Parsed(index, record.entry, record.facts, record.body_id, record.en, record.en_entry, en_path,
                           record.body_en)
        start = len(self.report.problems)
        parsed = self.read(folder, facts_model, translation_model, files)
        found = self.report.problems[start:]
        if parsed is not None and all(p.severity == "warning" and p.path in (index, en_path) for p in found):
            self.cache.put(key, _Record(parsed.entry, parsed.facts, parsed.body_id, parsed.en, parsed.en_entry,
                                        parsed.body_en,
                                        tuple((p.path == en_path, p.field, p.code, p.params, p.severity)
                                              for p in found)))
        return parsed

    def record_read_ahead(self, index: Path, en_path: Path) -> _Record | None:
        """The record of an entry a reading process read, when its files are still the ones it read: the same
        stamps, and index.en.md still missing if it was (the loader then reads none of its 2,000 files again at
        1,000 products)."""
        known = self.keys.pop(os.fspath(index), None)
        if known is None:
            return None
        key, stamp, en_stamp = known
        if stamp_of(os.fspath(index)) != stamp or stamp_of(os.fspath(en_path)) != en_stamp:
            return None
        if en_stamp is None and en_path.exists():  # not a plain file now: read here, and reported
            return None
        self.snapshots.pop(index, None)
        return self.cache.get(key, _Record)

    def read(self, folder: Path, facts_model: type[BaseModel], translation_model: type[BaseModel],
             files: tuple[bytes, bytes | None] | None) -> _Parsed | None:
        index = folder / "index.id.md"
        entry = read_file(index, self.report, files[0] if files is not None else None)
        if entry is None:
            return None
        facts = validate(facts_model, entry.meta, index, self.ref, self.report)
        body_id = render_body(entry.body, index, self.report)
        en, en_entry, en_path = self.translation(folder, entry.meta, facts_model, translation_model, files)
        body_en = render_body(en_entry.body, en_path, self.report) if en_entry is not None else body_id
        if facts is None:
            return None
        check_summary_length(facts.summary, index, self.report)
        return _Parsed(index, entry, facts, body_id, en, en_entry, en_path, body_en)


def sources(root: Path, cache_dir: Path | None) -> tuple[ReferenceData, DigestCache, EntryCache]:
    """What a load starts from besides the entries; raises ReferenceDataError."""
    ref = load_reference_data(root / "data")
    return ref, DigestCache(cache_dir), EntryCache(cache_dir, root, root / "data")
