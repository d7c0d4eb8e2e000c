"""Sveltia CMS at /admin/ in Chromium, on a git repository the test makes, in the CMS's local-repository mode.

The mode opens a folder through the File System Access API, whose folder picker a headless browser cannot show:
the test hands the CMS a folder of the browser's origin-private file system holding the repository's files
instead (the only stand-in; the CMS, its configuration, its editor and the files it writes are real). What the
CMS saved is read back out of that folder and put through `make check` and a Pelican build.
"""

from __future__ import annotations

import base64
import io
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_site, make_scenario, serve
from htmlpage import parse
from PIL import Image

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
COPY_OUT = """async () => {
  const out = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === "directory") { await walk(handle, prefix + name + "/"); continue; }
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      let text = "";
      for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
      out[prefix + name] = btoa(text);
    }
  }
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle("repo"), "");
  return out;
}"""


def _files(repo: Path) -> dict[str, bytes]:
    return {p.relative_to(repo).as_posix(): p.read_bytes() for p in repo.rglob("*")
            if p.is_file() and ".git" not in p.relative_to(repo).parts}


class Editor:
    """The fields of the entry open in Sveltia's editor, by name and language (it draws fields as they scroll
    into view, so a field further down is scrolled to first)."""

    def __init__(self, page) -> None:
        self.page = page

    def field(self, name: str, locale: str = "id"):
        pane = f'[data-locale="{locale}"][data-mode="edit"]'
        found = self.page.locator(f'{pane} section.field[data-key-path="{name}"]')
        for _ in range(50):
            if found.count():
                break
            self.page.locator(f"{pane} section.field[data-key-path]").last.scroll_into_view_if_needed()
            self.page.wait_for_timeout(100)
        found.first.scroll_into_view_if_needed()
        return found.first

    def fill(self, name: str, value: str, locale: str = "id") -> None:
        self.field(name, locale).locator("input").fill(value)

    def choose(self, name: str, option: str) -> None:
        # A few options are radio buttons, more a drop-down list.
        field = self.field(name)
        radio = field.get_by_role("radio", name=option, exact=True)
        if radio.count():
            radio.click()
        else:
            field.get_by_role("combobox").click()
            self.page.get_by_role("option", name=option, exact=True).click()

    def language(self, label: str) -> None:
        self.page.locator(f'[data-mode="edit"][role="radio"][data-label="{label}"]').first.click()

    def save(self) -> None:
        self.page.get_by_role("button", name="Save", exact=True).click()


def test_staff_create_and_edit_products_in_the_cms_and_the_files_it_writes_pass_check_and_build(
        browser, tmp_path: Path) -> None:
    content = make_scenario("base", tmp_path / "repo")
    repo = content.parent
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    site = build_site(content, tmp_path / "output")
    assert (site / "admin" / "sveltia-cms.js").is_file()
    before = _files(repo)
    photo = io.BytesIO()
    Image.merge("RGB", [Image.effect_noise((1200, 900), 60)] * 3).save(photo, "JPEG", quality=85)  # not blurred
    (tmp_path / "Selendang Merah.JPG").write_bytes(photo.getvalue())

    blocked: list[str] = []
    for base in serve(site):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(PICKER)
        page = context.new_page()
        page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(base + "/theme/favicon.svg")  # the origin's file system, filled before the CMS opens
        page.evaluate(COPY_IN, {path: base64.b64encode(data).decode() for path, data in
                                {**before, ".git/HEAD": (repo / ".git/HEAD").read_bytes()}.items()})
        page.goto(base + "/admin/")
        page.get_by_role("button", name="Work with Local Repository").click()
        page.get_by_text("Kain Batik Contoh").wait_for(timeout=30_000)
        # Its fonts, icons included, come from the site (admin/fonts/), not a CDN.
        page.wait_for_function("""() => [...document.fonts].some((f) => f.family.includes("Material Symbols")
                                  && f.status === "loaded")""", timeout=10_000)
        fonts = page.evaluate("() => [...document.fonts].map((f) => [f.family, f.status])")
        assert all(status != "error" for _, status in fonts), fonts
        editor = Editor(page)

        # A new product, with a photo uploaded through the image field's file input.
        page.get_by_role("button", name="New").click()
        editor.fill("title", "Selendang Merah Uji")
        editor.fill("summary", "Selendang batik tulis merah dari Tanjung Bumi.")
        editor.choose("artisan", "Perajin Contoh")
        editor.choose("category", "Batik")
        editor.choose("technique", "Batik tulis / Hand-drawn batik")
        editor.choose("availability", "ready")
        editor.fill("price", "275000")
        editor.field("photos").locator("input[type=file]").first.set_input_files(tmp_path / "Selendang Merah.JPG")
        editor.field("photos").get_by_text("selendang-merah").or_(
            editor.field("photos").get_by_text("Selendang Merah")).first.wait_for()
        editor.language("English")
        editor.fill("title", "Red Test Shawl", locale="en")
        editor.fill("summary", "A red hand-drawn batik shawl from Tanjung Bumi.", locale="en")
        editor.save()
        page.get_by_role("button", name="Save", exact=True).wait_for(state="detached", timeout=30_000)

        # An existing product: a new price.
        page.get_by_text("Selendang Merah Uji").first.wait_for(timeout=30_000)  # back in the list
        page.get_by_text("Kain Batik Contoh").first.click()
        assert editor.field("price").locator("input").input_value() == "350000"
        editor.fill("price", "425000")
        editor.save()
        page.get_by_role("button", name="Save", exact=True).wait_for(state="detached", timeout=30_000)

        after = {path: base64.b64decode(data) for path, data in page.evaluate(COPY_OUT).items()}
        context.close()
    assert not [m for m in blocked if "unpkg.com" not in m], blocked  # only its update check stays blocked

    # What the CMS wrote: the new product's two files and its photo, and the edited product.
    written = {path for path in after if after[path] != before.get(path) and not path.startswith(".git/")}
    new = "content/products/selendang-merah-uji"
    assert written == {f"{new}/index.id.md", f"{new}/index.en.md", f"{new}/selendang-merah.jpg",
                       "content/products/kain-contoh/index.id.md", "content/products/kain-contoh/index.en.md"}, written
    # (Saving an entry writes both its languages again: YAML lists in block style.)
    assert after[f"{new}/selendang-merah.jpg"] == photo.getvalue()
    facts = yaml.safe_load(after[f"{new}/index.id.md"].decode().split("---")[1])
    assert facts["photos"] == ["selendang-merah.jpg"] and facts["price"] == 275000, facts
    edited = yaml.safe_load(after["content/products/kain-contoh/index.id.md"].decode().split("---")[1])
    assert edited["price"] == 425000, edited
    for path in written:
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_bytes(after[path])

    # `make check` on the tree as the CMS left it, then the site built from it.
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--input", str(content)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    built = build_site(content, tmp_path / "output2")
    page_id = parse(built / "produk/selendang-merah-uji/index.html")
    assert page_id.find("h1").text.strip() == "Selendang Merah Uji"
    assert "Rp275.000" in page_id.text
    assert any("selendang-merah" in img.attrs.get("src", "") for img in page_id.find_all("img"))
    assert parse(built / "en/products/selendang-merah-uji/index.html").find("h1").text.strip() == "Red Test Shawl"
    assert "Rp425.000" in parse(built / "produk/kain-contoh/index.html").text
    assert "Rp350.000" not in parse(built / "produk/kain-contoh/index.html").text


def test_staff_open_the_catalogue_from_admin_in_the_local_repository_mode(browser, tmp_path: Path) -> None:
    content = make_scenario("base", tmp_path / "repo")
    repo = content.parent
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    site = build_site(content, tmp_path / "output")
    files = {path: base64.b64encode(data).decode() for path, data in _files(repo).items()}
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
