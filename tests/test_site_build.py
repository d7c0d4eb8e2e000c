"""The built site keeps the foundation's promises: every page in both languages, translations linked both ways,
storefront buttons, prices and dates through Babel, schema.org data, and the fallback for a missing translation."""

from __future__ import annotations

import math
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from babel.messages.pofile import read_po
from catalogue.settings import DEFAULTS
from conftest import ROOT, build_site, check_tree, make_scenario
from expected import Tree, name_in
from htmlpage import Element, alternates, file_for, jsonld, parse, site_pages

LANGS = ("id", "en")
# The URL scheme the catalogue promises, per language.
ROUTES = {
    "id": {"home": "/", "products": "/produk/", "product": "/produk/{}/", "artisans": "/perajin/",
           "artisan": "/perajin/{}/", "category": "/kategori/{}/", "region": "/wilayah/{}/",
           "paged": "{}halaman/{}/", "404": "/404.html"},
    "en": {"home": "/en/", "products": "/en/products/", "product": "/en/products/{}/", "artisans": "/en/artisans/",
           "artisan": "/en/artisans/{}/", "category": "/en/categories/{}/", "region": "/en/regions/{}/",
           "paged": "{}page/{}/", "404": "/en/404.html"},
}
DEMO = Tree(ROOT / "content")


def url_of(site: Path, html_file: Path) -> str:
    rel = html_file.relative_to(site).as_posix()
    return "/" + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)


def lang_of(url: str) -> str:
    return "en" if url.startswith("/en/") else "id"


def po_strings(lang: str) -> dict[str, str]:
    with (ROOT / "theme" / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return {str(m.id): m.string for m in read_po(fh, locale=lang) if m.id and isinstance(m.id, str)}


def page_size() -> int:
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py")).get("CATALOGUE_PAGE_SIZE", DEFAULTS["CATALOGUE_PAGE_SIZE"])


def card_links(doc: Element) -> list[str]:
    return [card.find("a").attrs["href"] for card in doc.find("main").find_all("li", class_="card")]


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Tree, Path]:
    """The small valid base, published under an absolute SITEURL."""
    root = tmp_path_factory.mktemp("siteurl")
    content = make_scenario("base", root)
    return Tree(content), build_site(content, root / "output", SITEURL="https://example.org")


@pytest.fixture(scope="module")
def price_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Tree, Path]:
    root = tmp_path_factory.mktemp("prices")
    content = make_scenario("price-range-and-on-request", root)
    return Tree(content), build_site(content, root / "output")


# -- every page in both languages ------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_and_browse_page_is_built_in_both_languages(demo_site: Path, lang: str) -> None:
    r = ROUTES[lang]
    expected = [r["home"], r["products"], r["artisans"], r["404"]]
    expected += [r["product"].format(s) for s in DEMO.products]
    expected += [r["artisan"].format(s) for s in DEMO.artisans]
    expected += [r["category"].format(k) for k in DEMO.categories]
    expected += [r["region"].format(k) for k in DEMO.regions]
    expected += [f"/{'en/' if lang == 'en' else ''}{slugs[lang]}/" for slugs in DEMO.page_slugs().values()]
    missing = [url for url in expected if not file_for(demo_site, url).is_file()]
    assert not missing
    assert len(DEMO.regions) == 38 and {"about", "join"} <= set(DEMO.page_slugs())
    built_products = {p.parent.name for p in file_for(demo_site, r["products"]).parent.glob("*/index.html")}
    # Every product folder has a page, and no page exists without a product (halaman/page hold pagination).
    assert built_products - {"halaman", "page"} == set(DEMO.products)


@pytest.mark.parametrize("lang", LANGS)
def test_all_products_grid_is_paginated_and_lists_every_product_once(demo_site: Path, lang: str) -> None:
    size = page_size()
    pages = math.ceil(len(DEMO.products) / size)
    assert pages >= 2, "the demo should be large enough to need a second page"
    first = ROUTES[lang]["products"]
    urls = [first] + [ROUTES[lang]["paged"].format(first, n) for n in range(2, pages + 1)]
    seen: list[str] = []
    for number, url in enumerate(urls, start=1):
        doc = parse(file_for(demo_site, url))
        links = card_links(doc)
        assert 0 < len(links) <= size
        seen += links
        nav = doc.find("nav", class_="pagination")
        nexts = [a.attrs["href"] for a in nav.find_all("a", rel="next")]
        assert nexts == ([urls[number]] if number < pages else [])
    assert not file_for(demo_site, ROUTES[lang]["paged"].format(first, pages + 1)).exists()
    assert sorted(seen) == sorted(ROUTES[lang]["product"].format(s) for s in DEMO.products)


def test_artisans_directory_lists_every_artisan(demo_site: Path) -> None:
    for lang in LANGS:
        doc = parse(file_for(demo_site, ROUTES[lang]["artisans"]))
        hrefs = {a.attrs["href"] for a in doc.find("main").find_all("a")}
        assert {ROUTES[lang]["artisan"].format(s) for s in DEMO.artisans} <= hrefs


def test_product_and_artisan_pages_have_their_own_title_and_description(demo_site: Path) -> None:
    for lang in LANGS:
        for slug in DEMO.products:
            facts = DEMO.product(slug, lang)
            doc = parse(file_for(demo_site, ROUTES[lang]["product"].format(slug)))
            assert doc.find("title").text.startswith(facts["title"] + " · "), (slug, lang)
            assert doc.find("meta", name="description").attrs["content"] == " ".join(facts["summary"].split())
        for slug in DEMO.artisans:
            doc = parse(file_for(demo_site, ROUTES[lang]["artisan"].format(slug)))
            assert doc.find("title").text.split(" · ")[0] == doc.find("h1").text, (slug, lang)


# -- languages linked both ways --------------------------------------------------------------------

def test_every_page_has_its_language_hreflang_alternates_and_a_switcher_to_its_translation(demo_site: Path) -> None:
    pages = site_pages(demo_site)
    assert len(pages) > 2 * (len(DEMO.products) + len(DEMO.artisans) + len(DEMO.regions))
    problems = []
    for path in pages:
        url = url_of(demo_site, path)
        lang, other = lang_of(url), "en" if lang_of(url) == "id" else "id"
        doc = parse(path)
        alt = alternates(doc)
        if doc.find("html").attrs.get("lang") != lang:
            problems.append(f"{url}: <html lang> is {doc.find('html').attrs.get('lang')!r}")
        if set(alt) != {"id", "en", "x-default"} or alt["id"] != alt["x-default"] or alt[lang] != url:
            problems.append(f"{url}: alternates {alt}")
            continue
        switch = doc.find("a", class_="lang-switch")
        if switch.attrs["href"] != alt[other] or switch.attrs.get("hreflang") != other:
            problems.append(f"{url}: switcher goes to {switch.attrs['href']}, translation is {alt[other]}")
        target = file_for(demo_site, alt[other])
        if not target.is_file():
            problems.append(f"{url}: translation {alt[other]} was not built")
            continue
        back = parse(target)
        if alternates(back).get(lang) != url or back.find("a", class_="lang-switch").attrs["href"] != url:
            problems.append(f"{url}: {alt[other]} does not link back")
    assert not problems, "\n".join(problems[:20])


def test_absolute_siteurl_makes_every_alternate_absolute(small_site: tuple[Tree, Path]) -> None:
    _, site = small_site
    pages = site_pages(site)
    assert pages
    for path in pages:
        url = url_of(site, path)
        doc = parse(path)
        alt = alternates(doc)
        assert set(alt) == {"id", "en", "x-default"}, url
        assert alt[lang_of(url)] == f"https://example.org{url}"
        for href in [*alt.values(), doc.find("a", class_="lang-switch").attrs["href"],
                     doc.find("link", rel="canonical").attrs["href"]]:
            parts = urlsplit(href)
            assert (parts.scheme, parts.netloc) == ("https", "example.org"), f"{url}: {href}"
            assert file_for(site, parts.path).is_file(), f"{url}: {href}"


# -- storefront buttons ----------------------------------------------------------------------------

def whatsapp_digits(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return "62" + digits[1:] if digits.startswith("0") else digits


@pytest.mark.parametrize("lang", LANGS)
def test_storefront_buttons_follow_the_content(demo_site: Path, lang: str) -> None:
    own = [s for s in DEMO.products if DEMO.product(s).get("storefronts")]
    assert own and len(own) < len(DEMO.products), "the demo should show both own and inherited storefronts"
    for slug in DEMO.products:
        facts = DEMO.product(slug, lang)
        doc = parse(file_for(demo_site, ROUTES[lang]["product"].format(slug)))
        buttons = doc.find("ul", class_="storefronts").find_all("a")
        shops = [a for a in buttons if "button--whatsapp" not in a.attrs["class"].split()]
        expected = DEMO.storefronts(slug)
        assert [a.attrs["href"] for a in shops] == [s["url"] for s in expected], slug
        for a, shop in zip(shops, expected, strict=True):
            assert name_in(DEMO.platforms[shop["platform"]]["name"], lang) in a.text, (slug, a.text)
            assert {"external", "noopener"} <= set(a.attrs.get("rel", "").split())
        number = DEMO.artisan(facts["artisan"]).get("whatsapp")
        chats = [a for a in buttons if "button--whatsapp" in a.attrs["class"].split()]
        assert len(chats) == (1 if number else 0), slug
        if chats:
            href = urlsplit(chats[0].attrs["href"])
            assert (href.scheme, href.netloc, href.path) == ("https", "wa.me", "/" + whatsapp_digits(str(number)))
            assert href.path.startswith("/62")
            assert facts["title"] in parse_qs(href.query)["text"][0]
            assert {"external", "noopener"} <= set(chats[0].attrs.get("rel", "").split())


def test_whatsapp_message_is_written_in_the_pages_language(demo_site: Path) -> None:
    slug = next(s for s in DEMO.products if DEMO.artisan(DEMO.product(s)["artisan"]).get("whatsapp")
                and DEMO.product(s, "en")["title"] != DEMO.product(s)["title"])
    wording = {}
    for lang in LANGS:
        page = ROUTES[lang]["product"].format(slug)
        href = parse(file_for(demo_site, page)).find("a", class_="button--whatsapp").attrs["href"]
        text = parse_qs(urlsplit(href).query)["text"][0]
        other_title = DEMO.product(slug, "en" if lang == "id" else "id")["title"]
        assert DEMO.product(slug, lang)["title"] in text and other_title not in text
        assert page in text
        wording[lang] = text.replace(DEMO.product(slug, lang)["title"], "").replace(page, "")
    assert wording["id"] != wording["en"]


def test_product_without_storefronts_shows_its_artisans(small_site: tuple[Tree, Path]) -> None:
    tree, site = small_site
    assert not tree.product("kain-contoh").get("storefronts")
    artisan_links = [s["url"] for s in tree.artisan("perajin-contoh")["storefronts"]]
    for lang in LANGS:
        doc = parse(file_for(site, ROUTES[lang]["product"].format("kain-contoh")))
        hrefs = [a.attrs["href"] for a in doc.find("ul", class_="storefronts").find_all("a")]
        assert hrefs[: len(artisan_links)] == artisan_links
        assert hrefs[len(artisan_links):][0].startswith("https://wa.me/6281234567890?text=")


# -- prices and dates -----------------------------------------------------------------------------

def price_text(site: Path, lang: str, slug: str) -> str:
    return parse(file_for(site, ROUTES[lang]["product"].format(slug))).find("p", class_="price").text


def test_price_is_formatted_per_language(small_site: tuple[Tree, Path]) -> None:
    _, site = small_site
    assert price_text(site, "id", "kain-contoh") == "Rp350.000"
    assert price_text(site, "en", "kain-contoh") == "IDR 350,000"


def test_price_range_and_price_on_request(price_site: tuple[Tree, Path]) -> None:
    tree, site = price_site
    facts = tree.product("kain-rentang-harga")
    assert (facts["price_min"], facts["price_max"]) == (250000, 1250000)
    assert re.fullmatch(r"Rp250\.000 \S Rp1\.250\.000", price_text(site, "id", "kain-rentang-harga"))
    assert re.fullmatch(r"IDR 250,000 \S IDR 1,250,000", price_text(site, "en", "kain-rentang-harga"))
    on_request = po_strings("id")["Price on request"]
    assert on_request and on_request != "Price on request"
    assert price_text(site, "id", "kain-harga-tanya") == on_request
    assert price_text(site, "en", "kain-harga-tanya") == "Price on request"


def test_dates_are_written_out_per_language(small_site: tuple[Tree, Path]) -> None:
    tree, site = small_site
    assert str(tree.product("kain-contoh")["added"]) == "2026-08-17"
    for lang, text in (("id", "17 Agustus 2026"), ("en", "17 August 2026")):
        doc = parse(file_for(site, ROUTES[lang]["product"].format("kain-contoh")))
        times = [t for t in doc.find_all("time") if t.attrs.get("datetime") == "2026-08-17"]
        assert [t.text for t in times] == [text]


# -- schema.org ------------------------------------------------------------------------------------

def test_every_product_page_has_complete_product_jsonld(demo_site: Path) -> None:
    for slug in DEMO.products:
        for lang in LANGS:
            facts = DEMO.product(slug, lang)
            blocks = [b for b in jsonld(parse(file_for(demo_site, ROUTES[lang]["product"].format(slug))))
                      if b.get("@type") == "Product"]
            assert len(blocks) == 1, (slug, lang)
            data = blocks[0]
            assert data["@context"] == "https://schema.org"
            assert (data["name"], data["description"]) == (facts["title"], facts["summary"])
            assert data["image"] and all(file_for(demo_site, url).is_file() for url in data["image"])
            assert data["brand"]["name"]
            offers = data["offers"]
            assert offers["priceCurrency"] == "IDR"
            if "price" in facts:
                assert (offers["@type"], offers["price"]) == ("Offer", facts["price"])
            elif "price_min" in facts:
                assert (offers["@type"], offers["lowPrice"], offers["highPrice"]) == (
                    "AggregateOffer", facts["price_min"], facts["price_max"])
            assert offers["availability"] == {"ready": "https://schema.org/InStock",
                                              "made-to-order": "https://schema.org/MadeToOrder"}[facts["availability"]]
            assert offers["url"] == DEMO.storefronts(slug)[0]["url"]


def test_price_range_jsonld_is_an_aggregate_offer(price_site: tuple[Tree, Path]) -> None:
    _, site = price_site
    data = next(b for b in jsonld(parse(file_for(site, "/produk/kain-rentang-harga/"))) if b["@type"] == "Product")
    assert data["offers"]["@type"] == "AggregateOffer"
    assert (data["offers"]["lowPrice"], data["offers"]["highPrice"]) == (250000, 1250000)
    assert data["offers"]["availability"] == "https://schema.org/MadeToOrder"


def test_every_artisan_page_describes_the_artisan(demo_site: Path) -> None:
    for slug in DEMO.artisans:
        for lang in LANGS:
            blocks = jsonld(parse(file_for(demo_site, ROUTES[lang]["artisan"].format(slug))))
            people = [b for b in blocks if b.get("@type") in ("Organization", "Person")]
            assert len(people) == 1, (slug, lang)
            assert people[0]["name"] == DEMO.artisan(slug)["name"] or lang == "en"
            assert people[0]["url"].endswith(ROUTES[lang]["artisan"].format(slug))


# -- a missing English translation ----------------------------------------------------------------

def test_missing_english_translation_falls_back_with_a_notice(tmp_path: Path) -> None:
    content = make_scenario("missing-translation", tmp_path)
    result = check_tree(content)
    assert not result.errors
    assert [(p.path.relative_to(content).as_posix(), p.field, p.code) for p in result.warnings] == [
        ("products/kain-contoh/index.en.md", "file", "translation_missing")]
    site = build_site(content, tmp_path / "output")
    facts = Tree(content).product("kain-contoh")
    en = parse(file_for(site, "/en/products/kain-contoh/"))
    assert en.find("h1").text == facts["title"]
    assert en.find("h1").closest_lang() == "id"
    notices = en.find_all(class_="notice")
    assert len(notices) == 1 and notices[0].closest_lang() == "en" and notices[0].text
    assert not parse(file_for(site, "/produk/kain-contoh/")).find_all(class_="notice")
    # The translated artisan page of the same tree shows no notice.
    assert not parse(file_for(site, "/en/artisans/perajin-contoh/")).find_all(class_="notice")


def test_the_site_a_build_replaces_is_kept_until_the_next_build_removes_it(scenario, tmp_path: Path) -> None:
    content = scenario("base")
    output = tmp_path / "output"
    previous = tmp_path / ".output-previous"
    build_site(content, output)
    assert not previous.exists()
    first = (output / "index.html").read_bytes()
    left = tmp_path / ".output-old-123-456"  # what a build stopped half-way through its removal leaves
    (left / "produk").mkdir(parents=True)
    (left / "produk" / "index.html").write_text("old", encoding="utf-8")

    index = content / "products" / "kain-contoh" / "index.id.md"
    index.write_text(index.read_text(encoding="utf-8").replace("title: Kain Batik Contoh", "title: Kain Baru"),
                     encoding="utf-8")
    build_site(content, output)
    assert (previous / "index.html").read_bytes() == first  # the replaced site, whole
    assert "Kain Baru" in (output / "produk" / "kain-contoh" / "index.html").read_text(encoding="utf-8")
    assert not left.exists()

    build_site(content, output)
    assert "Kain Baru" in (previous / "produk" / "kain-contoh" / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".output-")) == [".output-previous"]


def test_builds_one_after_the_other_in_one_process_do_not_keep_the_earlier_ones_objects(scenario,
                                                                                       tmp_path: Path) -> None:
    """pelican --autoreload (make serve) builds again and again in one process: a build must let go of what the
    build before it loaded, or the server grows with every save."""
    import gc

    from catalogue.model.model import Catalogue

    content = scenario("base")

    def catalogues() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, Catalogue))

    alive = []
    for n in range(4):
        build_site(content, tmp_path / f"out{n}")
        alive.append(catalogues())
    assert alive[3] == alive[1] <= 1, alive  # no module keeps a build's state (test_architecture.py)
    held = check_tree(content).catalogue
    assert held is not None and catalogues() == alive[3] + 1  # one held is counted: the count sees them
