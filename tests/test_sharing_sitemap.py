"""sitemap.xml, robots.txt and the Atom feeds: every page in both languages with its alternates, absolute URLs."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, build_site, make_scenario
from expected import Tree
from htmlpage import alternates, parse
from pelican.settings import read_settings

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ATOM_NS = "http://www.w3.org/2005/Atom"
SM = f"{{{SITEMAP_NS}}}"
XH = f"{{{XHTML_NS}}}"
DEMO = Tree(ROOT / "content")


def base_url() -> str:
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    return (settings["SITEURL"] or settings["SHARING_SITEURL"]).rstrip("/")


def listed_pages(site: Path) -> dict[str, Path]:
    """Root-relative URL → file, for every page that a search engine should know: it has a canonical link and
    is not marked noindex, and is not the not-found page."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        doc = parse(path)
        canonical = [el.attrs["href"] for el in doc.find_all("link", rel="canonical")]
        noindex = any("noindex" in el.attrs.get("content", "") for el in doc.find_all("meta", name="robots"))
        if canonical and not noindex and path.name != "404.html":
            pages[canonical[0]] = path
    return pages


def read(site: Path) -> ET.Element:
    return ET.parse(site / "sitemap.xml").getroot()


def test_sitemap_follows_the_protocol(demo_site: Path) -> None:
    root = read(demo_site)
    assert root.tag == f"{SM}urlset"
    urls = list(root)
    assert urls and len(urls) <= 50_000
    allowed = {f"{SM}loc", f"{SM}lastmod", f"{SM}changefreq", f"{SM}priority", f"{XH}link"}
    for url in urls:
        assert url.tag == f"{SM}url"
        assert {child.tag for child in url} <= allowed
        locs = url.findall(f"{SM}loc")
        assert len(locs) == 1
        loc = locs[0].text or ""
        parts = urlsplit(loc)
        assert parts.scheme in ("http", "https") and parts.netloc and len(loc) < 2048
        for link in url.findall(f"{XH}link"):
            assert link.get("rel") == "alternate"
            assert urlsplit(link.get("href", "")).scheme in ("http", "https")
    assert (demo_site / "sitemap.xml").read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>")


def test_sitemap_lists_every_page_once_with_the_same_alternates_as_the_page(demo_site: Path) -> None:
    base = base_url()
    pages = listed_pages(demo_site)
    entries: dict[str, dict[str, str]] = {}
    for url in read(demo_site):
        loc = url.findtext(f"{SM}loc") or ""
        assert loc not in entries, f"{loc} listed twice"
        entries[loc] = {link.get("hreflang", ""): link.get("href", "") for link in url.findall(f"{XH}link")}
    assert set(entries) == {base + href for href in pages}
    for href, path in pages.items():
        in_page = {code: base + target for code, target in alternates(parse(path)).items()}
        assert set(in_page) == {"id", "en", "x-default"}
        assert entries[base + href] == in_page, href
        # Each version lists itself among the alternates, and the other language lists it back.
        assert base + href in in_page.values()
        for code in ("id", "en"):
            assert entries[in_page[code]] == in_page


def test_sitemap_covers_every_product_and_artisan_in_both_languages(demo_site: Path) -> None:
    base = base_url()
    locs = {url.findtext(f"{SM}loc") for url in read(demo_site)}
    for slug in DEMO.products:
        assert {f"{base}/produk/{slug}/", f"{base}/en/products/{slug}/"} <= locs
    for slug in DEMO.artisans:
        assert {f"{base}/perajin/{slug}/", f"{base}/en/artisans/{slug}/"} <= locs
    assert not any("offline" in loc or "404" in loc for loc in locs if loc)


def test_robots_txt_points_to_the_sitemap(demo_site: Path) -> None:
    lines = (demo_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {base_url()}/sitemap.xml" in lines
    assert not any(line.strip() == "Disallow: /" for line in lines)


@pytest.mark.parametrize(("lang", "feed", "listing"), [("id", "feeds/produk.atom.xml", "/produk/"),
                                                        ("en", "en/feeds/products.atom.xml", "/en/products/")])
def test_feed_of_new_products_per_language(demo_site: Path, lang: str, feed: str, listing: str) -> None:
    base = base_url()
    root = ET.parse(demo_site / feed).getroot()
    assert root.tag == f"{{{ATOM_NS}}}feed"
    assert root.findtext(f"{{{ATOM_NS}}}id") == f"{base}/{feed}"
    entries = root.findall(f"{{{ATOM_NS}}}entry")
    newest = sorted(DEMO.products, key=lambda slug: (str(DEMO.product(slug)["added"]), slug), reverse=True)
    prefix = "/produk/" if lang == "id" else "/en/products/"
    links = [e.find(f"{{{ATOM_NS}}}link").get("href") for e in entries]  # type: ignore[union-attr]
    assert links == [f"{base}{prefix}{slug}/" for slug in newest[: len(entries)]]
    assert 0 < len(entries) <= 30
    titles = {e.findtext(f"{{{ATOM_NS}}}title") for e in entries}
    assert DEMO.product(newest[0], lang)["title"] in titles
    # Linked from the <head> of the pages of that language.
    home = parse(demo_site / ("index.html" if lang == "id" else "en/index.html"))
    hrefs = [el.attrs["href"] for el in home.find_all("link", rel="alternate", type="application/atom+xml")]
    assert hrefs == [f"/{feed}"]
    assert parse(demo_site / listing.lstrip("/") / "index.html").find_all("link", type="application/atom+xml")


def test_feed_per_category_is_linked_from_its_category_page(demo_site: Path) -> None:
    base = base_url()
    for key in DEMO.categories:
        in_category = [slug for slug in DEMO.products if DEMO.product(slug)["category"] == key]
        if not in_category:
            continue
        for lang, page, feed in (("id", f"kategori/{key}/index.html", f"feeds/kategori/{key}.atom.xml"),
                                 ("en", f"en/categories/{key}/index.html", f"en/feeds/categories/{key}.atom.xml")):
            root = ET.parse(demo_site / feed).getroot()
            prefix = "/produk/" if lang == "id" else "/en/products/"
            links = {e.find(f"{{{ATOM_NS}}}link").get("href") for e in root.findall(f"{{{ATOM_NS}}}entry")}  # type: ignore[union-attr]
            assert links == {f"{base}{prefix}{slug}/" for slug in in_category}
            hrefs = [el.attrs["href"] for el in parse(demo_site / page).find_all("link", type="application/atom+xml")]
            assert f"/{feed}" in hrefs


def test_absolute_siteurl_with_a_path_is_used_for_every_sitemap_url(tmp_path: Path) -> None:
    content = make_scenario("base", tmp_path)
    site = build_site(content, tmp_path / "output", SITEURL="https://example.org/kriya")
    locs = [url.findtext(f"{SM}loc") or "" for url in read(site)]
    assert locs and all(loc.startswith("https://example.org/kriya/") for loc in locs)
    assert "https://example.org/kriya/en/" in locs
    assert "Sitemap: https://example.org/kriya/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def test_without_any_address_no_sitemap_is_written_and_the_build_says_why(tmp_path: Path,
                                                                            caplog: pytest.LogCaptureFixture) -> None:
    content = make_scenario("base", tmp_path)
    site = build_site(content, tmp_path / "output", SITEURL="", SHARING_SITEURL="")
    assert not (site / "sitemap.xml").exists()
    assert not (site / "robots.txt").exists()
    assert any("SHARING_SITEURL" in r.getMessage() for r in caplog.records)
    # The pages themselves are still built, without share links or QR codes that would point nowhere.
    assert (site / "en" / "index.html").exists()
    assert not list(site.rglob("*.atom.xml"))


SCHEMA = Path(__file__).resolve().parent / "schemas" / "sitemap.xsd"


def test_sitemap_validates_against_the_sitemap_schema(demo_site: Path) -> None:
    import xmlschema

    schema = xmlschema.XMLSchema(SCHEMA)
    errors = [str(e.reason) for e in schema.iter_errors(str(demo_site / "sitemap.xml"))]
    assert not errors, errors[:5]


@pytest.mark.parametrize("broken", [
    '<url><lastmod>2026-08-17</lastmod></url>',  # no loc
    '<url><loc>/produk/relatif/</loc></url>',  # not absolute
    '<url><loc>https://example.org/</loc><x:link xmlns:x="http://www.w3.org/1999/xhtml" rel="alternate" '
    'hreflang="en" href="/en/"/></url>',  # relative alternate
])
def test_the_schema_refuses_what_the_protocol_forbids(tmp_path: Path, broken: str) -> None:
    import xmlschema

    path = tmp_path / "sitemap.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{SITEMAP_NS}">{broken}</urlset>',
                    encoding="utf-8")
    assert not xmlschema.XMLSchema(SCHEMA).is_valid(str(path))
