"""The print plugin's pure helpers: campaign URLs, selections, settings checks, exchange rates, photo choice and the
fetcher that keeps a print document inside the built site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from babel.numbers import format_currency
from images.renditions import Rendition, Variant
from print.documents import PrintError, foreign_prices, print_photo
from print.qr import campaign_url, qr_svg
from print.rates import NO_RATES, Rates, load_rates
from print.render import LocalFetcher
from print.selection import Selection, SelectionError
from print.settings import DEFAULTS, PrintSettingsError, read_settings
from weasyprint.urls import FatalURLFetchingError

LANGS = ("id", "en")


@pytest.mark.parametrize("url", ["https://x.id/produk/a/", "https://x.id/en/products/a/?ref=card"])
def test_campaign_url_adds_the_three_parameters(url: str):
    tagged = campaign_url(url, "kriyanusa-2026")
    query = parse_qs(urlsplit(tagged).query)
    assert query["utm_source"] == ["exhibition"] and query["utm_medium"] == ["print"]
    assert query["utm_campaign"] == ["kriyanusa-2026"]
    assert tagged.split("?")[0] == url.split("?")[0]
    assert ("ref" in query) == ("ref=" in url)


def test_qr_svg_is_a_scalable_vector():
    uri = qr_svg("https://x.id/produk/a/")
    assert uri.startswith("data:image/svg+xml")
    assert "viewBox" in uri and "width=" not in uri.split("viewBox")[0]  # sized by the print CSS


@pytest.mark.parametrize(("setting", "suffix"), [
    ({"category": "batik"}, "-batik"),
    ({"region": "kab-bangkalan"}, "-kab-bangkalan"),
    ({"artisan": "batik-rato-ebu", "category": "batik"}, "-batik-batik-rato-ebu"),
])
def test_a_selection_names_its_file_after_its_keys(setting: dict, suffix: str):
    assert Selection.from_setting(setting).suffix == suffix


@pytest.mark.parametrize("setting", [{}, {"colour": "red"}, {"category": ""}, {"category": 3}, "batik", None])
def test_a_malformed_selection_is_refused_with_the_allowed_keys(setting: object):
    with pytest.raises(SelectionError, match="category, region, artisan"):
        Selection.from_setting(setting)


def _product(category: str = "batik", region: str = "kab-bangkalan", artisan: str = "a", **prices: int | None):
    return SimpleNamespace(category=SimpleNamespace(key=category), region=SimpleNamespace(key=region),
                           artisan=SimpleNamespace(slug=artisan), price=prices.get("price"),
                           price_min=prices.get("price_min"), price_max=prices.get("price_max"))


def test_a_selection_matches_every_key_it_names():
    selection = Selection(category="batik", region="kab-bangkalan")
    assert selection.matches(_product())
    assert not selection.matches(_product(region="kab-tuban"))
    assert not selection.matches(_product(category="tenun"))


def _settings(**overrides: object) -> dict:
    return {"SITEURL": "https://kriyajatim.github.io", "PRINT_ENABLED": True, **overrides}


@pytest.mark.parametrize(("overrides", "key"), [
    ({"SITEURL": ""}, "PRINT_SITEURL"),
    ({"SITEURL": "/kriya"}, "PRINT_SITEURL"),
    ({"PRINT_EVENT": "Kriyanusa 2026"}, "PRINT_EVENT"),
    ({"PRINT_SELECTIONS": {"category": "batik"}}, "PRINT_SELECTIONS"),
    ({"PRINT_CURRENCIES": ["usd"]}, "PRINT_CURRENCIES"),
    ({"PRINT_CURRENCIES": "USD"}, "PRINT_CURRENCIES"),
    ({"PRINT_PROCESSES": 0}, "PRINT_PROCESSES"),
    ({"PRINT_FILES": {"id": {"catalogue": "katalog{suffix}.html", "labels": "label{suffix}.pdf"}}}, "PRINT_FILES"),
])
def test_a_bad_setting_is_named_in_the_error(overrides: dict, key: str):
    with pytest.raises(PrintSettingsError, match=key):
        read_settings(_settings(**overrides), LANGS)


def test_settings_default_to_the_documented_files_and_event():
    settings = read_settings(_settings(PRINT_SITEURL="https://pameran.example/"), LANGS)
    assert settings.siteurl == "https://pameran.example"
    assert settings.event == DEFAULTS["PRINT_EVENT"]
    assert settings.file("id", "catalogue") == "katalog.pdf"
    assert settings.file("en", "catalogue", Selection(category="batik")) == "en/catalogue-batik.pdf"
    assert not read_settings({"SITEURL": ""}, LANGS).enabled  # a plain `make html` needs no address


def test_rates_are_read_from_the_file(tmp_path: Path):
    path = tmp_path / "rates.yml"
    path.write_text("date: 2026-11-20\ndefault: EUR\nper_idr:\n  USD: 0.0000630\n  EUR: 0.0000580\n"
                    "  XXX: -1\n  YYY: lots\n", encoding="utf-8")
    rates = load_rates(path)
    assert rates.date == dt.date(2026, 11, 20)
    assert rates.default == "EUR"
    assert rates.per_idr == {"USD": 0.0000630, "EUR": 0.0000580}  # the nonsense rates are left out
    assert rates.convert(1_000_000, "USD") == pytest.approx(63.0)
    assert rates.convert(1_000_000, "JPY") is None


@pytest.mark.parametrize("text", [None, "", "[1, 2]\n", "per_idr: 3\n", "date: [\n"])
def test_missing_or_malformed_rates_mean_rupiah_only(tmp_path: Path, text: str | None):
    path = tmp_path / "rates.yml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    assert load_rates(path) == NO_RATES


RATES = Rates(dt.date(2026, 11, 20), {"USD": 0.0000630, "JPY": 0.00945})


@pytest.mark.parametrize(("prices", "parts"), [
    ({"price": 1_450_000}, [1_450_000]),
    ({"price_min": 450_000, "price_max": 680_000}, [450_000, 680_000]),
])
@pytest.mark.parametrize("locale", ["id_ID", "en_GB"])
def test_foreign_prices_are_rounded_conversions(prices: dict, parts: list[int], locale: str):
    out = foreign_prices(_product(**prices), RATES, ("USD", "JPY"), locale)  # type: ignore[arg-type]
    expected = [" – ".join(format_currency(round(p * RATES.per_idr[c]), c, format="¤#,##0", locale=locale,
                                           currency_digits=False) for p in parts) for c in ("USD", "JPY")]
    assert list(out) == expected


def test_no_foreign_price_on_request_or_without_a_rate():
    assert foreign_prices(_product(), RATES, ("USD",), "en_GB") == ()  # type: ignore[arg-type]
    assert foreign_prices(_product(price=100_000), RATES, ("EUR",), "en_GB") == ()  # type: ignore[arg-type]


def _rendition(role: str, widths: list[int], formats: tuple[str, ...] = ("webp", "jpeg")) -> Rendition:
    variants = tuple(Variant(f"media/x-{role}-{w}.{f}", w, w * 3 // 4, f) for w in widths for f in formats)
    return Rendition(role, "100vw", widths[-1], widths[-1] * 3 // 4, variants, "#000")


def test_the_print_photo_is_the_largest_jpeg_of_the_print_role_or_else_of_the_gallery():
    gallery_only = SimpleNamespace(roles={"card": _rendition("card", [240, 480]),
                                          "gallery": _rendition("gallery", [480, 960])})
    assert print_photo(gallery_only).path == "media/x-gallery-960.jpeg"
    with_print = SimpleNamespace(roles={**gallery_only.roles, "print": _rendition("print", [1200, 2000])})
    assert print_photo(with_print).path == "media/x-print-2000.jpeg"
    # A label takes the smallest JPEG of any role that is wide enough, or else the largest there is.
    assert print_photo(with_print, min_width=400).width == 480
    assert print_photo(with_print, min_width=4000).path == "media/x-print-2000.jpeg"
    with pytest.raises(PrintError, match="gallery"):
        print_photo(SimpleNamespace(roles={"card": _rendition("card", [240])}))


def test_a_print_document_reads_only_files_of_the_built_site(tmp_path: Path):
    site = tmp_path / "output"
    (site / "media").mkdir(parents=True)
    (site / "media" / "a.txt").write_text("ok", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("no", encoding="utf-8")
    fetcher = LocalFetcher(site)
    assert fetcher.fetch((site / "media" / "a.txt").as_uri()).read() == b"ok"
    for url in [(tmp_path / "secret.txt").as_uri(), (site / "media" / ".." / ".." / "secret.txt").as_uri()]:
        with pytest.raises(FatalURLFetchingError):
            fetcher.fetch(url)
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher.fetch("http://127.0.0.1:9/photo.jpg")
