"""Split a Markdown entry into its YAML front matter and its body, loading YAML safely."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FENCE = "---"
# libyaml's safe loader when present: the same plain-data rules as yaml.SafeLoader, several times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontMatterError(ValueError):
    """The entry's front matter is missing or is not valid YAML."""


@dataclass(frozen=True)
class EntryText:
    """An entry file as written: its metadata mapping and its Markdown body."""

    meta: dict[str, Any]
    body: str


def split_front_matter(text: str) -> EntryText:
    """Return the front matter and body of ``text``.

    >>> split_front_matter("---\\ntitle: Batik\\n---\\nCerita").meta
    {'title': 'Batik'}
    """
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterError("front matter must start with a line '---'")
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() == FENCE:
            break
    else:
        raise FrontMatterError("front matter has no closing line '---'")
    try:
        # safe_load builds only plain data: no Python objects from a contributor's file.
        meta = yaml.load("".join(lines[1:end]), Loader=SAFE_LOADER) or {}  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise FrontMatterError(f"front matter is not valid YAML{where}") from exc
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a list of 'field: value' lines")
    return EntryText(meta={str(k): v for k, v in meta.items()}, body="".join(lines[end + 1 :]))


def read_entry(path: Path) -> EntryText:
    """Read and split one entry file (UTF-8)."""
    return split_front_matter(path.read_text(encoding="utf-8"))
