"""The dated rates file: checked with messages an editor can act on, and approximate amounts in whole units."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date
from conftest import ROOT
from currency.rates import Rates, RatesError, load_rates, parse_rates
from expected import Tree
from htmlpage import parse

DEMO = Tree(ROOT / "content")
RATES = yaml.safe_load((ROOT / "content" / "data" / "rates.yml").read_text(encoding="utf-8"))


def test_the_shipped_rates_file_is_valid() -> None:
    rates = load_rates(ROOT / "content" / "data" / "rates.yml")
    assert rates.date == RATES["date"]
    assert rates.default in rates.per_idr
    assert {"USD", "EUR", "SGD", "MYR", "AUD", "JPY", "CNY"} <= set(rates.per_idr)


@pytest.mark.parametrize(("data", "message"), [
    ({"date": "soon", "per_idr": {"USD": 0.00006}}, "date: expected the day"),
    ({"date": dt.date.today() + dt.timedelta(days=3), "per_idr": {"USD": 0.00006}}, "is in the future"),
    ({"date": dt.date(2026, 1, 2), "per_idr": {"USX": 0.00006}}, "'USX' is not an ISO 4217 currency code"),
    ({"date": dt.date(2026, 1, 2), "per_idr": {"USD": -1}}, "USD: expected a positive number"),
    ({"date": dt.date(2026, 1, 2), "per_idr": {"USD": "lots"}}, "USD: expected a positive number"),
    ({"date": dt.date(2026, 1, 2), "per_idr": {}}, "per_idr: expected one line per currency"),
    ({"date": dt.date(2026, 1, 2), "default": "EUR", "per_idr": {"USD": 0.00006}}, "default: 'EUR' must be one of"),
    (["USD"], "expected the fields date, default and per_idr"),
])
def test_bad_rates_are_reported_with_the_field_and_the_expected_form(data: object, message: str) -> None:
    with pytest.raises(RatesError, match="rates.yml: .*" + message.replace("(", r"\(").replace(")", r"\)")):
        parse_rates(data, "content/data/rates.yml")


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(RatesError) as caught:
        parse_rates({"date": "x", "per_idr": {"USD": 0, "XXY": 1}}, "rates.yml")
    assert str(caught.value).count("rates.yml:") == 3


@pytest.mark.parametrize(("rupiah", "code", "rate", "expected"), [
    (350_000, "USD", "0.000063", "US$22"),
    (1_500_000, "EUR", "0.000058", "€87"),
    (350_000, "JPY", "0.00945", "JP¥3,308"),
    (2_000_000, "SGD", "0.000084", "SGD\u00a0168"),
    (100_000, "MYR", "0.000286", "MYR\u00a029"),
])
def test_approximate_amounts_are_whole_units_in_british_english(rupiah: int, code: str, rate: str,
                                                                 expected: str) -> None:
    rates = Rates(dt.date(2026, 11, 20), code, {code: Decimal(rate)})
    assert rates.approx(rupiah, code) == expected


def test_english_product_pages_show_the_default_amount_and_the_rate_date_without_javascript(demo_site: Path) -> None:
    rate = Decimal(str(RATES["per_idr"][RATES["default"]]))
    date = format_date(RATES["date"], "d MMMM y", locale="en_GB")
    seen = 0
    for slug in DEMO.products:
        facts = DEMO.product(slug, "en")
        doc = parse(demo_site / "en" / "products" / slug / "index.html")
        boxes = doc.find_all("div", class_="approx")
        if "price" not in facts and "price_min" not in facts:
            assert not boxes
            continue
        low = facts.get("price", facts.get("price_min"))
        amount = f"{(Decimal(low) * rate).quantize(Decimal(1)):,}"
        text = boxes[0].text
        assert amount in text and date in text and "approximate" in text
        picker = boxes[0].find("p", class_="approx__picker")
        assert "hidden" in picker.attrs  # shown by currency.js
        seen += 1
        # The Indonesian page shows rupiah only.
        assert not parse(demo_site / "produk" / slug / "index.html").find_all("div", class_="approx")
    assert seen
