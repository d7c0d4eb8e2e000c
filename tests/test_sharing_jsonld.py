"""Structured data and social tags: every product page's JSON-LD parses and is complete, Open Graph and Twitter
tags name the page, its photo and its price, and the share links carry the page's absolute URL."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ROOT
from expected import Tree, data, front, name_in
from htmlpage import Element, jsonld, parse
from pelican.settings import read_settings
from PIL import Image

DEMO = Tree(ROOT / "content")
PAGES = {"id": ("produk/{}/index.html", "perajin/{}/index.html"),
         "en": ("en/products/{}/index.html", "en/artisans/{}/index.html")}


def base_url() -> str:
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    return (settings["SITEURL"] or settings["SHARING_SITEURL"]).rstrip("/")


def meta(doc: Element) -> dict[str, str]:
    out = {}
    for el in doc.find("head").find_all("meta"):
        key = el.attrs.get("property") or el.attrs.get("name")
        if key:
            out.setdefault(key, el.attrs.get("content", ""))
    return out


def by_type(blocks: list[dict], kind: str) -> dict:
    found = [b for b in blocks if b.get("@type") == kind]
    assert len(found) == 1, f"expected one {kind} block, got {[b.get('@type') for b in blocks]}"
    return found[0]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_product_page_has_complete_product_and_breadcrumb_data(demo_site: Path, lang: str) -> None:
    categories = data(DEMO.content, "categories")
    for slug in DEMO.products:
        facts = DEMO.product(slug, lang)
        doc = parse(demo_site / PAGES[lang][0].format(slug))
        canonical = doc.find("link", rel="canonical").attrs["href"]
        blocks = jsonld(doc)
        product = by_type(blocks, "Product")
        assert product["@context"] == "https://schema.org"
        assert product["name"] == facts["title"]
        assert product["sku"] == slug
        assert product["image"] and all(isinstance(i, str) and i for i in product["image"])
        artisan_name = DEMO.artisan(facts["artisan"])["name"]
        english = DEMO.content / "artisans" / facts["artisan"] / "index.en.md"
        if lang == "en" and english.is_file():
            artisan_name = front(english).get("name", artisan_name)
        assert product["brand"] == {"@type": "Brand", "name": artisan_name}
        assert product["manufacturer"]["@type"] in ("Organization", "Person")
        assert product["manufacturer"]["name"] == product["brand"]["name"]
        offers = product["offers"]
        assert offers["priceCurrency"] == "IDR"
        assert offers["availability"].startswith("https://schema.org/")
        if "price" in facts:
            assert offers["@type"] == "Offer" and int(offers["price"]) == int(facts["price"])
        elif "price_min" in facts:
            assert offers["@type"] == "AggregateOffer"
            assert (int(offers["lowPrice"]), int(offers["highPrice"])) == (int(facts["price_min"]),
                                                                          int(facts["price_max"]))
        else:
            assert offers["@type"] == "Offer" and "price" not in offers
        crumbs = by_type(blocks, "BreadcrumbList")["itemListElement"]
        assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
        assert all(c["@type"] == "ListItem" and c["name"] and c["item"] for c in crumbs)
        assert crumbs[-1]["item"] == canonical and crumbs[-1]["name"] == facts["title"]
        assert crumbs[-2]["name"] == name_in(categories[facts["category"]]["name"], lang)
        assert crumbs[0]["item"] == ("/" if lang == "id" else "/en/")


def test_every_artisan_page_describes_the_artisan(demo_site: Path) -> None:
    for lang in ("id", "en"):
        for slug in DEMO.artisans:
            doc = parse(demo_site / PAGES[lang][1].format(slug))
            data = [b for b in jsonld(doc) if b.get("@type") in ("Organization", "Person")]
            assert len(data) == 1 and data[0]["url"] == doc.find("link", rel="canonical").attrs["href"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_product_pages_have_open_graph_and_twitter_tags(demo_site: Path, lang: str) -> None:
    base = base_url()
    for slug in DEMO.products:
        facts = DEMO.product(slug, lang)
        path = demo_site / PAGES[lang][0].format(slug)
        doc = parse(path)
        tags = meta(doc)
        canonical = doc.find("link", rel="canonical").attrs["href"]
        assert tags["og:type"] == "product"
        assert tags["og:url"] == base + canonical
        assert tags["og:title"].startswith(facts["title"])
        assert tags["og:description"] == facts["summary"]
        assert tags["og:locale"] == {"id": "id_ID", "en": "en_GB"}[lang]
        image = tags["og:image"]
        assert image.startswith(base + "/")
        image_file = demo_site / urlsplit(image).path.lstrip("/")
        assert image_file.is_file(), image
        with Image.open(image_file) as im:
            assert (im.width, im.height) == (int(tags["og:image:width"]), int(tags["og:image:height"]))
        # The social derivative is 1200×630 where the images plugin writes one; a gallery size otherwise.
        assert im.width >= 600
        assert tags["twitter:card"] == "summary_large_image"
        assert tags["twitter:image"] == image
        if "price" in facts:
            assert tags["product:price:amount"] == str(facts["price"])
            assert tags["product:price:currency"] == "IDR"
        elif "price_min" not in facts:
            assert "product:price:amount" not in tags


def test_other_pages_have_open_graph_tags_too(demo_site: Path) -> None:
    base = base_url()
    for rel in ("index.html", "en/index.html", "produk/index.html", "en/artisans/index.html"):
        doc = parse(demo_site / rel)
        tags = meta(doc)
        assert tags["og:type"] == "website"
        assert tags["og:url"] == base + doc.find("link", rel="canonical").attrs["href"]
        assert tags["og:title"] and tags["og:description"] and tags["og:image"].startswith(base + "/")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_share_links_carry_the_pages_absolute_url_without_third_party_scripts(demo_site: Path, lang: str) -> None:
    base = base_url()
    for slug in DEMO.products:
        doc = parse(demo_site / PAGES[lang][0].format(slug))
        url = base + doc.find("link", rel="canonical").attrs["href"]
        box = doc.find("div", class_="share")
        links = {urlsplit(a.attrs["href"]).netloc: a.attrs["href"] for a in box.find_all("a")}
        whatsapp = parse_qs(urlsplit(links["wa.me"]).query)["text"][0]
        assert whatsapp.endswith(url)
        assert parse_qs(urlsplit(links["www.facebook.com"]).query)["u"] == [url]
        assert box.attrs["data-share-url"] == url
        for button in box.find_all("button"):
            assert "hidden" in button.attrs  # shown by share.js only where the browser can copy or share
        scripts = [s.attrs["src"] for s in doc.find_all("script") if "src" in s.attrs]
        assert all(urlsplit(src).netloc == "" for src in scripts), scripts
        assert not [s for s in doc.find_all("script") if "src" not in s.attrs
                    and s.attrs.get("type") != "application/ld+json"], "inline script"
