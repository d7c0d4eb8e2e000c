"""An entry's files read and checked one at a time: their kind and size, front matter, characters, fields and
Markdown, the photo files they name, and the names an entry's folder and photos may have; problems go to a Report."""

from __future__ import annotations

import io
import os
import re
import stat
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..model.problems import Problem, Severity, quote
from ..model.refdata import ReferenceData
from ..model.schema import SUMMARY_LIMIT, error_params, field_name
from .frontmatter import EntryText, FrontMatterError, split_front_matter
from .markup import render_markdown
from .text import describe, refused_in

# \Z, not $: $ also matches before a final newline, and "kain\n" would pass as a name.
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".avif"})
ENTRY_FILE_LIMIT_KB = 256


class Report:
    """The problems found while reading, in the order found, and how many errors each file has."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.errors_by_path: dict[Path, int] = {}

    def add(self, path: Path, fld: str, code: str, severity: Severity = "error", **params: Any) -> None:
        self.problems.append(Problem(path, fld, code, {k: str(v) for k, v in params.items()}, severity))
        if severity == "error":
            self.errors_by_path[path] = self.errors_by_path.get(path, 0) + 1

    def count(self, path: Path) -> int:
        """Errors reported so far for ``path``."""
        return self.errors_by_path.get(path, 0)


def snapshot_file(path: Path) -> tuple[bytes, tuple[int, ...]] | None:
    """The bytes of an ordinary entry file within the size limit, with its stamp (taken before they were read);
    None for anything read_file reports or refuses."""
    try:
        st = path.lstat()  # a symlink is neither regular nor followed
        if not stat.S_ISREG(st.st_mode) or st.st_size > ENTRY_FILE_LIMIT_KB * 1024:
            return None
        raw = path.read_bytes()
    except OSError:
        return None
    return (raw, _stamp(st)) if len(raw) <= ENTRY_FILE_LIMIT_KB * 1024 else None


def _stamp(st: os.stat_result) -> tuple[int, ...]:
    """What changes whenever a file is written or replaced (as DigestCache trusts for photos)."""
    return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def stamp_of(path: str) -> tuple[int, ...] | None:
    """An ordinary file's stamp; None when there is no such file."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return _stamp(st) if stat.S_ISREG(st.st_mode) else None


def read_file(path: Path, report: Report, raw: bytes | None = None) -> EntryText | None:
    """Read and split an entry file, refused when a field holds a character text may not (text.py); ``raw`` is
    its content already taken by snapshot_file."""
    entry = _split(path, report, raw)
    if entry is None:
        return None
    clean = True
    for fld, position, char in refused_in(entry.meta, entry.body):
        report.add(path, fld, "text_character", char=describe(char), position=position)
        clean = False
    return entry if clean else None


def _split(path: Path, report: Report, raw: bytes | None) -> EntryText | None:
    if raw is None and path.is_symlink():
        report.add(path, "file", "symlink")
        return None
    try:
        if raw is not None:
            # Decoded as read_text() would: UTF-8 with universal newlines.
            return split_front_matter(io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8").read())
        if not path.is_file():
            # A FIFO or device would block the build or read something that is not the contributor's text.
            report.add(path, "file", "file_special")
            return None
        size = path.stat().st_size
        if size > ENTRY_FILE_LIMIT_KB * 1024:
            report.add(path, "file", "file_too_large", size=size // 1024, limit=ENTRY_FILE_LIMIT_KB)
            return None
        return split_front_matter(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        report.add(path, "file", "file_unreadable", detail=exc.reason)
    except FrontMatterError as exc:
        report.add(path, exc.field, exc.code, **exc.params)
    except OSError as exc:
        report.add(path, "file", "file_unreadable", detail=exc.strerror or exc.__class__.__name__)
    return None


def validate(model: type[BaseModel], meta: dict[str, Any], path: Path, ref: ReferenceData, report: Report) -> Any:
    """``meta`` as ``model`` reads it; None when it does not validate, each error reported by its field."""
    try:
        return model.model_validate(meta, context={"ref": ref})
    except ValidationError as exc:
        for error in exc.errors():
            code, params = error_params(model, error)  # type: ignore[arg-type]
            report.add(path, field_name(error["loc"]), code, **params)
    return None


def render_body(text: str, path: Path, report: Report) -> str:
    """An entry's Markdown as safe HTML (markup.py), reporting what had to be removed."""
    rendered = render_markdown(text)
    if rendered.dropped:
        report.add(path, "text", "html_not_allowed", got=", ".join(rendered.dropped))
    if rendered.top_heading:
        report.add(path, "text", "heading_level")
    return rendered.html


def check_summary_length(summary: str, path: Path, report: Report) -> None:
    if len(summary) > SUMMARY_LIMIT:
        report.add(path, "summary", "text_long", "warning", length=len(summary), limit=SUMMARY_LIMIT)


def photo_file(folder: Path, name: Any, fld: str, report: Report, index_file: Path
               ) -> tuple[Path, os.stat_result] | None:
    """The photo ``name`` given in ``index_file``'s ``fld``, with its stat, when it is a plain photo file in
    ``folder`` itself; None, reported, otherwise."""
    if not isinstance(name, str) or not name:
        report.add(index_file, fld, "text", got=quote(name))
        return None
    if ("/" in name or "\\" in name or name.startswith(".") or os.path.isabs(name)
            or any(ord(c) < 32 for c in name)):
        report.add(index_file, fld, "photo_outside", got=quote(name))
        return None
    path = folder / name
    try:
        st: os.stat_result | None = path.lstat()
    except OSError:
        st = None
    # A plain name (no separator, no leading dot) that is not a symlink can only be a file in ``folder`` itself.
    if st is not None and stat.S_ISLNK(st.st_mode):
        report.add(index_file, fld, "photo_outside", got=quote(name))
        return None
    if path.suffix.lower() not in PHOTO_SUFFIXES:
        report.add(index_file, fld, "photo_type", got=quote(name))
        return None
    if st is None or not stat.S_ISREG(st.st_mode):
        report.add(index_file, fld, "photo_missing", got=quote(name))
        return None
    return path, st


def contradictions(facts: dict[str, Any], translated: BaseModel, model: type[BaseModel], path: Path,
                   report: Report) -> None:
    """A fact may be repeated in the English file only with the same value."""
    for key, value in (translated.model_extra or {}).items():
        if key not in model.model_fields:
            report.add(path, key, "unknown_field", known=", ".join(type(translated).model_fields))
        elif key not in facts:
            report.add(path, key, "translation_field")
        elif facts[key] != value:
            report.add(path, key, "translation_contradicts", got=quote(value), expected=quote(facts[key]))

