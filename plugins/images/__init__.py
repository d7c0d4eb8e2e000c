"""Images: every photo of the catalogue becomes responsive, metadata-free derivatives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from catalogue.events import catalogue_loaded

from .pipeline import process


def derive_catalogue_photos(generator: Any) -> None:
    catalogue = generator.catalogue
    photos = {p.key: p for product in catalogue.products for p in product.photos}
    photos.update({a.photo.key: a.photo for a in catalogue.artisans if a.photo is not None})
    generator.context["images"] = process(photos.values(), Path(generator.output_path), generator.settings)


def register() -> None:
    # catalogue_loaded: photos are known only once the catalogue is valid, and are derived once for both languages.
    catalogue_loaded.connect(derive_catalogue_photos)
