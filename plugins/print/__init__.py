"""Print: the catalogue as A4 PDFs for exhibitions, a booklet per language and sheets of booth labels."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from catalogue.events import catalogue_loaded, catalogue_written
from catalogue.model.model import LANGS

from .documents import PrintError
from .job import PrintJob, run
from .rates import load_rates
from .selection import SelectionError
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
    rates = load_rates(Path(generator.path) / settings.rates)
    job = PrintJob(
        settings=settings, catalogue=generator.catalogue, images=generator.context.get("images", {}),
        urls={lang: generator.urls(lang) for lang in LANGS},
        written={lang: {save_as for code, _, save_as in written if code == lang} for lang in LANGS},
        templates=Path(generator.theme) / "templates", translations=generator.translations_dir,
        output=Path(generator.output_path), rates=rates,
        currencies=settings.currencies if settings.currencies is not None else
        ((rates.default,) if rates.default else ()),
        sitename=generator.settings.get("SITENAME", "Kriya Jatim"), media_file=generator.context.get("media_file"),
    )
    for done in run(job, LANGS, settings.processes):
        logger.info("print: %s, %d page(s), %d kB in %.1f s", done.name, done.pages, done.kilobytes, done.seconds)
    logger.info("print: PDFs written in %.1f s", time.perf_counter() - started)


def register() -> None:
    # catalogue_loaded: before any page is rendered, so the footer can link the PDFs and a bad selection stops
    # the build early; catalogue_written: the QR codes may only point to pages that were written, photos exist.
    catalogue_loaded.connect(announce)
    catalogue_written.connect(print_catalogue)
