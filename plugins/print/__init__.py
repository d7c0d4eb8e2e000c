"""Print: the catalogue as A4 PDFs for exhibitions, a booklet per language and sheets of booth labels."""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path
from typing import Any

from catalogue.events import catalogue_loaded, catalogue_written
from catalogue.formatting import Formatter
from catalogue.model import LANGS
from catalogue.translations import load_translations

from .documents import Planner, PrintError
from .rates import load_rates
from .render import LABELS_PER_SHEET, Renderer
from .selection import Selection, SelectionError
from .settings import PrintSettings, PrintSettingsError, read_settings

__all__ = ["PrintError", "PrintSettings", "PrintSettingsError", "SelectionError", "announce", "print_catalogue",
           "register"]

logger = logging.getLogger(__name__)

def announce(generator: Any) -> None:
    """Check the settings and selections, and tell the templates where the PDFs will be (the footer links them)."""
    settings = read_settings(generator.settings, LANGS)
    generator.context["print_files"] = {}
    if not settings.enabled:
        return
    for selection in settings.selections:
        selection.check(generator.catalogue)
    generator.context["print_files"] = {lang: settings.file(lang, "catalogue") for lang in LANGS}

def print_catalogue(generator: Any, written: list[tuple[str, Any, str]]) -> None:
    """Write every PDF into the output folder, after the pages its QR codes point to are written."""
    settings = read_settings(generator.settings, LANGS)
    if not settings.enabled:
        return
    started = time.perf_counter()
    output = Path(generator.output_path)
    renderer = Renderer(Path(generator.theme) / "templates", output)
    rates = load_rates(Path(generator.path) / settings.rates)
    catalogue = generator.catalogue
    translations_dir = generator.translations_dir
    selections: list[Selection | None] = [None, *settings.selections]
    currencies = settings.currencies if settings.currencies is not None else \
        ((rates.default,) if rates.default else ())
    for lang in LANGS:
        translations = load_translations(translations_dir, lang)
        planner = Planner(catalogue, generator.context.get("images", {}), generator.urls(lang), settings.siteurl,
                          settings.event, {save_as for code, _, save_as in written if code == lang}, translations,
                          rates, currencies)
        fmt = Formatter(lang)
        for selection in selections:
            products = selection.products(catalogue) if selection else catalogue.products
            sections = planner.sections(products)
            common = {
                "lang": lang, "fmt": fmt, "sitename": generator.settings.get("SITENAME", "Kriya Jatim"),
                "selection_title": planner.title(selection), "count": len(products),
                "today": fmt.date(dt.date.today()), "event": settings.event,
            }
            _write(renderer, output, settings.file(lang, "catalogue", selection), "catalogue.html", "catalogue.css",
                   translations, sections=sections, cover=planner.cover(selection, products), **common)
            items = [item for section in sections for item in section.items]
            _write(renderer, output, settings.file(lang, "labels", selection), "labels.html", "labels.css",
                   translations, sheets=[items[i:i + LABELS_PER_SHEET] for i in range(0, len(items),
                                                                                      LABELS_PER_SHEET)],
                   rates_date=fmt.date(rates.date) if rates.date and any(i.foreign_prices for i in items) else None,
                   **common)
    logger.info("print: PDFs written in %.1f s", time.perf_counter() - started)

def _write(renderer: Renderer, output: Path, name: str, template: str, stylesheet: str, translations: Any,
           **context: Any) -> None:
    started = time.perf_counter()
    target = output / name
    pages = renderer.render(template, stylesheet, target, translations, **context)
    logger.info("print: %s, %d page(s), %d kB in %.1f s", name, pages, target.stat().st_size // 1024,
                time.perf_counter() - started)

def register() -> None:
    # catalogue_loaded: before any page is rendered, so the footer can link the PDFs and a bad selection stops
    # the build early; catalogue_written: the QR codes may only point to pages that were written, photos exist.
    catalogue_loaded.connect(announce)
    catalogue_written.connect(print_catalogue)
