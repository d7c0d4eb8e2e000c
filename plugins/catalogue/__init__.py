"""The catalogue model: products, artisans and pages read from entry folders and written in both languages."""

from __future__ import annotations

from typing import Any


def get_generators(pelican_object: object) -> Any:
    from .pages.generator import CatalogueGenerator

    return CatalogueGenerator


def register() -> None:
    from pelican import signals

    # get_generators: the catalogue is its own generator, run after Pelican's (idle) article and page ones.
    signals.get_generators.connect(get_generators)
