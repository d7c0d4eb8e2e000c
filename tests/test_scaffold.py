"""`make new-product` / `make new-artisan`: both language files with every required field, on a free slug."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from catalogue.reading.loader import load_catalogue
from conftest import ROOT
from images.inspect import Inspector

from scripts import make_demo_photos, new_entry


@pytest.fixture
def content(scenario) -> Path:
    tree = scenario("base")
    make_demo_photos.main(["--content", str(tree)])
    return tree


def _errors(content: Path) -> set[tuple[str, str, str]]:
    return {(p.path.relative_to(content).as_posix(), p.field, p.code)
            for p in load_catalogue(content, photo_checks=[Inspector()]).errors}


def _fill(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_new_product_asks_only_for_what_a_person_must_write(content: Path, capsys) -> None:
    assert new_entry.main(["product", "--content", str(content), "--title", "Batik Tulis Sekar Jagad",
                           "--artisan", "perajin-contoh", "--category", "batik"]) == 0
    folder = Path(capsys.readouterr().out.strip())
    assert folder == content / "products" / "batik-tulis-sekar-jagad"
    rel = "products/batik-tulis-sekar-jagad"
    assert _errors(content) == {
        (f"{rel}/index.id.md", "summary", "required"),
        (f"{rel}/index.id.md", "photos", "photos_empty"),
        (f"{rel}/index.en.md", "summary", "required"),
    }
    _fill(folder / "index.id.md", "summary:\n", "summary: Kain batik tulis motif Sekar Jagad.\n")
    _fill(folder / "index.id.md", "photos: []", "photos: [kain.jpg]")
    _fill(folder / "index.en.md", "summary:\n", "summary: A hand-drawn Sekar Jagad batik.\n")
    (folder / "kain.jpg").write_bytes((content / "products/kain-contoh/demo-kain.jpg").read_bytes())
    result = load_catalogue(content)
    assert [p for p in result.errors] == []
    product = next(p for p in result.catalogue.products if p.slug == "batik-tulis-sekar-jagad")
    assert product.texts["id"].title == "Batik Tulis Sekar Jagad"
    assert product.category.key == "batik"


def test_new_artisan_then_filled_in_is_valid(content: Path, capsys) -> None:
    assert new_entry.main(["artisan", "--content", str(content), "--name", "Bengkel Anyaman Sari",
                           "--region", "kab-banyuwangi", "--crafts", "anyaman, batik"]) == 0
    folder = Path(capsys.readouterr().out.strip())
    rel = folder.relative_to(content).as_posix()
    assert _errors(content) == {(f"{rel}/index.id.md", "summary", "required"),
                                (f"{rel}/index.id.md", "village", "required"),
                                (f"{rel}/index.en.md", "summary", "required")}
    _fill(folder / "index.id.md", "summary:\n", "summary: Bengkel anyaman bambu.\n")
    _fill(folder / "index.id.md", "village:\n", "village: Gintangan\n")
    _fill(folder / "index.en.md", "summary:\n", "summary: A bamboo weaving workshop.\n")
    assert _errors(content) == set()


def test_slug_is_never_one_already_taken(content: Path, capsys) -> None:
    args = ["product", "--content", str(content), "--title", "Kain Contoh", "--artisan", "perajin-contoh",
            "--category", "batik"]
    assert new_entry.main(args) == 0
    assert new_entry.main(args) == 0
    made = capsys.readouterr().out.split()
    assert [Path(p).name for p in made] == ["kain-contoh-2", "kain-contoh-3"]
    assert (content / "products/kain-contoh/index.id.md").read_text().startswith("---\ntitle: Kain Batik Contoh")


@pytest.mark.parametrize(("args", "word"), [
    (["--title", "Kain", "--artisan", "tidak-ada", "--category", "batik"], "ARTISAN"),
    (["--title", "Kain", "--artisan", "perajin-contoh", "--category", "sutra"], "CATEGORY"),
    (["--title", "!!!", "--artisan", "perajin-contoh", "--category", "batik"], "folder name"),
])
def test_bad_arguments_say_what_is_allowed(content: Path, capsys, args: list[str], word: str) -> None:
    assert new_entry.main(["product", "--content", str(content), *args]) == 2
    assert word in capsys.readouterr().err
    assert sorted(p.name for p in (content / "products").iterdir()) == ["kain-contoh"]


def test_make_target_keeps_quotes_and_spaces(content: Path) -> None:
    env = {**os.environ, "INPUTDIR": str(content)}
    title = 'Selendang "Lok Can" Biru: Edisi 2'
    run = subprocess.run(["make", "--no-print-directory", "new-product", f"TITLE={title}", "ARTISAN=perajin-contoh",
                          "CATEGORY=batik"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                         stdin=subprocess.DEVNULL)
    assert run.returncode == 0, run.stderr
    folder = content / "products" / "selendang-lok-can-biru-edisi-2"
    meta = load_catalogue(content)
    assert (folder / "index.en.md").is_file()
    assert any(p.path == folder / "index.id.md" and p.field == "photos" for p in meta.errors)
    assert 'title: "Selendang \\"Lok Can\\" Biru: Edisi 2"' in (folder / "index.id.md").read_text()
