"""Approximate prices in a buyer's currency, from the dated rates in content/data/rates.yml (never fetched)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from catalogue.events import catalogue_loaded

from .rates import RATES_FILE, load_rates

logger = logging.getLogger(__name__)


def add_rates(generator: Any) -> None:
    path = Path(generator.path) / RATES_FILE
    if not path.exists():
        logger.warning("%s is missing: English product pages show rupiah prices only", path)
        generator.context["rates"] = None
        return
    generator.context["rates"] = load_rates(path)


def register() -> None:
    # catalogue_loaded: the rates are read once per build, before any product page is rendered.
    catalogue_loaded.connect(add_rates)
