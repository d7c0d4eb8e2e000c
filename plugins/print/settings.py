"""The print plugin's settings, with their defaults in one place, checked once per build."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from buildkit.settings import reader

from .selection import Selection

DEFAULTS: dict[str, Any] = {
    "PRINT_ENABLED": False,  # `make print` and `make publish` turn it on; `make html` stays fast
    "PRINT_SITEURL": None,  # the address QR codes point to; defaults to SITEURL, must be absolute
    "PRINT_EVENT": "kriyanusa-2026",  # utm_campaign of every QR code
    "PRINT_SELECTIONS": [],  # extra PDFs: [{"category": "batik"}, {"region": "kab-bangkalan"}, …]
    "PRINT_CURRENCIES": None,  # approximate prices on booth labels, e.g. ["USD", "JPY"]; None: rates.yml's default
    "PRINT_RATES": "data/rates.yml",  # under the content folder
    "PRINT_PROCESSES": None,  # None: one process per language, up to the cores there are; 1: no subprocess
    # Output files per language; {suffix} is "" for the whole catalogue, "-<key>" for a selection.
    "PRINT_FILES": {
        "id": {"catalogue": "katalog{suffix}.pdf", "labels": "label{suffix}.pdf"},
        "en": {"catalogue": "en/catalogue{suffix}.pdf", "labels": "en/labels{suffix}.pdf"},
    },
}

setting = reader(DEFAULTS)
EVENT = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
CURRENCY = re.compile(r"^[A-Z]{3}\Z")
DOCUMENTS = ("catalogue", "labels")


class PrintSettingsError(ValueError):
    """A PRINT_* setting has a value the plugin cannot use."""


@dataclass(frozen=True)
class PrintSettings:
    enabled: bool
    siteurl: str
    event: str
    selections: tuple[Selection, ...]
    currencies: tuple[str, ...] | None
    rates: str
    files: dict[str, dict[str, str]]
    processes: int | None = None

    def file(self, lang: str, document: str, selection: Selection | None = None) -> str:
        """``settings.file("id", "catalogue", Selection(category="batik"))`` → ``katalog-batik.pdf``."""
        return self.files[lang][document].format(suffix=selection.suffix if selection else "")


def read_settings(settings: dict[str, Any], langs: tuple[str, ...]) -> PrintSettings:
    """Check every PRINT_* setting; the error names the key, what it expects and what it got."""

    def get(name: str) -> Any:
        return setting(settings, name)

    siteurl = str(get("PRINT_SITEURL") or settings.get("SITEURL") or "").rstrip("/")
    if get("PRINT_ENABLED") and not re.match(r"^https?://[^/]+", siteurl):
        raise PrintSettingsError(
            f"PRINT_SITEURL: QR codes need the public address of the catalogue, such as "
            f"https://kriyajatim.github.io (or an absolute SITEURL), got {siteurl!r}")
    event = get("PRINT_EVENT")
    if not isinstance(event, str) or not EVENT.match(event):
        raise PrintSettingsError(
            f"PRINT_EVENT: expected lowercase words joined by hyphens, such as 'kriyanusa-2026', got {event!r}")
    raw = get("PRINT_SELECTIONS")
    if not isinstance(raw, (list, tuple)):
        raise PrintSettingsError(f"PRINT_SELECTIONS: expected a list such as [{{'category': 'batik'}}], got {raw!r}")
    selections = tuple(Selection.from_setting(item) for item in raw)
    currencies = get("PRINT_CURRENCIES")
    if currencies is not None and (not isinstance(currencies, (list, tuple))
                                   or not all(isinstance(c, str) and CURRENCY.match(c) for c in currencies)):
        raise PrintSettingsError(
            f"PRINT_CURRENCIES: expected ISO 4217 codes such as ['USD', 'EUR'] (or None), got {currencies!r}")
    processes = get("PRINT_PROCESSES")
    if processes is not None and (not isinstance(processes, int) or isinstance(processes, bool) or processes < 1):
        raise PrintSettingsError(f"PRINT_PROCESSES: expected a whole number of processes (1 or more) or None, "
                                 f"got {processes!r}")
    files = get("PRINT_FILES")
    for lang in langs:
        names = files.get(lang) if isinstance(files, dict) else None
        if not isinstance(names, dict) or any(not str(names.get(d, "")).endswith(".pdf") for d in DOCUMENTS):
            raise PrintSettingsError(
                f"PRINT_FILES: expected for {lang!r} a file name ending in .pdf for each of {', '.join(DOCUMENTS)}, "
                f"got {names!r}")
    return PrintSettings(
        enabled=bool(get("PRINT_ENABLED")), siteurl=siteurl, event=event, selections=selections,
        currencies=tuple(currencies) if currencies is not None else None, rates=str(get("PRINT_RATES")), files=files,
        processes=processes,
    )
