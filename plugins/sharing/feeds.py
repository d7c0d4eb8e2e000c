"""Atom feeds of the newest products, one per language and one per category in each language."""

from __future__ import annotations

import datetime as dt
import gettext
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from catalogue.i18n.formatting import Formatter
from catalogue.model.model import LANGS
from catalogue.model.urls import Route
from markupsafe import escape

from .links import Sharing

ATOM_NS = "http://www.w3.org/2005/Atom"
# Entries are dated by the day they were added, at midnight in East Java.
ZONE = ZoneInfo("Asia/Jakarta")


def N_(message: str) -> str:
    """Marks a message for extraction; it is translated when the feed is written."""
    return message


FEED_ALL = N_("%(site)s: new products")
FEED_CATEGORY = N_("%(site)s: new in %(category)s")
PRICE_ON_REQUEST = N_("Price on request")


def _stamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(), ZONE).isoformat()


def _content(product: Any, lang: str, sharing: Sharing, images: dict[str, Any], on_request: str) -> str:
    """The entry's HTML: cover photo, summary and price (escaped; the feed reader renders it)."""
    text = product.t(lang)
    parts = []
    photos = images.get(product.cover.key)
    if photos is not None:
        rendition = photos.role("card")
        src = sharing.absolute(rendition.fallback().path)
        parts.append(f'<p><img src="{escape(src)}" width="{rendition.width}" height="{rendition.height}" '
                     f'alt="{escape(text.title)}"></p>')
    parts.append(f"<p>{escape(text.summary)}</p>")
    parts.append(f"<p>{escape(Formatter(lang).price(product, on_request))}</p>")
    return "".join(parts)


def atom_feed(products: Sequence[Any], lang: str, title: str, self_href: str, alternate: str, sharing: Sharing,
              images: dict[str, Any], limit: int, on_request: str) -> bytes:
    newest = list(products)[:limit]  # the catalogue keeps products newest first
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": lang})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    sub(feed, "id", self_href)
    sub(feed, "title", title)
    sub(feed, "updated", _stamp(max((p.added for p in newest), default=dt.date(2000, 1, 1))))
    sub(feed, "link", rel="self", type="application/atom+xml", href=self_href)
    sub(feed, "link", rel="alternate", type="text/html", href=alternate)
    for product in newest:
        entry = sub(feed, "entry")
        url = sharing.url(lang, Route("product", product.slug))
        sub(entry, "id", url)
        sub(entry, "title", product.t(lang).title)
        sub(entry, "updated", _stamp(product.added))
        sub(entry, "published", _stamp(product.added))
        sub(entry, "link", rel="alternate", type="text/html", href=url)
        author = sub(entry, "author")
        sub(author, "name", product.artisan.name[lang])
        sub(author, "uri", sharing.url(lang, Route("artisan", product.artisan.slug)))
        sub(entry, "category", term=product.category.key, label=product.category.name[lang])
        sub(entry, "summary", product.t(lang).summary)
        sub(entry, "content", _content(product, lang, sharing, images, on_request), type="html")
    ET.indent(feed, space=" ")
    return ET.tostring(feed, encoding="UTF-8", xml_declaration=True) + b"\n"


def write_feeds(catalogue: Any, sharing: Sharing, output: Path, images: dict[str, Any], site: str,
                translations: dict[str, gettext.NullTranslations]) -> None:
    limit = sharing.settings["SHARING_FEED_LIMIT"]
    jobs: list[tuple[str, str | None, Sequence[Any], Route]] = []
    for lang in LANGS:
        jobs.append((lang, None, catalogue.products, Route("products")))
        for key in catalogue.by_category:
            jobs.append((lang, key, catalogue.by_category[key], Route("category", key)))
    for lang, key, products, page in jobs:
        _ = translations[lang].gettext
        title = (_(FEED_CATEGORY) % {"site": site, "category": catalogue.ref.categories[key].name[lang]} if key
                 else _(FEED_ALL) % {"site": site})
        rel = sharing.feed_path(lang, key)
        target = output / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(atom_feed(products, lang, title, sharing.absolute(rel), sharing.url(lang, page), sharing,
                                     images, limit, _(PRICE_ON_REQUEST)))
