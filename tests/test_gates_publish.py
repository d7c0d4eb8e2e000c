"""`make publish`: fingerprinted CSS/JS, minified pages and assets, gzip + brotli beside them, and a _headers file."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest

from tests.conftest import ROOT, build_site


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import make_scenario

    content = make_scenario("base", tmp_path_factory.mktemp("publish"))
    return build_site(content, content.parent / "output", ROOT / "publishconf.py", SITEURL="https://example.test")


def test_stylesheets_and_scripts_are_fingerprinted_and_pages_name_them(published: Path) -> None:
    theme = published / "theme"
    assets = [p for p in theme.rglob("*") if p.suffix in (".css", ".js")]
    assert assets, "no CSS or JS under theme/"
    plain = [p.relative_to(published).as_posix() for p in assets if not re.search(r"\.[0-9a-f]{10}\.(css|js)$", p.name)]
    assert not plain, f"assets without a content hash in their name: {plain}"
    home = (published / "index.html").read_text(encoding="utf-8")
    css = re.search(r"/(theme/css/site\.[0-9a-f]{10}\.css)", home)
    assert css and (published / css[1]).is_file(), "the home page does not link the fingerprinted stylesheet"
    for page in published.rglob("*.html"):
        assert "/theme/css/site.css" not in page.read_text(encoding="utf-8"), f"{page} names the unhashed stylesheet"


def test_the_font_is_fingerprinted_and_the_stylesheet_and_pages_name_the_same_file(published: Path) -> None:
    fonts = list((published / "theme" / "fonts").glob("*.woff2"))
    assert fonts and all(re.search(r"\.[0-9a-f]{10}\.woff2$", f.name) for f in fonts), fonts
    css_file = next((published / "theme" / "css").glob("site.*.css"))
    named = re.findall(r"url\(([^)]+\.woff2)\)", css_file.read_text(encoding="utf-8"))
    assert named, "the stylesheet names no font"
    for ref in named:  # relative to the stylesheet, as written in theme/static/css/site.css
        assert (css_file.parent / ref.strip("\"'")).resolve() in {f.resolve() for f in fonts}, ref
    home = (published / "index.html").read_text(encoding="utf-8")
    links = [tag for tag in re.findall(r"<link\b[^>]*>", home) if re.search(r"\brel=\"?preload\b", tag)]
    preload = next((re.search(r'href="?([^" >]+\.woff2)', tag) for tag in links if ".woff2" in tag), None)
    assert preload and preload[1].endswith("/" + fonts[0].relative_to(published).as_posix()), (
        "the page preloads another file than the stylesheet's font: it would be downloaded twice")
    headers = (published / "_headers").read_text(encoding="utf-8")
    font = fonts[0].relative_to(published).as_posix()
    assert re.search(rf"^/{re.escape(font)}\n  Cache-Control: public, max-age=31536000, immutable$", headers, re.M)


def test_pages_and_assets_are_minified(published: Path) -> None:
    home = (published / "index.html").read_text(encoding="utf-8")
    assert "\n  <" not in home and "<!--" not in home
    css = next((published / "theme" / "css").glob("site.*.css")).read_text(encoding="utf-8")
    source = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert len(css) < len(source) and "/*" not in css


def test_text_files_are_precompressed_with_gzip_and_brotli(published: Path) -> None:
    texts = [p for p in published.rglob("*")
             if p.suffix in (".html", ".css", ".js", ".svg") and p.stat().st_size > 1500]
    assert texts
    for path in texts:
        data = path.read_bytes()
        gz, br = path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")
        assert gz.is_file() and br.is_file(), f"{path} has no .gz or .br beside it"
        assert gzip.decompress(gz.read_bytes()) == data and brotli.decompress(br.read_bytes()) == data
        assert br.stat().st_size < len(data)


def test_a_host_that_compresses_by_itself_gets_no_precompressed_copies(
        published: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import make_scenario

    # As the publish workflow builds for GitHub Pages: the variable reaches publishconf.py through the environment.
    monkeypatch.setenv("PUBLISH_PRECOMPRESS", "0")
    content = make_scenario("base", tmp_path)
    site = build_site(content, tmp_path / "output", ROOT / "publishconf.py", SITEURL="https://example.test")
    assert not [p for p in site.rglob("*") if p.suffix in (".gz", ".br")]
    # The same site otherwise: the same files, minified and fingerprinted alike, as the default build's.
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    default = {p.relative_to(published).as_posix() for p in published.rglob("*")
               if p.is_file() and p.suffix not in (".gz", ".br")}
    assert files == default
    assert (site / "index.html").read_bytes() == (published / "index.html").read_bytes()


def test_a_wrong_precompress_value_is_refused_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import make_scenario

    monkeypatch.setenv("PUBLISH_PRECOMPRESS", "yes")
    content = make_scenario("base", tmp_path)
    with pytest.raises(SystemExit, match="PUBLISH_PRECOMPRESS"):
        build_site(content, tmp_path / "output", ROOT / "publishconf.py", SITEURL="https://example.test")
    assert not (tmp_path / "output").exists()


def test_headers_file_carries_the_policy_and_long_caching(published: Path) -> None:
    headers = (published / "_headers").read_text(encoding="utf-8")
    assert re.search(r"^/\*\n  Content-Security-Policy: default-src 'self'; script-src 'self'[^\n]*frame-ancestors",
                     headers, re.M)
    site_wide, _, cms = headers.partition("\n/admin/*\n")
    assert "'unsafe-inline'" not in site_wide and "'unsafe-eval'" not in site_wide
    # The staff CMS alone gets Sveltia's looser policy, replacing (not adding to) the site-wide one: inline
    # styles and the GitHub API, but still no script from elsewhere and no eval.
    assert cms.startswith("  ! Content-Security-Policy\n  Content-Security-Policy: default-src 'self'; ")
    cms_policy = cms.split("\n\n")[0]
    assert "'unsafe-inline'" in cms_policy and "https://api.github.com" in cms_policy
    assert "script-src 'self' 'wasm-unsafe-eval';" in cms_policy and "'unsafe-eval'" not in cms_policy
    assert "https://api.github.com" not in site_wide
    css = next((published / "theme" / "css").glob("site.*.css")).relative_to(published).as_posix()
    assert re.search(rf"^/{re.escape(css)}\n  Cache-Control: public, max-age=31536000, immutable$", headers, re.M)
    tag = re.search(r"<meta[^>]*Content-Security-Policy[^>]*>", (published / "index.html").read_text(encoding="utf-8"))
    meta = tag and re.search(r'content="([^"]+)"', tag[0])
    assert meta and meta[1].startswith("default-src 'self'") and "frame-ancestors" not in meta[1]


def test_the_cms_fonts_are_linked_into_admin_and_publish_never_writes_into_them_or_the_bundle(
        tmp_path: Path) -> None:
    import shutil

    from submission import DEFAULTS, FONTS

    from tests.conftest import make_scenario

    source = Path(DEFAULTS["SUBMISSION_CMS_BUNDLE"])
    bundle = tmp_path / "sveltia"
    bundle.mkdir()
    shutil.copyfile(source, bundle / source.name)
    fonts = [ROOT / "node_modules" / local for local in FONTS.values()]
    before = {p: p.read_bytes() for p in [bundle / source.name, *fonts]}
    content = make_scenario("base", tmp_path)
    settings = {"SUBMISSION_CMS_BUNDLE": str(bundle / source.name)}

    site = build_site(content, tmp_path / "html", **settings)
    for font in fonts:  # linked, not copied
        assert (site / "admin" / "fonts" / font.name).stat().st_ino == font.stat().st_ino
    # The bundle is written (its font URLs changed), never linked: writing it cannot reach node_modules.
    assert (site / "admin" / source.name).stat().st_ino != (bundle / source.name).stat().st_ino
    build_site(content, tmp_path / "published", ROOT / "publishconf.py", SITEURL="https://example.test", **settings)
    build_site(content, tmp_path / "html", **settings)  # again, over the first
    assert {p: p.read_bytes() for p in before} == before
