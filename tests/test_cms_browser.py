"""Decap CMS at /admin/ in Chromium, against decap-server on a copy of the demo content.

Staff edit an entry through the CMS; the files decap-server writes must pass the validator and build.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

import pytest
from catalogue.model.model import Product
from conftest import ROOT, build_site, check_tree, serve

pytestmark = pytest.mark.browser

DECAP_SERVER = ROOT / "node_modules" / ".bin" / "decap-server"
# Reported by Chromium on every page that breaks the policy; the CMS must not need more than its own policy allows.
CSP_LISTENER = """document.addEventListener('securitypolicyviolation',
  (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"decap-server stopped (exit {proc.returncode}):\n{log.read_text()}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"decap-server did not listen on {port}:\n{log.read_text()}")


@pytest.fixture
def cms(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """(admin URL, repository folder): the built /admin/ served on 127.0.0.1, and decap-server, as staff run it
    (`npx decap-server` in the repository), on a copy of the demo content."""
    assert DECAP_SERVER.exists(), f"{DECAP_SERVER} is missing: run `make node_modules/.installed` (npm ci) first"
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "content", repo / "content")
    port = _free_port()
    site = build_site(repo / "content", tmp_path / "output",
                      SUBMISSION_CMS_LOCAL_BACKEND=f"http://127.0.0.1:{port}/api/v1")
    log = tmp_path / "decap-server.log"
    with log.open("w") as out:
        proc = subprocess.Popen([str(DECAP_SERVER)], cwd=repo, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1"})
    try:
        _wait_for_port(port, proc, log)
        server = serve(site)
        yield next(server) + "/admin/", repo
        next(server, None)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _open_cms(page, url: str) -> list[str]:
    """Open the CMS and sign in to the local backend; returns the list the console errors are collected in."""
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(CSP_LISTENER)
    page.goto(url)
    page.get_by_role("button", name="Login").click()
    return errors


def test_the_cms_lists_the_demo_entries_and_saves_an_edit_the_catalogue_accepts(page, cms) -> None:
    url, repo = cms
    content = repo / "content"
    before = check_tree(content)
    assert not before.problems
    # A product with storefronts and captions, so lists of objects and translated lists make the round trip.
    product = next(p for p in before.catalogue.products if p.own_storefronts and p.photos[0].caption)
    artisan = before.catalogue.artisans[-1]

    errors = _open_cms(page, url)
    # Every demo product is listed by its Indonesian title, and every artisan by name.
    for entry in before.catalogue.products:
        page.get_by_text(entry.texts["id"].title, exact=True).wait_for(timeout=30_000)
    page.get_by_role("link", name="Perajin / Artisans").click()
    for entry in before.catalogue.artisans:
        page.get_by_text(entry.name.id, exact=True).wait_for()
    page.get_by_text(artisan.name.id, exact=True).click()
    page.locator('input[id^="village-field-"]').first.wait_for()
    assert page.locator('input[id^="village-field-"]').first.input_value() == artisan.village

    # Edit a product's summary in both languages and publish it (decap-server writes the files).
    page.goto(url + "#/collections/products")
    page.get_by_text(product.texts["id"].title, exact=True).click()
    summaries = page.locator('input[id^="summary-field-"]')
    summaries.first.wait_for()
    assert summaries.nth(0).input_value() == product.texts["id"].summary
    assert summaries.nth(1).input_value() == product.texts["en"].summary
    new = {"id": "Diubah lewat CMS: " + product.texts["id"].summary[:150],
           "en": "Edited in the CMS: " + product.texts["en"].summary[:150]}
    summaries.nth(0).fill(new["id"])
    summaries.nth(1).fill(new["en"])
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Publish now").click()
    page.get_by_text("Entry saved").wait_for()
    assert not errors, "console errors in the CMS:\n" + "\n".join(errors)

    folder = content / "products" / product.slug
    written = {lang: (folder / f"index.{lang}.md").read_text(encoding="utf-8") for lang in ("id", "en")}
    for lang, text in written.items():
        assert text.startswith("---\n") and "\n---\n" in text, f"index.{lang}.md is not front matter + body"

    after = check_tree(content)
    assert not after.problems, "\n".join(str(p) for p in after.problems)
    edited = next(p for p in after.catalogue.products if p.slug == product.slug)
    assert edited.texts["id"].summary == new["id"] and edited.texts["en"].summary == new["en"]
    # Everything else survives the round trip through the CMS unchanged.
    for f in fields(Product):
        if f.name not in ("texts", "fingerprint", "card_fingerprint"):
            assert getattr(edited, f.name) == getattr(product, f.name), f.name
    for lang in ("id", "en"):
        assert edited.texts[lang].body_html == product.texts[lang].body_html
        assert edited.texts[lang].title == product.texts[lang].title
        assert edited.texts[lang].materials == product.texts[lang].materials

    site = build_site(content, repo / "output")
    pages = "".join(p.read_text(encoding="utf-8") for p in site.rglob("index.html") if product.slug in str(p))
    assert new["id"][:60] in pages and new["en"][:60] in pages
