"""Run one piece of work per language (or per part of a list), each in its own forked process where there are
cores."""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

# The work a forked process runs; set only while a pool runs. A module-level function reads it, so nothing but the
# language (or part) goes to the child and only the result comes back: the child inherits everything else from the fork.
_WORK: tuple[Callable[[str], list[T]], str] | None = None  # type: ignore[valid-type]


def _run(part: str) -> list:  # type: ignore[type-arg]
    assert _WORK is not None, "set by in_forks() before the pool forks"
    work, what = _WORK
    try:
        return work(part)
    except Exception as exc:
        # Exceptions (Jinja's, WeasyPrint's) don't always survive pickling back to the parent: send their text.
        raise RuntimeError(f"{what} in {part} failed:\n{traceback.format_exc()}") from exc


def per_language(work: Callable[[str], list[T]], langs: Sequence[str], processes: int | None = None,
                 what: str = "work") -> list[T]:
    """``work(lang)`` for every language, concatenated in the order of ``langs``.

    With more than one core (or ``processes`` > 1) each language runs in a forked child; otherwise one after the
    other in this process. ``what`` names the work in an error.
    """
    return in_forks(work, langs, processes, what)


def in_forks(work: Callable[[str], list[T]], parts: Sequence[str], processes: int | None = None,
             what: str = "work") -> list[T]:
    """``work(part)`` for every part (a language, a half of a list…), concatenated in the order of ``parts``; in
    forked children when there are cores for more than one, else one after the other here."""
    processes = processes or min(len(parts), os.cpu_count() or 1)
    if processes > 1 and len(parts) > 1 and "fork" in multiprocessing.get_all_start_methods():
        global _WORK
        _WORK = (work, what)
        try:
            with multiprocessing.get_context("fork").Pool(min(processes, len(parts))) as pool:
                results = pool.map(_run, parts)
        finally:
            _WORK = None
    else:
        results = [work(part) for part in parts]
    return [item for result in results for item in result]
