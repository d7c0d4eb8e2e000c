"""Money and dates in each language through Babel, never the system locale."""

from __future__ import annotations

import datetime as dt
import functools

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, get_group_symbol, get_minus_sign_symbol

from ..model.schema import ONE_SIZE, SIZE_LETTERS, Dimensions, Measure

# Babel locale per catalogue language; rupiah has no minor unit in everyday use.
LOCALES = {"id": "id_ID", "en": "en_GB"}
CURRENCY_FORMATS = {"id": "¤#,##0", "en": "¤ #,##0"}
NBSP = "\u00a0"  # a space no line breaks at


class Formatter:
    """Formats numbers for one language.

    >>> Formatter("id").rupiah(350000), Formatter("en").rupiah(350000)
    ('Rp350.000', 'IDR 350,000')
    """

    def __init__(self, lang: str):
        self.lang = lang
        self.locale = LOCALES[lang]

    def rupiah(self, amount: int) -> str:
        return _rupiah(amount, self.lang)

    def number(self, value: int) -> str:
        return _number(value, self.lang)

    def date(self, value: dt.date) -> str:
        return _date(value, self.lang)

    def decimal(self, value: float) -> str:
        """A measurement: whole numbers without decimals, others with the language's decimal sign (3,8 / 3.8)."""
        return _number(int(value), self.lang) if value == int(value) else format_decimal(value, locale=self.locale)

    def measure(self, value: Measure, unit: str, or_: str) -> str:
        """``250 cm``, a range ``105–125 cm``, or a choice ``25, 30 or 35 cm`` (``or_`` is the language's "or")."""
        numbers = [self.decimal(v) for v in value.values]
        if value.kind == "range":
            return f"{numbers[0]}–{numbers[1]} {unit}"
        if value.kind == "choices":
            return f"{', '.join(numbers[:-1])} {or_} {numbers[-1]} {unit}"
        return f"{numbers[0]} {unit}"

    def box(self, dimensions: Dimensions | None) -> str:
        """``250 × 110 cm`` (or ``32 × 24 × 11 cm``) when the size is just length, width and perhaps height, each one
        number; "" otherwise (the template then names each measurement)."""
        if dimensions is None:
            return ""
        given = {k for k, v in dimensions if v is not None}
        sides = [getattr(dimensions, k) for k in ("length_cm", "width_cm", "height_cm") if k in given]
        if len(sides) < 2 or given - {"length_cm", "width_cm", "height_cm"} or any(m.kind != "one" for m in sides):
            return ""
        return " × ".join(self.decimal(m.values[0]) for m in sides) + " cm"

    def sizes(self, labels: tuple[str, ...], one_size: str) -> str:
        """Clothing or shoe sizes, a run of three or more shown as its ends: S, M, L, XL, XXL → ``S–XXL``;
        38 … 45 → ``38–45``; ``all-size`` → ``one_size``."""
        if not labels:
            return ""
        if all(label.isdigit() for label in labels):
            steps = [int(label) for label in labels]
        elif all(label in SIZE_LETTERS for label in labels):
            steps = [SIZE_LETTERS.index(label) for label in labels]
        else:
            return ", ".join(one_size if label == ONE_SIZE else label for label in labels)
        if len(steps) >= 3 and steps == list(range(steps[0], steps[0] + len(steps))):
            return f"{labels[0]}–{labels[-1]}"
        return ", ".join(labels)

    def price(self, product: object, on_request: str) -> str:
        """A product's price, price range or ``on_request`` text."""
        price = getattr(product, "price", None)
        low, high = getattr(product, "price_min", None), getattr(product, "price_max", None)
        if price is not None:
            return self.rupiah(price)
        if low is not None and high is not None:
            # Each amount kept whole and the dash with the first: a narrow card breaks the range between its prices.
            whole = [self.rupiah(v).replace(" ", NBSP) for v in (low, high)]
            return f"{whole[0]}{NBSP}– {whole[1]}"
        return on_request


# Babel takes some 70 µs a number; a catalogue prints the same prices, counts and dates on page after page.
@functools.lru_cache(maxsize=8192)
def _rupiah(amount: int, lang: str) -> str:
    if type(amount) is int and amount >= 0:  # every product its own price: the currency's sign, then the number
        return _currency_sign(lang) + _number(amount, lang)
    return format_currency(amount, "IDR", format=CURRENCY_FORMATS[lang], locale=LOCALES[lang], currency_digits=False)


@functools.cache
def _currency_sign(lang: str) -> str:
    """What ``lang``'s currency format writes before the number: "Rp", "IDR " (test_formatting.py checks prices
    against Babel)."""
    zero = format_currency(0, "IDR", format=CURRENCY_FORMATS[lang], locale=LOCALES[lang], currency_digits=False)
    assert zero.endswith("0"), zero
    return zero[:-1]


@functools.lru_cache(maxsize=8192)
def _number(value: int, lang: str) -> str:
    if type(value) is int:  # weights differ from product to product: grouped here with the locale's symbols
        group, minus = _symbols(lang)
        return f"{value:,}".replace(",", group).replace("-", minus)
    return format_decimal(value, locale=LOCALES[lang])


@functools.cache
def _symbols(lang: str) -> tuple[str, str]:
    """The group separator and minus sign of ``lang``'s locale (both locales group whole numbers by threes, as
    their decimal pattern #,##0.### says: test_formatting.py checks against Babel)."""
    return get_group_symbol(LOCALES[lang]), get_minus_sign_symbol(LOCALES[lang])


@functools.lru_cache(maxsize=4096)
def _date(value: dt.date, lang: str) -> str:
    if type(value) is dt.date:  # every product has its own date: "d MMMM y" put together from the locale's names
        return f"{value.day} {_months(lang)[value.month]} {value.year}"
    return format_date(value, "d MMMM y", locale=LOCALES[lang])


@functools.cache
def _months(lang: str) -> dict[int, str]:
    """The locale's month names as a date is written with its day ("17 Agustus 2026"; test_formatting.py)."""
    return dict(Locale.parse(LOCALES[lang]).months["format"]["wide"])
