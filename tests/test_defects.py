"""Every kind of broken entry is refused with one line naming the file, the field and the message key.

Each scenario is tests/fixtures/defect-<name>/ laid over tests/fixtures/base/; a few are completed at run time
(symlinks, binary and oversized files, a FIFO) so the fixtures stay plain text in git.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from catalogue.model.messages import MESSAGES
from catalogue.model.problems import CatalogueError
from catalogue.reading.loader import LoadResult, load_catalogue
from conftest import ROOT, build_site, make_scenario
from images.inspect import Inspector

from scripts import check, make_demo_photos

P_ID = "products/kain-contoh/index.id.md"
P_EN = "products/kain-contoh/index.en.md"
A_ID = "artisans/perajin-contoh/index.id.md"
A_EN = "artisans/perajin-contoh/index.en.md"


def _photo_symlink(content: Path) -> None:
    (content / "products/kain-contoh/foto.jpg").symlink_to(content / "artisans/perajin-contoh/demo-bengkel.jpg")


def _index_symlink(content: Path) -> None:
    secret = content.parent / "secret.md"
    secret.write_text("---\nsummary: not part of the catalogue\n---\nsecret\n")
    en = content / P_EN
    en.unlink()
    en.symlink_to(secret)


def _folder_symlink(content: Path) -> None:
    outside = content.parent / "outside"
    (outside).mkdir()
    (outside / "index.id.md").write_text((content / P_ID).read_text())
    (content / "products/kain-tautan").symlink_to(outside, target_is_directory=True)


def _not_utf8(content: Path) -> None:
    (content / A_EN).write_bytes(b"---\nsummary: caf\xe9 \xff\xfe\n---\n")


def _too_large(content: Path) -> None:
    with (content / P_ID).open("a", encoding="utf-8") as fh:
        fh.write("Deskripsi panjang. " * 20_000)


def _fifo(content: Path) -> None:
    (content / A_EN).unlink()
    os.mkfifo(content / A_EN)


def _copy_artisan_photo(content: Path) -> None:
    (content / "products/kain-contoh/bengkel.jpg").write_bytes(
        (content / "artisans/perajin-contoh/demo-bengkel.jpg").read_bytes())


SETUP: dict[str, Callable[[Path], None]] = {
    "duplicate-photo": _copy_artisan_photo,
    "photo-symlink": _photo_symlink,
    "index-symlink": _index_symlink,
    "folder-symlink": _folder_symlink,
    "not-utf8": _not_utf8,
    "file-too-large": _too_large,
    "fifo-index": _fifo,
}

# scenario, file (relative to content/), field, message key
DEFECTS = [
    ("price-text", P_ID, "price", "rupiah"),
    ("price-zero", P_ID, "price", "positive"),
    ("price-decimal", P_ID, "price", "rupiah"),
    ("price-range", P_ID, "price_min", "price_range"),
    ("price-both", P_ID, "price", "price_both"),
    ("year-future", A_ID, "founded", "year_future"),
    ("date-future", P_ID, "added", "date_future"),
    ("date-text", P_ID, "added", "date"),
    ("unknown-category", P_ID, "category", "unknown_category"),
    ("unknown-region", A_ID, "region", "unknown_region"),
    ("unknown-island", A_ID, "island", "unknown_island"),  # Bawean is Gresik's, not Bangkalan's
    ("unknown-platform", A_ID, "storefronts[1].platform", "unknown_platform"),
    ("unknown-certification", P_ID, "certifications", "unknown_certification"),
    ("unknown-field", P_ID, "harga", "unknown_field"),
    ("storefront-unknown-key", A_ID, "storefronts[1].diskon", "unknown_field"),
    ("storefront-not-mapping", A_ID, "storefronts[1]", "mapping"),
    ("unknown-artisan", P_ID, "artisan", "unknown_artisan"),
    ("missing-title", P_ID, "title", "required"),
    ("empty-summary", P_ID, "summary", "required"),
    ("photos-not-list", P_ID, "photos", "list"),
    ("photos-empty", P_ID, "photos", "photos_empty"),
    ("crafts-empty", A_ID, "crafts", "list_empty"),
    ("featured-not-boolean", P_ID, "featured", "boolean"),
    ("dyes-choice", P_ID, "dyes", "choice"),
    ("tag-format", P_ID, "tags[1]", "tag"),
    ("measure-text", P_ID, "dimensions.width_cm", "measure"),
    ("size-label", P_ID, "sizes[3]", "size_label"),
    ("technique-category", P_ID, "technique", "technique_category"),
    ("lead-time-missing", P_ID, "lead_time_days", "lead_time"),
    ("captions-count", P_ID, "captions", "captions_count"),
    ("title-too-long", P_ID, "title", "text_too_long"),
    ("url-http", A_ID, "storefronts[1].url", "url_scheme"),
    ("url-javascript", A_ID, "storefronts[1].url", "url_scheme"),
    ("url-lookalike", A_ID, "storefronts[1].url", "url_host"),
    ("url-suffix-lookalike", A_ID, "storefronts[1].url", "url_host"),
    ("url-idn", A_ID, "storefronts[1].url", "url_idn"),
    ("url-punycode", A_ID, "storefronts[1].url", "url_idn"),
    ("url-credentials", A_ID, "storefronts[1].url", "url_credentials"),
    ("url-ip", A_ID, "storefronts[1].url", "url_ip"),
    ("url-shape", A_ID, "storefronts[1].url", "url_shape"),
    ("platform-closed", A_ID, "storefronts[1].url", "platform_closed"),
    ("whatsapp-short", A_ID, "whatsapp", "whatsapp"),
    ("whatsapp-landline", A_ID, "whatsapp", "whatsapp"),
    ("instagram-handle", A_ID, "instagram", "instagram"),
    ("html-script", P_ID, "text", "html_not_allowed"),
    ("html-onerror", P_ID, "text", "html_not_allowed"),
    ("html-event-on-allowed-tag", A_EN, "text", "html_not_allowed"),
    ("html-javascript-link", P_ID, "text", "html_not_allowed"),
    ("html-entity-javascript", P_ID, "text", "html_not_allowed"),
    ("html-data-link", P_ID, "text", "html_not_allowed"),
    ("html-iframe", P_ID, "text", "html_not_allowed"),
    ("html-form", A_ID, "text", "html_not_allowed"),
    ("html-style", P_ID, "text", "html_not_allowed"),
    ("html-style-attribute", P_ID, "text", "html_not_allowed"),
    ("heading-top-level", P_ID, "text", "heading_level"),
    ("photo-traversal", P_ID, "photos[1]", "photo_outside"),
    ("photo-absolute", P_ID, "photos[1]", "photo_outside"),
    ("photo-hidden", P_ID, "photos[1]", "photo_outside"),
    ("photo-symlink", P_ID, "photos[1]", "photo_outside"),
    ("photo-missing", P_ID, "photos[2]", "photo_missing"),
    ("photo-type", P_ID, "photos[1]", "photo_type"),
    ("photo-repeated", P_ID, "photos", "photo_repeated"),
    ("artisan-photo-traversal", A_ID, "photo", "photo_outside"),
    ("index-symlink", P_EN, "file", "symlink"),
    ("folder-symlink", "products/kain-tautan", "folder", "symlink"),
    ("folder-slug", "products/Kain_Contoh_2", "folder", "slug"),
    ("folder-without-index", "products/kain-kosong", "index.id.md", "entry_file_missing"),
    ("not-utf8", A_EN, "file", "file_unreadable"),
    ("file-too-large", P_ID, "file", "file_too_large"),
    ("fifo-index", A_EN, "file", "file_special"),
    ("translation-contradicts", P_EN, "price", "translation_contradicts"),
    ("translation-field", P_EN, "featured", "translation_field"),
    ("translation-unknown-field", P_EN, "colour", "unknown_field"),
    ("translation-captions-count", P_EN, "captions", "captions_count"),
    ("yaml-alias-bomb", P_ID, "front matter", "yaml_alias"),
    ("yaml-python-tag", P_ID, "front matter", "yaml_invalid"),
    ("yaml-deep-nesting", P_ID, "front matter", "yaml_deep"),
    ("yaml-not-mapping", P_ID, "front matter", "yaml_not_mapping"),
    ("no-front-matter", P_ID, "front matter", "front_matter_start"),
    ("unclosed-front-matter", P_ID, "front matter", "front_matter_end"),
    ("page-slug-reserved", "pages/about/index.id.md", "slug", "page_slug"),
    ("page-slug-taken", "pages/join/index.id.md", "slug", "page_slug"),
]

# scenario, file, field, message key: problems that are reported but do not stop the build
WARNINGS = [
    ("translation-missing", P_EN, "file", "translation_missing"),
    ("long-summary", P_ID, "summary", "text_long"),
    ("duplicate-photo", P_ID, "photos[1]", "photo_duplicate"),
    ("storefront-shop-home", P_ID, "storefronts[2].url", "storefront_home"),
    ("size-words", P_ID, "size", "size_words"),
    ("unknown-tag", P_ID, "tags[2]", "unknown_tag"),
    ("materials-untranslated", P_EN, "materials", "fact_untranslated"),
]


@pytest.fixture(scope="module")
def base_photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The base scenario's demo photos, made once: generating them for every scenario would dominate the run."""
    content = make_scenario("base", tmp_path_factory.mktemp("photos"))
    make_demo_photos.main(["--content", str(content)])
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in content.rglob("demo-*")}


@pytest.fixture
def defect(scenario, base_photos: dict[str, bytes]) -> Callable[[str], Path]:
    def make(name: str) -> Path:
        content = scenario(f"defect-{name}")
        for rel, data in base_photos.items():
            if (content / rel).parent.is_dir() and not (content / rel).exists():
                (content / rel).write_bytes(data)
        if name in SETUP:
            SETUP[name](content)
        return content

    return make


def check_tree(content: Path) -> LoadResult:
    return load_catalogue(content, photo_checks=[Inspector()])


def test_every_fixture_folder_is_in_a_table() -> None:
    folders = {p.name.removeprefix("defect-") for p in (ROOT / "tests/fixtures").glob("defect-*")}
    assert folders == {row[0] for row in DEFECTS + WARNINGS}


@pytest.mark.parametrize(("name", "file", "field", "code"), DEFECTS, ids=[row[0] for row in DEFECTS])
def test_defect_is_one_clear_error(defect, capsys, name: str, file: str, field: str, code: str) -> None:
    assert code in MESSAGES
    content = defect(name)
    result = check_tree(content)
    got = [(p.path.relative_to(content).as_posix(), p.field, p.code) for p in result.errors]
    assert got == [(file, field, code)]

    # The command line names the same file and field, in Indonesian, and fails.
    capsys.readouterr()
    assert check.main(["--input", str(content)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert out[0].startswith(f"{(content / file).as_posix()}: {field}: ") or out[0].startswith(f"{file}: {field}: ")


@pytest.mark.parametrize(("name", "file", "field", "code"), WARNINGS, ids=[row[0] for row in WARNINGS])
def test_warning_is_reported_and_does_not_fail(defect, capsys, name, file, field, code) -> None:
    content = defect(name)
    result = check_tree(content)
    assert result.errors == []
    assert [(p.path.relative_to(content).as_posix(), p.field, p.code) for p in result.warnings] == [
        (file, field, code)]
    assert check.main(["--input", str(content)]) == 0


def test_closed_platform_reason_is_in_the_contributors_language(defect, capsys) -> None:
    content = defect("platform-closed")
    check_tree(content)
    capsys.readouterr()
    check.main(["--input", str(content), "--lang", "id"])
    indonesian = capsys.readouterr().out
    check.main(["--input", str(content), "--lang", "en"])
    english = capsys.readouterr().out
    assert "menutup layanan jual-beli barang" in indonesian and "closed its marketplace" not in indonesian
    assert "closed its marketplace for goods" in english and "menutup" not in english


def test_shop_home_warning_in_both_languages_and_exit_zero(defect, capsys) -> None:
    content = defect("storefront-shop-home")
    capsys.readouterr()
    assert check.main(["--input", str(content), "--lang", "id"]) == 0
    indonesian = capsys.readouterr().out
    assert check.main(["--input", str(content), "--lang", "en"]) == 0
    english = capsys.readouterr().out
    assert "storefronts[2].url: tautan ini membuka halaman toko Tokopedia" in indonesian
    assert "https://www.tokopedia.com/perajincontoh" in indonesian and indonesian.rstrip().endswith("(peringatan)")
    assert "storefronts[2].url: this link opens the Tokopedia shop's own page" in english
    assert english.rstrip().endswith("(warning)")
    # The Shopee link beside it leads to the product's listing: no warning for it, and nothing else is wrong.
    assert english.count("(warning)") == indonesian.count("(peringatan)") == 1 and "storefronts[1]" not in english


def test_a_size_in_words_is_fine_with_its_english_text(defect, capsys) -> None:
    content = defect("size-words")
    capsys.readouterr()
    assert check.main(["--input", str(content), "--lang", "en"]) == 0
    assert "size: this size has words in Indonesian (lebar, panjang)" in capsys.readouterr().out
    en = content / P_EN
    en.write_text(en.read_text().replace("materials: [cotton]", "materials: [cotton]\nsize: 110 cm wide, 200 cm long"))
    assert check_tree(content).problems == []


def test_all_problems_of_a_file_in_one_run(defect) -> None:
    content = defect("long-summary")
    index = content / P_ID
    text = index.read_text().replace("price: 350000", "price: gratis").replace("category: batik", "category: x")
    index.write_text(text.replace("dyes: natural", "dyes: alami").replace("Deskripsi", "<script>x</script>"))
    result = check_tree(content)
    assert sorted(p.field for p in result.errors) == ["category", "dyes", "price", "text"]


# One real build per group of checks: the loader refuses before anything is written, and the last good site stays.
@pytest.mark.parametrize("name", ["price-range", "url-lookalike", "html-script", "photo-symlink",
                                  "translation-contradicts", "yaml-alias-bomb"])
def test_failed_build_leaves_last_good_output(defect, tmp_path: Path, name: str) -> None:
    content = defect(name)
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the last good site")
    with pytest.raises(CatalogueError):
        build_site(content, output)
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text() == "the last good site"
    # No staging folder left behind (the lock file stays: its lock is the kernel's, and ends with the build).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.lock", "content", "output"]
    if name == "photo-symlink" or name == "index-symlink":
        assert not (output / "secret.md").exists()


def test_github_annotations_point_at_the_field_line(defect, capsys, tmp_path: Path) -> None:
    content = defect("url-lookalike")
    summary = tmp_path / "summary.md"
    assert check.main(["--input", str(content), "--format", "github", "--summary", str(summary)]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    lines = (content / A_ID).read_text().splitlines()
    expected = next(i for i, text in enumerate(lines, start=1) if "url:" in text)
    assert line.startswith("::error file=")
    assert f",line={expected}," in line
    assert "title=storefronts[1].url::" in line
    table = summary.read_text()
    assert "| `storefronts[1].url` |" in table and "tokopedia.com.evil.io" in table


def test_github_annotation_of_a_body_problem_is_on_the_body(defect, capsys) -> None:
    content = defect("html-script")
    check.main(["--input", str(content), "--format", "github"])
    (line,) = capsys.readouterr().out.splitlines()
    lines = (content / P_ID).read_text().splitlines()
    body_start = [i for i, text in enumerate(lines, start=1) if text == "---"][1] + 1
    assert f",line={body_start}," in line


def test_paths_limit_the_report_to_their_entries(defect, capsys) -> None:
    content = defect("url-lookalike")
    assert check.main(["--input", str(content), str(content / P_ID)]) == 0
    assert capsys.readouterr().out == ""
    assert check.main(["--input", str(content), str(content / A_ID)]) == 1
    assert "storefronts[1].url" in capsys.readouterr().out


def test_workflows_run_the_same_make_targets() -> None:
    import yaml

    def steps(name: str) -> dict[str, list[dict]]:
        data = yaml.safe_load((ROOT / ".github/workflows" / name).read_text())
        return {job: spec["steps"] for job, spec in data["jobs"].items()}

    pr = steps("pull-request.yml")
    assert {"run": "make check CHECK_FORMAT=github"}.items() <= pr["check"][-1].items()
    assert pr["test"][-1]["run"] == "make test"
    publish = steps("publish.yml")
    runs = [s.get("run") for s in publish["build"]]
    assert "make publish" in runs
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in publish["build"])
    assert publish["deploy"][0]["uses"].startswith("actions/deploy-pages@")
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    local = next(r for r in hooks["repos"] if r["repo"] == "local")["hooks"][0]
    assert local["entry"].endswith("-m scripts.check") and local["pass_filenames"] is True
