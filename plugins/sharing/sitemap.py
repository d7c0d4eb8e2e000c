"""sitemap.xml with hreflang alternates for every page in both languages, and robots.txt pointing to it."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

from catalogue.model.model import LANGS
from catalogue.model.urls import Route

from .links import Sharing

logger = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# The language a visitor gets when none of the alternates matches theirs: Indonesian is canonical.
X_DEFAULT = "id"
# Addresses go into text and into "…"-quoted attributes: " is escaped as well as & < >.
QUOTE = {'"': "&quot;"}
# The sitemap protocol's limit per file.
MAX_URLS = 50_000


def sitemap_xml(routes: list[Route], sharing: Sharing) -> bytes:
    """One <url> per page and language, each listing every language's version plus x-default.

    Written as text, each address escaped: built as an ElementTree, the hundreds of thousands of elements of a
    large catalogue's sitemap took a noticeable part of every build, at its end, where nothing else runs.
    Tests read it back and check it against the protocol's schemas.
    """
    parts = [f"<?xml version='1.0' encoding='UTF-8'?>\n<urlset xmlns=\"{SITEMAP_NS}\" xmlns:xhtml=\"{XHTML_NS}\">\n"]
    for route in routes:
        hrefs = {lang: escape(sharing.url(lang, route), QUOTE) for lang in LANGS}
        alternates = "".join(f'  <xhtml:link rel="alternate" hreflang="{code}" href="{href}" />\n'
                             for code, href in [*hrefs.items(), ("x-default", hrefs[X_DEFAULT])])
        for lang in LANGS:
            parts.append(f" <url>\n  <loc>{hrefs[lang]}</loc>\n{alternates} </url>\n")
    parts.append("</urlset>\n")
    return "".join(parts).encode("utf-8")


def write_sitemap(written: list[tuple[str, Route, str]], sharing: Sharing, output: Path) -> None:
    exclude = set(sharing.settings["SHARING_SITEMAP_EXCLUDE"])
    langs_of: dict[Route, set[str]] = {}
    for lang, route, _save_as in written:
        if route.kind not in exclude:
            langs_of.setdefault(route, set()).add(lang)
    # Only pages written in every language: an alternate must never point at a missing page.
    routes = [route for route, langs in langs_of.items() if langs == set(LANGS)]
    if len(routes) * len(LANGS) > MAX_URLS:
        logger.warning("sharing: %d URLs is over the sitemap limit of %d; search engines will read only the first",
                       len(routes) * len(LANGS), MAX_URLS)
    (output / sharing.settings["SHARING_SITEMAP"]).write_bytes(sitemap_xml(routes, sharing))


def write_robots(sharing: Sharing, output: Path) -> None:
    sitemap = sharing.absolute(sharing.settings["SHARING_SITEMAP"])
    (output / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", encoding="utf-8")


def read_sitemap(data: bytes) -> dict[str, dict[str, str]]:
    """loc → {hreflang: href}, for checks and tests."""
    root = ET.fromstring(data)
    out: dict[str, dict[str, str]] = {}
    for url in root.iter(f"{{{SITEMAP_NS}}}url"):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc", "")
        out[loc] = {link.get("hreflang", ""): link.get("href", "") for link in url.iter(f"{{{XHTML_NS}}}link")}
    return out


__all__ = ["sitemap_xml", "write_sitemap", "write_robots", "read_sitemap", "SITEMAP_NS", "XHTML_NS"]
