"""Build the catalogue into a fresh folder and put it in place of the output only when the whole build succeeded.

Usage: ``python -m scripts.build [--settings pelicanconf.py] [--input content] [--output output]``.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import logging
import multiprocessing
import os
import runpy
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "plugins"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


class BuildRunning(Exception):
    """Another build holds the output's lock."""


class Interrupted(BaseException):
    """The build was asked to stop (SIGTERM, Ctrl-C): a BaseException, so that no ``except Exception`` of
    Pelican's or a plugin's takes it for a failure to report and go on from."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def stop_on_signals() -> None:
    """Make SIGTERM and SIGINT stop the build: its worker processes are killed at once (a worker waiting for
    work, or busy with a photo, would otherwise keep the build waiting for it), then Interrupted unwinds the
    build, whose ``finally`` clauses remove its unfinished folder and leave the output as it was."""

    def stop(signum: int, _frame: object) -> None:
        stop_workers()
        raise Interrupted(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def stop_workers() -> None:
    """Kill every worker process this build started (process pools, the reading processes)."""
    for child in multiprocessing.active_children():
        with contextlib.suppress(OSError):
            child.kill()


@contextlib.contextmanager
def output_lock(output: Path):  # type: ignore[no-untyped-def]
    """Hold ``.<output>.lock`` beside the output for the whole build; raises BuildRunning naming the process that
    holds it. The kernel lets go of the lock when its process ends, however it ends: no stale lock to remove."""
    output.parent.mkdir(parents=True, exist_ok=True)
    path = output.with_name(f".{output.name}.lock")
    with open(path, "a+", encoding="ascii") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.seek(0)
            pid = file.read().strip() or "?"
            raise BuildRunning(f"a build is already running (pid {pid}) into {output}; wait for it to end, "
                               "or stop it") from None
        file.seek(0)
        file.truncate()
        file.write(f"{os.getpid()}\n")
        file.flush()
        yield


def build(settings_file: Path, content: Path, output: Path, overrides: dict | None = None, *,
          logging_level: int | None = None) -> Any:
    """Run Pelican into a sibling temporary folder, then swap it in; raises on any failure. Returns the Pelican
    instance that ran, on which the plugins leave what they did (``.images.run``, ``.search_seconds``).

    The site a build replaces is kept beside the output (``.<output>-previous``) and removed by the next build
    while it runs: removing the files of 10,000 products takes seconds, and the machine has a core to spare while
    the catalogue loads. Its photo files and page folders are taken over first (images/pipeline.py,
    catalogue/pages/pagefolders.py). The removal is always over before ``build`` returns.

    ``logging_level``: Pelican's logging is set up with it once the entries are being read (it imports Pelican).
    """
    from catalogue.reading.readahead import read_ahead

    output = output.resolve()
    with output_lock(output):
        # The entries are read in two processes while Pelican and the plugins are imported and set up; the
        # catalogue's generator takes what they read (CATALOGUE_READ_AHEAD).
        early = read_ahead(content.resolve(), _cache_dir(settings_file, overrides or {}))
        try:
            if logging_level is not None:
                from pelican.log import init as init_logging

                init_logging(level=logging_level, fatal="errors")
            return _build(settings_file, content, output, {**(overrides or {}), "CATALOGUE_READ_AHEAD": early})
        except BaseException:
            stop_workers()  # a build that failed leaves no process behind
            raise
        finally:
            if early is not None:
                early.stop()  # what a build that failed before its catalogue was loaded started


def _build(settings_file: Path, content: Path, output: Path, overrides: dict | None) -> Any:
    from catalogue.pages import pagefolders
    from images.settings import setting as image_setting
    from pelican import Pelican
    from pelican.settings import read_settings

    output.parent.mkdir(parents=True, exist_ok=True)
    previous = output.with_name(f".{output.name}-previous")
    # What builds stopped outright (SIGKILL, a power cut) left: no build holds the lock, so none is running.
    leftovers = sorted(output.parent.glob(f".{output.name}-build-*"))
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-build-", dir=output.parent))
    removal: Removal | None = None
    try:
        settings = read_settings(
            str(settings_file), override={"PATH": str(content.resolve()), "OUTPUT_PATH": str(staging),
                                          **(overrides or {})}
        )
        # The photo files and page folders of the site being removed are taken over, not made again.
        photos = image_setting(settings, "IMAGES_OUTPUT_PREFIX")
        folders = [photos, *pagefolders.folders(settings)]
        removal = Removal(previous, before=lambda old: take_over(old, staging, folders), also=leftovers)
        pelican = Pelican(settings)
        pelican.run()
        removal.wait()
        if output.exists():
            output.rename(previous)
        staging.rename(output)
        return pelican
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        if removal is not None:
            removal.wait()


def take_over(previous: Path, staging: Path, folders: list[str]) -> None:
    """Move ``folders`` (relative to a site's root) from ``previous``, a site being removed, into ``staging``, a
    build not yet begun; a folder that cannot be moved is made again by the build."""
    for name in folders:
        source, target = previous / name, staging / name
        if source.is_dir() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                source.rename(target)
            except OSError:  # another file system
                continue


def _cache_dir(settings_file: Path, overrides: dict) -> Path | None:
    """The catalogue's cache folder (buildkit.settings.cache_folder, under CACHE_PATH), read before Pelican is
    imported, as Pelican will read it: a relative CACHE_PATH from the settings file's folder, "cache" when unset.

    Pelican reads the settings file again, as a whole, and the catalogue's loader uses what it read ahead only if
    this folder is the one those settings name.
    """
    from buildkit.settings import SettingsError, cache_folder

    if "CACHE_PATH" in overrides:
        root = overrides["CACHE_PATH"]
    else:
        try:
            # Pelican's own default, "cache", is left relative to the working folder
            root = runpy.run_path(str(settings_file)).get("CACHE_PATH", Path("cache").resolve())
        except Exception:  # noqa: BLE001 - Pelican reports a broken settings file in its own words
            return None
    if isinstance(root, (str, os.PathLike)):
        root = settings_file.resolve().parent / root  # an absolute CACHE_PATH stays as it is
    try:
        return cache_folder({"CACHE_PATH": root}, "catalogue")
    except SettingsError:
        return None  # Pelican's generator reports it


class Removal:
    """``folder`` (and what interrupted builds left: ``.<output>-old-*``) removed by ``rm -rf`` in the background;
    ``wait()`` until it is gone. ``before`` is given the folder, moved aside, before the removal starts."""

    def __init__(self, folder: Path, before: Callable[[Path], None] | None = None, also: list[Path] | None = None):
        self.paths: list[Path] = [*sorted(folder.parent.glob(f"{folder.name.removesuffix('-previous')}-old-*")),
                                  *(also or [])]
        if folder.exists():
            moved = folder.with_name(f"{folder.name.removesuffix('-previous')}-old-{os.getpid()}-{time.time_ns()}")
            try:
                folder.rename(moved)  # at once: the swap at the end of the build makes a new one
                self.paths.append(moved)
                if before is not None:
                    before(moved)
            except OSError:
                shutil.rmtree(folder, ignore_errors=True)
        self.process: subprocess.Popen[bytes] | None = None
        rm = shutil.which("rm")
        if self.paths and rm:
            self.process = subprocess.Popen([rm, "-rf", "--", *map(str, self.paths)], stdin=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait(self) -> None:
        if self.process is not None:
            self.process.wait()
            self.process = None
        for path in self.paths:  # no rm here, or it could not remove everything: remove what is left
            if path.exists():
                shutil.rmtree(path, ignore_errors=True)
        self.paths = []


def run(settings: Path, content: Path, output: Path, overrides: dict | None = None, *, verb: str = "build",
        expected: tuple[type[Exception], ...] = (), done: str = "built {output} in {seconds:.1f} s",
        level: int = logging.WARNING) -> int:
    """Build and say how it went, in words a maintainer can act on; 0 on success, 1 otherwise.

    ``expected`` are failures with a message of their own (a bad print selection…), reported without a traceback;
    ``level``: the least severe log messages shown (problems in the content are always shown).
    """
    from catalogue.model.problems import CatalogueError

    started = time.perf_counter()
    try:
        build(settings, content, output, overrides, logging_level=level)
    except CatalogueError as exc:
        for problem in exc.problems:
            print(problem.line(), file=sys.stderr)
        print(f"{verb} stopped: {len(exc.problems)} problem(s) in the content; {output} was left as it was. "
              "Run `make check` for the full list.", file=sys.stderr)
        return 1
    except (BuildRunning, *expected) as exc:
        print(f"{verb} stopped: {exc}; {output} was left as it was.", file=sys.stderr)
        return 1
    except Interrupted as exc:
        print(f"{verb} stopped by {exc}; {output} was left as it was.", file=sys.stderr)
        return 128 + exc.signum
    except Exception as exc:  # noqa: BLE001 - any failure must leave the last good site in place
        traceback.print_exc()
        print(f"{verb} failed ({exc.__class__.__name__}: {exc}); {output} was left as it was.", file=sys.stderr)
        return 1
    print(done.format(output=output, seconds=time.perf_counter() - started))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--input", default=str(ROOT / "content"))
    parser.add_argument("--output", default=str(ROOT / "output"))
    parser.add_argument("--quiet", "-q", action="store_true", help="show errors only, not warnings (as pelican -q)")
    args = parser.parse_args(argv)
    return run(Path(args.settings), Path(args.input), Path(args.output),
               level=logging.ERROR if args.quiet else logging.WARNING)


if __name__ == "__main__":
    stop_on_signals()
    sys.exit(main())
