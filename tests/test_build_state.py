"""A build survives what happens around it: a damaged cache, a signal half-way, a second build at the same time.

Every test runs the real `python -m scripts.build` as a subprocess on a content tree in tmp_path, with the
project's settings and cache folders of its own.
"""

from __future__ import annotations

import filecmp
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, make_scenario

from scripts import make_demo_photos, synthetic


def _settings(tmp: Path, cache: Path) -> Path:
    path = tmp / f"settings-{cache.name}.py"
    path.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                    f"CACHE_PATH = {str(cache)!r}\n", encoding="utf-8")
    return path


def _command(settings: Path, content: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "scripts.build", "--settings", str(settings), "--input", str(content),
            "--output", str(output), "--quiet"]


def build(settings: Path, content: Path, output: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(settings, content, output), cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def start(settings: Path, content: Path, output: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(_command(settings, content, output), cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def differences(a: Path, b: Path) -> list[str]:
    """Every file that is not byte for byte the same in the two trees (or is in one only)."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = sorted(files_a ^ files_b)
    out += [f for f in sorted(files_a & files_b) if not filecmp.cmp(a / f, b / f, shallow=False)]
    return out


def descendants(pid: int) -> set[int]:
    """The processes started by ``pid``, and theirs, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = make_scenario("base", tmp_path_factory.mktemp("small"))
    make_demo_photos.main(["--content", str(content)])
    return content


@pytest.fixture(scope="module")
def larger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue whose cold build takes long enough to be interrupted half-way."""
    return synthetic.generate(tmp_path_factory.mktemp("larger") / "content", products=120, photos=6)


# -- a damaged cache costs time, never a failed build or a different site ----------------------------------------
def _kinds(cache: Path) -> dict[str, list[Path]]:
    """The cache's files grouped by what they are: their folder under the cache, with numbered and hashed
    folders (``ab/``) left out, and their suffix."""
    kinds: dict[str, list[Path]] = {}
    for path in sorted(cache.rglob("*")):
        if not path.is_file():
            continue
        parts = [p for p in path.relative_to(cache).parent.parts if not (len(p) == 2 and p.isalnum())]
        kinds.setdefault(f"{'/'.join(parts)}/*{''.join(path.suffixes[-1:])}", []).append(path)
    return kinds


DAMAGE: dict[str, Callable[[Path], None]] = {
    "deleted": lambda p: p.unlink(),
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]),
    "garbage": lambda p: p.write_bytes(os.urandom(max(16, p.stat().st_size))),
    "emptied": lambda p: p.write_bytes(b""),
}


# Every kind of the build's store (buildkit/store.py) is damaged at its first and last file: each read checks what
# it reads, and a file made again comes out byte for byte as it was.
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_cache_is_made_again_and_the_site_is_the_same(small, tmp_path, damage) -> None:
    cache = tmp_path / "cache"
    settings = _settings(tmp_path, cache)
    clean = tmp_path / "clean"
    done = build(settings, small, clean)
    assert done.returncode == 0, done.stderr
    kinds = _kinds(cache)
    assert len(kinds) >= 5, sorted(kinds)  # entries, pages, derivatives, inspection, search…
    for files in kinds.values():
        # Hard-linked files are the output's own: damaging one in place damages the clean site as well, so the
        # file is replaced (a new inode), as a damaged disk block or another program's write would.
        for path in {files[0], files[-1]}:
            if damage != "deleted":
                data = path.read_bytes()
                path.unlink()
                path.write_bytes(data)
            DAMAGE[damage](path)
    again = tmp_path / "again"
    done = build(settings, small, again)
    assert done.returncode == 0, done.stderr
    assert differences(clean, again) == []


# -- a signal stops the whole build, the last good site stays ----------------------------------------------------
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_build_and_its_workers_and_keeps_the_last_good_site(larger, tmp_path, signum) -> None:
    settings = _settings(tmp_path, tmp_path / "cache")
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the last good site")
    process = start(settings, larger, output)
    # Half-way: the pages' folder is being built and workers are running.
    assert wait_for(lambda: any(tmp_path.glob(".output-build-*")) and len(descendants(process.pid)) >= 1, 120)
    time.sleep(1.0)
    workers = descendants(process.pid)
    process.send_signal(signum)
    try:
        _out, err = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("the build did not stop within 15 s of the signal")
    assert process.returncode != 0
    assert "Traceback" not in err
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 5), [p for p in workers if alive(p)]
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text() == "the last good site"
    # The next build succeeds and leaves nothing of the interrupted one behind.
    done = build(settings, larger, output)
    assert done.returncode == 0, done.stderr
    assert not list(tmp_path.glob(".output-build-*"))
    assert (output / "index.html").read_text() != "the last good site"


def test_a_build_killed_outright_is_cleaned_up_by_the_next(small, tmp_path) -> None:
    settings = _settings(tmp_path, tmp_path / "cache")
    output = tmp_path / "output"
    leftover = tmp_path / ".output-build-abc123"
    (leftover / "produk").mkdir(parents=True)
    (leftover / "produk/index.html").write_text("half a site")
    done = build(settings, small, output)
    assert done.returncode == 0, done.stderr
    assert not leftover.exists()


# -- two builds at once ------------------------------------------------------------------------------------------
def test_a_second_build_at_the_same_time_is_refused_clearly(larger, tmp_path) -> None:
    settings = _settings(tmp_path, tmp_path / "cache")
    output = tmp_path / "output"
    first = start(settings, larger, output)
    try:
        assert wait_for(lambda: any(tmp_path.glob(".output-build-*")), 120)
        second = build(settings, larger, output)
        assert second.returncode != 0
        assert f"a build is already running (pid {first.pid})" in second.stderr
        assert "Traceback" not in second.stderr and "OSError" not in second.stderr
    finally:
        _out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    assert (output / "index.html").is_file()
