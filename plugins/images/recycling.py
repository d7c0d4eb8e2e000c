"""The photo files of a replaced site, taken over by the next build instead of placed again.

A photo file's name carries the key of what it holds (pipeline._publish), and a build places some two dozen of
them per product: most of a rebuild's time went into linking the same files into a fresh folder. So the build
(scripts/build.py) moves the photo folder of the site it is about to remove — the one replaced by the build
before, never the site being served — into the folder it builds, and the pipeline places only the files missing
there and removes those no longer shown. A file counts as present only when it is the cached file itself (the
same inode), so a copy made across file systems is placed again rather than trusted.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .settings import DEFAULTS


def folders(settings: dict[str, Any]) -> list[str]:
    """The folders of a site, relative to its root, that a build takes over from the site it replaces
    (scripts/build.py moves them)."""
    return [settings.get("IMAGES_OUTPUT_PREFIX", DEFAULTS["IMAGES_OUTPUT_PREFIX"])]


def present(folder: Path) -> dict[str, int]:
    """Every file under ``folder``, as the path the pipeline names it by, with its inode (from the listing)."""
    found: dict[str, int] = {}
    pending = [os.fspath(folder)]
    while pending:
        try:
            entries = os.scandir(pending.pop())
        except (FileNotFoundError, NotADirectoryError):
            continue
        with entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    found[entry.path] = entry.inode()
    return found
