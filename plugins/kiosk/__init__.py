"""Kiosk: a service worker, web app manifest and icons so a booth tablet shows the catalogue offline."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from catalogue.events import catalogue_loaded, catalogue_written, pages_rendering
from images.settings import DEFAULTS as IMAGE_DEFAULTS
from pelican import signals

from .config import Kiosk, check_settings
from .icons import write_icons
from .precache import collect, write_service_worker
from .shown import Shown, photos, shown_by
from .webmanifest import write_manifests

logger = logging.getLogger(__name__)

# The pages the catalogue wrote in this build; reset at each build so --autoreload starts afresh.
_written: list[tuple[str, Any, str]] = []
_kiosk: list[Kiosk] = []
_context: list[dict[str, Any]] = []  # the catalogue's template context: photos and QR codes
_photos: list[Shown] = []  # the photos pages show, listed while the pages are rendered (list_photos)


def prepare(generator: Any) -> None:
    """Icons and manifests first: every page links them, and the `kiosk` helper names them."""
    _written.clear()
    _kiosk.clear()
    _context.clear()
    _photos.clear()
    kiosk = Kiosk(check_settings(generator.settings))
    output = Path(generator.output_path)
    # Kept with the photos' derivatives: images made from the settings, the same in every build of them.
    cache = generator.settings.get("IMAGES_CACHE_DIR", IMAGE_DEFAULTS["IMAGES_CACHE_DIR"])
    write_icons(output, kiosk, cache)
    write_manifests(output, kiosk, generator.settings.get("SITENAME", ""), generator.translations_dir)
    generator.context["kiosk"] = kiosk
    _kiosk.append(kiosk)


def list_photos(generator: Any) -> None:
    """The photos pages show, listed while the languages' processes render the pages and this one waits for them:
    left to write_worker, the listing ran after the last page was written, where nothing else runs."""
    if _kiosk:
        _photos[:] = [photos(generator.context.get("images", {}).values(), _kiosk[0].settings["KIOSK_PHOTO_ROLES"])]


def remember(generator: Any, written: list[tuple[str, Any, str]]) -> None:
    """The pages written, and the context that knows the photos (`images`) and QR codes (`sharing`) they show."""
    _written.extend(written)
    _context[:] = [generator.context]


def write_worker(pelican: Any) -> None:
    """After every generator (the theme's static files are copied last): list what was written, cap it, write sw.js."""
    if not _kiosk or not _written:
        return
    kiosk = _kiosk[0]
    output = Path(pelican.output_path)
    shown = shown_by(_context[0] if _context else {}, _written, kiosk.settings["KIOSK_PHOTO_ROLES"],
                     _photos[0] if _photos else None)
    plan = collect(output, [(lang, route.kind, save_as) for lang, route, save_as in _written], kiosk,
                   pelican.settings.get("SITEURL", ""), shown)
    write_service_worker(output, plan, kiosk)
    log = logger.warning if plan.skipped else logger.info
    log("kiosk: precache %d files, %.1f MB of the %s MB cap (KIOSK_PRECACHE_MB)%s", len(plan.files),
        plan.bytes / 1e6, kiosk.settings["KIOSK_PRECACHE_MB"],
        f"; {len(plan.skipped)} image files left to load on demand" if plan.skipped else "")


def register() -> None:
    # catalogue_loaded: icons and the manifest exist before pages link them.
    catalogue_loaded.connect(prepare)
    # pages_rendering: the photos pages show are listed while the pages are rendered …
    pages_rendering.connect(list_photos)
    # catalogue_written: the list of pages written, in both languages, is what the booth must hold offline.
    catalogue_written.connect(remember)
    # finalized: theme files are copied after the catalogue's pages; the precache sizes need them in place.
    signals.finalized.connect(write_worker)
