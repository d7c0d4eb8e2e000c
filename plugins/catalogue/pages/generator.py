"""The Pelican generator that writes every catalogue page in both languages."""

from __future__ import annotations

import gc
import logging
import math
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from buildkit.forked import start_in_forks
from buildkit.settings import cache_folder
from buildkit.store import Store
from images.picture import Pictures
from markupsafe import Markup
from pelican.generators import Generator

from ..contact import site_contact
from ..events import (
    catalogue_loaded,
    catalogue_reading,
    catalogue_written,
    language_rendered,
    language_rendering,
    pages_rendering,
)
from ..i18n.formatting import Formatter
from ..i18n.translations import load_translations, template_gettext, untranslated
from ..model.model import LANGS, Catalogue
from ..model.problems import CatalogueError
from ..model.urls import Route, Urls
from ..reading.loader import load_catalogue
from ..settings import setting
from .fragments import Fragments
from .jsonld import artisan_jsonld, breadcrumb_jsonld, product_jsonld, to_script
from .pagecache import page_key, site_key
from .pagefolders import folders as page_folders
from .pagefolders import remove_unwritten

logger = logging.getLogger(__name__)


OTHER = {"id": "en", "en": "id"}
GC_FIRST_GENERATION = 50_000  # allocations between two collections of the youngest objects (Python's default: 700)



class CatalogueGenerator(Generator):
    """Loads the catalogue from the content folder and renders it; Pelican's own generators stay idle."""

    pelican: Any = None  # the build's Pelican instance (catalogue.get_generators makes a class for each build)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Jinja looks at a template file's time again each time a page uses the template (every include and
        # import), a noticeable share of the rendering. Pelican makes a new environment for every
        # build, --autoreload's too, so a template changed on disk is still read by the next build.
        self.env.auto_reload = False
        # Photo digests, read entries and rendered pages, kept between builds.
        self.cache_dir = cache_folder(self.settings, "catalogue")
        self.catalogue: Catalogue | None = None
        self._related_groups: dict[tuple[str, ...], list[Any]] | None = None
        self.translations_dir = Path(setting(self.settings, "CATALOGUE_TRANSLATIONS")
                                     or Path(self.theme) / "translations")

    # -- context -----------------------------------------------------------------------------
    def generate_context(self) -> None:
        # A build makes millions of objects that live as long as it does (the catalogue, the photos' renditions,
        # the pages' contexts): Python's cycle collector walks the youngest of them less often.
        gc.set_threshold(GC_FIRST_GENERATION, *gc.get_threshold()[1:])
        self.load(self.cache_dir)

    def load(self, cache: Path | None) -> None:
        """Load and check the catalogue; raises CatalogueError with every problem found."""
        checks = [check for _receiver, check in catalogue_reading.send(self) if check is not None]
        result = load_catalogue(Path(self.path), cache, checks, setting(self.settings, "CATALOGUE_READ_AHEAD"))
        logger.info("catalogue: %d artisan(s) and product(s) unchanged, taken from the entry cache", result.reused)
        if logger.isEnabledFor(logging.WARNING):  # a line costs a path resolved, and there can be thousands
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
        self.context["contact"] = site_contact(setting(self.settings, "CATALOGUE_CONTACT"))
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
            yield Route("tag", tag), "tag", {"tag": cat.ref.tag(tag), "products": products}
        for key, page in cat.pages.items():
            yield Route("page", key), "page", {"page": page}
        yield Route("search"), "search", {}
        yield Route("join_form"), "submission/form", {}
        yield Route("404"), "404", {}
        yield Route("offline"), "offline", {}  # served by the kiosk service worker

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
        """More from the same artisan, and similar products by other artisans, newest first.

        Similar means the same category, preferring the same technique and region; candidates come from
        groups built once per build, so this stays linear in the catalogue's size.
        """
        limit = setting(self.settings, "CATALOGUE_RELATED")
        same_artisan = [p for p in self._groups["artisan", product.artisan.slug] if p is not product][:limit]
        similar: list[Any] = []
        for key in (("ctr", product.category.key, product.technique.key, product.region.key),
                    ("ct", product.category.key, product.technique.key), ("c", product.category.key)):
            for other in self._groups.get(key, ()):
                if len(similar) == limit:
                    break
                if other.artisan is not product.artisan and other not in similar:
                    similar.append(other)
        return {"more_from_artisan": same_artisan, "similar": similar}

    @property
    def _groups(self) -> dict[tuple[str, ...], list[Any]]:
        if self._related_groups is None:
            groups: dict[tuple[str, ...], list[Any]] = {}
            for p in self.catalogue.products if self.catalogue else ():  # newest first
                c, t, r = p.category.key, p.technique.key, p.region.key
                for key in (("artisan", p.artisan.slug), ("ctr", c, t, r), ("ct", c, t), ("c", c)):
                    groups.setdefault(key, []).append(p)
            self._related_groups = groups
        return self._related_groups

    def site_key(self) -> str:
        """What every page depends on besides its own inputs (pagecache.site_key)."""
        plugins = Path(__file__).resolve().parents[2]
        return site_key(self.settings, [
            (Path(self.theme), "*"), (plugins, "*.py"), (Path(self.path) / "data", "*"),
            (Path(self.path) / "pages", "*"), (self.translations_dir, "*.po"),
        ])

    @staticmethod
    def page_inputs(extra: dict[str, Any]) -> list[str] | None:
        """What a page shows of the catalogue, when that is all it depends on besides the site (the site key):
        product and artisan pages, and the lists of products of the catalogue, a craft, a region or a tag, by the
        entries they show and their own few facts (which craft, which page of how many). Pages that show the
        catalogue as a whole (home, the indexes with their counts, search, the join form) return None: always
        rendered."""
        # Other products appear as cards: their card fingerprint, which a change to their story leaves alone.
        if "product" in extra:
            return [extra["product"].fingerprint,
                    *(p.card_fingerprint for p in (*extra["more_from_artisan"], *extra["similar"]))]
        if "artisan" in extra:
            return [extra["artisan"].fingerprint, *(p.card_fingerprint for p in extra["products"])]
        if "products" in extra:
            # The category, region or tag and the page number: frozen reference data, strings and numbers.
            return ([p.card_fingerprint for p in extra["products"]]
                    + [a.fingerprint for a in extra.get("artisans", ())]
                    + [f"{name}={value!r}" for name, value in sorted(extra.items())
                       if name not in ("products", "artisans")])
        return None

    def generate_output(self, writer: Any) -> None:
        routes = list(self.routes())
        self.page_store = Store(self.cache_dir, "pages")
        self.site = self.site_key() if self.page_store.folder else ""
        self.compile_templates()
        # One process per language: the children inherit the loaded catalogue and the image renditions (fork),
        # so nothing is read or derived twice; only the list of written pages comes back.
        rendering = start_in_forks(lambda lang: self.render_language(lang, writer, routes), LANGS,
                                   setting(self.settings, "CATALOGUE_PROCESSES"), "rendering the pages")
        by_lang = {}
        try:
            pages_rendering.send(self)
            for lang, pages in rendering.as_done():
                by_lang[lang] = pages
                language_rendered.send(self, lang=lang)
        except BaseException:
            rendering.stop()  # the other language's process too, when one failed or a receiver did
            raise
        written = [page for lang in LANGS for page in by_lang[lang]]
        catalogue_written.send(self, written=written)

    def compile_templates(self) -> None:
        """Compile the theme's templates here, once, before the languages' processes are forked: each would compile
        them again. The compiled code depends on newstyle gettext, which every language renders with."""
        self.env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
        templates = Path(self.theme) / "templates"
        for path in sorted(templates.rglob("*.html")):
            self.env.get_template(path.relative_to(templates).as_posix())

    def render_language(self, lang: str, writer: Any, routes: list[tuple[Route, str, dict[str, Any]]]
                        ) -> list[tuple[str, Route, str]]:
        """Write every route in ``lang``; returns (lang, route, save_as) for each page written."""
        translations = load_translations(self.translations_dir, lang)
        self.env.install_gettext_translations(translations, newstyle=True)
        if self.env.autoescape is True:  # as pelicanconf sets it; with another choice Jinja's own _() stays
            self.env.globals["_"] = self.env.globals["gettext"] = template_gettext(translations)
        all_urls = {code: self.urls(code) for code in LANGS}
        urls = all_urls[lang]
        base: dict[str, Any] = {
            "lang": lang,
            "other_lang": OTHER[lang],
            "urls": urls,
            "fmt": Formatter(lang),
            "catalogue": self.catalogue,
            "jsonld": to_script,
            "product_jsonld": product_jsonld,
            "artisan_jsonld": artisan_jsonld,
            "breadcrumb_jsonld": breadcrumb_jsonld,
            "all_urls": all_urls,
        }
        language_rendering.send(self, lang=lang, context={**self.context, **base})
        base["fragment"] = Fragments(self.env, {**self.context, **base})
        base["image"] = Pictures(self.context["images"], urls)
        language = {**self.context, **base}
        card_module = self.env.get_template("partials/product/card.html").make_module(vars=language)
        base["card"] = CardCache(card_module)
        # The macros pages call, made once with the language's context (they need nothing of a page's own): a
        # page importing them "with context" made them again, a tenth of the time of rendering a product page.
        for template, name in HELPER_MACROS:
            base[name] = getattr(self.env.get_template(template).make_module(vars=language), name)
        written = []
        reused = 0
        output = Path(writer.output_path)
        # Folders taken over from the site this build replaces (pagefolders.py), or an earlier build's in the same
        # output (pelican --autoreload): what this language does not write there goes once its pages are written.
        taken = [folder for folder in page_folders(self.settings, lang) if (output / folder).is_dir()]
        root = os.fspath(output)
        folders: set[str] = set()  # made (or found) by this process
        for route, template, extra in routes:
            save_as = urls.save_as(route)
            target = page_target(root, save_as)
            inputs = self.page_inputs(extra)
            key = page_key(self.site, lang, save_as, inputs) if inputs is not None and self.site else None
            if key and self.page_store.place(key, ".html", target):
                written.append((lang, route, save_as))
                reused += 1
                continue
            alternates = {code: all_urls[code].url(route) for code in LANGS}
            page = self.get_template(template).render(
                {**self.context, "route": route, "alternates": alternates, "canonical": alternates[lang], **base,
                 **extra})
            write_page(target, page, folders)
            if key:
                self.page_store.keep(key, ".html", target)
            written.append((lang, route, save_as))
        if taken:
            saved = {save_as for _lang, _route, save_as in written}
            gone = sum(remove_unwritten(output, folder, saved) for folder in taken)
            logger.info("%s: %d page(s) no longer in the catalogue removed", lang, gone)
        logger.info("%s: %d page(s) rendered, %d reused unchanged", lang, len(written) - reused, reused)
        return written


def page_target(root: str, save_as: str) -> str:
    """Where the page ``save_as`` goes under the output folder ``root``, as a string (three paths made per page
    showed in the profile). Raises when it would land outside, as Pelican's writer did: a route's keys come from
    reference data (craft and region keys) as well as from checked slugs."""
    target = os.path.join(root, save_as)
    if not os.path.normpath(target).startswith(os.path.join(os.path.normpath(root), "")):
        raise RuntimeError(f"the page {save_as!r} would be written outside the output folder {root}")
    return target


def write_page(target: str, page: str, folders: set[str]) -> None:
    """Write ``page`` as a new file at ``target``, making its folder unless it is in ``folders``.

    A page left there by an earlier build (taken over, or pelican --autoreload writing over its output) may be a
    hard link to the page cache: it is removed, never written into. Written here rather than by Pelican's writer,
    which copied the whole context, looked for the folder and wrote through a text layer for every page.
    """
    folder = os.path.dirname(target)
    if folder not in folders:
        os.makedirs(folder, exist_ok=True)
        folders.add(folder)
    try:
        file = open(target, "xb")  # noqa: SIM115 - closed below, whichever open made it
    except FileExistsError:
        os.unlink(target)
        file = open(target, "xb")  # noqa: SIM115
    with file:
        file.write(page.encode("utf-8"))


# (template, macro): the helpers of partials/helper/ that pages get in their context, ready to call.
HELPER_MACROS = (("partials/helper/storefronts.html", "storefront_buttons"),)


class CardCache:
    """Each product's grid card rendered once per language and reused by every grid that shows it."""

    def __init__(self, module: Any):
        self.module = module
        self.cards: dict[tuple[str, bool], Any] = {}

    def __call__(self, product: Any, lcp: bool = False) -> Any:
        key = (product.slug, bool(lcp))
        if key not in self.cards:
            self.cards[key] = self.module.product_card(product, lcp=lcp)
        return self.cards[key]

    def grid(self, products: Any, lcp_first: bool = False) -> Markup:
        """The cards of ``products`` one after the other; the first is the page's main image when ``lcp_first``.
        (A product page's two grids took a sixth of its rendering; joined here rather than looped over in the
        template, about 20 µs less.)"""
        return Markup("").join(self(product, lcp=lcp_first and i == 0) for i, product in enumerate(products))
