"""The printed catalogue of the demo content: both PDFs list every product of their language, a selection holds only
its products, booth labels come 8 to a sheet, and every QR code decodes to a page the same build wrote."""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import ROOT, build_site
from htmlpage import parse
from PIL import Image
from print.settings import DEFAULTS as PRINT_DEFAULTS

SITEURL = "https://kriyajatim.github.io"
EVENT = "pameran-uji-2026"
SELECTIONS = [{"category": "batik"}, {"region": "kab-bangkalan"}, {"artisan": "batik-rato-ebu"}]
CATALOGUES = {"id": "katalog{}.pdf", "en": "en/catalogue{}.pdf"}
LABELS = {"id": "label{}.pdf", "en": "en/labels{}.pdf"}
DPI = 200  # the smallest code (27 mm, ~60 modules) needs ~2 px per module to decode


# -- reading PDFs with poppler-utils and zbar-tools -------------------------------------------------------------------
def flat(text: str) -> str:
    """Whitespace collapsed and a line broken after a hyphen joined again, so wrapped titles still match."""
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def pdf_text(pdf: Path) -> str:
    """The PDF's text in drawing order (-raw: two cards side by side are not read across), flattened."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                         text=True)
    return flat(out.stdout)


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    match = re.search(r"^Pages:\s+(\d+)$", out, re.M)
    assert match, out
    return int(match.group(1))


def qr_codes(pdf: Path, workdir: Path) -> list[str]:
    """Every QR code on every page, decoded by zbarimg from pdftoppm's rendering."""
    prefix = workdir / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(prefix)], check=True)
    codes: list[str] = []
    pages = sorted(workdir.glob(f"{pdf.stem}-*.png"))
    assert len(pages) == pdf_pages(pdf)
    for page in pages:
        out = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(page)],
                             capture_output=True, text=True)
        assert out.returncode in (0, 4), out.stderr  # 4: no code on this page (the contents)
        codes += [line for line in out.stdout.splitlines() if line]
    return codes


def page_file(url: str, siteurl: str, output: Path) -> Path:
    """The built file a URL serves: the query dropped, SITEURL mapped to the output folder."""
    assert url.startswith(siteurl + "/"), url
    path = urlsplit(url).path.removeprefix(urlsplit(siteurl).path)
    return output / path.lstrip("/") / "index.html" if path.endswith("/") else output / path.lstrip("/")


# -- what the entries say, read straight from their front matter -------------------------------------------------------
def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1]) or {}


def products(content: Path) -> dict[str, dict]:
    """{slug: {"id": title, "en": title, "category", "artisan", "region"}}; English falls back to Indonesian."""
    regions = {slug: front(folder / "index.id.md")["region"]
               for folder in (content / "artisans").iterdir() if (slug := folder.name)}
    out = {}
    for folder in sorted((content / "products").iterdir()):
        facts = front(folder / "index.id.md")
        en = folder / "index.en.md"
        title_en = front(en).get("title", facts["title"]) if en.exists() else facts["title"]
        out[folder.name] = {
            "id": flat(facts["title"]), "en": flat(title_en),
            "category": facts["category"], "artisan": facts["artisan"], "region": regions[facts["artisan"]],
        }
    return out


def selected(all_products: dict[str, dict], selection: dict[str, str] | None) -> dict[str, dict]:
    return {slug: p for slug, p in all_products.items()
            if not selection or all(p[key] == value for key, value in selection.items())}


def suffix(selection: dict[str, str] | None) -> str:
    return "".join(f"-{v}" for v in (selection or {}).values())


def assert_only(text: str, wanted: dict[str, dict], others: dict[str, dict], lang: str) -> None:
    for slug, product in wanted.items():
        assert product[lang] in text, f"{slug}: {product[lang]!r} is missing"
    for slug, product in others.items():
        title = product[lang]
        if not any(title in p[lang] for p in wanted.values()):  # one title may contain another
            assert title not in text, f"{slug}: {title!r} is printed but not selected"


# -- the build --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo catalogue built for production with its PDFs, the whole catalogue and three selections."""
    return build_site(ROOT / "content", tmp_path_factory.mktemp("printed") / "output", ROOT / "publishconf.py",
                      SITEURL=SITEURL, PRINT_ENABLED=True, PRINT_EVENT=EVENT, PRINT_SELECTIONS=SELECTIONS)


@pytest.fixture(scope="session")
def demo_products() -> dict[str, dict]:
    return products(ROOT / "content")


def test_the_file_names_are_the_documented_ones():
    assert PRINT_DEFAULTS["PRINT_FILES"]["id"]["catalogue"].format(suffix="") == CATALOGUES["id"].format("")
    assert PRINT_DEFAULTS["PRINT_FILES"]["en"]["catalogue"].format(suffix="") == CATALOGUES["en"].format("")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_catalogue_lists_every_product_of_its_language(printed: Path, demo_products: dict, lang: str):
    text = pdf_text(printed / CATALOGUES[lang].format(""))
    for slug, product in demo_products.items():
        assert product[lang] in text, f"{slug}: {product[lang]!r} is not in the {lang} catalogue"


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("selection", SELECTIONS, ids=lambda s: suffix(s).lstrip("-"))
def test_a_selection_prints_only_its_products(printed: Path, demo_products: dict, lang: str, selection: dict):
    wanted = selected(demo_products, selection)
    assert wanted, selection
    others = {k: v for k, v in demo_products.items() if k not in wanted}
    assert_only(pdf_text(printed / CATALOGUES[lang].format(suffix(selection))), wanted, others, lang)
    assert_only(pdf_text(printed / LABELS[lang].format(suffix(selection))), wanted, others, lang)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("selection", [None, *SELECTIONS], ids=lambda s: suffix(s).lstrip("-") or "all")
def test_labels_come_eight_to_a_sheet_in_both_languages(printed: Path, demo_products: dict, lang: str,
                                                        selection: dict | None):
    wanted = selected(demo_products, selection)
    pdf = printed / LABELS[lang].format(suffix(selection))
    assert pdf_pages(pdf) == math.ceil(len(wanted) / 8)
    text = pdf_text(pdf)
    for product in wanted.values():  # each card names the product in both languages
        assert product["id"] in text and product["en"] in text


@pytest.mark.parametrize("document", ["catalogue", "labels"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_qr_code_opens_a_page_of_the_build(printed: Path, demo_products: dict, tmp_path: Path, lang: str,
                                                  document: str):
    pdf = printed / (CATALOGUES if document == "catalogue" else LABELS)[lang].format("")
    codes = qr_codes(pdf, tmp_path)
    product_prefix = {"id": "/produk/", "en": "/en/products/"}[lang]
    opened = set()
    for url in codes:
        query = parse_qs(urlsplit(url).query)
        assert query == {"utm_source": ["exhibition"], "utm_medium": ["print"], "utm_campaign": [EVENT]}, url
        target = page_file(url, SITEURL, printed)
        assert target.is_file(), f"{url} → {target} was not built"
        assert parse(target).find("html").attrs.get("lang") == lang, f"{url} is not a page in {lang}"
        path = urlsplit(url).path
        if path.startswith(product_prefix):
            opened.add(path.removeprefix(product_prefix).strip("/"))
    # One code per product, each product once; a catalogue also has the cover's code to the site.
    assert opened == set(demo_products)
    assert len(codes) == len(demo_products) + (1 if document == "catalogue" else 0)


def test_a_selections_cover_code_opens_its_own_page(printed: Path, tmp_path: Path):
    codes = qr_codes(printed / "en/catalogue-batik.pdf", tmp_path)
    pages = {urlsplit(c).path for c in codes}
    assert "/en/categories/batik/" in pages
    assert page_file(SITEURL + "/en/categories/batik/", SITEURL, printed).is_file()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_site_links_its_printed_catalogue(printed: Path, lang: str):
    home = printed / ("index.html" if lang == "id" else "en/index.html")
    pdf = CATALOGUES[lang].format("")
    assert f"{SITEURL}/{pdf}" in {a.attrs.get("href") for a in parse(home).find_all("a")}
    assert (printed / pdf).read_bytes().startswith(b"%PDF-")


def test_photos_are_derivatives_never_the_originals(printed: Path):
    """Every photo in the PDF has the size of a JPEG the image pipeline wrote, smaller than any original."""
    out = subprocess.run(["pdfimages", "-list", str(printed / CATALOGUES["id"].format(""))], check=True,
                         capture_output=True, text=True).stdout.splitlines()[2:]
    embedded = {(int(row[3]), int(row[4])) for line in out if (row := line.split())[2] == "image"}
    assert embedded, "the catalogue has no photo"
    derived = set()
    for jpeg in (printed / "media").rglob("*.jpg"):
        with Image.open(jpeg) as im:
            derived.add(im.size)
    assert embedded <= derived
    originals = [p for p in (ROOT / "content" / "products").glob("*/*") if p.suffix.lower() in (".jpg", ".jpeg")]
    smallest_original = min(_width(p) for p in originals)
    assert max(w for w, _ in embedded) < smallest_original


def _width(photo: Path) -> int:
    with Image.open(photo) as im:
        return im.size[0]
