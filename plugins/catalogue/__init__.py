"""The catalogue model: products, artisans and pages read from entry folders and written in both languages."""

from pelican import signals

from .generator import CatalogueGenerator


def get_generators(pelican_object: object) -> type[CatalogueGenerator]:
    return CatalogueGenerator


def register() -> None:
    # get_generators: the catalogue is its own generator, run after Pelican's (idle) article and page ones.
    signals.get_generators.connect(get_generators)
