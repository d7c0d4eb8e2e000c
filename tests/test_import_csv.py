"""`make import` on a spreadsheet export: one row per product, reported by row and column."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build_site, check_tree

from scripts.import_entries import COLUMNS, ImportError_
from scripts.import_entries import import_entries as run_import
from scripts.photos import make_phone_photo

TEMPLATE = ROOT / "docs" / "import-template.csv"


def _sheet(tmp: Path, rows: list[dict[str, str]] | None = None) -> Path:
    folder = tmp / "sheet"
    folder.mkdir(exist_ok=True)
    if rows is None:
        shutil.copy(TEMPLATE, folder / "entries.csv")
    else:
        with (folder / "entries.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    with TEMPLATE.open(encoding="utf-8") as fh:
        template_rows = list(csv.DictReader(fh))
    for row in template_rows:
        for name in [*row["photos"].split(";"), row["artisan_photo"]]:
            if name:
                make_phone_photo(folder / name, seed=name, size=(900, 700))
    return folder / "entries.csv"


def _refused(tmp: Path, rows: list[dict[str, str]], content: Path) -> str:
    """The problems of a sheet that the import refuses, one a line."""
    with pytest.raises(ImportError_) as err:
        run_import(_sheet(tmp, rows), content)
    return "\n".join(err.value.problems)


def _rows() -> list[dict[str, str]]:
    with TEMPLATE.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_the_template_documents_every_column():
    header = TEMPLATE.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert set(header) == set(COLUMNS)
    doc = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")
    assert all(f"`{column}`" in doc for column in COLUMNS)


def test_the_template_imports_builds_and_shows_in_both_languages(scenario, tmp_path):
    content = scenario("base")
    created = run_import(_sheet(tmp_path), content)
    assert len(created) == 3  # two products and their artisan
    result = check_tree(content)
    assert not result.errors, [p.line() for p in result.errors]
    output = build_site(content, tmp_path / "output")
    for slug in ("batik-tulis-contoh-sekar", "selendang-contoh-gentongan"):
        assert (output / "produk" / slug / "index.html").is_file()
        assert (output / "en" / "products" / slug / "index.html").is_file()
    english = (output / "en/products/batik-tulis-contoh-sekar/index.html").read_text(encoding="utf-8")
    assert "Sekar Hand-drawn Batik" in english


def test_a_bad_row_is_reported_by_row_and_field_and_nothing_is_written(scenario, tmp_path):
    content = scenario("base")
    rows = _rows()
    rows[1]["price_min"] = "900000"  # now higher than price_max on row 3
    rows[1]["price_max"] = "600000"
    rows[0]["whatsapp"] = "12345"
    before = sorted(p.name for p in (content / "products").iterdir())
    text = _refused(tmp_path, rows, content)
    assert "row 3: products/selendang-contoh-gentongan/index.id.md: price_min:" in text
    assert "row 2: artisans/batik-contoh-lestari/index.id.md: whatsapp:" in text
    assert sorted(p.name for p in (content / "products").iterdir()) == before
    assert not (content / "artisans/batik-contoh-lestari").exists()


def test_a_row_may_use_an_artisan_already_in_the_catalogue(scenario, tmp_path):
    content = scenario("base")
    row = {k: "" for k in COLUMNS}
    row.update(product_slug="kain-baru", artisan_slug="perajin-contoh", product_title="Kain Baru",
               product_summary="Kain tenun baru.", category="tenun", technique="tenun-ikat", availability="ready",
               photos="sekar-1.jpg", added="2026-01-15")
    created = run_import(_sheet(tmp_path, [row]), content)
    assert len(created) == 1
    assert not check_tree(content).errors


def test_unknown_columns_and_bad_slugs_are_reported(scenario, tmp_path):
    content = scenario("base")
    rows = _rows()
    for row in rows:
        row["harga"] = "1"
    rows[0]["product_slug"] = "Batik Baru!"
    text = _refused(tmp_path, rows, content)
    assert "unknown column(s) harga" in text
    assert "row 2: product_slug:" in text


def test_a_products_own_shipping_columns_override_its_artisans(scenario, tmp_path):
    content = scenario("base")
    rows = _rows()
    rows[1]["product_ships_abroad"] = "tanya"  # the artisan's row says it does not ship abroad
    rows[1]["product_ships_indonesia"] = "tidak"
    rows[1]["product_dispatch_days"] = "21"
    run_import(_sheet(tmp_path, rows), content)
    result = check_tree(content)
    assert not result.errors, [p.line() for p in result.errors]
    products = {p.slug: p for p in result.catalogue.products}
    first, second = products["batik-tulis-contoh-sekar"].shipping, products["selendang-contoh-gentongan"].shipping
    # Row 2 gives a dispatch time and a note of its own and keeps the artisan's answers about where it ships.
    assert (first.indonesia, first.abroad, first.dispatch_days) == (True, "no", 10)
    assert first.note == {"id": rows[0]["product_shipping_note"], "en": rows[0]["product_shipping_note_en"]}
    assert (second.indonesia, second.abroad, second.dispatch_days) == (False, "ask", 21)
    assert second.note == {"id": rows[0]["shipping_note"], "en": rows[0]["shipping_note_en"]}


def test_a_bad_product_shipping_cell_is_reported_by_row_and_field(scenario, tmp_path):
    content = scenario("base")
    rows = _rows()
    rows[1]["product_dispatch_days"] = "0"
    rows[1]["product_ships_abroad"] = "kadang"
    text = _refused(tmp_path, rows, content)
    assert "row 3: products/selendang-contoh-gentongan/index.id.md: dispatch_days:" in text
    assert "row 3: products/selendang-contoh-gentongan/index.id.md: ships_abroad:" in text
    assert not (content / "products/selendang-contoh-gentongan").exists()
