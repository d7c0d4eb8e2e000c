"""What goes on paper: the products of a selection in one language, each with its photo, price and QR code."""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_currency
from catalogue.i18n.formatting import Formatter
from catalogue.model.model import Catalogue, Product
from catalogue.model.refdata import Category
from catalogue.model.urls import Route, Urls

from .qr import campaign_url, qr_svg
from .rates import Rates
from .selection import Selection


class PrintError(RuntimeError):
    """The printed catalogue cannot be made as asked (a missing photo, a QR code to a page not built)."""


@dataclass(frozen=True)
class PrintPhoto:
    """A derived JPEG of the image pipeline: ``path`` relative to the output folder, never an original."""

    path: str
    width: int
    height: int


@dataclass(frozen=True)
class PrintItem:
    """One product as printed in one language."""

    product: Product
    title: str
    other_title: str | None  # the other language's title, for bilingual booth labels
    summary: str
    photo: PrintPhoto  # the catalogue's
    label_photo: PrintPhoto  # the booth label's, smaller
    url: str  # the page the QR code opens, with the campaign parameters
    qr: str  # data: URI of the SVG code
    price: str
    foreign_prices: tuple[str, ...]
    availability: str


@dataclass(frozen=True)
class Section:
    category: Category
    items: tuple[PrintItem, ...]


@dataclass(frozen=True)
class Cover:
    photo: PrintPhoto | None
    url: str
    qr: str
    display_url: str  # the address without campaign parameters, to type in by hand


# A label's photo is 32 mm wide (print/labels.css): at 300 dpi that is 378 pixels.
LABEL_PHOTO_PX = round(32 / 25.4 * 300)


def print_photo(imageset: Any, min_width: int | None = None) -> PrintPhoto:
    """The "print" rendition's largest JPEG, or without that role, the largest "gallery" JPEG.

    With ``min_width``, the smallest JPEG of any role at least that wide instead: a booth label's small photo
    needs no more, and a sheet of labels stays a few megabytes. Always a derivative, never the original.
    """
    roles = getattr(imageset, "roles", {})
    rendition = roles.get("print") or roles.get("gallery")
    if rendition is None:
        raise PrintError(f"no 'print' or 'gallery' derivative among roles {sorted(roles)}")
    variants = [v for v in rendition.variants if v.format == "jpeg"] or list(rendition.variants)
    best = max(variants, key=lambda v: v.width)
    if min_width is not None:
        wide = [v for r in roles.values() for v in r.variants if v.format == "jpeg" and v.width >= min_width]
        best = min(wide, key=lambda v: v.width, default=best)
    return PrintPhoto(best.path, best.width, best.height)


def foreign_prices(product: Product, rates: Rates, currencies: tuple[str, ...], locale: str) -> tuple[str, ...]:
    """``("US$89",)`` for a price, ``("US$60 – US$120",)`` for a range, ``()`` on request or without a rate."""
    amounts = [product.price] if product.price is not None else [product.price_min, product.price_max]
    if any(a is None for a in amounts):
        return ()
    out = []
    for currency in currencies:
        converted = [rates.convert(a, currency) for a in amounts if a is not None]
        if any(c is None for c in converted):
            continue
        out.append(" – ".join(format_currency(round(c), currency, format="¤#,##0", locale=locale,  # type: ignore[arg-type]
                                              currency_digits=False) for c in converted))
    return tuple(out)


class Planner:
    """Turns the catalogue into printable items for one language, checking every QR target was written."""

    def __init__(self, catalogue: Catalogue, images: dict[str, Any], urls: Urls, siteurl: str, event: str,
                 written: set[str], translations: gettext.NullTranslations, rates: Rates,
                 currencies: tuple[str, ...]):
        self.catalogue = catalogue
        self.images = images
        self.urls = urls
        self.siteurl = siteurl
        self.event = event
        self.written = written
        self.t = translations
        self.rates = rates
        self.currencies = currencies
        self.fmt = Formatter(urls.lang)
        self._items: dict[str, PrintItem] = {}

    @property
    def lang(self) -> str:
        return self.urls.lang

    def page_url(self, route: Route) -> str:
        """The public address of a page this build wrote; a PrintError if it wrote no such page."""
        save_as = self.urls.save_as(route)
        if save_as not in self.written:
            raise PrintError(f"a QR code would point to {save_as}, which this build did not write")
        return f"{self.siteurl}/{self.urls.path(route)}"

    def photo(self, product: Product, min_width: int | None = None) -> PrintPhoto:
        imageset = self.images.get(product.cover.key)
        if imageset is None:
            raise PrintError(f"{product.cover.key}: the image pipeline made no derivative of this photo")
        return print_photo(imageset, min_width)

    def item(self, product: Product) -> PrintItem:
        if product.slug not in self._items:
            text = product.t(self.lang)
            other = product.t("en" if self.lang == "id" else "id")
            url = campaign_url(self.page_url(Route("product", product.slug)), self.event)
            if product.availability == "ready":
                availability = self.t.gettext("Ready to ship")
            else:
                days = product.lead_time_days or 0
                availability = self.t.ngettext("Made to order in %(num)s day", "Made to order in %(num)s days",
                                               days) % {"num": days}
            self._items[product.slug] = PrintItem(
                product=product, title=text.title,
                other_title=None if other.title == text.title else other.title,
                summary=text.summary, photo=self.photo(product),
                label_photo=self.photo(product, LABEL_PHOTO_PX), url=url, qr=qr_svg(url),
                price=self.price(product),
                foreign_prices=foreign_prices(product, self.rates, self.currencies, self.fmt.locale),
                availability=availability,
            )
        return self._items[product.slug]

    def price(self, product: Product) -> str:
        """Each amount kept on one line ("IDR\u00a0400,000"); a range may break only at its dash."""
        text = self.fmt.price(product, self.t.gettext("Price on request"))
        if product.sort_price is None:
            return text
        return text.replace(" ", "\u00a0").replace("\u00a0–\u00a0", " – ")

    def sections(self, products: tuple[Product, ...]) -> list[Section]:
        """Products by category, in the order of data/categories.yml, each category by title."""
        out = []
        for key, category in self.catalogue.ref.categories.items():
            chosen = sorted((p for p in products if p.category.key == key),
                            key=lambda p: p.t(self.lang).title.casefold())
            if chosen:
                out.append(Section(category, tuple(self.item(p) for p in chosen)))
        return out

    def cover(self, selection: Selection | None, products: tuple[Product, ...]) -> Cover:
        """The cover's code opens the selection's own page (a category, region or artisan), else the home page."""
        keys = selection.keys if selection is not None else ()
        route = Route(keys[0][0], keys[0][1]) if len(keys) == 1 else Route("home")
        address = self.page_url(route)
        featured = next((p for p in products if p.featured), products[0] if products else None)
        url = campaign_url(address, self.event)
        return Cover(self.photo(featured) if featured else None, url, qr_svg(url),
                     address.removeprefix("https://").removeprefix("http://"))

    def title(self, selection: Selection | None) -> str:
        """The selection's name in this language: "Batik", "Bangkalan Regency", an artisan's name."""
        if selection is None:
            return ""
        names = []
        for name, key in selection.keys:
            if name == "category":
                names.append(self.catalogue.ref.categories[key].name[self.lang])
            elif name == "region":
                names.append(self.catalogue.ref.regions[key].name[self.lang])
            else:
                artisan = next(a for a in self.catalogue.artisans if a.slug == key)
                names.append(artisan.name[self.lang])
        return " · ".join(names)
