"""The build's one cache store (buildkit/store.py): whole entries, checked when read, expired in one walk."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from buildkit.store import KEEP, Store, key


def test_values_come_back_only_as_they_were_kept(tmp_path: Path) -> None:
    store = Store(tmp_path, "entries")
    name = key("an entry")
    assert store.get(name, bytes) is None
    store.put(name, b"hello")
    assert store.get(name, bytes) == b"hello" and store.get(name, dict) is None
    path = Path(store.path(name))
    whole = path.read_bytes()
    for damaged in (whole[:-1], whole[:-5] + b"HELLO", b"", os.urandom(len(whole))):
        path.write_bytes(damaged)
        assert store.get(name, bytes) is None
    store.put(name, {"a": 1})
    assert store.get(name, dict) == {"a": 1} and store.get(name, list) is None
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_kept_file_written_into_or_replaced_is_a_miss_and_kept_again(tmp_path: Path) -> None:
    store = Store(tmp_path / "cache", "pages")
    name = key("a page")
    page = tmp_path / "out" / "page.html"
    page.parent.mkdir()
    page.write_text("<p>page</p>")
    store.keep(name, ".html", page)
    assert store.place(name, ".html", tmp_path / "out2" / "page.html")
    assert (tmp_path / "out2" / "page.html").stat().st_ino == page.stat().st_ino  # a hard link, not a copy
    kept = Path(store.path(name, ".html"))
    with open(kept, "r+b") as file:  # written into in place, the same size
        file.write(b"<P>")
    assert not store.place(name, ".html", tmp_path / "out3" / "page.html")
    assert not (tmp_path / "out3").exists()
    again = tmp_path / "again.html"
    again.write_text("<p>page</p>")
    store.keep(name, ".html", again)  # the damaged entry is replaced
    assert store.place(name, ".html", tmp_path / "out3" / "page.html")
    assert (tmp_path / "out3" / "page.html").read_text() == "<p>page</p>"


def test_entries_unused_for_their_kinds_time_are_removed_in_one_walk(tmp_path: Path) -> None:
    store = Store(tmp_path, "pages")
    old, recent = key("old"), key("recent")
    for name in (old, recent):
        store.put(name, b"x")
    past = time.time() - KEEP["pages"] - 60
    os.utime(store.path(old), (past, past))
    Store(tmp_path, "pages")  # no walk yet today: the first put made the folder, not a walk
    (tmp_path / "pages" / ".pruned").unlink(missing_ok=True)
    Store(tmp_path, "pages")
    assert not os.path.exists(store.path(old)) and os.path.exists(store.path(recent))


def test_without_a_root_nothing_is_kept(tmp_path: Path) -> None:
    store = Store(None, "qr")
    store.put(key("x"), b"x")
    assert store.get(key("x"), bytes) is None
    source = tmp_path / "code.svg"
    source.write_text("<svg/>")
    store.keep(key("x"), ".svg", source)
    assert not store.place(key("x"), ".svg", tmp_path / "placed.svg")
    with pytest.raises(ValueError, match="kind"):
        Store(tmp_path, "nonsense")
