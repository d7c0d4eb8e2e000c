"""Broken entries: the validator names the file, the field and the problem, `scripts.check` prints them in the
reader's language, and a build stops without touching the last good site."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from catalogue.model.messages import MESSAGES
from conftest import ROOT, check_tree, make_scenario

from scripts import build as build_script
from scripts import check, make_demo_photos

# scenario folder under tests/fixtures → the one error it must produce: (file under content/, field, message key)
SCENARIOS = {
    "price-as-text": ("products/kain-contoh/index.id.md", "price", "rupiah"),
    "unknown-region": ("artisans/perajin-contoh/index.id.md", "region", "unknown_region"),
    "unknown-category": ("products/kain-contoh/index.id.md", "category", "unknown_category"),
    "missing-title": ("products/kain-contoh/index.id.md", "title", "required"),
    "made-to-order-without-lead-time": ("products/kain-contoh/index.id.md", "lead_time_days", "lead_time"),
    "price-range-reversed": ("products/kain-contoh/index.id.md", "price_min", "price_range"),
    "storefront-lookalike-host": ("products/kain-contoh/index.id.md", "storefronts[1].url", "url_host"),
    "storefront-lookalike-letters": ("products/kain-contoh/index.id.md", "storefronts[1].url", "url_idn"),
    "unknown-artisan": ("products/kain-contoh/index.id.md", "artisan", "unknown_artisan"),
    "missing-photo": ("products/kain-contoh/index.id.md", "photos[2]", "photo_missing"),
    "translation-contradicts": ("products/kain-contoh/index.en.md", "price", "translation_contradicts"),
}


def template_pattern(template: str) -> re.Pattern[str]:
    """A message template as a pattern: each ``{placeholder}`` stands for some text."""
    parts = re.split(r"\{[a-z_]+\}", template)
    return re.compile(".+".join(re.escape(p) for p in parts))


def indonesian(message: str) -> str:
    with (ROOT / "theme" / "translations" / "id" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale="id")
    text = catalog.get(message).string
    assert text and text != message, f"no Indonesian text for {message!r}"
    return text


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def test_the_valid_base_has_no_errors(scenario) -> None:
    result = check_tree(scenario("base"))
    assert result.errors == [] and result.catalogue is not None
    assert [p.slug for p in result.catalogue.products] == ["kain-contoh"]


@pytest.mark.parametrize("name", SCENARIOS)
def test_check_tree_names_file_field_and_problem(scenario, name: str) -> None:
    content = scenario(name)
    result = check_tree(content)
    found = [(p.path.relative_to(content).as_posix(), p.field, p.code) for p in result.errors]
    assert found == [SCENARIOS[name]]


@pytest.mark.parametrize("name", SCENARIOS)
def test_check_prints_path_field_message_in_indonesian_then_english(
    scenario, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = scenario(name)
    make_demo_photos.main(["--content", str(content)])
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    rel, field, code = SCENARIOS[name]
    for args, template in (([], indonesian(MESSAGES[code])), (["--lang", "en"], MESSAGES[code])):
        assert check.main(["--input", str(content), *args]) == 1
        lines = capsys.readouterr().out.splitlines()
        assert len(lines) == 1, lines
        prefix = f"content/{rel}: {field}: "
        assert lines[0].startswith(prefix), lines[0]
        assert template_pattern(template).fullmatch(lines[0].removeprefix(prefix)), (lines[0], template)


def test_check_command_exits_non_zero_on_errors_and_zero_on_the_base(tmp_path: Path) -> None:
    broken = make_scenario("price-as-text", tmp_path / "broken")
    valid = make_scenario("base", tmp_path / "valid")
    for content in (broken, valid):
        make_demo_photos.main(["--content", str(content)])
    run = [sys.executable, "-m", "scripts.check", "--input"]
    env_cwd = {"cwd": tmp_path, "capture_output": True, "text": True,
               "env": {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}}
    bad = subprocess.run([*run, str(broken)], **env_cwd)
    assert bad.returncode == 1
    assert bad.stdout.startswith("broken/content/products/kain-contoh/index.id.md: price: ")
    assert "Rp 350rb" in bad.stdout and "whole number" not in bad.stdout
    bad_en = subprocess.run([*run, str(broken), "--lang", "en"], **env_cwd)
    assert bad_en.returncode == 1 and "whole number of rupiah" in bad_en.stdout
    good = subprocess.run([*run, str(valid)], **env_cwd)
    assert (good.returncode, good.stdout) == (0, "")


@pytest.mark.parametrize("name", SCENARIOS)
def test_build_of_a_broken_tree_fails_and_leaves_the_output_untouched(
        scenario, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = scenario(name)
    make_demo_photos.main(["--content", str(content)])
    output = tmp_path / "output"
    (output / "produk" / "lama").mkdir(parents=True)
    (output / "index.html").write_text("<!doctype html><title>the last good site</title>", encoding="utf-8")
    (output / "produk" / "lama" / "index.html").write_bytes(b"old page \x00\xff")
    (output / "MARKER").write_text("left by the previous build", encoding="utf-8")
    before = snapshot(output)
    assert build_script.main(["--input", str(content), "--output", str(output)]) == 1
    assert snapshot(output) == before
    rel, field, _ = SCENARIOS[name]
    assert f"{rel}: {field}: " in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".output-")) == []


def test_build_command_exits_non_zero_and_keeps_the_output(tmp_path: Path) -> None:
    content = make_scenario("unknown-region", tmp_path)
    make_demo_photos.main(["--content", str(content)])
    output = tmp_path / "site"
    output.mkdir()
    (output / "MARKER").write_bytes(b"previous build\n")
    before = snapshot(output)
    done = subprocess.run([sys.executable, "-m", "scripts.build", "--input", str(content), "--output", str(output)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode != 0
    assert "artisans/perajin-contoh/index.id.md: region: " in done.stderr
    assert snapshot(output) == before


def test_build_command_builds_the_site_and_quiet_shows_errors_only(tmp_path: Path) -> None:
    """The command `make html` runs: exit 0 with the whole site in place (it ends the process at once, see
    scripts/build.py leave), warnings shown unless --quiet."""
    content = make_scenario("base", tmp_path)
    (content / "products" / "kain-contoh" / "index.en.md").unlink()  # a warning: no English translation
    make_demo_photos.main(["--content", str(content)])
    settings = tmp_path / "settings.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa: F403\n"
                        f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n", encoding="utf-8")
    for quiet, output in ((False, tmp_path / "site"), (True, tmp_path / "quiet")):
        done = subprocess.run([sys.executable, "-m", "scripts.build", *(["--quiet"] if quiet else []),
                               "--settings", str(settings), "--input", str(content), "--output", str(output)],
                              cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert f"built {output}" in done.stdout
        said = done.stdout + done.stderr  # Pelican's log, wrapped to the terminal's width
        assert ("WARNING" in said and "translation" in said) is not quiet, said
        for page in ("index.html", "en/index.html", "produk/kain-contoh/index.html", "sitemap.xml", "sw.js"):
            assert (output / page).stat().st_size > 0, page
