"""`make import` writes everything or nothing: multi-product packages and spreadsheets that fail on their last
entry, at checking or at writing, leave content/ byte for byte as it was (compared by a hash of the whole tree);
a package names each problem by product number in the form's language; a package for an artisan already in the
catalogue adds its products to that artisan."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, check_tree

from scripts import import_entries
from scripts.import_entries import ImportError_
from scripts.import_entries import import_entries as run_import
from scripts.photos import make_phone_photo

TOO_LONG = "kain-" + "panjang-" * 40 + "sekali"  # a valid slug, 300 characters: more than a file name may hold


def tree_hash(root: Path) -> str:
    """Every path under ``root`` with its bytes (and every folder, empty or not) in one hash."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def jpeg(tmp: Path, seed: str) -> bytes:
    return make_phone_photo(tmp / f"{seed[:40]}.jpg", seed=seed, size=(640, 480)).read_bytes()


def artisan_files(slug: str = "anyaman-sari-rejeki", name: str = "Anyaman Sari Rejeki") -> dict[str, bytes]:
    return {f"artisans/{slug}/index.id.md": (
        f'---\nname: "{name}"\nsummary: "Bengkel anyaman bambu di Banyuwangi."\nregion: "kab-banyuwangi"\n'
        'village: "Gintangan"\ncrafts:\n  - "anyaman"\nships_abroad: "ask"\n---\nCerita bengkel.\n').encode()}


def product_files(tmp: Path, slug: str, artisan: str = "anyaman-sari-rejeki", extra: str = "") -> dict[str, bytes]:
    return {
        f"products/{slug}/index.id.md": (
            f'---\ntitle: "Tas {slug}"\nsummary: "Tas anyaman bambu buatan tangan."\nartisan: "{artisan}"\n'
            'category: "anyaman"\ntechnique: "anyam-tangan"\navailability: "ready"\nphotos:\n  - "foto-1.jpg"\n'
            f'added: "2026-01-02"\n{extra}---\nDianyam dengan tangan.\n').encode(),
        f"products/{slug}/foto-1.jpg": jpeg(tmp, slug),
    }


def package(path: Path, files: dict[str, bytes], lang: str | None = "id", products: list[str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        if lang is not None:
            zf.writestr("paket.json", json.dumps({"lang": lang, "products": products or []}))
        for name, data in files.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize(("lang", "message"), [("id", "harga harus berupa angka rupiah"),
                                               ("en", "expected a whole number of rupiah")])
def test_a_package_failing_on_its_last_product_writes_nothing_and_names_it_by_number(
        scenario, tmp_path: Path, lang: str, message: str) -> None:
    content = scenario("base")
    before = tree_hash(content)
    order = ["tas-satu", "tas-dua", "tas-tiga"]
    files = {**artisan_files(), **product_files(tmp_path, "tas-satu"), **product_files(tmp_path, "tas-dua"),
             **product_files(tmp_path, "tas-tiga", extra='price: "Rp 350rb"\ndispatch_days: "0"\n')}
    with pytest.raises(ImportError_) as err:
        run_import(package(tmp_path / "kiriman.zip", files, lang, order), content)
    problems = err.value.problems
    assert len(problems) == 2, problems  # every problem in one go
    assert problems[0].startswith("kiriman.zip: " + ("produk 3" if lang == "id" else "product 3") + ": ")
    assert any(f": price: {message}" in p for p in problems), problems
    assert any(": dispatch_days: " in p for p in problems), problems
    assert tree_hash(content) == before


def test_a_package_whose_last_product_the_file_system_refuses_writes_nothing(scenario, tmp_path: Path) -> None:
    content = scenario("base")
    before = tree_hash(content)
    files = {**artisan_files(), **product_files(tmp_path, "tas-satu"), **product_files(tmp_path, TOO_LONG)}
    with pytest.raises(ImportError_) as err:
        run_import(package(tmp_path / "kiriman.zip", files, "en"), content)
    assert any("cannot be written" in p for p in err.value.problems), err.value.problems
    assert tree_hash(content) == before


def test_a_rename_that_fails_half_way_is_undone(scenario, tmp_path: Path) -> None:
    # Checked and staged, then the last folder appears in content/ before it is renamed there (another import,
    # an editor): the folders already moved go back and content/ is as it was, the newcomer untouched.
    content = scenario("base")
    files = {**artisan_files(), **product_files(tmp_path, "tas-satu"), **product_files(tmp_path, "tas-zz")}
    batch = import_entries.read_package(package(tmp_path / "kiriman.zip", files, "en"))
    assert not import_entries.validate(batch, content, "en")
    (content / "products/tas-zz").mkdir()
    (content / "products/tas-zz/index.id.md").write_text("someone else's\n", encoding="utf-8")
    before = tree_hash(content)
    with pytest.raises(OSError):
        import_entries.write(batch, content)
    assert tree_hash(content) == before
    assert not [p for p in content.iterdir() if p.name.startswith(".import-")]


@pytest.mark.parametrize(("last", "extra", "problem"), [
    (TOO_LONG, {}, "cannot be written"),  # refused by the file system, after every row was checked
    ("tas-tiga", {"price": "Rp 350rb"}, "row 4: products/tas-tiga/index.id.md: price:"),  # refused when checked
])
def test_a_spreadsheet_failing_on_its_last_row_writes_nothing(scenario, tmp_path: Path, last: str,
                                                              extra: dict[str, str], problem: str) -> None:
    content = scenario("base")
    before = tree_hash(content)
    folder = tmp_path / "sheet"
    folder.mkdir()
    rows = []
    for slug in ("tas-satu", "tas-dua", last):
        make_phone_photo(folder / f"{slug[:20]}.jpg", seed=slug, size=(640, 480))
        rows.append({"product_slug": slug, "artisan_slug": "perajin-contoh", "product_title": f"Tas {slug[:20]}",
                     "product_summary": "Tas anyaman bambu.", "category": "anyaman", "technique": "anyam-tangan",
                     "availability": "ready", "photos": f"{slug[:20]}.jpg", "added": "2026-01-02", "price": ""})
    rows[-1].update(extra)
    with (folder / "entries.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(ImportError_) as err:
        run_import(folder / "entries.csv", content)
    assert any(problem in p for p in err.value.problems), err.value.problems
    assert tree_hash(content) == before


@pytest.mark.parametrize(("slug", "name"), [("perajin-contoh", "Perajin Contoh"),
                                            ("perajin-contoh-baru", "perajin  contoh")])
def test_a_package_for_an_artisan_in_the_catalogue_adds_its_products_to_that_artisan(
        scenario, tmp_path: Path, slug: str, name: str) -> None:
    content = scenario("base")
    artisan_before = tree_hash(content / "artisans")
    files = {**artisan_files(slug, name), **product_files(tmp_path, "tas-satu", artisan=slug),
             **product_files(tmp_path, "tas-dua", artisan=slug)}
    created = run_import(package(tmp_path / "lagi.zip", files, "id", ["tas-satu", "tas-dua"]), content)
    assert sum("created" in line for line in created) == 2
    assert any("artisans/perajin-contoh/" in line for line in created)
    assert tree_hash(content / "artisans") == artisan_before  # neither replaced nor duplicated
    result = check_tree(content)
    assert not result.errors, [p.line() for p in result.errors]
    mine = {p.slug for p in result.catalogue.by_artisan["perajin-contoh"]}
    assert {"tas-satu", "tas-dua"} <= mine
    # The same package again adds nothing twice.
    with pytest.raises(ImportError_) as err:
        run_import(package(tmp_path / "lagi.zip", files, "id", ["tas-satu", "tas-dua"]), content)
    assert all("sudah ada" in p for p in err.value.problems), err.value.problems


def test_the_command_line_speaks_the_packages_language_and_leaves_content_as_it_was(scenario, tmp_path: Path) -> None:
    # The command `make import` runs, on a package whose second and last product is wrong.
    content = scenario("base")
    before = tree_hash(content)
    files = {**artisan_files(), **product_files(tmp_path, "tas-satu"),
             **product_files(tmp_path, "tas-dua", extra='price: "Rp 350rb"\n')}
    run = subprocess.run([sys.executable, "-m", "scripts.import_entries",
                          str(package(tmp_path / "kiriman.zip", files, "id", ["tas-satu", "tas-dua"])),
                          "--input", str(content)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1
    assert "kiriman.zip: produk 2: price: harga harus" in run.stderr
    assert "tidak ada yang diimpor" in run.stderr
    assert tree_hash(content) == before
