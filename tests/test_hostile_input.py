"""Hostile input, class by class: numbers, text, names and files. `make check` and the build agree on each: what
check accepts, the build builds; what it refuses gets one clear `file: field: message` line and no traceback."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from catalogue.model.messages import MESSAGES
from catalogue.model.problems import CatalogueError
from catalogue.reading.loader import load_catalogue
from conftest import build_site, make_scenario
from images.inspect import Inspector

from scripts import check, make_demo_photos

P_ID = "products/kain-contoh/index.id.md"


@pytest.fixture(scope="module")
def base_photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    content = make_scenario("base", tmp_path_factory.mktemp("photos"))
    make_demo_photos.main(["--content", str(content)])
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in content.rglob("demo-*")}


@pytest.fixture
def tree(tmp_path: Path, base_photos: dict[str, bytes]) -> Callable[..., Path]:
    """The base content tree with the product's front matter line ``old`` replaced by ``new`` (and its body by
    ``body``), its demo photos in place."""

    def make(old: str = "", new: str = "", body: str | None = None) -> Path:
        content = make_scenario("base", tmp_path)
        for rel, data in base_photos.items():
            (content / rel).write_bytes(data)
        index = content / P_ID
        text = index.read_text(encoding="utf-8")
        if old:
            assert old in text
            text = text.replace(old, new)
        if body is not None:
            text = text.replace("Deskripsi kain contoh.", body)
        index.write_text(text, encoding="utf-8")
        return content

    return make


def errors(content: Path) -> list[tuple[str, str, str]]:
    return [(p.path.relative_to(content).as_posix(), p.field, p.code)
            for p in load_catalogue(content, photo_checks=[Inspector()]).errors]


def agree(content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path | None]:
    """Run `make check` and the build on the same tree: (check's exit code, its output, the built site or None
    when the build refused); the two must agree."""
    capsys.readouterr()
    code = check.main(["--input", str(content)])
    out = capsys.readouterr()
    output = tmp_path / "output"
    try:
        build_site(content, output, CACHE_PATH=str(tmp_path / "cache"))
        built: Path | None = output
    except CatalogueError:
        built = None
    assert (code == 0) == (built is not None), f"check said {code}, the build {'built' if built else 'refused'}"
    assert "Traceback" not in out.out + out.err
    return code, out.out, built


# -- numbers ---------------------------------------------------------------------------------------------------
# (front matter line, field, message key or None when accepted, the price the page shows when accepted)
NUMBERS = [
    ("price: 0350000", "price", None, "Rp350.000"),  # a leading zero is decimal, never octal (YAML 1.1: 118784)
    ("price: 0x10", "price", "rupiah", None),
    ("price: 0o17", "price", "rupiah", None),
    ("price: 0b101", "price", "rupiah", None),
    ("price: 1_000", "price", "rupiah", None),
    ("price: 190:20:30", "price", "rupiah", None),  # YAML 1.1's sixty-based integer
    ("price: ٣٥٠٠٠٠", "price", "rupiah", None),  # Arabic-Indic digits
    ("price: '²'", "price", "rupiah", None),  # a digit to str.isdigit that int() refuses
    ("price: 3500000000000000000000000000000000000000", "price", "number_large", None),
    ("price: '35000000000000000000000'", "price", "number_large", None),
    ("price: " + "9" * 5000, "price", "number_large", None),  # more digits than Python reads as a number
    ("weight_g: 5000000", "weight_g", "number_large", None),
    ("weight_g: 0x1F", "weight_g", "whole_number", None),
]


@pytest.mark.parametrize(("line", "field", "code", "shown"), NUMBERS, ids=[n[0][:30] for n in NUMBERS])
def test_numbers_are_decimal_and_bounded(tree, tmp_path, capsys, line, field, code, shown) -> None:
    old = "price: 350000" if field == "price" else "weight_g: 300"
    content = tree(old, line)
    assert errors(content) == ([] if code is None else [(P_ID, field, code)])
    status, out, built = agree(content, tmp_path, capsys)
    if code is None:
        assert built is not None and status == 0
        assert shown in (built / "produk/kain-contoh/index.html").read_text(encoding="utf-8")
    else:
        assert out.splitlines()[0].startswith(f"{P_ID}: {field}: ") or f": {field}: " in out


def test_days_are_bounded(tree) -> None:
    content = tree("availability: ready", "availability: made-to-order\nlead_time_days: 9999")
    assert errors(content) == [(P_ID, "lead_time_days", "number_large")]


# -- text ------------------------------------------------------------------------------------------------------
TEXT = [
    ('title: "Kain\\vBatik"', "title"),  # a vertical tab: not allowed in XML 1.0, it broke the Atom feeds
    ('title: "Kain\\x1b[2J\\x1b]0;pwned\\x07 Batik"', "title"),  # terminal escapes
    ('title: "Kain \\u202eBatik"', "title"),  # right-to-left override
    ('summary: "Kain\\u200b batik tulis contoh."', "summary"),  # zero-width space
    ('title: "Kain \\ue000 Batik"', "title"),  # private use
    ('tags: [madura, "ba\\u2066tik"]', "tags[2]"),  # a bidi isolate in a list
]


@pytest.mark.parametrize(("line", "field"), TEXT, ids=[t[0][:25] for t in TEXT])
def test_control_bidi_and_private_characters_are_refused(tree, tmp_path, capsys, line, field) -> None:
    old = line.split(":", 1)[0] + ": " + {"title": "Kain Batik Contoh", "summary": "Kain batik tulis contoh dari "
                                         "Tanjung Bumi.", "tags": "[madura]"}[line.split(":", 1)[0]]
    content = tree(old, line)
    assert errors(content) == [(P_ID, field, "text_character")]
    status, out, built = agree(content, tmp_path, capsys)
    assert status == 1 and built is None
    # Printed safely: the message names the character, the terminal never receives it.
    assert re.search(r"U\+[0-9A-F]{4}", out)
    assert not any(c in out for c in "\x1b\x07\x0b\u202e\u200b\ue000\u2066")


def test_control_characters_in_the_body_are_refused(tree) -> None:
    content = tree(body="Cerita \x1b[31mmerah\x1b[0m kain.")
    assert errors(content) == [(P_ID, "text", "text_character")]


def test_unknown_field_with_an_escape_is_printed_safely(tree, capsys) -> None:
    content = tree("dyes: natural", 'dyes: natural\n"warna\\x1b[31m": merah')
    capsys.readouterr()
    assert check.main(["--input", str(content)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "warna\\x1b[31m" in out


def test_text_is_normalised_to_nfc_and_feeds_stay_xml(tree, tmp_path, capsys) -> None:
    decomposed = "Kain Bati\u0301k Contoh"  # "í" typed as i + a combining accent
    content = tree("title: Kain Batik Contoh", f"title: {decomposed}")
    catalogue = load_catalogue(content).catalogue
    assert catalogue is not None
    assert catalogue.products[0].texts["id"].title == "Kain Batík Contoh"
    status, _out, built = agree(content, tmp_path, capsys)
    assert status == 0 and built is not None
    feeds = [p for p in built.rglob("*.xml") if "feed" in p.name or p.parent.name == "feeds"]
    assert feeds
    for feed in feeds:
        ET.parse(feed)  # raises on a character XML does not allow
    assert "Kain Batík Contoh" in (built / "produk/kain-contoh/index.html").read_text(encoding="utf-8")


# -- names -----------------------------------------------------------------------------------------------------
def test_folder_name_with_a_trailing_newline_is_refused(tree) -> None:
    content = tree()
    (content / "products/kain-contoh").rename(content / "products/kain-contoh\n")
    assert [(f, c) for _p, f, c in errors(content)] == [("folder", "slug")]


def test_page_slug_and_tag_with_a_trailing_newline_are_refused(tree) -> None:
    content = tree("tags: [madura]", 'tags: ["madura\\n"]')
    page = content / "pages/about/index.id.md"
    page.write_text(page.read_text().replace("slug: tentang", 'slug: "tentang\\n"'))
    assert sorted(errors(content)) == [("pages/about/index.id.md", "slug", "tag"), (P_ID, "tags[1]", "tag")]


def test_photo_names_with_spaces_commas_hashes_and_question_marks_are_published_safely(tree, tmp_path, capsys
                                                                                        ) -> None:
    name = "foto kain, #1 depan?.jpg"
    content = tree("photos: [demo-kain.jpg]", f"photos: ['{name}']")
    folder = content / "products/kain-contoh"
    (folder / "demo-kain.jpg").rename(folder / name)
    status, _out, built = agree(content, tmp_path, capsys)
    assert status == 0 and built is not None
    page = (built / "produk/kain-contoh/index.html").read_text(encoding="utf-8")
    srcsets = re.findall(r'srcset="([^"]+)"', page)
    assert srcsets
    base = "http://site/produk/kain-contoh/"
    for srcset in srcsets:
        for candidate in srcset.split(","):
            url, width = candidate.split()
            assert re.fullmatch(r"\d+w|\d(\.\d+)?x", width)
            assert not set(url) & set(" ,#?")
            path = unquote(urljoin(base, url).removeprefix("http://site/"))
            assert (built / path).is_file(), url


# -- files -----------------------------------------------------------------------------------------------------
def test_a_key_written_twice_names_the_key_and_line(tree, capsys) -> None:
    content = tree("price: 350000", "price: 350000\nprice: 35000")
    result = load_catalogue(content)
    (problem,) = result.errors
    assert (problem.field, problem.code) == ("price", "yaml_duplicate_key")
    lines = (content / P_ID).read_text().splitlines()
    second = [i for i, line in enumerate(lines, start=1) if line.startswith("price:")][1]
    assert problem.params["line"] == str(second)
    capsys.readouterr()
    assert check.main(["--input", str(content), "--lang", "en"]) == 1
    assert f"{P_ID}: price: the field price is written twice (again on line {second})" in capsys.readouterr().out


def test_a_key_written_twice_in_a_storefront_is_refused(tree) -> None:
    content = tree("tags: [madura]", "tags: [madura]\nstorefronts:\n  - platform: tokopedia\n"
                   "    platform: shopee\n    url: https://tokopedia.com/toko")
    assert [(f, c) for _p, f, c in errors(content)] == [("platform", "yaml_duplicate_key")]


def test_a_truncated_jpeg_with_its_end_marker_put_back_is_refused(tree, tmp_path, capsys) -> None:
    content = tree()
    photo = content / "products/kain-contoh/demo-kain.jpg"
    data = photo.read_bytes()
    photo.write_bytes(data[: len(data) // 2] + b"\xff\xd9")
    assert errors(content) == [(P_ID, "photos[1]", "photo_damaged")]
    status, out, built = agree(content, tmp_path, capsys)
    assert status == 1 and built is None
    assert f"{P_ID}: photos[1]: " in out


def test_new_messages_are_translated() -> None:
    from catalogue.i18n.translations import load_translations
    from conftest import ROOT

    indonesian = load_translations(ROOT / "theme/translations", "id")
    for key in ("yaml_duplicate_key", "text_character", "number_large"):
        assert indonesian.gettext(MESSAGES[key]) != MESSAGES[key], key
