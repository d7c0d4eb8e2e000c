"""Split a Markdown entry into its YAML front matter and its body, loading YAML safely."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FENCE = "---"
# libyaml's safe loader when present: the same plain-data rules as yaml.SafeLoader, several times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Real front matter nests two or three levels (storefronts: - platform: …); libyaml's composer recurses in C and
# crashes the whole build on a few tens of thousands of '[' in a row.
MAX_DEPTH = 20


class FrontMatterError(ValueError):
    """The entry's front matter is missing or is not valid YAML; ``code`` is a key of MESSAGES."""

    def __init__(self, message: str, code: str = "front_matter", line: int | None = None):
        super().__init__(message)
        self.code = code
        self.params = {"detail": message} if line is None else {"detail": message, "line": str(line)}


def _refuse_hostile(text: str) -> None:
    """Scan the YAML events (cheap, nothing is built) for aliases and deep nesting before loading."""
    depth = 0
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent):
            # `*name` repeats a block: a few lines can stand for billions of values ("billion laughs").
            line = event.start_mark.line + 2
            raise FrontMatterError(f"aliases (*name) are not allowed (line {line})", "yaml_alias", line)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 2
                raise FrontMatterError(f"front matter is nested too deeply (line {line})", "yaml_deep", line)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


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
        raise FrontMatterError("front matter must start with a line '---'", "front_matter_start")
    for end, line in enumerate(lines[1:], start=1):  # noqa: B007 - `end` is read after the loop
        if line.strip() == FENCE:
            break
    else:
        raise FrontMatterError("front matter has no closing line '---'", "front_matter_end")
    try:
        # safe_load builds only plain data: no Python objects from a contributor's file.
        block = "".join(lines[1:end])
        _refuse_hostile(block)
        meta = yaml.load(block, Loader=SAFE_LOADER) or {}  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise FrontMatterError(f"front matter is not valid YAML{where}", "yaml_invalid",
                               mark.line + 2 if mark is not None else 2) from exc
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a list of 'field: value' lines", "yaml_not_mapping")
    return EntryText(meta={str(k): v for k, v in meta.items()}, body="".join(lines[end + 1 :]))


def read_entry(path: Path) -> EntryText:
    """Read and split one entry file (UTF-8)."""
    return split_front_matter(path.read_text(encoding="utf-8"))
