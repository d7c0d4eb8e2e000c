"""The Pelican generator that writes every catalogue page in both languages."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from .formatting import Formatter
from .jsonld import artisan_jsonld, product_jsonld, to_script
from .loader import load_catalogue
from .model import LANGS, Catalogue
from .problems import CatalogueError
from .events import catalogue_loaded, catalogue_written
from .translations import load_translations, untranslated
from .urls import DEFAULT_ROUTES, Route, Urls

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "CATALOGUE_URLS": DEFAULT_ROUTES,
    "CATALOGUE_PAGE_SIZE": 24,
    "CATALOGUE_RELATED": 4,
    "CATALOGUE_TRANSLATIONS": None,  # defaults to <theme>/translations
}

OTHER = {"id": "en", "en": "id"}


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])


class CatalogueGenerator(Generator):
    """Loads the catalogue from the content folder and renders it; Pelican's own generators stay idle."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.catalogue: Catalogue | None = None
        self.translations_dir = Path(setting(self.settings, "CATALOGUE_TRANSLATIONS")
                                     or Path(self.theme) / "translations")

    # -- context -----------------------------------------------------------------------------
    def generate_context(self) -> None:
        result = load_catalogue(Path(self.path))
        for problem in result.warnings:
            logger.warning("%s", problem.line())
        for lang in LANGS:
            missing = untranslated(self.translations_dir, lang)
            if missing:
                logger.warning("theme/translations/%s: %d message(s) not translated, shown in English: %s",
                               lang, len(missing), "; ".join(missing[:5]))
        if result.errors or result.catalogue is None:
            # Raised, not logged one by one: with --fatal errors Pelican would stop at the first line.
            raise CatalogueError(result.errors)
        self.catalogue = result.catalogue
        self.context["catalogue"] = self.catalogue
        self.context.setdefault("images", {})
        catalogue_loaded.send(self)

    # -- output ------------------------------------------------------------------------------
    def urls(self, lang: str) -> Urls:
        assert self.catalogue is not None
        slugs = {key: page.slugs for key, page in self.catalogue.pages.items()}
        return Urls(lang, self.settings.get("SITEURL", ""), setting(self.settings, "CATALOGUE_URLS"), slugs)

    def routes(self) -> Iterator[tuple[Route, str, dict[str, Any]]]:
        """Every page of the site as (route, template, extra context), the same in both languages."""
        cat = self.catalogue
        assert cat is not None
        size = setting(self.settings, "CATALOGUE_PAGE_SIZE")
        yield Route("home"), "home", {}
        yield from self.paginated(Route("products"), "products", cat.products, size, {})
        for product in cat.products:
            yield Route("product", product.slug), "product", {"product": product, **self.related(product)}
        yield Route("artisans"), "artisans", {}
        for artisan in cat.artisans:
            yield Route("artisan", artisan.slug), "artisan", {
                "artisan": artisan, "products": cat.by_artisan.get(artisan.slug, ())}
        yield Route("categories"), "categories", {}
        for key, category in cat.ref.categories.items():
            yield from self.paginated(Route("category", key), "category", cat.by_category.get(key, ()), size,
                                      {"category": category})
        yield Route("regions"), "regions", {}
        for key, region in cat.ref.regions.items():
            yield Route("region", key), "region", {
                "region": region, "products": cat.by_region.get(key, ()),
                "artisans": cat.artisans_by_region.get(key, ())}
        for tag, products in sorted(cat.by_tag.items()):
            yield Route("tag", tag), "tag", {"tag": tag, "products": products}
        for key, page in cat.pages.items():
            yield Route("page", key), "page", {"page": page}
        yield Route("join_form"), "submission/form", {}
        yield Route("404"), "404", {}

    @staticmethod
    def paginated(base: Route, template: str, items: Sequence[Any], size: int,
                  extra: dict[str, Any]) -> Iterator[tuple[Route, str, dict[str, Any]]]:
        pages = max(1, math.ceil(len(items) / size))
        for number in range(1, pages + 1):
            route = Route(base.kind, base.key, number)
            yield route, template, {
                **extra,
                "products": items[(number - 1) * size : number * size],
                "pagination": {"number": number, "pages": pages, "total": len(items), "base": base},
            }

    def related(self, product: Any) -> dict[str, Any]:
        cat = self.catalogue
        assert cat is not None
        limit = setting(self.settings, "CATALOGUE_RELATED")
        same_artisan = [p for p in cat.by_artisan.get(product.artisan.slug, ()) if p is not product][:limit]

        def score(other: Any) -> tuple[int, Any]:
            shared = (other.category is product.category) * 4 + (other.technique is product.technique) * 2 \
                + (other.region is product.region) + len(set(other.tags) & set(product.tags))
            return shared, other.added

        others = [p for p in cat.products if p.artisan is not product.artisan and p.category is product.category]
        similar = sorted(others, key=score, reverse=True)[:limit]
        return {"more_from_artisan": same_artisan, "similar": similar}

    def generate_output(self, writer: Any) -> None:
        written: list[tuple[str, Route, str]] = []
        all_urls = {lang: self.urls(lang) for lang in LANGS}
        routes = list(self.routes())
        for lang in LANGS:
            self.env.install_gettext_translations(load_translations(self.translations_dir, lang), newstyle=True)
            urls = all_urls[lang]
            base = {
                "lang": lang,
                "other_lang": OTHER[lang],
                "urls": urls,
                "fmt": Formatter(lang),
                "catalogue": self.catalogue,
                "jsonld": to_script,
                "product_jsonld": product_jsonld,
                "artisan_jsonld": artisan_jsonld,
                "all_urls": all_urls,
            }
            for route, template, extra in routes:
                save_as = urls.save_as(route)
                alternates = {code: all_urls[code].url(route) for code in LANGS}
                writer.write_file(
                    save_as,
                    self.get_template(template),
                    self.context,
                    route=route,
                    alternates=alternates,
                    canonical=alternates[lang],
                    **base,
                    **extra,
                )
                written.append((lang, route, save_as))
        catalogue_written.send(self, written=written)
