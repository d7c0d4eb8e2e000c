"""The page folders of a replaced site, taken over by the next build instead of made again.

A page's address is a folder of its own (``produk/<slug>/``): a build made two or three folders per product for
its pages, while the site it replaces was removed folder by folder beside it. As with the photos
(images/pipeline.py), the build (scripts/build.py) moves the folders that hold one kind of page each (products,
artisans, crafts, regions, tags, in each language) from the site it is about to remove into the folder it builds.
Each language's process then writes or links its pages into folders that are there already, and once they are
written removes what it did not write there: the pages of a product no longer in the catalogue, and their folders.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..model.urls import DEFAULT_ROUTES
from ..settings import setting


def folders(settings: dict[str, Any], lang: str | None = None) -> list[str]:
    """The folders, relative to the site's root, that hold only pages of keyed routes (``produk/{key}/`` →
    ``produk``), of ``lang`` or of every language. Not the free pages' (``{key}/``, ``en/{key}/``): their
    folder is the site's root, or a language's; nor a folder that holds or sits in another one of them."""
    routes = setting(settings, "CATALOGUE_URLS") or DEFAULT_ROUTES
    found: dict[str, str] = {}
    for code, table in routes.items():
        for kind, pattern in table.items():
            if kind == "page" or "{key}" not in pattern:
                continue
            prefix = pattern.split("{key}", 1)[0].strip("/")
            if prefix and "{" not in prefix:
                found[prefix] = code
    alone = [f for f in found if not any(f != o and (f.startswith(f"{o}/") or o.startswith(f"{f}/")) for o in found)]
    return sorted(f for f in alone if lang is None or found[f] == lang)


PAGE_FILES = (".html", ".html.gz", ".html.br")  # a page, and what make publish compresses it into


def remove_unwritten(output: Path, folder: str, written: set[str]) -> int:
    """Remove from ``output/folder`` every page not in ``written`` (paths from the site's root) and every folder
    left empty; returns how many files went. Files of other kinds are left where they are, with their folders."""
    root = os.path.join(os.fspath(output), folder)
    removed = 0
    emptied: set[str] = set()
    for path, dirs, files in os.walk(root, topdown=False):  # a folder's contents before the folder
        rel = os.path.relpath(path, output).replace(os.sep, "/")
        kept = False
        for name in files:
            if f"{rel}/{name}" in written or not name.endswith(PAGE_FILES):
                kept = True
            else:
                os.unlink(os.path.join(path, name))
                removed += 1
        if not kept and all(os.path.join(path, d) in emptied for d in dirs):
            os.rmdir(path)
            emptied.add(path)
    return removed
