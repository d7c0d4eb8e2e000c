"""Shipping facts: checked like every field, a product's own over its artisan's, shown beside the storefront
buttons in both languages, in the product's JSON-LD, and a "Ships abroad" search filter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from catalogue.model.model import Shipping
from catalogue.reading.loader import load_catalogue
from conftest import ROOT, build_site, check_tree
from htmlpage import jsonld, parse

ARTISAN = "artisans/perajin-contoh"
PRODUCT = "products/kain-contoh"


def add_fields(content: Path, entry: str, lang: str, text: str) -> None:
    """Add front matter lines to an entry file, before its closing '---'."""
    path = content / entry / f"index.{lang}.md"
    head, rest = path.read_text(encoding="utf-8").split("\n---\n", 1)
    path.write_text(f"{head}\n{text.strip()}\n---\n{rest}", encoding="utf-8")


@pytest.mark.parametrize(("line", "field", "code"), [
    ("dispatch_days: 0", "dispatch_days", "days_range"),
    ("dispatch_days: 91", "dispatch_days", "days_range"),
    ("dispatch_days: '3.5'", "dispatch_days", "days_range"),
    ("dispatch_days: '٣'", "dispatch_days", "days_range"),
    ("dispatch_days: tiga", "dispatch_days", "days_range"),
    ("ships_abroad: maybe", "ships_abroad", "choice"),
    ("ships_indonesia: kadang", "ships_indonesia", "boolean"),
    ("shipping_note: " + "x" * 201, "shipping_note", "text_too_long"),
])
@pytest.mark.parametrize("entry", [ARTISAN, PRODUCT])
def test_a_bad_shipping_fact_is_named_on_its_field(scenario, entry: str, line: str, field: str, code: str) -> None:
    content = scenario("base")
    add_fields(content, entry, "id", line)
    found = [(p.path.parent.name, p.field, p.code) for p in check_tree(content).errors]
    assert found == [(entry.split("/")[1], field, code)]


def test_true_and_false_are_read_as_yes_and_no_and_a_note_without_english_is_a_warning(scenario) -> None:
    content = scenario("base")
    add_fields(content, ARTISAN, "id", "ships_abroad: true\nships_indonesia: false\ndispatch_days: '07'\n"
                                       "shipping_note: Dikirim dari Bangkalan.")
    result = check_tree(content)
    assert not result.errors
    assert [(p.field, p.code) for p in result.warnings] == [("shipping_note", "shipping_note_untranslated")]
    artisan = result.catalogue.artisans[0]
    assert artisan.shipping == Shipping(False, "yes", 7, {"id": "Dikirim dari Bangkalan."})


def test_a_products_own_facts_win_over_its_artisans(scenario, tmp_path: Path) -> None:
    content = scenario("base")
    add_fields(content, ARTISAN, "id", "ships_indonesia: true\nships_abroad: yes\ndispatch_days: 3\n"
                                       "shipping_note: Kurir dari Bangkalan.")
    add_fields(content, ARTISAN, "en", "shipping_note: Courier from Bangkalan.")
    add_fields(content, PRODUCT, "id", "dispatch_days: 12\nshipping_note: Kain dikirim dalam tabung.")
    add_fields(content, PRODUCT, "en", "shipping_note: The cloth is sent rolled in a tube.")
    output = build_site(content, tmp_path / "output")

    page = parse(output / "en/products/kain-contoh/index.html")
    shipping = page.find("ul", class_="shipping").text
    assert "Ships within Indonesia" in shipping and "Ships abroad" in shipping
    assert "Usually sent within 12 days" in shipping and "sent rolled in a tube" in shipping
    assert "Bangkalan" not in shipping  # the artisan's note is replaced, not added to
    # Beside the storefront buttons: the list follows them in the buy box.
    html = (output / "en/products/kain-contoh/index.html").read_text(encoding="utf-8")
    assert html.index("tokopedia.com/perajincontoh") < html.index('class="shipping"')
    id_page = parse(output / "produk/kain-contoh/index.html").find("ul", class_="shipping").text
    assert "Kain dikirim dalam tabung." in id_page and "12 hari" in id_page
    assert "Courier" not in parse(output / "perajin/perajin-contoh/index.html").text
    assert "Courier from Bangkalan." in parse(output / "en/artisans/perajin-contoh/index.html").text

    product = next(b for b in jsonld(page) if b.get("@type") == "Product")
    details = product["offers"]["shippingDetails"]
    assert [d["shippingDestination"] for d in details] == [
        {"@type": "DefinedRegion", "addressCountry": "ID"}, {"@type": "DefinedRegion", "name": "Worldwide"}]
    assert {d["deliveryTime"]["handlingTime"]["maxValue"] for d in details} == {12}
    assert all(d["deliveryTime"]["handlingTime"]["unitCode"] == "DAY" for d in details)
    search = parse(output / "en/search/index.html")
    assert "Ships abroad" in search.text


def test_no_shipping_facts_no_list_and_no_shipping_details(scenario, tmp_path: Path) -> None:
    content = scenario("base")
    add_fields(content, ARTISAN, "id", "ships_indonesia: false")
    output = build_site(content, tmp_path / "output")
    page = parse(output / "en/products/kain-contoh/index.html")
    assert "Does not ship within Indonesia" in page.find("ul", class_="shipping").text
    product = next(b for b in jsonld(page) if b.get("@type") == "Product")
    assert product["offers"]["shippingDetails"] == [
        {"@type": "OfferShippingDetails", "shippingDestination": {"@type": "DefinedRegion", "addressCountry": "ID"},
         "doesNotShip": True}]
    assert "Ships abroad" not in parse(output / "en/search/index.html").text


@pytest.mark.browser
def test_english_visitors_filter_by_ships_abroad(page) -> None:
    catalogue = load_catalogue(ROOT / "content").catalogue
    assert catalogue is not None
    abroad = {f"/en/products/{p.slug}/" for p in catalogue.products if p.shipping.abroad == "yes"}
    assert abroad and len(abroad) < len(catalogue.products), "the demo needs products on both sides of the filter"
    page.goto("/en/search/")
    # A laptop-wide window: the filters stand open beside the results.
    page.get_by_role("group", name="Shipping").get_by_role("checkbox", name=re.compile(r"^Ships abroad \(")).check()
    page.wait_for_url(re.compile("shipping="))
    status = page.locator("#search-status")
    status.filter(has_text=re.compile(r"\d")).wait_for()
    more = page.locator("#search-more")
    while more.is_visible():
        count = page.locator("#search-list li").count()
        more.click()
        page.locator("#search-list li").nth(count).wait_for()
    found = {re.sub(r"^https?://[^/]+", "", h) for h in
             page.locator("#search-list li a").evaluate_all("as => as.map(a => a.href)")}
    assert found == abroad
