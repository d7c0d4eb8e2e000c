"""The search page's filters in Chromium against the built demo's index: every count next to an option is the
number of products picking it shows, regions picked as a group, one highest price, an empty result that offers to
clear the filters, the drawer on a phone, and the header's search box named in both languages."""

from __future__ import annotations

import re
from urllib.parse import quote_plus

import pytest
from catalogue.model.model import Catalogue
from search.facets import FACETS
from test_search_browser import all_results, catalogue  # noqa: F401 - catalogue is a fixture used here

COUNT = re.compile(r"\((\d+)\)\s*$")


def shown(page) -> int:
    """How many products the page shows once every "show more" is opened."""
    return len(all_results(page))


def options(page, facet: str) -> list[tuple[str, int]]:
    """(value, displayed count) of every option of one facet: checkboxes' values or the select's."""
    fieldset = page.locator(f'fieldset[data-facet="{facet}"]')
    if facet == "price":
        nodes = fieldset.locator("option[data-count-for]").all()
        return [(o.get_attribute("value"), int(COUNT.search(o.inner_text()).group(1))) for o in nodes]
    return [(label.locator("input").get_attribute("value"), int(COUNT.search(label.inner_text()).group(1)))
            for label in fieldset.locator("label:has(input[name])").all()]


@pytest.mark.browser
@pytest.mark.parametrize("base", ["/cari/?sort=newest", "/cari/?sort=newest&category=Batik",
                                  "/en/search/?sort=newest&availability=Ready+to+ship"])
@pytest.mark.parametrize("facet", FACETS)
def test_every_option_shows_as_many_products_as_its_count_says(page, base: str, facet: str) -> None:
    page.goto(base)
    all_results(page)
    listed = options(page, facet)
    assert listed, f"{base} has no {facet} option"
    if f"{facet}=" in base:
        return  # the facet picked already: its other options add to it (test_madura_…, …_islands_…)
    for value, count in listed:
        page.goto(f"{base}&{facet}={quote_plus(value)}")
        found = shown(page)
        assert found == count, f"{facet}={value}: shows {found}, its count said {count}"


@pytest.mark.browser
def test_a_price_is_picked_as_one_upper_bound_written_as_rupiah(page, catalogue: Catalogue) -> None:  # noqa: F811
    page.goto("/cari/?sort=price-desc")
    all_results(page)
    select = page.get_by_label("Harga tertinggi")
    texts = select.locator("option").all_inner_texts()
    assert texts[0] == "Harga berapa pun"
    assert all(re.fullmatch(r"Sampai Rp\d{1,3}(\.\d{3})+ \(\d+\)", t) for t in texts[1:]), texts
    value = select.locator("option").nth(3).get_attribute("value")
    select.select_option(value)
    page.wait_for_url(re.compile(f"price={value}"))
    lowest = {p.price if p.price is not None else p.price_min for p in catalogue.products} - {None}
    expected = sum(1 for p in catalogue.products
                   if (p.price if p.price is not None else p.price_min) is not None
                   and (p.price if p.price is not None else p.price_min) <= int(value))
    assert lowest and shown(page) == expected


@pytest.mark.browser
def test_madura_is_picked_as_a_group_and_counts_its_regions(page, catalogue: Catalogue) -> None:  # noqa: F811
    madura = [k for k, r in catalogue.ref.regions.items() if r.island == "madura"]
    assert len(madura) == 4
    expected = sum(len(catalogue.by_region.get(k, ())) for k in madura)
    page.goto("/cari/")
    group = page.get_by_role("checkbox", name=re.compile(r"^Seluruh Madura \("))
    assert group.locator("xpath=..").inner_text().strip().endswith(f"({expected})")
    group.check()
    page.wait_for_url(re.compile("region="))
    assert shown(page) == expected
    for key in madura:
        if catalogue.by_region.get(key):
            name = catalogue.ref.regions[key].name["id"]
            assert page.get_by_role("checkbox", name=re.compile(f"^{name} \\(")).is_checked()
    assert group.is_checked()


@pytest.mark.browser
def test_the_islands_are_picked_as_a_group_without_their_regencies_mainland(page, catalogue: Catalogue) -> None:  # noqa: F811
    made_there = [p for p in catalogue.products if p.island is not None]
    regencies = {p.region.key for p in made_there}
    mainland = [p for k in regencies for p in catalogue.by_region[k] if p.island is None]
    assert made_there and mainland  # Gresik's and Sumenep's mainland products must stay out
    page.goto("/cari/")
    group = page.get_by_role("checkbox", name=re.compile(r"^Semua kepulauan \("))
    assert group.locator("xpath=..").inner_text().strip().endswith(f"({len(made_there)})")
    group.check()
    page.wait_for_url(re.compile("region="))
    assert shown(page) == len(made_there)
    for key in {p.island.key for p in made_there}:
        name = catalogue.ref.islands[key].name["id"]
        assert page.get_by_role("checkbox", name=re.compile(f"^{name} \\(")).is_checked()
    assert group.is_checked()


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "artisans", "search"), [("id", "/perajin/", "/cari/"),
                                                          ("en", "/en/artisans/", "/en/search/")])
def test_an_island_is_named_before_its_regency_on_cards_and_results(page, catalogue: Catalogue, lang: str,  # noqa: F811
                                                                     artisans: str, search: str) -> None:
    made_there = [p for p in catalogue.products if p.island is not None]
    assert made_there
    # Product cards on the maker's page: "Bawean · Gresik" (names from regions.yml), a mainland one its regency only.
    for product in made_there:
        page.goto(f"{artisans}{product.artisan.slug}/")
        card = page.locator("li.card", has=page.locator(f"a[href$='/{product.slug}/']")).first
        assert card.locator(".card__place").inner_text() == f"{product.island.short} · {product.region.short}"
    mainland = next(p for p in catalogue.products if p.island is None and p.region in {m.region for m in made_there})
    page.goto(f"{artisans}{mainland.artisan.slug}/")
    card = page.locator("li.card", has=page.locator(f"a[href$='/{mainland.slug}/']")).first
    assert card.locator(".card__place").inner_text() == mainland.region.short
    # The artisans' cards.
    page.goto(artisans)
    for artisan in {p.artisan.slug: p.artisan for p in made_there}.values():
        card = page.locator("li.artisan-card", has=page.locator(f"a[href$='/{artisan.slug}/']"))
        place = card.locator(".artisan-card__place").inner_text()
        assert place == f"{artisan.village}, {artisan.island.short} · {artisan.region.short}", place
    # Search results: the island, then the regency's name in the page's language.
    islands = {p.island.key for p in made_there}
    page.goto(search + "?" + "&".join(f"region={quote_plus(catalogue.ref.islands[k].name[lang])}" for k in islands))
    found = all_results(page)
    assert len(found) == len(made_there)
    places = page.locator("#search-list .search-item__region").all_inner_texts()
    assert sorted(places) == sorted(f"{p.island.short} · {p.region.name[lang]}" for p in made_there)


@pytest.mark.browser
def test_filters_that_exclude_everything_say_so_and_clear(page, catalogue: Catalogue) -> None:  # noqa: F811
    pairs = [(r, c) for r in catalogue.by_region for c in catalogue.by_category
             if not any(p.category.key == c for p in catalogue.by_region[r])]
    region, category = pairs[0]
    name = catalogue.ref.regions[region].name["id"]
    page.goto(f"/cari/?region={quote_plus(name)}&category={quote_plus(catalogue.ref.categories[category].name['id'])}")
    status = page.locator("#search-status")
    status.filter(has_text="Tidak ada produk yang cocok dengan semua filter ini.").wait_for()
    assert "kata" not in status.inner_text()  # a search with no words says nothing of words
    assert page.locator("#search-list li").count() == 0
    page.get_by_role("button", name="Hapus filter").click()
    page.wait_for_url(lambda url: "region=" not in url and "category=" not in url)
    page.locator("#search-status").filter(has_text=re.compile(r"Ketik")).wait_for()
    assert page.get_by_role("button", name="Hapus filter").is_hidden()


@pytest.mark.browser
@pytest.mark.parametrize(("path", "name", "placeholder"), [("/produk/", "Cari di katalog", "Cari batik"),
                                                           ("/en/products/", "Search the catalogue", "Search batik"),
                                                           ("/kategori/batik/", "Cari di katalog", "Cari batik"),
                                                           ("/en/artisans/", "Search the catalogue", "Search batik")])
def test_the_header_search_box_is_named_and_says_what_to_type(page, path: str, name: str, placeholder: str) -> None:
    # Every page but the home page, whose box is the hero's (test_face_browser.py).
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(path)
    box = page.locator("header").get_by_role("searchbox", name=name, exact=True)
    assert box.is_visible()
    assert box.get_attribute("placeholder").startswith(placeholder)


@pytest.mark.browser
def test_on_a_phone_the_filters_are_a_drawer_and_the_results_come_first(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + "/cari/?sort=newest")
    all_results(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator('fieldset[data-facet="category"]').is_hidden()
    first = page.locator("#search-list li").first.bounding_box()
    assert first is not None and first["y"] < 844  # the results start within the first screen
    opener = page.get_by_role("button", name=re.compile(r"^Filter"))
    opener.click()
    dialog = page.get_by_role("dialog", name="Filter")
    assert dialog.is_visible()
    dialog.get_by_role("checkbox", name=re.compile(r"^Batik \(")).check()
    page.wait_for_url(re.compile("category=Batik"))
    dialog.get_by_role("button", name="Lihat hasil").click()
    assert page.locator('fieldset[data-facet="category"]').is_hidden()
    assert page.evaluate("document.activeElement.id") == "search-filters-open"
    assert opener.inner_text().strip() == "Filter (1)"
    page.close()
