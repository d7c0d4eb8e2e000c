"""Exchange rates for the approximate foreign prices on booth labels, read from content/data/rates.yml.

Read defensively: without the file, or with a rate that makes no sense, labels show rupiah only.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rates:
    """Units of each foreign currency for one rupiah, as of ``date``."""

    date: dt.date | None
    per_idr: dict[str, float] = field(default_factory=dict)
    default: str | None = None  # the file's own choice of currency for buyers

    def convert(self, rupiah: int, currency: str) -> float | None:
        rate = self.per_idr.get(currency)
        return rupiah * rate if rate is not None else None


NO_RATES = Rates(None, {})


def _per_idr(value: Any) -> float | None:
    """How much of a currency one rupiah buys: a positive, finite number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        return None
    return float(value)


def load_rates(path: Path) -> Rates:
    """``date: 2026-11-20`` and ``per_idr: {USD: 0.0000630, EUR: 0.0000580}``, or NO_RATES when unusable."""
    if not path.is_file():
        logger.warning("%s: no exchange rates; booth labels show prices in rupiah only", path)
        return NO_RATES
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        logger.warning("%s: unreadable (%s); booth labels show prices in rupiah only", path, exc)
        return NO_RATES
    if not isinstance(data, dict):
        logger.warning("%s: expected 'date:' and 'rates:', got %r; labels show rupiah only", path, type(data).__name__)
        return NO_RATES
    table = data.get("per_idr")
    if not isinstance(table, dict):
        logger.warning("%s: per_idr: expected a mapping such as {USD: 0.0000630}, got %r; labels show rupiah only",
                       path, table)
        return NO_RATES
    rates: dict[str, float] = {}
    for code, value in table.items():
        rate = _per_idr(value)
        if rate is None:
            logger.warning("%s: rates: %s: expected a positive number per rupiah such as 0.0000615, got %r",
                           path, code, value)
        else:
            rates[str(code).upper()] = rate
    date = data.get("date")
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            date = None
    if isinstance(date, dt.datetime):
        date = date.date()
    default = data.get("default")
    return Rates(date if isinstance(date, dt.date) else None, rates, default if default in rates else None)
