"""Files the build keeps in its cache and places in the output as hard links: pages, photo derivatives, QR codes,
icons.

A link makes no new file, so a warm build of 10,000 products creates almost none. The rule that makes it safe:
nothing writes into a file once it is placed (make publish writes minified files anew; a page rendered over an
earlier build's is removed first), so the cache keeps the bytes it was stored with.

A cached file's modification time says when a build last placed it (``reuse``); ``prune`` removes those no build
has placed for two weeks, so the cache does not keep every version of every page ever made.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path


def _link(source: str | Path, target: str | Path) -> bool:
    """Hard-link ``source`` as ``target``, making its folder when missing; False when ``target`` exists already.
    Raises FileNotFoundError when there is no ``source``, and OSError where no link can be made (another file
    system, links not allowed, too many links to one file)."""
    try:
        os.link(source, target)
    except FileExistsError:
        return False
    except FileNotFoundError:
        if not os.path.isfile(source):
            raise
        os.makedirs(os.path.dirname(target), exist_ok=True)
        return _link(source, target)
    return True


def place(source: str | Path, target: str | Path) -> None:
    """Hard-link ``source`` as ``target``, replacing any file there and making its folder; copy it across file
    systems. Raises FileNotFoundError when there is no ``source``."""
    try:
        linked = _link(source, target)
    except FileNotFoundError:
        raise
    except OSError:
        shutil.copyfile(source, target)
        return
    if not linked and not os.path.samefile(source, target):
        os.unlink(target)
        place(source, target)


def add(source: str | Path, target: str | Path) -> bool:
    """Put ``source`` at ``target`` unless a file is there already (then False), making its folder when missing.

    A new link is made whole or not at all, so that no other process ever reads half a file, and needs no
    temporary name renamed after it (24,000 renames fewer in a cold build of 10,000 products). Across file systems,
    a whole copy is linked in from a temporary name. Raises FileNotFoundError when there is no ``source``.
    """
    try:
        return _link(source, target)
    except FileNotFoundError:
        raise
    except OSError:
        tmp = f"{os.fspath(target)}.{os.getpid()}.tmp"
        shutil.copyfile(source, tmp)
        try:
            return _link(tmp, target)
        finally:
            os.unlink(tmp)


def keep(source: str | Path, cached: str | Path) -> None:
    """Keep a file just made, ``source``, in a cache as ``cached`` (a name that says what it holds), whole (add).
    A build that kept the same name meanwhile kept the same bytes: its file stays."""
    add(source, cached)


def reuse(source: str | Path, target: str | Path) -> None:
    """``place`` a cached file and mark it as used now (see ``prune``).

    Marked at most once a day: ``prune`` counts in weeks, and setting the time is a write to the file system,
    where looking at it is not (a warm build of 10,000 products reuses 44,000 pages and QR codes).
    """
    place(source, target)
    if time.time() - os.stat(source).st_mtime > MARK_EVERY:
        os.utime(source)


MARK_EVERY = 24 * 3600


KEEP_DAYS = 14
MARKER = ".pruned"


def prune(folder: Path, keep_days: int = KEEP_DAYS) -> int:
    """Remove the files under ``folder`` that no build has placed or stored for ``keep_days``; returns how many.

    The folder is walked at most once a day (a marker file keeps the time): at 20,000 pages a walk costs more
    than the rest of a warm build's use of the cache.
    """
    marker = folder / MARKER
    now = time.time()
    try:
        if now - marker.stat().st_mtime < 24 * 3600:
            return 0
    except FileNotFoundError:
        if not folder.is_dir():
            return 0
    marker.touch()
    removed = 0
    for path in folder.rglob("*"):
        try:
            if path.is_file() and path.name != MARKER and now - path.stat().st_mtime > keep_days * 24 * 3600:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # another build pruned it meanwhile
            pass
    return removed
