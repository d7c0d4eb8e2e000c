"""The catalogue model: products, artisans and pages read from entry folders and written in both languages."""

from __future__ import annotations

from typing import Any


def get_generators(pelican: object) -> Any:
    """The catalogue's generator class for this build, which knows its Pelican instance (``generator.pelican``):
    Pelican makes generators from classes, and the plugins keep what they hold for one build on that instance
    rather than in their modules (--autoreload runs builds one after another in one process)."""
    from .pages.generator import CatalogueGenerator

    return type(CatalogueGenerator.__name__, (CatalogueGenerator,), {"pelican": pelican})


def register() -> None:
    from pelican import signals

    # get_generators: the catalogue is its own generator, run after Pelican's (idle) article and page ones.
    signals.get_generators.connect(get_generators)
