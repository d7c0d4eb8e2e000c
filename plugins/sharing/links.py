"""Absolute URLs for what leaves the site (sitemap, feeds, QR codes, share links), with campaign parameters."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from buildkit.settings import values as every_setting
from catalogue.model.model import LANGS
from catalogue.model.urls import Route, Urls
from catalogue.settings import setting as catalogue_setting

# Defaults of every SHARING_ setting, in one place.
DEFAULTS: dict[str, Any] = {
    # The address used for absolute URLs when SITEURL is empty (development): `make serve`'s address.
    "SHARING_SITEURL": "",
    # Query parameters added to the URL a QR code holds; set utm_campaign to the event's name.
    "SHARING_QR_PARAMS": {"utm_source": "exhibition", "utm_medium": "qr", "utm_campaign": "booth"},
    "SHARING_QR_PATH": "qr/{lang}/{key}.svg",
    "SHARING_SITEMAP": "sitemap.xml",
    # Routes that are not pages a search engine should list.
    "SHARING_SITEMAP_EXCLUDE": ("404", "offline"),
    "SHARING_FEEDS": {
        "id": {"all": "feeds/produk.atom.xml", "category": "feeds/kategori/{key}.atom.xml"},
        "en": {"all": "en/feeds/products.atom.xml", "category": "en/feeds/categories/{key}.atom.xml"},
    },
    "SHARING_FEED_LIMIT": 30,
}


class SharingSettingError(ValueError):
    """A SHARING_ setting has a value the plugin can't use."""


def check_settings(settings: dict[str, Any]) -> dict[str, Any]:
    values = every_setting(settings, DEFAULTS)
    base = values["SHARING_SITEURL"]
    if base and urlsplit(base).scheme not in ("http", "https"):
        raise SharingSettingError(f"SHARING_SITEURL must be an http(s) address such as 'http://127.0.0.1:8000', "
                                  f"got {base!r}")
    feeds = values["SHARING_FEEDS"]
    for lang in LANGS:
        if set(feeds.get(lang, {})) != {"all", "category"}:
            raise SharingSettingError(f"SHARING_FEEDS[{lang!r}] must have the keys 'all' and 'category', "
                                      f"got {sorted(feeds.get(lang, {}))}")
    if not isinstance(values["SHARING_FEED_LIMIT"], int) or values["SHARING_FEED_LIMIT"] < 1:
        raise SharingSettingError(f"SHARING_FEED_LIMIT must be a whole number of entries, at least 1, "
                                  f"got {values['SHARING_FEED_LIMIT']!r}")
    return values


@dataclass(frozen=True)
class QrCode:
    """A product's QR code: the SVG file (path from the site root), the URL it holds and its size in modules."""

    path: str
    url: str
    modules: int


@dataclass
class Sharing:
    """The `sharing` template helper.

    ``base`` is SITEURL, or SHARING_SITEURL when SITEURL is empty; "" when both are.

    >>> s = Sharing("https://example.org", {}, {})
    >>> s.absolute("/en/products/x/")
    'https://example.org/en/products/x/'
    """

    base: str
    settings: dict[str, Any]
    urls: dict[str, Urls]
    qr_codes: dict[tuple[str, str], QrCode] = field(default_factory=dict)

    @classmethod
    def from_generator(cls, generator: Any) -> Sharing:
        settings = check_settings(generator.settings)
        base = (generator.settings.get("SITEURL") or settings["SHARING_SITEURL"] or "").rstrip("/")
        routes = catalogue_setting(generator.settings, "CATALOGUE_URLS")
        slugs = {key: page.slugs for key, page in generator.catalogue.pages.items()}
        return cls(base, settings, {lang: Urls(lang, base, routes, slugs) for lang in LANGS})

    def absolute(self, href: str) -> str:
        """``href`` as written in a page (root-relative in development) made absolute."""
        if urlsplit(href).scheme:
            return href
        return f"{self.base}/{href.lstrip('/')}"

    def url(self, lang: str, route: Route) -> str:
        return self.urls[lang].url(route)

    def campaign_url(self, lang: str, route: Route, params: dict[str, str] | None = None) -> str:
        """The page's absolute URL with the QR campaign parameters (or ``params``)."""
        query = urlencode(params) if params is not None else self.campaign_query
        return f"{self.url(lang, route)}?{query}" if query else self.url(lang, route)

    @functools.cached_property
    def campaign_query(self) -> str:
        """SHARING_QR_PARAMS as a query, made once: each product's QR code asks for it in each language."""
        return urlencode(self.settings["SHARING_QR_PARAMS"])

    def qr(self, lang: str, slug: str) -> QrCode | None:
        return self.qr_codes.get((lang, slug))

    def feed_path(self, lang: str, category: str | None = None) -> str:
        feeds = self.settings["SHARING_FEEDS"][lang]
        return feeds["category"].format(key=category) if category else feeds["all"]
