"""What a page says of itself to the apps it is shared in (Open Graph, Twitter cards): chosen here, written by
partials/head/social.html.

Chosen in Python, not by a chain of `set`s in the template: every page's head asks for it, and a product page
renders 10–20 µs sooner (of about 500).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from images.renditions import Variant


@dataclass(frozen=True)
class Card:
    type: str  # "product" or "website"
    title: str
    description: str
    image: Variant | None  # the 1200×630 derivative where there is one, else the page's own photo's largest JPEG
    alt: str

    @property
    def image_type(self) -> str:
        assert self.image is not None
        return "image/jpeg" if self.image.format == "jpeg" else f"image/{self.image.format}"


def card(context: Any, description: str) -> Card:
    """The card of the page ``context`` renders: a product's, an artisan's, a craft's, a text page's, or the site's
    with ``description`` (the site's own, translated), showing the first product of a list when it has no photo."""
    lang = context["lang"]
    site = context["SITENAME"]
    kind, title, photo, alt, role = "website", site, None, "", "gallery"
    product, artisan, category, page = (context.get(name) for name in ("product", "artisan", "category", "page"))
    if product:
        text = product.t(lang)
        kind, title, description = "product", f"{text.title} · {product.artisan.name[lang]}", text.summary
        photo = product.cover
        alt = photo.caption[lang] if photo.caption else text.title
    elif artisan:
        title, description = artisan.name[lang], artisan.t(lang).summary
        if artisan.photo:
            photo, alt, role = artisan.photo, artisan.name[lang], "portrait"
    elif category:
        title, description = f"{category.name[lang]} · {site}", category.description[lang]
    elif page:
        text = page.t(lang)
        title = f"{text.title} · {site}"
        description = text.summary or description
    products = context.get("products")
    if photo is None and products:
        photo, alt = products[0].cover, products[0].t(lang).title
    images = context["images"]
    image = None
    if photo is not None and photo.key in images:
        photos = images[photo.key]
        image = (photos.roles.get("social") or photos.role(role)).fallback()
    return Card(kind, title, description, image, alt)
