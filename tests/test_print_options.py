"""Print builds of small scenarios: off by default, the options of `make print`, the errors it stops with, and the
approximate foreign prices on booth labels."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date
from babel.numbers import format_currency
from conftest import ROOT, build_site, make_scenario
from print import PrintSettingsError, SelectionError
from test_print_catalogue import SITEURL, front, pdf_text, qr_codes

from scripts import make_demo_photos

PUBLISH = ROOT / "publishconf.py"


def test_a_plain_build_prints_nothing_and_links_nothing(scenario, tmp_path: Path):
    out = build_site(scenario("base"), tmp_path / "output")
    assert not list(out.rglob("*.pdf"))
    assert ".pdf" not in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("selection", "message"), [
    ({"category": "tenunan"}, "no category 'tenunan' in the catalogue; known: anyaman, batik"),
    ({"artisan": "perajin-lain"}, "known: perajin-contoh"),
    ({"category": "tenun"}, "CATEGORY=tenun: no product matches"),
])
def test_a_selection_that_prints_nothing_stops_the_build(scenario, tmp_path: Path, selection: dict, message: str):
    with pytest.raises(SelectionError, match=message):
        build_site(scenario("base"), tmp_path / "output", PUBLISH, PRINT_ENABLED=True, PRINT_SELECTIONS=[selection])
    assert not (tmp_path / "output").exists()  # nothing half-built is left in place


def test_qr_codes_need_the_public_address(scenario, tmp_path: Path):
    with pytest.raises(PrintSettingsError, match="PRINT_SITEURL"):
        build_site(scenario("base"), tmp_path / "output", PRINT_ENABLED=True)


def _print(*args: str) -> subprocess.CompletedProcess[str]:
    """`make print` without make: the command the print task runs."""
    return subprocess.run([sys.executable, "-m", "scripts.print_catalogue", "--settings", str(PUBLISH), *args],
                          cwd=ROOT, capture_output=True, text=True)


def test_the_print_command_writes_a_selection_with_its_event(scenario, tmp_path: Path):
    content = scenario("base")
    make_demo_photos.main(["--content", str(content)])
    out = tmp_path / "output"
    done = _print("--input", str(content), "--output", str(out), "--category", "batik", "--event", "pameran-surabaya")
    assert done.returncode == 0, done.stderr
    codes = qr_codes(out / "en" / "catalogue-batik.pdf", tmp_path)
    assert codes and all(c.startswith(SITEURL + "/") and c.endswith("utm_campaign=pameran-surabaya") for c in codes)
    for name in ("katalog.pdf", "en/catalogue.pdf", "katalog-batik.pdf", "label-batik.pdf", "en/labels-batik.pdf"):
        assert (out / name).is_file(), name

    done = _print("--input", str(content), "--output", str(out), "--region", "kab-tuban")
    assert done.returncode == 1
    assert "REGION=kab-tuban: no product matches" in done.stderr
    assert (out / "katalog-batik.pdf").is_file()  # the last good build stays


def _rates(content: Path, text: str) -> dict:
    (content / "data" / "rates.yml").write_text(text, encoding="utf-8")
    return yaml.safe_load(text)


@pytest.mark.parametrize("currencies", [None, ["JPY", "USD"]])
def test_labels_show_approximate_prices_at_the_dated_rates(tmp_path: Path, currencies: list[str] | None):
    content = make_scenario("base", tmp_path)
    rates = _rates(content, "date: 2026-11-20\ndefault: EUR\nper_idr:\n  USD: 0.0000630\n  EUR: 0.0000580\n"
                            "  JPY: 0.00945\n")
    price = front(content / "products" / "kain-contoh" / "index.id.md")["price"]
    out = build_site(content, tmp_path / "output", PUBLISH, PRINT_ENABLED=True,
                     **({"PRINT_CURRENCIES": currencies} if currencies else {}))
    shown = currencies or [rates["default"]]
    for lang, name, locale in (("id", "label.pdf", "id_ID"), ("en", "en/labels.pdf", "en_GB")):
        text = pdf_text(out / name)
        for currency in shown:
            amount = format_currency(round(price * rates["per_idr"][currency]), currency, format="¤#,##0",
                                     locale=locale, currency_digits=False)
            assert f"≈ {amount}" in text, (lang, amount, text)
        assert format_date(rates["date"], "d MMMM y", locale=locale) in text
        for currency in {"USD", "EUR", "JPY"} - set(shown):
            assert format_currency(1, currency, locale=locale).rstrip("0123456789.,\xa0 ") not in text


def test_without_rates_labels_show_rupiah_only(tmp_path: Path):
    content = make_scenario("base", tmp_path)
    (content / "data" / "rates.yml").unlink(missing_ok=True)
    # One process: the path a single-core machine takes.
    out = build_site(content, tmp_path / "output", PUBLISH, PRINT_ENABLED=True, PRINT_PROCESSES=1)
    text = pdf_text(out / "en" / "labels.pdf")
    assert "≈" not in text and "IDR" in text
