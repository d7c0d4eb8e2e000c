"""Sveltia CMS at /admin/ in Chromium, on a git repository the test makes, in the CMS's local-repository mode.

The mode opens a folder through the File System Access API, whose folder picker a headless browser cannot show:
the test hands the CMS a folder of the browser's origin-private file system holding the repository's files
instead (the only stand-in; the CMS, its configuration and its reading of the entries are real).
"""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import pytest
from conftest import build_site, make_scenario, serve

pytestmark = pytest.mark.browser

PICKER = """window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle("repo", { create: true });"""
COPY_IN = """async (files) => {
  const repo = await (await navigator.storage.getDirectory()).getDirectoryHandle("repo", { create: true });
  for (const [path, b64] of Object.entries(files)) {
    const parts = path.split("/");
    let dir = repo;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
    const writable = await (await dir.getFileHandle(parts[parts.length - 1], { create: true })).createWritable();
    await writable.write(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
    await writable.close();
  }
}"""


def test_staff_open_the_catalogue_from_admin_in_the_local_repository_mode(browser, tmp_path: Path) -> None:
    content = make_scenario("base", tmp_path / "repo")
    repo = content.parent
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    site = build_site(content, tmp_path / "output")
    assert (site / "admin" / "sveltia-cms.js").is_file()
    files = {p.relative_to(repo).as_posix(): base64.b64encode(p.read_bytes()).decode()
             for p in repo.rglob("*") if p.is_file() and ".git" not in p.relative_to(repo).parts}
    files[".git/HEAD"] = base64.b64encode((repo / ".git/HEAD").read_bytes()).decode()
    for base in serve(site):
        context = browser.new_context()
        context.add_init_script(PICKER)
        page = context.new_page()
        page.goto(base + "/theme/favicon.svg")  # the origin's file system, filled before the CMS opens
        page.evaluate(COPY_IN, files)
        page.goto(base + "/admin/")
        page.get_by_role("button", name="Work with Local Repository").click()
        page.get_by_text("Kain Batik Contoh").wait_for(timeout=30_000)
        assert page.get_by_role("button", name="New").is_visible()
        page.get_by_text("Perajin / Artisans").first.click()
        page.get_by_text("Perajin Contoh").first.wait_for(timeout=30_000)
        context.close()
