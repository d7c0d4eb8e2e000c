"""The currency picker in a real browser: the buyer's choice changes the approximate amount and is remembered."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date
from conftest import ROOT
from expected import Tree
from playwright.sync_api import Page

DEMO = Tree(ROOT / "content")
RATES = yaml.safe_load((ROOT / "content" / "data" / "rates.yml").read_text(encoding="utf-8"))


def priced_product() -> tuple[str, int]:
    for slug in DEMO.products:
        facts = DEMO.product(slug, "en")
        if "price" in facts:
            return slug, int(facts["price"])
    raise AssertionError("the demo catalogue has no product with a single price")


def whole(rupiah: int, code: str) -> str:
    return f"{(Decimal(rupiah) * Decimal(str(RATES['per_idr'][code]))).quantize(Decimal(1)):,}"


@pytest.mark.browser
def test_picking_a_currency_changes_the_amount_and_is_remembered(page: Page, demo_site: Path) -> None:
    slug, price = priced_product()
    page.goto(f"/en/products/{slug}/")
    amount = page.locator("[data-approx-amount]")
    box = page.locator("[data-approx]")
    assert "US$" in amount.inner_text() and whole(price, "USD") in amount.inner_text()
    assert format_date(RATES["date"], "d MMMM y", locale="en_GB") in box.inner_text()
    picker = page.locator("[data-approx-currency]")
    assert picker.is_visible()

    picker.select_option("EUR")
    assert amount.inner_text() == f"≈ €{whole(price, 'EUR')}"
    page.reload()
    assert page.locator("[data-approx-currency]").input_value() == "EUR"
    assert page.locator("[data-approx-amount]").inner_text() == f"≈ €{whole(price, 'EUR')}"

    # Remembered across products too, and for a currency without a minor unit.
    page.locator("[data-approx-currency]").select_option("JPY")
    other = next(s for s in DEMO.products if s != slug and "price" in DEMO.product(s, "en"))
    page.goto(f"/en/products/{other}/")
    assert page.locator("[data-approx-amount]").inner_text() == \
        f"≈ JP¥{whole(int(DEMO.product(other, 'en')['price']), 'JPY')}"
