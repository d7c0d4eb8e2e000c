"""What a rendered page is made from, as the key it is kept under in the build's store (buildkit/store.py)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from buildkit.store import digest_files, key

# Settings that differ between two builds of the same site without changing a page.
VOLATILE_SETTINGS = frozenset({"OUTPUT_PATH", "CATALOGUE_READ_AHEAD"})


def site_key(settings: dict[str, Any], folders: Iterable[tuple[Path, str]]) -> str:
    """What every page depends on: settings, templates, translations, code, reference data and text pages."""
    digest = hashlib.sha256()
    items = {k: v for k, v in settings.items() if k.isupper() and k not in VOLATILE_SETTINGS}
    # Functions and other objects are named by type only: their repr carries a memory address.
    digest.update(json.dumps(items, sort_keys=True, default=lambda o: f"<{type(o).__qualname__}>").encode())
    for folder, pattern in folders:
        digest_files(digest, folder, pattern)
    return digest.hexdigest()


def page_key(site: str, lang: str, save_as: str, inputs: Iterable[str]) -> str:
    """A page's key: the site, where the page goes, and what it shows of the catalogue (generator.page_inputs)."""
    return key(site, lang, save_as, *inputs)
