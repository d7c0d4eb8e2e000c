"""The dated exchange rates file and approximate conversions from rupiah, formatted with Babel."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from babel.numbers import format_currency, get_currency_name, get_currency_symbol, is_currency

RATES_FILE = "data/rates.yml"
# Babel locale of the site the approximate prices are shown on (the English one).
LOCALE = "en_GB"


class RatesError(ValueError):
    """content/data/rates.yml can't be used; the message names the field and what was expected."""


@dataclass(frozen=True)
class Rates:
    """Rates of one day: how much of each currency one rupiah buys.

    >>> rates = Rates(dt.date(2026, 11, 20), "USD", {"USD": Decimal("0.000063"), "JPY": Decimal("0.00945")})
    >>> rates.approx(350000, "USD"), rates.approx(350000, "JPY")
    ('US$22', 'JP¥3,308')
    """

    date: dt.date
    default: str
    per_idr: dict[str, Decimal]

    @property
    def currencies(self) -> list[str]:
        return list(self.per_idr)

    def name(self, code: str) -> str:
        return _name(code)

    def pattern(self, code: str) -> str:
        return _pattern(code)

    def convert(self, rupiah: int, code: str) -> Decimal:
        return (Decimal(rupiah) * self.per_idr[code]).quantize(Decimal(1))

    def approx(self, rupiah: int, code: str) -> str:
        """Whole units only: the amount is approximate, cents would claim a precision it does not have."""
        return _approx(self.convert(rupiah, code), code)

    def approx_price(self, product: Any, code: str | None = None) -> str | None:
        """The product's price or price range in ``code`` (the default currency), or None without a price."""
        code = code or self.default
        if product.price is not None:
            return self.approx(product.price, code)
        if product.price_min is not None and product.price_max is not None:
            return f"{self.approx(product.price_min, code)} – {self.approx(product.price_max, code)}"
        return None


def parse_rates(data: Any, where: str) -> Rates:
    """Check the file's content; every problem names the field and the expected form."""
    if not isinstance(data, dict):
        raise RatesError(f"{where}: expected the fields date, default and per_idr, got {type(data).__name__}")
    problems = []
    day = data.get("date")
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        problems.append(f"date: expected the day the rates were taken, such as 2026-11-20, got {day!r}")
    elif day > dt.date.today():
        problems.append(f"date: {day} is in the future")
    per_idr: dict[str, Decimal] = {}
    raw = data.get("per_idr")
    if not isinstance(raw, dict) or not raw:
        problems.append("per_idr: expected one line per currency such as 'USD: 0.0000630' (what one rupiah buys)")
    else:
        for code, value in raw.items():
            if not (isinstance(code, str) and is_currency(code)):
                problems.append(f"per_idr: {code!r} is not an ISO 4217 currency code such as USD or EUR")
                continue
            try:
                rate = Decimal(str(value))
            except InvalidOperation:
                rate = Decimal(0)
            if isinstance(value, bool) or not rate > 0:
                problems.append(f"per_idr: {code}: expected a positive number such as 0.0000630, got {value!r}")
                continue
            per_idr[code] = rate
    default = data.get("default", "USD")
    if not problems and default not in per_idr:
        problems.append(f"default: {default!r} must be one of the currencies in per_idr ({', '.join(per_idr)})")
    if problems:
        raise RatesError("; ".join(f"{where}: {p}" for p in problems))
    assert isinstance(day, dt.date)
    return Rates(day, str(default), per_idr)


def load_rates(path: Path) -> Rates:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RatesError(f"{path}: not valid YAML: {exc}") from exc
    return parse_rates(data, str(path))


# Babel looks each of these up anew (tens of µs); every product card and page asks for them again.
@functools.lru_cache(maxsize=64)
def _name(code: str) -> str:
    return str(get_currency_name(code, locale=LOCALE))


@functools.lru_cache(maxsize=64)
def _pattern(code: str) -> str:
    # A space after a symbol written in letters (SGD 22), none after a sign (US$22, €20), like CLDR's spacing.
    return "¤\u00a0#,##0" if get_currency_symbol(code, locale=LOCALE).isalpha() else "¤#,##0"


@functools.lru_cache(maxsize=8192)
def _approx(amount: Decimal, code: str) -> str:
    return format_currency(amount, code, format=_pattern(code), locale=LOCALE, currency_digits=False)
