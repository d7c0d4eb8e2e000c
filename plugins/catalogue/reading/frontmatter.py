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
# Each level of nesting takes at least one character: a block this short cannot come near the composer's limit,
# and is composed at once (_load). Real front matter is a few hundred characters.
COMPOSE_AT_ONCE_CHARS = 4096


class FrontMatterError(ValueError):
    """The entry's front matter is missing or is not valid YAML; ``code`` is a key of MESSAGES."""

    def __init__(self, message: str, code: str = "front_matter", line: int | None = None):
        super().__init__(message)
        self.code = code
        self.params = {"detail": message} if line is None else {"detail": message, "line": str(line)}


def _alias(mark: yaml.Mark) -> FrontMatterError:
    # `*name` repeats a block: a few lines can stand for billions of values ("billion laughs").
    return FrontMatterError(f"aliases (*name) are not allowed (line {mark.line + 2})", "yaml_alias", mark.line + 2)


def _too_deep(mark: yaml.Mark) -> FrontMatterError:
    return FrontMatterError(f"front matter is nested too deeply (line {mark.line + 2})", "yaml_deep", mark.line + 2)


def _refuse_hostile(text: str) -> None:
    """Scan the YAML events (nothing is built) for aliases and deep nesting before loading."""
    depth = 0
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise _alias(event.start_mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _refuse_deep(root: yaml.Node) -> None:
    """_refuse_hostile's depth rule on a composed document: its first collection deeper than MAX_DEPTH, in the
    order of the text, is refused (the line _refuse_hostile names)."""
    pending = [(root, 1)]
    while pending:
        node, depth = pending.pop()
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            continue
        if depth > MAX_DEPTH:
            raise _too_deep(node.start_mark)
        pending.extend((child, depth + 1) for child in reversed(children))


def _load(block: str) -> Any:
    """The plain data of a YAML block, refused when it holds aliases or nests too deeply.

    The events were scanned for those before loading, which parsed every block twice (a third of the time of
    reading an entry's front matter). A block without '*' holds no alias, and one shorter than
    COMPOSE_AT_ONCE_CHARS cannot nest deeply enough to harm libyaml's composer: it is composed once, its depth
    checked on the nodes, then built. Any other block is scanned first, as before; so is every block where PyYAML
    has no libyaml, as its own composer recurses in Python and stops at a few hundred levels.
    """
    if "*" in block or len(block) > COMPOSE_AT_ONCE_CHARS or SAFE_LOADER is yaml.SafeLoader:
        _refuse_hostile(block)
        return yaml.load(block, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
    loader = SAFE_LOADER(block)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        _refuse_deep(root)
        return loader.construct_document(root)
    finally:
        loader.dispose()


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
        meta = _load(block) or {}
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
