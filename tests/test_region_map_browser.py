"""The map of East Java in Chromium: 38 links that reach their region pages and back, the whole province on a
phone's width, and the boundaries' source credited, in both languages. Expectations come from the content tree."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from catalogue.model.model import Catalogue
from catalogue.reading.loader import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"id": ("/wilayah/", "produk"), "en": ("/en/regions/", "products?")}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    result = load_catalogue(ROOT / "content")
    assert result.catalogue is not None
    return result.catalogue


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_region_on_the_map_is_a_named_link_to_its_page_which_links_back(
        browser, base_url: str, catalogue: Catalogue, lang: str) -> None:
    path, products_word = PAGES[lang]
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(base_url + path)
    svg = page.locator("svg.region-map__svg")
    links = svg.get_by_role("link")
    assert links.count() == len(catalogue.ref.regions) == 38
    for region in catalogue.ref.regions.values():
        n = len(catalogue.by_region.get(region.key, ()))
        # The accessible name says the region and its number of products.
        link = svg.get_by_role("link", name=re.compile(rf"^{re.escape(region.name[lang])}: {n} {products_word}\b"))
        assert link.count() == 1, region.key
    targets = [urljoin(page.url, h) for h in links.evaluate_all("as => as.map(a => a.getAttribute('href'))")]
    assert len(set(targets)) == 38
    names = {urlparse(t).path: region.name[lang] for t, region in zip(targets, catalogue.ref.regions.values(),
                                                                        strict=True)}
    for target in targets:
        response = page.goto(target)
        assert response is not None and response.status == 200, target
        assert page.locator("h1").inner_text() == names[urlparse(target).path]
        back = page.locator("main a[href]").evaluate_all("as => as.map(a => a.href)")
        assert base_url + path in back, target
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_whole_province_fits_a_phone_and_the_source_is_credited(browser, base_url: str, lang: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + PAGES[lang][0])
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    svg = page.locator("svg.region-map__svg").bounding_box()
    assert svg is not None and svg["x"] >= 0 and svg["x"] + svg["width"] <= 390
    # Every region's outline (islands in their frames included) is drawn within the map's box.
    for shape in page.locator("svg.region-map__svg a path").all():
        b = shape.bounding_box()
        assert b is not None and b["x"] >= svg["x"] - 1 and b["x"] + b["width"] <= svg["x"] + svg["width"] + 1
        assert b["y"] >= svg["y"] - 1 and b["y"] + b["height"] <= svg["y"] + svg["height"] + 1
    credit = page.locator(".region-map__credit")
    assert re.search(r"Kepmendagri No 300\.2\.2-2430 Tahun 2025", credit.inner_text())
    assert ("MIT" in credit.inner_text()) and credit.locator("a").get_attribute("href") == (
        "https://github.com/cahyadsn/wilayah_boundaries")
    # The list of regions after the map names every region for those who cannot use the map.
    assert page.locator("main ul.tiles a").count() == 38
    page.close()
