"""Load the theme's gettext catalogues (.po, compiled in memory) and find what they leave untranslated."""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from markupsafe import Markup

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


def template_gettext(translations: gettext.NullTranslations) -> Callable[..., Markup]:
    """The templates' ``_()``: Jinja's newstyle gettext for an environment that always autoescapes, each message
    looked up and marked safe once per language.

    Jinja's own goes through two context calls per message, the first making a derived context: at about 40
    messages a page, a tenth of a product page's rendering time. The result is the same: the translation as
    Markup, always used as a format string, its variables escaped.
    """
    translated: dict[str, Markup] = {}
    without_variables: dict[str, Markup] = {}

    def lookup(message: str) -> Markup:
        rv = translated.get(message)
        if rv is None:
            rv = translated[message] = Markup(translations.gettext(message))
        return rv

    def gettext(message: str, **variables: Any) -> Markup:
        if variables:
            return lookup(message) % variables
        done = without_variables.get(message)
        if done is None:
            done = without_variables[message] = lookup(message) % {}
        return done

    return gettext


def untranslated(folder: Path, lang: str) -> list[str]:
    """Messages of ``lang`` with no (or only a fuzzy) translation."""
    return [str(m.id) for m in read_catalog(folder, lang) if m.id and (not m.string or m.fuzzy)]
