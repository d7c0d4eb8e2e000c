"""The catalogue's URL scheme in each language; every link and output path comes from here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Clean, directory-style URLs; Indonesian is canonical at the root. Override with CATALOGUE_URLS.
DEFAULT_ROUTES: dict[str, dict[str, str]] = {
    "id": {
        "home": "",
        "products": "produk/",
        "product": "produk/{key}/",
        "artisans": "perajin/",
        "artisan": "perajin/{key}/",
        "categories": "kategori/",
        "category": "kategori/{key}/",
        "regions": "wilayah/",
        "region": "wilayah/{key}/",
        "tag": "tag/{key}/",
        "search": "cari/",
        "join_form": "gabung/",
        "page": "{key}/",
        "paged": "{base}halaman/{number}/",
        "404": "404.html",
        "offline": "offline.html",
    },
    "en": {
        "home": "en/",
        "products": "en/products/",
        "product": "en/products/{key}/",
        "artisans": "en/artisans/",
        "artisan": "en/artisans/{key}/",
        "categories": "en/categories/",
        "category": "en/categories/{key}/",
        "regions": "en/regions/",
        "region": "en/regions/{key}/",
        "tag": "en/tags/{key}/",
        "search": "en/search/",
        "join_form": "en/join/",
        "page": "en/{key}/",
        "paged": "{base}page/{number}/",
        "404": "en/404.html",
        "offline": "en/offline.html",
    },
}


@dataclass(frozen=True)
class Route:
    """A page of the catalogue independent of language: ``Route("product", "batik-x")``."""

    kind: str
    key: str = ""
    number: int = 1


class Urls:
    """Paths and URLs for one language. ``page`` routes take the page's slug in that language."""

    def __init__(self, lang: str, siteurl: str, routes: dict[str, dict[str, str]], page_slugs: dict[str, Any]):
        self.lang = lang
        self.siteurl = siteurl.rstrip("/")
        self.routes = routes[lang]
        self.page_slugs = page_slugs

    def path(self, route: Route) -> str:
        key = route.key
        if route.kind == "page":
            key = self.page_slugs[route.key][self.lang]
        path = self.routes[route.kind].format(key=key)
        if route.number > 1:
            path = self.routes["paged"].format(base=path, number=route.number)
        return path

    def url(self, route: Route) -> str:
        """The link written into pages: root-relative in development, absolute when SITEURL is set."""
        return f"{self.siteurl}/{self.path(route)}"

    def save_as(self, route: Route) -> str:
        path = self.path(route)
        return path if path.endswith(".html") else path + "index.html"

    # Shorthands for templates.
    def __call__(self, kind: str, key: str = "", number: int = 1) -> str:
        return self.url(Route(kind, key, number))

    def static(self, path: str) -> str:
        if "://" in path:  # a photo on the media bucket (images/media.py)
            return path
        return f"{self.siteurl}/{path.lstrip('/')}"
