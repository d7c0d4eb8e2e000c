"""The catalogue's domain objects, built once from validated entries; templates read only these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .refdata import Category, Certification, Island, Names, Platform, ReferenceData, Region, Tag, Technique
from .schema import Dimensions

LANGS = ("id", "en")


@dataclass(frozen=True)
class Photo:
    """One photo beside an entry; ``key`` is its path under content/, the same in both languages."""

    source: Path
    key: str
    caption: Names | None = None
    digest: str = ""  # sha256 of the file, for duplicate detection and the image cache


@dataclass(frozen=True)
class Storefront:
    platform: Platform
    url: str


@dataclass(frozen=True)
class Text:
    """What an entry says in one language; ``fallback`` when the English file is missing."""

    title: str
    summary: str
    body_html: str
    fallback: bool = False
    motif: str | None = None
    materials: tuple[str, ...] = ()
    size: str | None = None  # a product's size written as text (index.en.md may give it in English)


@dataclass(frozen=True)
class Shipping:
    """How an entry ships; every fact may be unknown (None). ``abroad`` is "yes", "no" or "ask"."""

    indonesia: bool | None = None
    abroad: str | None = None
    dispatch_days: int | None = None
    note: dict[str, str] = field(default_factory=dict)  # language → the note, only in the languages written

    def over(self, base: Shipping) -> Shipping:
        """These facts where known, else ``base``'s: a product's own shipping over its artisan's.

        >>> Shipping(abroad="no").over(Shipping(indonesia=True, abroad="yes")).abroad
        'no'
        """
        return Shipping(
            indonesia=base.indonesia if self.indonesia is None else self.indonesia,
            abroad=self.abroad or base.abroad,
            dispatch_days=self.dispatch_days or base.dispatch_days,
            note=self.note or base.note,
        )

    def __bool__(self) -> bool:
        return self.indonesia is not None or self.abroad is not None or bool(self.dispatch_days or self.note)


@dataclass(frozen=True)
class Artisan:
    slug: str
    name: Names
    region: Region
    island: Island | None  # the region's island at sea the workshop is on; None on the mainland
    village: str
    crafts: tuple[Category, ...]
    founded: int | None
    photo: Photo | None
    whatsapp: str | None
    instagram: str | None
    storefronts: tuple[Storefront, ...]
    certifications: tuple[Certification, ...]
    shipping: Shipping
    texts: dict[str, Text]
    source: Path
    fingerprint: str = ""  # changes whenever the artisan's files or photo change

    def t(self, lang: str) -> Text:
        return self.texts[lang]


@dataclass(frozen=True)
class Product:
    slug: str
    artisan: Artisan
    category: Category
    technique: Technique
    dyes: str | None
    size: str | None  # as written in index.id.md; pages show t(lang).size
    dimensions: Dimensions | None
    sizes: tuple[str, ...]  # clothing or shoe sizes: S, M, L … or 38, 39 …
    custom_size: bool
    weight_g: int | None
    price: int | None
    price_min: int | None
    price_max: int | None
    availability: str
    lead_time_days: int | None
    photos: tuple[Photo, ...]
    own_storefronts: tuple[Storefront, ...]
    tags: tuple[str, ...]
    tag_names: tuple[Tag, ...]  # the tags with their labels, in the same order
    added: dt.date
    certifications: tuple[Certification, ...]
    featured: bool
    texts: dict[str, Text]
    source: Path
    own_shipping: Shipping = Shipping()
    fingerprint: str = ""  # changes whenever anything shown of this product changes (its artisan included)
    card_fingerprint: str = ""  # changes whenever anything its card shows changes (not its story)

    def t(self, lang: str) -> Text:
        return self.texts[lang]

    @property
    def region(self) -> Region:
        return self.artisan.region

    @property
    def island(self) -> Island | None:
        return self.artisan.island

    @property
    def cover(self) -> Photo:
        return self.photos[0]

    @property
    def storefronts(self) -> tuple[Storefront, ...]:
        """The product's own links, or else the artisan's."""
        return self.own_storefronts or self.artisan.storefronts

    @property
    def shipping(self) -> Shipping:
        """The product's own shipping facts over its artisan's."""
        return self.own_shipping.over(self.artisan.shipping)

    @property
    def sort_price(self) -> int | None:
        return self.price if self.price is not None else self.price_min


@dataclass(frozen=True)
class Page:
    key: str
    slugs: Names
    texts: dict[str, Text]
    source: Path

    def t(self, lang: str) -> Text:
        return self.texts[lang]


@dataclass(frozen=True)
class Catalogue:
    """Everything the site shows, with the indexes the browse pages need."""

    ref: ReferenceData
    products: tuple[Product, ...]  # newest first
    artisans: tuple[Artisan, ...]  # by name
    pages: dict[str, Page]
    by_artisan: dict[str, tuple[Product, ...]] = field(default_factory=dict)
    by_category: dict[str, tuple[Product, ...]] = field(default_factory=dict)
    by_region: dict[str, tuple[Product, ...]] = field(default_factory=dict)
    by_tag: dict[str, tuple[Product, ...]] = field(default_factory=dict)
    artisans_by_region: dict[str, tuple[Artisan, ...]] = field(default_factory=dict)

    @classmethod
    def assemble(
        cls, ref: ReferenceData, products: list[Product], artisans: list[Artisan], pages: dict[str, Page]
    ) -> Catalogue:
        products = sorted(products, key=lambda p: (p.added, p.slug), reverse=True)
        artisans = sorted(artisans, key=lambda a: a.name.id.lower())

        def group(items: list, key) -> dict[str, tuple]:  # type: ignore[type-arg]
            out: dict[str, list] = {}  # type: ignore[type-arg]
            for item in items:
                for k in key(item):
                    out.setdefault(k, []).append(item)
            return {k: tuple(v) for k, v in out.items()}

        return cls(
            ref=ref,
            products=tuple(products),
            artisans=tuple(artisans),
            pages=pages,
            by_artisan=group(products, lambda p: [p.artisan.slug]),
            by_category=group(products, lambda p: [p.category.key]),
            by_region=group(products, lambda p: [p.region.key]),
            by_tag=group(products, lambda p: p.tags),
            artisans_by_region=group(artisans, lambda a: [a.region.key]),
        )

    @property
    def featured(self) -> tuple[Product, ...]:
        return tuple(p for p in self.products if p.featured) or self.products[:8]

    @property
    def categories_in_use(self) -> list[Category]:
        return [c for k, c in self.ref.categories.items() if k in self.by_category]

    @property
    def regions_in_use(self) -> list[Region]:
        return [r for k, r in self.ref.regions.items() if k in self.artisans_by_region]
