"""Numbers, prices and dates as each language writes them (catalogue/formatting.py)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from catalogue.formatting import CURRENCY_FORMATS, LOCALES, Formatter


@pytest.mark.parametrize("lang", ["id", "en"])
def test_whole_numbers_are_grouped_as_babel_groups_them(lang: str) -> None:
    rng = random.Random(7)
    values = [0, 7, -7, 999, 1000, -1000, 12_345, 250_000, 1_234_567, 10**12,
              *(rng.randint(-10**9, 10**9) for _ in range(2000))]
    fmt = Formatter(lang)
    assert [fmt.number(v) for v in values] == [format_decimal(v, locale=LOCALES[lang]) for v in values]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_prices_are_written_as_babel_writes_them(lang: str) -> None:
    rng = random.Random(11)
    values = [0, 5, 999, 1000, 35_000, 350_000, 1_250_000, 10**10, *(rng.randint(0, 10**9) for _ in range(2000))]
    fmt = Formatter(lang)
    assert [fmt.rupiah(v) for v in values] == [
        format_currency(v, "IDR", format=CURRENCY_FORMATS[lang], locale=LOCALES[lang], currency_digits=False)
        for v in values]
    assert fmt.rupiah(350_000) == {"id": "Rp350.000", "en": "IDR 350,000"}[lang]


def test_the_two_languages_group_differently() -> None:
    assert (Formatter("id").number(1_250), Formatter("en").number(1_250)) == ("1.250", "1,250")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_dates_are_written_as_babel_writes_them(lang: str) -> None:
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=n) for n in range(0, 3000, 7)]
    fmt = Formatter(lang)
    assert [fmt.date(d) for d in days] == [format_date(d, "d MMMM y", locale=LOCALES[lang]) for d in days]
    assert fmt.date(dt.date(2026, 8, 17)) == {"id": "17 Agustus 2026", "en": "17 August 2026"}[lang]
