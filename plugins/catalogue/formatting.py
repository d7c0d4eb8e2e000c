"""Money and dates in each language through Babel, never the system locale."""

from __future__ import annotations

import datetime as dt
import functools

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, get_group_symbol, get_minus_sign_symbol

# Babel locale per catalogue language; rupiah has no minor unit in everyday use.
LOCALES = {"id": "id_ID", "en": "en_GB"}
CURRENCY_FORMATS = {"id": "¤#,##0", "en": "¤ #,##0"}


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

    def price(self, product: object, on_request: str) -> str:
        """A product's price, price range or ``on_request`` text."""
        price = getattr(product, "price", None)
        low, high = getattr(product, "price_min", None), getattr(product, "price_max", None)
        if price is not None:
            return self.rupiah(price)
        if low is not None and high is not None:
            return f"{self.rupiah(low)} – {self.rupiah(high)}"
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
