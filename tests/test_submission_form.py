"""The form at /gabung/ on a phone: fill it in Indonesian with real phone photos, get a package, import it, build."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from catalogue.reading.frontmatter import split_front_matter
from conftest import build_site, check_tree, make_scenario, serve
from PIL import Image

from scripts.import_entries import import_entries
from scripts.photos import make_phone_photo

PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def base_url(form_site):
    # The small base scenario, not the whole demo: these tests need the form, not the catalogue.
    return form_site


@pytest.fixture(scope="session")
def form_site(tmp_path_factory):
    """The base scenario built once, served for the form tests."""
    root = tmp_path_factory.mktemp("form")
    output = build_site(make_scenario("base", root), root / "output")
    yield from serve(output)


def _fill(page, photos: list[Path]) -> None:
    page.fill("#artisan-name", "Batik Sekar Wangi")
    page.fill("#artisan-summary", "Usaha batik tulis keluarga di Tanjung Bumi sejak 1990.")
    page.select_option("#artisan-region", "kab-bangkalan")
    page.fill("#artisan-village", "Tanjung Bumi")
    page.check('input[data-field="crafts"][value="batik"]')
    page.fill("#artisan-whatsapp", "0812-3456-7890")
    page.select_option("#artisan-platform", "tokopedia")
    page.fill("#artisan-shop-url", "https://www.tokopedia.com/sekarwangi")
    page.fill("#product-1-title", "Batik Tulis Sekar Jagad")
    page.fill("#product-1-summary", "Kain batik tulis bermotif sekar jagad dengan pewarna alam.")
    page.select_option("#product-1-category", "batik")
    page.select_option("#product-1-technique", "batik-tulis")
    page.fill("#product-1-materials", "katun, malam")
    page.fill("#product-1-price", "450000")
    page.check('#sf-products input[data-field="availability"][value="ready"]')
    page.set_input_files("#product-1-photos", [str(p) for p in photos])
    page.click("details:has(#product-1-en-title) > summary")
    page.fill("#product-1-en-title", "Sekar Jagad Hand-drawn Batik")
    page.fill("#product-1-en-summary", "Hand-drawn batik cloth with the sekar jagad motif in natural dyes.")


@pytest.mark.browser
def test_a_phone_fills_the_form_and_the_package_imports_and_builds(page, form_site, tmp_path):
    photos = [make_phone_photo(tmp_path / "a.jpg", seed="a", size=(4032, 3024), orientation=6),
              make_phone_photo(tmp_path / "b.jpg", seed="b", size=(3000, 2000))]
    assert Image.open(photos[0]).getexif().get_ifd(0x8825)  # the originals carry GPS
    page.set_viewport_size(PHONE)
    page.goto(f"{form_site}/gabung/")
    page.wait_for_selector("form[data-ready=true]")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _fill(page, photos)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    with page.expect_download(timeout=60_000) as download:
        page.click("#submission button[type=submit]")
        page.wait_for_timeout(500)
        assert page.is_hidden("#sf-summary"), page.inner_text("#sf-summary")
        assert not errors, errors
    package = tmp_path / download.value.suggested_filename
    download.value.save_as(package)
    assert package.name == "kriya-batik-sekar-wangi.zip"

    with zipfile.ZipFile(package) as zf:
        names = set(zf.namelist())
        assert names == {"paket.json", "artisans/batik-sekar-wangi/index.id.md",
                         "products/batik-tulis-sekar-jagad/index.id.md",
                         "products/batik-tulis-sekar-jagad/index.en.md", "products/batik-tulis-sekar-jagad/foto-1.jpg",
                         "products/batik-tulis-sekar-jagad/foto-2.jpg"}
        facts = split_front_matter(zf.read("products/batik-tulis-sekar-jagad/index.id.md").decode()).meta
        assert facts["price"] == 450000 and facts["materials"] == ["katun", "malam"]
        assert facts["photos"] == ["foto-1.jpg", "foto-2.jpg"] and facts["artisan"] == "batik-sekar-wangi"
        for name in ("foto-1.jpg", "foto-2.jpg"):
            im = Image.open(io.BytesIO(zf.read(f"products/batik-tulis-sekar-jagad/{name}")))
            assert max(im.size) <= 2560
            assert not im.getexif() and "exif" not in im.info
        # Orientation 6 is applied before shrinking: the stored 3024×4032 becomes upright landscape... turned.
        first = Image.open(io.BytesIO(zf.read("products/batik-tulis-sekar-jagad/foto-1.jpg")))
        assert first.size == (2560, 1920)

    content = make_scenario("base", tmp_path / "site")
    created = import_entries(package, content)
    assert len(created) == 2
    output = build_site(content, tmp_path / "output")
    assert "Batik Tulis Sekar Jagad" in (output / "produk/batik-tulis-sekar-jagad/index.html").read_text()
    assert "Sekar Jagad Hand-drawn Batik" in (output / "en/products/batik-tulis-sekar-jagad/index.html").read_text()


@pytest.mark.browser
def test_bad_values_are_shown_next_to_their_fields_in_the_pages_language(page, form_site):
    page.set_viewport_size(PHONE)
    page.goto(f"{form_site}/gabung/")
    page.wait_for_selector("form[data-ready=true]")
    page.fill("#artisan-whatsapp", "12345")
    page.fill("#product-1-price", "Rp 350rb")
    page.click("#submission button[type=submit]")
    assert page.is_visible("#sf-summary")
    assert "Indonesia" in page.inner_text("#artisan-whatsapp-error")  # message from the validator, translated
    assert page.inner_text("#product-1-price-error")
    assert page.inner_text("#artisan-name-error")  # required
    assert page.is_hidden("#sf-result")


@pytest.mark.browser
def test_the_english_form_is_linked_and_in_english(page, form_site):
    page.goto(f"{form_site}/en/join/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.is_visible("#submission")
    assert page.locator("a[hreflang=id], link[hreflang=id]").count() >= 1


def _jpegs(tmp: Path, *seeds: str) -> list[str]:
    return [str(make_phone_photo(tmp / f"{seed}.jpg", seed=seed, size=(2000, 1500))) for seed in seeds]


_SHIPPING = ".sf-product[data-product='{}'] details.sf-shipping"


@pytest.mark.browser
def test_two_products_survive_going_offline_and_a_reload_and_import_in_one_step(page, context, form_site, tmp_path):
    page.set_viewport_size(PHONE)
    page.goto(f"{form_site}/gabung/")
    page.wait_for_selector("form[data-ready=true][data-draft=new]")
    page.wait_for_selector("html[data-kiosk=ready]")  # the kiosk's worker keeps the page for a reload offline
    page.fill("#artisan-name", "Anyaman Tirta Sari")
    page.fill("#artisan-summary", "Kelompok penganyam bambu di Gintangan, Banyuwangi.")
    page.select_option("#artisan-region", "kab-banyuwangi")
    page.fill("#artisan-village", "Gintangan")
    page.check('input[data-field="crafts"][value="anyaman"]')
    page.check('input[name="ships_abroad"][value="ask"]')
    page.fill("#artisan-dispatch_days", "4")
    page.fill("#product-1-title", "Tudung Saji Bambu")
    page.fill("#product-1-summary", "Tudung saji anyaman bambu dengan motif kembang.")
    page.select_option("#product-1-category", "anyaman")
    page.select_option("#product-1-technique", "anyam-tangan")
    page.check('#product-1-title >> xpath=ancestor::fieldset[1] >> input[value="ready"]')
    page.set_input_files("#product-1-photos", _jpegs(tmp_path, "tudung-a", "tudung-b"))
    page.click("#sf-add-product")
    page.fill("#product-2-title", "Keranjang Parsel")
    page.wait_for_timeout(400)  # the draft is written a moment after the last change

    context.set_offline(True)
    page.reload()
    page.wait_for_selector("form[data-ready=true][data-draft=restored]")
    assert page.input_value("#artisan-name") == "Anyaman Tirta Sari"
    assert page.is_checked('input[name="ships_abroad"][value="ask"]')
    assert page.input_value("#product-1-technique") == "anyam-tangan"
    assert page.input_value("#product-2-title") == "Keranjang Parsel"
    assert page.evaluate("document.getElementById('product-1-photos').files.length") == 2
    # Carry on offline: the second product's facts and photos.
    page.fill("#product-2-summary", "Keranjang bambu untuk parsel hari raya.")
    page.select_option("#product-2-category", "anyaman")
    page.select_option("#product-2-technique", "anyam-tangan")
    page.check('#product-2-title >> xpath=ancestor::fieldset[1] >> input[value="made-to-order"]')
    page.fill("#product-2-lead_time_days", "10")
    # This product's shipping differs from the workshop's: too bulky to send abroad, and slower to pack.
    page.click("#product-2-title >> xpath=ancestor::fieldset[1] >> details.sf-shipping > summary")
    page.check('input[name="product-2-ships_abroad"][value="no"]')
    page.fill("#product-2-dispatch_days", "100")
    page.click("#product-2-title >> xpath=ancestor::fieldset[1] >> details.sf-shipping > summary")  # folded again
    page.wait_for_timeout(400)
    # Closed and opened again, still offline: the product's own shipping comes back unfolded, the other's stays folded.
    page.reload()
    page.wait_for_selector("form[data-ready=true][data-draft=restored]")
    assert page.eval_on_selector(_SHIPPING.format(2), "part => part.open")
    assert not page.eval_on_selector(_SHIPPING.format(1), "part => part.open")
    assert page.is_checked("#product-2-ships_abroad-no") and page.input_value("#product-2-dispatch_days") == "100"
    page.click(f"{_SHIPPING.format(2)} > summary")  # folded again
    page.click("#submission button[type=submit]")
    page.wait_for_selector("#product-2-dispatch_days-error:not([hidden])")  # unfolded to show the problem
    assert "90" in page.inner_text("#product-2-dispatch_days-error")
    page.fill("#product-2-dispatch_days", "12")
    page.fill("#product-2-shipping_note", "Dikirim dalam kardus besar.")
    page.set_input_files("#product-2-photos", _jpegs(tmp_path, "parsel"))
    with page.expect_download(timeout=60_000) as download:
        page.click("#submission button[type=submit]")
        page.wait_for_timeout(500)
        assert page.is_hidden("#sf-summary"), page.inner_text("#sf-summary")
    package = tmp_path / download.value.suggested_filename
    download.value.save_as(package)
    context.set_offline(False)

    with zipfile.ZipFile(package) as zf:
        assert sorted(n for n in zf.namelist() if n.endswith(".jpg")) == [
            "products/keranjang-parsel/foto-1.jpg", "products/tudung-saji-bambu/foto-1.jpg",
            "products/tudung-saji-bambu/foto-2.jpg"]
        assert json.loads(zf.read("paket.json")) == {"format": 1, "lang": "id",
                                                      "products": ["tudung-saji-bambu", "keranjang-parsel"]}
    content = make_scenario("base", tmp_path / "site")
    created = import_entries(package, content)
    assert len(created) == 3  # the artisan and both products, in one step
    result = check_tree(content)
    assert not result.errors, [p.line() for p in result.errors]
    mine = {p.slug: p for p in result.catalogue.by_artisan["anyaman-tirta-sari"]}
    assert set(mine) == {"tudung-saji-bambu", "keranjang-parsel"}
    assert len(mine["tudung-saji-bambu"].photos) == 2
    # The workshop's shipping for the first product; the second's own answers where it gave them.
    assert mine["tudung-saji-bambu"].shipping.abroad == "ask" and mine["tudung-saji-bambu"].shipping.dispatch_days == 4
    assert mine["keranjang-parsel"].shipping.abroad == "no" and mine["keranjang-parsel"].shipping.dispatch_days == 12
    assert mine["keranjang-parsel"].shipping.note["id"] == "Dikirim dalam kardus besar."


@pytest.mark.browser
@pytest.mark.parametrize(("path", "availability"), [("/gabung/", "Ketersediaan"), ("/en/join/", "Availability")])
def test_each_link_of_the_error_summary_focuses_its_field_radio_groups_included(page, form_site, path, availability):
    page.goto(f"{form_site}{path}")
    page.wait_for_selector("form[data-ready=true]")
    page.click("#submission button[type=submit]")
    links = page.locator("#sf-summary-list a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    # The groups of radios (availability) and boxes (crafts) are reached through their first choice.
    first_craft = page.get_attribute("input[data-field=crafts]", "id")
    assert {"#product-1-availability-ready", f"#{first_craft}"} <= set(hrefs), hrefs
    assert availability in links.nth(hrefs.index("#product-1-availability-ready")).inner_text()
    for i, href in enumerate(hrefs):
        assert len(href) > 1 and page.locator(href).count() == 1, href
        links.nth(i).click()
        assert page.evaluate("document.activeElement.id") == href[1:]
