"""A spreadsheet export whose shape is wrong is refused with `file: row N: column: message`, and `content/` is left
as it was; a well-formed one keeps every cell as written, quotes included."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import ROOT, check_tree

from scripts import import_entries
from scripts.import_entries import ImportError_
from scripts.import_entries import import_entries as run_import
from scripts.photos import make_phone_photo

TEMPLATE = ROOT / "docs" / "import-template.csv"


def _template() -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(TEMPLATE.read_text(encoding="utf-8"))))
    return rows[0], rows[1:]


def _sheet(tmp: Path, text: str) -> Path:
    folder = tmp / "sheet"
    folder.mkdir(exist_ok=True)
    header, rows = _template()
    for row in rows:
        record = dict(zip(header, row, strict=True))
        for name in [*record["photos"].split(";"), record["artisan_photo"]]:
            if name:
                make_phone_photo(folder / name, seed=name, size=(900, 700))
    path = folder / "entries.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _csv(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _snapshot(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


def _refused(content: Path, sheet: Path) -> list[str]:
    before = _snapshot(content)
    with pytest.raises(ImportError_) as err:
        run_import(sheet, content)
    assert _snapshot(content) == before  # nothing written
    return err.value.problems


def test_a_column_named_twice_is_refused(scenario, tmp_path) -> None:
    content = scenario("base")
    header, rows = _template()
    col = header.index("price")
    sheet = _sheet(tmp_path, _csv([*header, "price"], [[*row, "1"] for row in rows]))
    problems = _refused(content, sheet)
    assert problems == [f"entries.csv: row 1: price: the column is named twice (columns {col + 1} and "
                        f"{len(header) + 1}); keep one"]


def test_extra_cells_beyond_the_header_are_refused(scenario, tmp_path) -> None:
    content = scenario("base")
    header, rows = _template()
    rows[1] = [*rows[1], "kelebihan"]
    problems = _refused(content, _sheet(tmp_path, _csv(header, rows)))
    assert problems == [f"entries.csv: row 3: {len(header) + 1} cells for {len(header)} columns; the extra ones "
                        "('kelebihan') have no column"]


def test_a_one_column_sheet_is_read_not_a_traceback(scenario, tmp_path) -> None:
    content = scenario("base")
    problems = _refused(content, _sheet(tmp_path, "product_slug\nkain-satu\n"))
    assert any(p.startswith("entries.csv: row 2: ") for p in problems), problems


def test_quotes_that_never_close_name_the_row(scenario, tmp_path) -> None:
    content = scenario("base")
    header, rows = _template()
    text = _csv(header, rows) + '"kain-rusak,perajin\n'
    problems = _refused(content, _sheet(tmp_path, text))
    assert len(problems) == 1 and problems[0].startswith("entries.csv: row ")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_doubled_quotes_inside_a_quoted_cell_come_out_as_written(scenario, tmp_path, delimiter) -> None:
    content = scenario("base")
    header, rows = _template()
    story = 'Motif "Sekar Jagad", kata ibu: "bunga, sedunia"; dibuat tiga bulan.'
    title = 'Batik "Sekar" Tulis'
    rows[0][header.index("product_story")] = story
    rows[0][header.index("product_title")] = title
    run_import(_sheet(tmp_path, _csv(header, rows, delimiter)), content)
    slug = rows[0][header.index("product_slug")]
    text = (content / "products" / slug / "index.id.md").read_text(encoding="utf-8")
    assert text.rstrip().endswith(story)
    result = check_tree(content)
    assert not result.errors, [p.line() for p in result.errors]
    product = next(p for p in result.catalogue.products if p.slug == slug)
    assert product.texts["id"].title == title


def test_the_shape_check_reports_every_problem_at_once() -> None:
    text = "product_slug,price,price\nkain-a,1,2,3\nkain-b,1,2\n"
    with pytest.raises(ImportError_) as err:
        import_entries._csv_rows("x.csv", text)
    assert len(err.value.problems) == 2
