"""schema.org JSON-LD for product and artisan pages."""

from __future__ import annotations

import json
from typing import Any

from ..model.model import Artisan, Product, Shipping

AVAILABILITY = {"ready": "https://schema.org/InStock", "made-to-order": "https://schema.org/MadeToOrder"}


def to_script(data: dict[str, Any]) -> str:
    """JSON safe to place inside <script type="application/ld+json">."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def artisan_jsonld(artisan: Artisan, lang: str, url: str, image: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": artisan.name[lang],
        "description": artisan.t(lang).summary,
        "url": url,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": artisan.village,
            "addressRegion": "Jawa Timur",
            "addressCountry": "ID",
        },
        "sameAs": [s.url for s in artisan.storefronts],
    }
    if artisan.founded:
        data["foundingDate"] = str(artisan.founded)
    if image:
        data["logo"] = image
    return data


def shipping_details(shipping: Shipping) -> list[dict[str, Any]]:
    """schema.org OfferShippingDetails for what the facts say: Indonesia (ships or not), and the whole world
    when the artisan ships abroad; "no" abroad has no region to name, "ask" and unknown facts say nothing.
    Dispatch days are the handling time.

    >>> [d["shippingDestination"].get("addressCountry") for d in shipping_details(Shipping(True, "yes", 3))]
    ['ID', None]
    """
    handling = None
    if shipping.dispatch_days:
        handling = {"@type": "ShippingDeliveryTime", "handlingTime": {
            "@type": "QuantitativeValue", "minValue": 0, "maxValue": shipping.dispatch_days, "unitCode": "DAY"}}
    out: list[dict[str, Any]] = []
    destinations: list[tuple[dict[str, Any], bool]] = []
    if shipping.indonesia is not None:
        destinations.append(({"@type": "DefinedRegion", "addressCountry": "ID"}, shipping.indonesia))
    if shipping.abroad == "yes":
        # schema.org has no country code for "anywhere": a region named so, as Google's own examples leave it open.
        destinations.append(({"@type": "DefinedRegion", "name": "Worldwide"}, True))
    for region, ships in destinations:
        detail: dict[str, Any] = {"@type": "OfferShippingDetails", "shippingDestination": region}
        if not ships:
            detail["doesNotShip"] = True
        elif handling:
            detail["deliveryTime"] = handling
        out.append(detail)
    return out


def product_jsonld(product: Product, lang: str, url: str, images: list[str], artisan_url: str) -> dict[str, Any]:
    text = product.t(lang)
    offer_url = product.storefronts[0].url if product.storefronts else url
    offers: dict[str, Any] = {
        "priceCurrency": "IDR",
        "availability": AVAILABILITY[product.availability],
        "url": offer_url,
        "seller": {"@type": "Organization", "name": product.artisan.name[lang], "url": artisan_url},
    }
    if product.price is not None:
        offers.update({"@type": "Offer", "price": product.price})
    elif product.price_min is not None:
        offers.update({"@type": "AggregateOffer", "lowPrice": product.price_min, "highPrice": product.price_max,
                       "offerCount": len(product.storefronts) or 1})
    else:
        offers["@type"] = "Offer"
    shipping = shipping_details(product.shipping)
    if shipping:
        offers["shippingDetails"] = shipping
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": text.title,
        "description": text.summary,
        "image": images,
        "url": url,
        "sku": product.slug,
        "category": product.category.name[lang],
        "brand": {"@type": "Brand", "name": product.artisan.name[lang]},
        "manufacturer": {"@type": "Organization", "name": product.artisan.name[lang], "url": artisan_url},
        "offers": offers,
    }
    if text.materials:
        data["material"] = ", ".join(text.materials)
    if product.weight_g:
        data["weight"] = {"@type": "QuantitativeValue", "value": product.weight_g, "unitCode": "GRM"}
    return data


def breadcrumb_jsonld(trail: list[tuple[str, str]]) -> dict[str, Any]:
    """A BreadcrumbList from (name, url) pairs, outermost first.

    >>> breadcrumb_jsonld([("Products", "/en/products/")])["itemListElement"][0]["position"]
    1
    """
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [{"@type": "ListItem", "position": n, "name": name, "item": url}
                            for n, (name, url) in enumerate(trail, start=1)],
    }
