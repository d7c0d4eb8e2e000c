"""Load the theme's gettext catalogues (.po, compiled in memory) and find what they leave untranslated."""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "messages"


def po_path(folder: Path, lang: str) -> Path:
    return folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(folder: Path, lang: str) -> Catalog:
    with po_path(folder, lang).open("rb") as fh:
        return read_po(fh, locale=lang)


@lru_cache(maxsize=8)
def _compiled(path: Path, mtime: float, lang: str) -> bytes:
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    # Fuzzy entries are left out, like msgfmt: an unchecked translation falls back to the English text.
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def load_translations(folder: Path, lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue for ``lang``; no .mo file is kept in the repository."""
    path = po_path(folder, lang)
    return gettext.GNUTranslations(io.BytesIO(_compiled(path, path.stat().st_mtime, lang)))


def untranslated(folder: Path, lang: str) -> list[str]:
    """Messages of ``lang`` with no (or only a fuzzy) translation."""
    return [str(m.id) for m in read_catalog(folder, lang) if m.id and (not m.string or m.fuzzy)]
