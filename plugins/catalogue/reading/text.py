"""The characters an entry's text may hold: normalised to NFC, and no control, invisible or private-use ones.

A title is shown in pages, feeds, JSON-LD and terminals. A control character breaks the Atom feeds' XML (XML 1.0
allows none but tab and newlines), a right-to-left override or a zero-width character makes text read otherwise
than it is written, and a private-use character shows as a box. Such characters are refused with the field and
the character named, so the contributor can find and delete it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

# Tab and newlines are how text is laid out; every other character of these categories is refused:
# Cc control, Cf format (bidi overrides and isolates, zero-width space and joiners, soft hyphen, byte-order mark),
# Co private use, Cs a lone surrogate, Zl and Zp the line and paragraph separators (which end a line in JavaScript).
ALLOWED_CONTROLS = frozenset("\t\n\r")
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})


def normalise(value: Any) -> Any:
    """``value`` with every string in it in Unicode NFC (a composed "é", whichever way the keyboard made it)."""
    if isinstance(value, str):
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    return value


def refused(text: str) -> tuple[int, str] | None:
    """The first refused character of ``text`` as (position counted from 1, the character), or None.

    >>> refused("Kain\\u202eBatik")
    (5, '\\u202e')
    """
    if text.isascii() and text.isprintable():
        return None
    for i, char in enumerate(text, start=1):
        if char not in ALLOWED_CONTROLS and unicodedata.category(char) in REFUSED_CATEGORIES:
            return i, char
    return None


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: how the refusal names a character (never the character itself)."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'CONTROL CHARACTER')}"


def refused_in(meta: dict[str, Any], body: str) -> Iterator[tuple[str, int, str]]:
    """(field, position, character) for every field of ``meta`` (and ``text``, the body) holding a refused
    character; fields are named as the validator names them (``storefronts[1].url``)."""

    def walk(value: Any, name: str) -> Iterator[tuple[str, int, str]]:
        if isinstance(value, str):
            found = refused(value)
            if found is not None:
                yield name, *found
        elif isinstance(value, list):
            for i, item in enumerate(value, start=1):
                yield from walk(item, f"{name}[{i}]")
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, f"{name}.{key}" if name else str(key))

    for key, value in meta.items():
        found_key = refused(str(key))
        if found_key is not None:
            yield str(key), *found_key
        yield from walk(value, str(key))
    found = refused(body)
    if found is not None:
        yield "text", *found
