"""Work in forked processes: each part's result as soon as it is done, all of them in the parts' order, and a
part's failure raised in the build's process with what went wrong."""

from __future__ import annotations

import os
import re
import time

import pytest
from buildkit.forked import start_in_fork, start_in_forks
from conftest import ROOT


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


def test_one_part_started_alone_runs_in_another_process_while_this_one_goes_on() -> None:
    started = time.monotonic()
    forks = start_in_fork(slow_first, "slow", "waiting")
    assert time.monotonic() - started < 0.9  # slow_first sleeps longer: the part was not done here
    [(part, pid)] = forks.results()
    assert part == "slow" and pid != os.getpid()
    assert forks.pool is None


# Processes are started one way: a pool of buildkit.forked (multiprocessing's fork context). No process forked,
# tied to its parent's death or ended without its clean-up by hand, no second kind of pool (threads that wait for
# the network, in the link checker and the media upload, are not work done in parallel).
_BY_HAND = re.compile(r"\bos\.fork\b|\bctypes\b|\bprctl\b|\bos\._exit\b|\bgc\.freeze\b|ProcessPoolExecutor"
                      r"|get_context\(|\bmultiprocessing\.(Pool|Process)\b")


def test_processes_are_started_only_by_the_one_pool_helper() -> None:
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted([*ROOT.glob("plugins/**/*.py"), *ROOT.glob("scripts/**/*.py"), ROOT / "tasks.py"])
             if path != ROOT / "plugins/buildkit/forked.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if _BY_HAND.search(line)]
    assert found == []
