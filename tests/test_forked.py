"""Work in forked processes: each part's result as soon as it is done, all of them in the parts' order, and a
part's failure raised in the build's process with what went wrong."""

from __future__ import annotations

import os
import time

import pytest
from buildkit.forked import start_in_forks


def slow_first(part: str) -> list[tuple[str, int]]:
    time.sleep(1.0 if part == "slow" else 0.0)
    return [(part, os.getpid())]


def test_each_part_comes_back_as_soon_as_it_is_done() -> None:
    forks = start_in_forks(slow_first, ["slow", "quick"], 2, "waiting")
    done = [part for part, _items in forks.as_done()]
    assert done == ["quick", "slow"]


def test_results_keep_the_order_of_the_parts_and_come_from_other_processes() -> None:
    results = start_in_forks(slow_first, ["slow", "quick"], 2, "waiting").results()
    assert [part for part, _pid in results] == ["slow", "quick"]
    assert os.getpid() not in {pid for _part, pid in results}


def test_without_forking_the_parts_run_here_in_order() -> None:
    forks = start_in_forks(slow_first, ["slow", "quick"], 1, "waiting")
    assert forks.ready()
    assert [(part, items[0][1]) for part, items in forks.as_done()] == [("slow", os.getpid()), ("quick", os.getpid())]


def failing(part: str) -> list[str]:
    if part == "bad":
        raise ValueError("this part cannot be done")
    time.sleep(0.5)
    return [part]


def test_a_failing_part_is_raised_with_its_traceback() -> None:
    forks = start_in_forks(failing, ["good", "bad"], 2, "checking")
    with pytest.raises(RuntimeError, match=r"(?s)checking in bad failed:.*this part cannot be done"):
        forks.results()
    assert forks.pool is None  # stopped: no process left behind
