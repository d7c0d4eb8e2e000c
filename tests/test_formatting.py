"""Numbers, prices and dates as each language writes them (catalogue/i18n/formatting.py)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from catalogue.i18n.formatting import CURRENCY_FORMATS, LOCALES, Formatter


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


@pytest.mark.parametrize(("lang", "text"), [("id", "Rp400.000\u00a0– Rp550.000"),
                                            ("en", "IDR\u00a0400,000\u00a0– IDR\u00a0550,000")])
def test_a_price_range_breaks_only_between_its_prices(lang: str, text: str) -> None:
    product = type("Product", (), {"price": None, "price_min": 400_000, "price_max": 550_000})()
    assert Formatter(lang).price(product, "-") == text
    assert Formatter(lang).price(type("Product", (), {"price": 350_000})(), "-") == Formatter(lang).rupiah(350_000)


def test_the_two_languages_group_differently() -> None:
    assert (Formatter("id").number(1_250), Formatter("en").number(1_250)) == ("1.250", "1,250")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_dates_are_written_as_babel_writes_them(lang: str) -> None:
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=n) for n in range(0, 3000, 7)]
    fmt = Formatter(lang)
    assert [fmt.date(d) for d in days] == [format_date(d, "d MMMM y", locale=LOCALES[lang]) for d in days]
    assert fmt.date(dt.date(2026, 8, 17)) == {"id": "17 Agustus 2026", "en": "17 August 2026"}[lang]


def _dimensions(**given: object):
    from catalogue.model.schema import Dimensions

    return Dimensions.model_validate(given)


@pytest.mark.parametrize(("given", "lang", "box"), [
    ({"length_cm": 250, "width_cm": 110}, "id", "250 × 110 cm"),
    ({"length_cm": 32, "width_cm": 24, "height_cm": 11}, "en", "32 × 24 × 11 cm"),
    ({"length_cm": 11, "width_cm": 9.5}, "id", "11 × 9,5 cm"),
    ({"length_cm": 11, "width_cm": "9,5"}, "en", "11 × 9.5 cm"),
    ({"length_cm": 30}, "en", ""),  # one side: named, not a box
    ({"height_cm": 70, "diameter_cm": 55}, "en", ""),
    ({"length_cm": "105-125", "width_cm": 3.8}, "en", ""),  # a range is named
])
def test_length_and_width_alone_make_a_box(given: dict, lang: str, box: str) -> None:
    assert Formatter(lang).box(_dimensions(**given)) == box


@pytest.mark.parametrize(("value", "lang", "shown"), [
    (3.8, "id", "3,8 cm"), (3.8, "en", "3.8 cm"), (250, "en", "250 cm"), (1250, "en", "1,250 cm"),
    ("105-125", "id", "105–125 cm"), ("105 – 125", "en", "105–125 cm"),
    ([25, 30, 35], "id", "25, 30 atau 35 cm"), ("25, 30, 35", "en", "25, 30 or 35 cm"),
])
def test_a_measure_in_each_language(value: object, lang: str, shown: str) -> None:
    measure = _dimensions(length_cm=value).length_cm
    assert Formatter(lang).measure(measure, "cm", {"id": "atau", "en": "or"}[lang]) == shown


@pytest.mark.parametrize("value", ["dua", "125-105", [25], [25, "x"], 0, -3, True, "3.8 cm", {"a": 1}])
def test_a_measure_that_is_not_numbers_is_refused(value: object) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        _dimensions(length_cm=value)
    assert caught.value.errors()[0]["type"] == "measure"


@pytest.mark.parametrize(("labels", "shown"), [
    (("S", "M", "L", "XL", "XXL"), "S–XXL"),
    (("M", "L"), "M, L"),  # two sizes: both written
    (("S", "L", "XL"), "S, L, XL"),  # a gap: each written
    (tuple(str(n) for n in range(38, 46)), "38–45"),
    (("all-size",), "One size"),
])
def test_clothing_and_shoe_sizes(labels: tuple[str, ...], shown: str) -> None:
    assert Formatter("en").sizes(labels, "One size") == shown
