"""Images: every photo of the catalogue becomes responsive, metadata-free derivatives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from catalogue.events import catalogue_loaded
from catalogue.model.problems import CatalogueError, Problem
from pelican import signals

from . import inspect, media, pipeline
from .cache import Cache
from .pipeline import PhotoProblems
from .settings import Config, load_config

_config: Config | None = None
_media: media.Media | None = None


def configure(pelican: Any) -> None:
    """Check the IMAGES_* and MEDIA_* settings once per build, before the catalogue inspects any photo."""
    global _config, _media
    _config = load_config(pelican.settings)
    _media = media.load(pelican.settings, _config.cache_dir)
    media.configure(_media, Cache(_config.cache_dir))
    inspect.configure(_config.limits, _config.cache_dir)


def derive_catalogue_photos(generator: Any) -> None:
    config = _config or load_config(generator.settings)
    catalogue = generator.catalogue
    photos = [(p, frozenset({"product"} | ({"cover"} if i == 0 else set())
                            | ({"thumbnail"} if len(product.photos) > 1 else set())))
              for product in catalogue.products for i, p in enumerate(product.photos)]
    photos += [(a.photo, frozenset({"artisan"})) for a in catalogue.artisans if a.photo is not None]
    try:
        images = pipeline.process(photos, Path(generator.output_path), config, _media, media.held_by_bucket(_media))
    except PhotoProblems as exc:
        # the same `path: field: message` lines as `make check`, and the build stops before anything is swapped in
        raise CatalogueError(
            Problem(source, "photo", error.code, {"got": f"'{source.name}'", **error.params})
            for _, source, error in exc.failures
        ) from exc
    if _media is not None:  # what `make upload-media` puts in the bucket
        cache = Cache(config.cache_dir)
        media.write_manifest(_media, {name: cache.cached(cached)
                                      for name, cached in media.referenced(_media, images.values()).items()})
    generator.context["images"] = images


def register() -> None:
    # initialized: settings are checked before the catalogue loads (and inspects photos with the limits).
    signals.initialized.connect(configure)
    # catalogue_loaded: photos are known only once the catalogue is valid, and are derived once for both languages.
    catalogue_loaded.connect(derive_catalogue_photos)
