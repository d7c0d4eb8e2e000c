"""What a build leaves beside its output (the lock it holds, the site it replaced) is ignored by git, so a build in
a checkout never shows up as a change to commit."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, make_scenario

from scripts import make_demo_photos


def test_nothing_a_build_leaves_beside_the_output_is_offered_to_git(tmp_path: Path) -> None:
    content = make_scenario("base", tmp_path / "scenario")
    make_demo_photos.main(["--content", str(content)])
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    subprocess.run(["git", "init", "-q", str(checkout)], check=True)
    shutil.copy(ROOT / ".gitignore", checkout / ".gitignore")
    settings = tmp_path / "settings.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                        f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n", encoding="utf-8")
    for _ in range(2):  # the second build keeps the first's site beside the output until the next one
        done = subprocess.run([sys.executable, "-m", "scripts.build", "--settings", str(settings), "--input",
                               str(content), "--output", str(checkout / "output"), "--quiet"],
                              cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
    beside = {p.name for p in checkout.iterdir()} - {".git", ".gitignore", "output"}
    assert ".output.lock" in beside, beside  # what this test is about: files beside the output
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=checkout,
                            capture_output=True, text=True, check=True).stdout.splitlines()
    assert status == ["?? .gitignore"], status
