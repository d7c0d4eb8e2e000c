"""Kiosk: a service worker, web app manifest and icons so a booth tablet shows the catalogue offline."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from buildkit.settings import cache_folder
from catalogue.events import catalogue_loaded, catalogue_written, pages_rendering
from pelican import signals

from .config import Kiosk, check_settings
from .icons import write_icons
from .precache import collect, write_service_worker
from .shown import Shown, photos, shown_by
from .webmanifest import write_manifests

logger = logging.getLogger(__name__)

class KioskBuild:
    """The kiosk plugin's part of one build, on the build's Pelican instance (``pelican.kiosk``): its settings, the
    pages the catalogue wrote, the context that knows the photos (`images`) and QR codes (`sharing`) they show,
    and the photos listed while the pages were rendered (list_photos)."""

    def __init__(self, kiosk: Kiosk):
        self.kiosk = kiosk
        self.written: list[tuple[str, Any, str]] = []
        self.context: dict[str, Any] = {}
        self.photos: Shown | None = None


def prepare(generator: Any) -> None:
    """Icons and manifests first: every page links them, and the `kiosk` helper names them."""
    kiosk = Kiosk(check_settings(generator.settings))
    generator.pelican.kiosk = KioskBuild(kiosk)
    output = Path(generator.output_path)
    # Kept with the photos' derivatives: images made from the settings, the same in every build of them.
    cache = cache_folder(generator.settings, "images")
    write_icons(output, kiosk, cache)
    write_manifests(output, kiosk, generator.settings.get("SITENAME", ""), generator.translations_dir)
    generator.context["kiosk"] = kiosk


def list_photos(generator: Any) -> None:
    """The photos pages show, listed while the languages' processes render the pages and this one waits for them:
    left to write_worker, the listing ran after the last page was written, where nothing else runs."""
    build: KioskBuild = generator.pelican.kiosk
    build.photos = photos(generator.context.get("images", {}).values(), build.kiosk.settings["KIOSK_PHOTO_ROLES"])


def remember(generator: Any, written: list[tuple[str, Any, str]]) -> None:
    """The pages written, and the context that knows the photos (`images`) and QR codes (`sharing`) they show."""
    build: KioskBuild = generator.pelican.kiosk
    build.written.extend(written)
    build.context = generator.context


def write_worker(pelican: Any) -> None:
    """After every generator (the theme's static files are copied last): list what was written, cap it, write sw.js."""
    build: KioskBuild | None = getattr(pelican, "kiosk", None)
    if build is None or not build.written:
        return
    kiosk = build.kiosk
    output = Path(pelican.output_path)
    shown = shown_by(build.context, build.written, kiosk.settings["KIOSK_PHOTO_ROLES"], build.photos)
    plan = collect(output, [(lang, route.kind, save_as) for lang, route, save_as in build.written], kiosk,
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
