"""Sharing: absolute links, QR codes, sitemap.xml, robots.txt and Atom feeds of new products."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from buildkit.settings import cache_folder
from buildkit.store import Store
from catalogue.events import catalogue_loaded, catalogue_written, language_rendering, pages_rendering
from catalogue.i18n.translations import load_translations
from catalogue.model.model import LANGS
from jinja2 import pass_context

from .feeds import write_feeds
from .links import Sharing
from .opengraph import card
from .qr import write_qr_codes
from .sitemap import write_robots, write_sitemap

logger = logging.getLogger(__name__)


def prepare(generator: Any) -> None:
    """Put the `sharing` helper in the template context."""
    sharing = Sharing.from_generator(generator)
    generator.context["sharing"] = sharing
    generator.context["open_graph"] = pass_context(card)
    if not sharing.base:
        logger.warning("sharing: SITEURL and SHARING_SITEURL are both empty: no sitemap.xml, robots.txt, feeds "
                       "or QR codes are written (set SHARING_SITEURL to the address the site is served at)")


def write_language_qr_codes(generator: Any, lang: str, **_context: Any) -> None:
    """Every product's QR code in ``lang``, made in the process that renders that language's pages."""
    sharing: Sharing = generator.context["sharing"]
    # Kept with the photos' derivatives: images made from what they show (a URL), the same in every build of it.
    cache = cache_folder(generator.settings, "images")
    if sharing.base:
        write_qr_codes(generator.catalogue, sharing, Path(generator.output_path), (lang,),
                       Store(cache, "qr"))


def publish_feeds(generator: Any) -> None:
    """Write robots.txt and the feeds of new products: the catalogue is all they need."""
    sharing: Sharing = generator.context["sharing"]
    if not sharing.base:
        return
    output = Path(generator.output_path)
    write_robots(sharing, output)
    translations = {lang: load_translations(generator.translations_dir, lang) for lang in LANGS}
    write_feeds(generator.catalogue, sharing, output, generator.context.get("images", {}),
                generator.settings.get("SITENAME", ""), translations)


def publish(generator: Any, written: list[tuple[str, Any, str]]) -> None:
    """Write the sitemap: it lists what the catalogue wrote."""
    sharing: Sharing = generator.context["sharing"]
    if sharing.base:
        write_sitemap(written, sharing, Path(generator.output_path))


def register() -> None:
    # catalogue_loaded: the template helper must exist before the pages are rendered.
    catalogue_loaded.connect(prepare)
    # language_rendering: each language's QR codes are made beside the other language's, before its pages.
    language_rendering.connect(write_language_qr_codes)
    # pages_rendering: robots.txt and the feeds are written while the languages' pages are rendered …
    pages_rendering.connect(publish_feeds)
    # catalogue_written: … and the sitemap lists exactly the pages that were written, in both languages.
    catalogue_written.connect(publish)
