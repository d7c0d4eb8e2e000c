"""Problems found in entries: where, which field, what is wrong, and how bad."""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .messages import MESSAGES

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One problem in one field of one file; ``code`` is a key of MESSAGES."""

    path: Path
    field: str
    code: str
    params: dict[str, str] = field(default_factory=dict)
    severity: Severity = "error"

    def message(self, translations: gettext.NullTranslations | None = None) -> str:
        template = MESSAGES[self.code]
        if translations is not None:
            template = translations.gettext(template)
        return template.format(**localised(self.params, _language(translations)))

    def line(self, translations: gettext.NullTranslations | None = None, root: Path | None = None) -> str:
        return printable(f"{display_path(self.path, root)}: {self.field}: {self.message(translations)}")


def _language(translations: gettext.NullTranslations | None) -> str:
    return (translations.info().get("language") if translations is not None else None) or "en"


def localised(params: dict[str, str], lang: str) -> dict[str, str]:
    """Pick the reader's language for values given in both (``reason.id``/``reason.en`` → ``reason``).

    Texts such as a closed platform's reason come from content/data, not from gettext.
    """
    out = {k: v for k, v in params.items() if "." not in k}
    for key, value in params.items():
        name, _, suffix = key.partition(".")
        if suffix == lang or (suffix == "en" and name not in out):
            out[name] = value
    return out


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as a contributor knows it: relative to ``root`` (or the working folder) when inside it."""
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


class CatalogueError(Exception):
    """The catalogue has errors and must not be built."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        lines = "\n".join(p.line() for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the catalogue:\n{lines}")


def printable(text: str) -> str:
    """``text`` with each character a terminal would act on or hide (an escape sequence, a right-to-left
    override, a zero-width space) written as its escape, so that a message shows a contributor's text safely.

    >>> printable("Kain\\x1b[31m")
    'Kain\\\\x1b[31m'
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def quote(value: object) -> str:
    """Show a contributor's value the way they wrote it, shortened, its unprintable characters escaped."""
    text = repr(value) if not isinstance(value, str) else f"'{printable(value)}'"
    return text if len(text) <= 80 else text[:77] + "…'"
