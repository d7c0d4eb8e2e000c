"""Images: every photo of the catalogue becomes responsive, metadata-free derivatives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from buildkit.store import Store
from catalogue.events import catalogue_loaded, catalogue_reading
from catalogue.model.problems import CatalogueError, Problem
from pelican import signals

from . import media, pipeline
from .inspect import Inspector
from .pipeline import PhotoProblems, RunStats
from .settings import Config, load_config


@dataclass
class Build:
    """What the images plugin holds for one build, on the build's Pelican instance (``pelican.images``), made
    afresh as each build reads its catalogue: the checked settings, where photos are served from, the look at each
    photo, and what deriving them did (``run``, which the benchmark and the tests read)."""

    config: Config
    media: media.Media | None
    inspector: Inspector
    run: RunStats | None = None


def check_settings(pelican: Any) -> None:
    """Check the IMAGES_* and MEDIA_* settings as Pelican starts, before anything is read."""
    media.load(pelican.settings, load_config(pelican.settings).cache_dir)


def start(generator: Any) -> Inspector:
    """This build's images part, kept on its Pelican instance; its Inspector looks at each photo as the catalogue
    is read."""
    config = load_config(generator.settings)
    build = Build(config, media.load(generator.settings, config.cache_dir), Inspector(config.limits, config.cache_dir))
    generator.pelican.images = build
    return build.inspector


def derive_catalogue_photos(generator: Any) -> None:
    build: Build = generator.pelican.images
    config, served = build.config, build.media
    catalogue = generator.catalogue
    photos = [(p, frozenset({"product"} | ({"cover"} if i == 0 else set())
                            | ({"thumbnail"} if len(product.photos) > 1 else set())))
              for product in catalogue.products for i, p in enumerate(product.photos)]
    photos += [(a.photo, frozenset({"artisan"})) for a in catalogue.artisans if a.photo is not None]
    build.run = RunStats()
    try:
        images = pipeline.process(photos, Path(generator.output_path), config, served, media.held_by_bucket(served),
                                  build.run)
    except PhotoProblems as exc:
        # the same `path: field: message` lines as `make check`, and the build stops before anything is swapped in
        raise CatalogueError(
            Problem(source, "photo", error.code, {"got": f"'{source.name}'", **error.params})
            for _, source, error in exc.failures
        ) from exc
    store = Store(config.cache_dir, "photos")
    if served is not None:  # what `make upload-media` puts in the bucket
        media.write_manifest(served, {name: store.path(cached)
                                      for name, cached in media.referenced(served, images.values()).items()})
    generator.context["images"] = images
    # The printed catalogues read a photo on the bucket from the cache (print/render.py).
    generator.context["media_file"] = media.LocalFiles(served, store)


def register() -> None:
    # initialized: a wrong setting stops the build before anything is read.
    signals.initialized.connect(check_settings)
    # catalogue_reading: the catalogue's reading looks at every photo with this build's limits and cache.
    catalogue_reading.connect(start)
    # catalogue_loaded: photos are known only once the catalogue is valid, and are derived once for both languages.
    catalogue_loaded.connect(derive_catalogue_photos)
