"""Run one piece of work per language, each language in its own forked process where there are cores."""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

# The work a forked process runs; set only while a pool runs. A module-level function reads it, so nothing but the
# language goes to the child and only the result comes back: the child inherits everything else from the fork.
_WORK: tuple[Callable[[str], list[T]], str] | None = None  # type: ignore[valid-type]


def _run(lang: str) -> list:  # type: ignore[type-arg]
    assert _WORK is not None, "set by per_language() before the pool forks"
    work, what = _WORK
    try:
        return work(lang)
    except Exception as exc:
        # Exceptions (Jinja's, WeasyPrint's) don't always survive pickling back to the parent: send their text.
        raise RuntimeError(f"{what} in {lang} failed:\n{traceback.format_exc()}") from exc


def per_language(work: Callable[[str], list[T]], langs: Sequence[str], processes: int | None = None,
                 what: str = "work") -> list[T]:
    """``work(lang)`` for every language, concatenated in the order of ``langs``.

    With more than one core (or ``processes`` > 1) each language runs in a forked child; otherwise one after the
    other in this process. ``what`` names the work in an error.
    """
    processes = processes or min(len(langs), os.cpu_count() or 1)
    if processes > 1 and len(langs) > 1 and "fork" in multiprocessing.get_all_start_methods():
        global _WORK
        _WORK = (work, what)
        try:
            with multiprocessing.get_context("fork").Pool(min(processes, len(langs))) as pool:
                results = pool.map(_run, langs)
        finally:
            _WORK = None
    else:
        results = [work(lang) for lang in langs]
    return [item for result in results for item in result]
