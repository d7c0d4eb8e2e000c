"""The build's one way of running work in parallel: a ``multiprocessing`` pool of forked children (fork_pool),
and on it one piece of work per language (or per part of a list), each in its own process where there are cores.

Forked, not spawned: the children inherit the loaded catalogue, the plugin path and the HEIF opener, so nothing is
imported, read or pickled again; only the part goes to a child and only its result comes back. A child ignores
Ctrl-C and dies of SIGTERM (worker_signals): the build (scripts/build.py) kills its children when it stops.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

# The work of the forked processes of one pool, installed in each as it starts (inherited through the fork, not
# pickled): only the part goes to the child and only the result comes back.
_WORK: tuple[Callable[[str], list[T]], str] | None = None  # type: ignore[valid-type]


def worker_signals() -> None:
    """A worker leaves signals to the build: Ctrl-C reaches every process of the terminal's group, and the build
    (scripts/build.py) kills its workers when it stops; a worker that stopped by itself would leave its pool
    waiting for a result that never comes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def fork_pool(processes: int, initializer: Callable[..., None] = worker_signals,
              initargs: tuple[Any, ...] = ()) -> Any:
    """A pool of ``processes`` forked children; ``initializer`` runs in each as it starts and must call
    worker_signals (as the default does). Used as a context manager or stopped with terminate() and join()."""
    return multiprocessing.get_context("fork").Pool(processes, initializer=initializer, initargs=initargs)


def _install(work: Callable[[str], list[T]], what: str) -> None:
    # The project's one module-level slot (tests/test_architecture.py): set only here, the pool's initializer, in a
    # worker process; the build's own process never sets it. A closure cannot be pickled, so the fork hands it over.
    global _WORK
    worker_signals()
    _WORK = (work, what)


def _run(part: str) -> list:  # type: ignore[type-arg]
    assert _WORK is not None, "installed by the pool's initializer"
    work, what = _WORK
    try:
        return work(part)
    except Exception as exc:
        # Exceptions (Jinja's, WeasyPrint's) don't always survive pickling back to the parent: send their text.
        raise RuntimeError(f"{what} in {part} failed:\n{traceback.format_exc()}") from exc


def _run_named(part: str) -> tuple[str, list]:  # type: ignore[type-arg]
    return part, _run(part)


class Forks:
    """Work started on every part by ``start_in_forks``; ``results()`` waits for it, ``as_done()`` gives each part's
    as soon as it is done, ``stop()`` abandons it."""

    def __init__(self, work: Callable[[str], list[T]], parts: Sequence[str], processes: int, what: str):
        """``processes``: how many forked children work on the parts; 0 leaves the work to results() here."""
        self.work = work
        self.parts = list(parts)
        self.pool: Any = None
        self.done: queue.SimpleQueue[Any] = queue.SimpleQueue()  # (part, items), or what a part raised
        if processes > 0 and self.parts and "fork" in multiprocessing.get_all_start_methods():
            self.pool = fork_pool(min(processes, len(self.parts)), _install, (work, what))
            for part in self.parts:
                self.pool.apply_async(_run_named, (part,), callback=self.done.put, error_callback=self.done.put)
            # Nothing more to come: each worker ends once the work is done rather than wait for more. A worker
            # that waits holds the pool's queue lock, and one killed then (a stopped build kills its workers)
            # would leave stop()'s terminate() waiting for that lock for ever.
            self.pool.close()

    def results(self) -> list[T]:
        """Every part's items, in the order of the parts (one after the other here when nothing was forked)."""
        done = dict(self.as_done())
        return [item for part in self.parts for item in done[part]]

    def as_done(self) -> Iterator[tuple[str, list[T]]]:
        """(part, its items) for every part, each as soon as that part is done: the first to end first."""
        if self.pool is None:
            for part in self.parts:
                yield part, self.work(part)
            return
        try:
            for _part in self.parts:
                got = self.done.get()
                if isinstance(got, BaseException):
                    raise got
                yield got
        finally:
            self.stop()

    def stop(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None


def start_in_forks(work: Callable[[str], list[T]], parts: Sequence[str], processes: int | None = None,
                   what: str = "work") -> Forks:
    """``work(part)`` for every part, started in forked children when there are cores for more than one; this
    process goes on meanwhile. ``what`` names the work in an error."""
    processes = processes or min(len(parts), os.cpu_count() or 1)
    return Forks(work, parts, processes if processes > 1 and len(parts) > 1 else 0, what)


def start_in_fork(work: Callable[[str], list[T]], part: str, what: str = "work") -> Forks:
    """``work(part)`` in one forked child while this process goes on, however many cores there are: for work
    that starts while other processes are busy and is awaited later (results(), or stop() to abandon it)."""
    return Forks(work, [part], 1, what)


def in_forks(work: Callable[[str], list[T]], parts: Sequence[str], processes: int | None = None,
             what: str = "work") -> list[T]:
    """``work(part)`` for every part (a language, a half of a list…), concatenated in the order of ``parts``; in
    forked children when there are cores for more than one, else one after the other here."""
    return start_in_forks(work, parts, processes, what).results()
