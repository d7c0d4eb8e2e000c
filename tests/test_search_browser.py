"""Search in Chromium against the built demo: words in both languages, stemming, combined filters, shareable
URLs, axe, and every product reachable with JavaScript off. Expectations come from the content tree."""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from catalogue.model.model import Catalogue
from catalogue.model.urls import DEFAULT_ROUTES, Route, Urls
from catalogue.reading.loader import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    result = load_catalogue(ROOT / "content")
    assert result.catalogue is not None
    return result.catalogue


def urls_for(catalogue: Catalogue, lang: str) -> Urls:
    return Urls(lang, "", DEFAULT_ROUTES, {k: p.slugs for k, p in catalogue.pages.items()})


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def all_results(page) -> list[str]:
    """Wait for the search to settle, open every "show more", and return the result links' paths."""
    status = page.locator("#search-status")
    status.filter(has_text=re.compile(r"\d|Tidak|No ")).wait_for()
    more = page.locator("#search-more")
    while more.is_visible():
        count = page.locator("#search-list li").count()
        more.click()
        page.locator("#search-list li").nth(count).wait_for()  # (no wait_for_function: the CSP forbids eval)
    return [urlparse(h).path for h in page.locator("#search-list li a").evaluate_all("as => as.map(a => a.href)")]


def checkbox(page, facet: str, value: str):
    """The checkbox of one facet value; its accessible name is the value then its count, "Batik (17)"."""
    return page.get_by_role("group", name=facet).get_by_role("checkbox", name=re.compile(f"^{re.escape(value)} \\("))


def search(page, path: str, term: str) -> list[str]:
    page.goto(path)
    page.get_by_role("searchbox", name=re.compile("Cari kata|Search for")).fill(term)
    page.get_by_role("searchbox", name=re.compile("Cari kata|Search for")).press("Enter")
    page.wait_for_url(re.compile(r"\?q="))
    return all_results(page)


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "term"), [("id", "tenun"), ("en", "woven")])
def test_a_word_finds_every_product_whose_title_has_it(page, catalogue: Catalogue, lang: str, term: str) -> None:
    urls = urls_for(catalogue, lang)
    expected = {urls.path(Route("product", p.slug)) for p in catalogue.products if term in words(p.t(lang).title)}
    assert expected, f"the demo has no {lang} title with {term!r}: pick another word"
    found = search(page, "/" + urls.path(Route("search")), term)
    assert expected <= {p.lstrip("/") for p in found}
    # Results are in the page's language only.
    prefix = "en/" if lang == "en" else ""
    assert all(p.lstrip("/").startswith(prefix + ("products/" if lang == "en" else "produk/")) for p in found)
    first = page.locator("#search-list li").first
    assert first.locator("img").get_attribute("src")
    assert first.locator(".search-item__artisan").inner_text().strip()
    assert first.locator(".search-item__region").inner_text().strip()
    assert first.locator(".search-item__price").inner_text().strip()


@pytest.mark.browser
def test_indonesian_stemming_finds_batik_for_membatik(page, catalogue: Catalogue) -> None:
    """Pagefind's Indonesian stemmer strips the me- prefix: "membatik" also finds pages that only say "batik"."""
    urls = urls_for(catalogue, "id")

    def text(p) -> set[str]:
        t = p.t("id")
        return words(" ".join([t.title, t.summary, re.sub(r"<[^>]+>", " ", t.body_html)]))

    only_batik = {urls.path(Route("product", p.slug)) for p in catalogue.products
                  if "batik" in words(p.t("id").title) and "membatik" not in text(p)}
    assert only_batik
    found = {p.lstrip("/") for p in search(page, "/cari/", "membatik")}
    assert only_batik <= found


@pytest.mark.browser
def test_two_filters_narrow_to_exactly_the_expected_products_and_the_url_restores_them(
        page, context, catalogue: Catalogue) -> None:
    urls = urls_for(catalogue, "id")
    # A craft and a region that each narrow the other: the largest such intersection in the demo.
    pairs = [(len(both), r, c) for r, in_region in catalogue.by_region.items() for c in catalogue.by_category
             if (both := [p for p in in_region if p.category.key == c])
             and len(both) < len(in_region) and len(both) < len(catalogue.by_category[c])]
    assert pairs, "the demo has no craft and region that narrow each other"
    _, region, category = max(pairs)
    expected = {urls.path(Route("product", p.slug)) for p in catalogue.by_region[region] if p.category.key == category}
    region_name = catalogue.ref.regions[region].name["id"]
    category_name = catalogue.ref.categories[category].name["id"]
    page.goto("/cari/")
    checkbox(page, "Kerajinan", category_name).check()
    all_results(page)
    checkbox(page, "Wilayah", region_name).check()
    page.wait_for_url(re.compile("region="))
    assert {p.lstrip("/") for p in all_results(page)} == expected
    shared = page.url
    assert "category=" in shared and "region=" in shared

    page.reload()
    assert {p.lstrip("/") for p in all_results(page)} == expected
    assert checkbox(page, "Wilayah", region_name).is_checked()

    other = context.new_page()
    other.goto(shared)
    assert {p.lstrip("/") for p in all_results(other)} == expected
    # Back: only the craft filter again, as before the region was ticked.
    page.go_back()
    page.wait_for_url(lambda url: "region=" not in url)
    assert not checkbox(page, "Wilayah", region_name).is_checked()
    assert {p.lstrip("/") for p in all_results(page)} == {
        urls.path(Route("product", p.slug)) for p in catalogue.by_category[category]}
    # The count beside a region value is what ticking it alone would give with the craft filter.
    count = checkbox(page, "Wilayah", region_name).locator("xpath=..").locator("[data-count-for]").inner_text()
    assert count == f"({len(expected)})"


@pytest.mark.browser
def test_filter_only_browsing_sorts_by_price(page, catalogue: Catalogue) -> None:
    urls = urls_for(catalogue, "en")
    ready = [p for p in catalogue.products if p.availability == "ready"]
    page.goto("/en/search/?availability=Ready+to+ship&sort=price-asc")
    found = [p.lstrip("/") for p in all_results(page)]
    assert set(found) == {urls.path(Route("product", p.slug)) for p in ready}
    prices = {urls.path(Route("product", p.slug)): p.sort_price for p in ready}
    listed = [prices[f] for f in found if prices[f] is not None]
    assert listed == sorted(listed)


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_search_page_passes_axe(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    page.goto("/cari/?q=batik")
    all_results(page)
    if width < 600:  # on a phone, with the filters' drawer open over the results
        page.get_by_role("button", name=re.compile("^Filter")).click()
        page.get_by_role("dialog").get_by_role("checkbox").first.wait_for()
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    problems = [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]
    assert problems == []


@pytest.mark.browser
def test_a_product_page_loads_nothing_for_search(page, catalogue: Catalogue) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto("/" + urls_for(catalogue, "id").path(Route("product", catalogue.products[0].slug)))
    page.wait_for_load_state("networkidle")
    assert [u for u in requested if "pagefind" in u or "search" in u] == []
    assert page.get_by_role("searchbox", name="Cari").count() == 1


@pytest.mark.browser
@pytest.mark.parametrize(("width", "filter_chunks"), [(1280, True), (390, False)])
def test_the_search_page_fetches_pagefind_only_once_the_buyer_types(browser, base_url: str, width: int,
                                                                    filter_chunks: bool) -> None:
    page = browser.new_page(viewport={"width": width, "height": 844})
    requested: list[str] = []
    page.on("request", lambda r: requested.append(urlparse(r.url).path))
    page.goto(base_url + "/cari/")
    page.wait_for_load_state("networkidle")
    assert [u for u in requested if u.startswith("/pagefind/")] == []
    assert any(u.endswith("/js/search.js") for u in requested)
    page.get_by_role("searchbox", name="Cari kata").fill("batik")
    page.locator("#search-list li").first.wait_for()
    fetched = [u for u in requested if u.startswith("/pagefind/")]
    assert "/pagefind/pagefind.js" in fetched
    assert not [u for u in fetched if u.endswith("pagefind-worker.js")]
    # The filter chunks come with the filters' counts: at once where the filters are in view (a wide screen), on
    # a phone only once the buyer opens them.
    assert bool([u for u in fetched if "/filter/" in u]) == filter_chunks
    if not filter_chunks:
        with page.expect_request(lambda r: "/pagefind/filter/" in r.url):
            page.get_by_role("button", name=re.compile("^Filter")).click()
    page.close()


@pytest.mark.browser
def test_every_product_is_reachable_by_links_without_javascript(browser, base_url: str, catalogue: Catalogue) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    # Only pages matter for the crawl: photos, styles and scripts are not fetched.
    context.route(re.compile(r"\.(webp|jpe?g|png|avif|svg|css|js|ico|webmanifest|pdf|xml|zip)(\?.*)?$"),
                  lambda route: route.abort())
    page = context.new_page()
    host = urlparse(base_url).netloc
    seen: set[str] = set()
    queue = deque(["/"])
    while queue:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(path)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        for href in page.locator("a[href]").evaluate_all("as => as.map(a => a.href)"):
            link = urlparse(urljoin(base_url + path, href))
            if link.netloc == host and not link.query and not link.path.startswith(("/pagefind", "/admin")):
                if link.path.endswith("/") or link.path.endswith(".html"):
                    queue.append(link.path)
    context.close()
    expected = {"/" + urls_for(catalogue, lang).path(Route("product", p.slug))
                for lang in ("id", "en") for p in catalogue.products}
    assert expected - seen == set()


@pytest.mark.browser
def test_an_overseas_buyers_words_find_the_scarf_even_when_no_page_has_them_all(page, catalogue: Catalogue) -> None:
    """Pagefind wants every word; search.js falls back to products with some of them, the most words first."""
    urls = urls_for(catalogue, "en")
    scarves = {urls.path(Route("product", p.slug)) for p in catalogue.products
               if {"ikat", "scarf"} <= words(p.t("en").title)}
    assert scarves
    found = [p.lstrip("/") for p in search(page, "/en/search/", "hand-woven ikat scarf")]
    assert scarves <= set(found[: len(scarves) + 2])


@pytest.mark.browser
def test_price_high_to_low_puts_price_on_request_last(page, catalogue: Catalogue) -> None:
    urls = urls_for(catalogue, "en")
    # Sorted by the price in the price list: the price, or the lowest of a range; equal prices newest first.
    prices = {urls.path(Route("product", p.slug)): p.sort_price for p in catalogue.products}
    newest = {urls.path(Route("product", p.slug)): i for i, p in enumerate(catalogue.products)}
    assert None in prices.values(), "the demo has no product with its price on request"
    page.goto("/en/search/?sort=price-desc")
    found = [p.lstrip("/") for p in all_results(page)]
    assert set(found) == set(prices)
    assert found == sorted(prices, key=lambda f: (prices[f] is None, -(prices[f] or 0), newest[f]))
    assert len(set(prices.values())) < len(prices)  # equal prices in the demo: their order is tested too


@pytest.mark.browser
@pytest.mark.parametrize(("path", "lang"), [("/en/search/?availability=Ready+to+ship", "en"),
                                            ("/cari/?sort=newest", "id"),
                                            ("/cari/?q=batik&sort=newest", "id")])
def test_newest_first_is_the_catalogues_order(page, catalogue: Catalogue, path: str, lang: str) -> None:
    urls = urls_for(catalogue, lang)
    newest = [urls.path(Route("product", p.slug)) for p in catalogue.products]  # by date, then slug, reversed
    page.goto(path)
    found = [p.lstrip("/") for p in all_results(page)]
    assert len(found) > 5
    assert found == [u for u in newest if u in set(found)]
    if "q=" in path:  # the words' own order (best match) is another one: the sort did something
        page.goto(path.replace("&sort=newest", ""))
        assert [p.lstrip("/") for p in all_results(page)] != found
