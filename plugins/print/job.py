"""One print run: every document of every language and selection, one process per language where there are cores."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from buildkit.forked import in_forks
from catalogue.i18n.formatting import Formatter
from catalogue.i18n.translations import load_translations
from catalogue.model.model import Catalogue
from catalogue.model.urls import Urls

from .documents import Planner
from .rates import Rates
from .selection import Selection
from .settings import PrintSettings

if TYPE_CHECKING:
    from .render import Renderer

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Written:
    name: str
    pages: int
    kilobytes: int
    seconds: float


@dataclass(frozen=True)
class PrintJob:
    settings: PrintSettings
    catalogue: Catalogue
    images: dict[str, Any]
    urls: dict[str, Urls]
    written: dict[str, set[str]]  # save_as of every page this build wrote, per language
    templates: Path
    translations: Path
    output: Path
    rates: Rates
    currencies: tuple[str, ...]
    sitename: str
    media_file: Callable[[str], Path | None] | None = None  # a photo on the media bucket: its cache file

    def run_language(self, lang: str) -> list[Written]:
        """The whole catalogue and each selection in ``lang``: a booklet and a sheet of labels each."""
        # WeasyPrint is imported here, when PDFs are made, not by every build that loads the plugin: it is slow
        # to import.
        from .render import LABELS_PER_SHEET, Renderer

        translations = load_translations(self.translations, lang)
        planner = Planner(self.catalogue, self.images, self.urls[lang], self.settings.siteurl, self.settings.event,
                          self.written[lang], translations, self.rates, self.currencies)
        renderer = Renderer(self.templates, self.output, self.media_file)
        fmt = Formatter(lang)
        out = []
        for selection in (None, *self.settings.selections):
            products = selection.products(self.catalogue) if selection else self.catalogue.products
            sections = planner.sections(products)
            items = [item for section in sections for item in section.items]
            common = {
                "lang": lang, "fmt": fmt, "sitename": self.sitename, "selection_title": planner.title(selection),
                "count": len(products), "today": fmt.date(dt.date.today()), "event": self.settings.event,
            }
            out.append(self._write(renderer, self._name(lang, "catalogue", selection), "catalogue", translations,
                                   sections=sections, cover=planner.cover(selection, products), **common))
            sheets = [items[i:i + LABELS_PER_SHEET] for i in range(0, len(items), LABELS_PER_SHEET)]
            dated = self.rates.date is not None and any(item.foreign_prices for item in items)
            out.append(self._write(renderer, self._name(lang, "labels", selection), "labels", translations,
                                   sheets=sheets, rates_date=fmt.date(self.rates.date) if dated else None, **common))
        return out

    def _name(self, lang: str, document: str, selection: Selection | None) -> str:
        return self.settings.file(lang, document, selection)

    def _write(self, renderer: Renderer, name: str, document: str, translations: Any, **context: Any) -> Written:
        started = time.perf_counter()
        target = self.output / name
        pages = renderer.render(f"{document}.html", f"{document}.css", target, translations, **context)
        return Written(name, pages, target.stat().st_size // 1024, time.perf_counter() - started)


def run(job: PrintJob, langs: tuple[str, ...], processes: int | None = None) -> list[Written]:
    """Every document; with more than one core, each language in its own forked process (layout is CPU-bound)."""
    return in_forks(job.run_language, langs, processes, "printing the catalogue")
