"""Split a Markdown entry into its YAML front matter and its body, loading YAML safely."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .text import normalise

FENCE = "---"
# libyaml's safe loader when present: the same plain-data rules as yaml.SafeLoader, several times faster.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
INT_TAG = "tag:yaml.org,2002:int"


class DuplicateKey(yaml.YAMLError):
    """A mapping names the same key twice: YAML keeps the last value without a word."""

    def __init__(self, key: str, mark: yaml.Mark):
        super().__init__(f"{key!r} is written twice")
        self.key = key
        self.problem_mark = mark


class EntryLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader, with two rules of people's writing rather than YAML 1.1's: a whole number is decimal
    digits (YAML 1.1 reads ``0350000`` as octal, ``0x10`` as hexadecimal and ``1:30`` as sixty-based; here those
    stay text, which the schema refuses or reads as decimal), and a key written twice is an error, not a silent
    last-one-wins."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise DuplicateKey(key_node.value, key_node.start_mark)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep)


EntryLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != INT_TAG]
    for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
}
# At most 18 digits: a longer number stays text, which the schema refuses as too large (Python refuses to read a
# number of more than 4,300 digits at all).
DECIMAL = re.compile(r"[-+]?[0-9]{1,18}\Z")
EntryLoader.add_implicit_resolver(INT_TAG, DECIMAL, list("-+0123456789"))


def _decimal(loader: EntryLoader, node: yaml.ScalarNode) -> int:
    """YAML 1.1's constructor reads a leading 0 as octal whatever resolved the tag: read the digits as decimal
    (and an explicit ``!!int 0x10`` is an error in the file, not a crash)."""
    text = loader.construct_scalar(node)
    if not DECIMAL.match(text):
        raise yaml.constructor.ConstructorError(None, None, f"{text!r} is not a whole number", node.start_mark)
    return int(text)


EntryLoader.add_constructor(INT_TAG, _decimal)
SAFE_LOADER = EntryLoader


# Real front matter nests two or three levels (storefronts: - platform: …); libyaml's composer recurses in C and
# crashes the whole build on a few tens of thousands of '[' in a row.
MAX_DEPTH = 20
# Each level of nesting takes at least one character: a block this short cannot come near the composer's limit,
# and is composed at once (_load). Real front matter is a few hundred characters.
COMPOSE_AT_ONCE_CHARS = 4096


class FrontMatterError(ValueError):
    """The entry's front matter is missing or is not valid YAML; ``code`` is a key of MESSAGES."""

    def __init__(self, message: str, code: str = "front_matter", line: int | None = None, field: str = "front matter",
                 **params: str):
        super().__init__(message)
        self.code = code
        self.field = field
        self.params = {"detail": message, **params} if line is None else {"detail": message, "line": str(line),
                                                                           **params}


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
    libyaml = getattr(yaml, "CSafeLoader", None)
    if "*" in block or len(block) > COMPOSE_AT_ONCE_CHARS or libyaml is None or not issubclass(SAFE_LOADER, libyaml):
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
    except DuplicateKey as exc:
        line = exc.problem_mark.line + 2
        raise FrontMatterError(f"{exc.key!r} is written twice (line {line})", "yaml_duplicate_key", line,
                               field=exc.key, key=exc.key) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise FrontMatterError(f"front matter is not valid YAML{where}", "yaml_invalid",
                               mark.line + 2 if mark is not None else 2) from exc
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a list of 'field: value' lines", "yaml_not_mapping")
    return EntryText(meta={str(k): normalise(v) for k, v in meta.items()}, body=normalise("".join(lines[end + 1 :])))


def read_entry(path: Path) -> EntryText:
    """Read and split one entry file (UTF-8)."""
    return split_front_matter(path.read_text(encoding="utf-8"))
