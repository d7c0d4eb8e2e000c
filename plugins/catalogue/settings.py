"""The catalogue's settings (CATALOGUE_*): every default in one place, read through buildkit's one reader."""

from __future__ import annotations

from typing import Any

from buildkit.settings import reader

from .model.urls import DEFAULT_ROUTES

DEFAULTS: dict[str, Any] = {
    "CATALOGUE_URLS": DEFAULT_ROUTES,
    "CATALOGUE_PAGE_SIZE": 24,
    "CATALOGUE_RELATED": 4,
    "CATALOGUE_TRANSLATIONS": None,  # defaults to <theme>/translations
    "CATALOGUE_PROCESSES": None,  # rendering processes; None: one per language, up to the cores there are
    # What scripts/build.py started reading before Pelican was imported (reading.readahead.read_ahead); None: nothing
    "CATALOGUE_READ_AHEAD": None,
    "CATALOGUE_CONTACT": {},  # the council's {"email": …, "whatsapp": …}, in every page's footer (contact.py)
}

setting = reader(DEFAULTS)
