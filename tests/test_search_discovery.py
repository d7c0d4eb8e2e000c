"""Facets, price limits and the map of East Java: pure helpers on the demo's catalogue, and the built pages."""

from __future__ import annotations

import gzip
import html
import json
import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from catalogue.model.model import Catalogue
from catalogue.reading.loader import load_catalogue
from search.facets import FACETS, PRICE_LIMITS, facet_options, price_limits, product_facets, region_groups
from search.indexer import SearchIndexError, check_settings, merge_bundles
from search.regionmap import CHAR, FONT, Box, outlines, region_map

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    result = load_catalogue(ROOT / "content")
    assert result.catalogue is not None
    return result.catalogue


@pytest.mark.parametrize(("price", "low", "limits"), [
    (100_000, None, PRICE_LIMITS),  # a bound holds the price it names
    (100_001, None, PRICE_LIMITS[1:]),
    (None, 400_000, PRICE_LIMITS[2:]),  # a range: its lowest price
    (12_500_000, None, ()),
    (None, None, ()),  # on request
])
def test_price_limits(price, low, limits) -> None:
    assert price_limits(SimpleNamespace(price=price, price_min=low)) == tuple(str(n) for n in limits)


def test_facet_options_count_every_product_once_per_value(catalogue: Catalogue) -> None:
    options = facet_options(catalogue)
    assert set(options) == set(FACETS)
    assert dict(options["category"]) == {k: len(v) for k, v in catalogue.by_category.items()}
    # Every regency with its products, and every island at sea with the products made there (its regency's too).
    islands = Counter(p.island.key for p in catalogue.products if p.island)
    assert islands, "the demo should have products from the islands at sea"
    assert dict(options["region"]) == {**{k: len(v) for k, v in catalogue.by_region.items()}, **islands}
    assert sum(n for _, n in options["availability"]) == len(catalogue.products)
    lowest = [p.price if p.price is not None else p.price_min for p in catalogue.products]
    assert options["price"] == [(str(limit), n) for limit in PRICE_LIMITS
                                if (n := sum(1 for price in lowest if price is not None and price <= limit))]


def test_the_islands_group_holds_the_islands_at_sea_and_no_mainland_product(catalogue: Catalogue) -> None:
    groups = region_groups(catalogue)
    assert groups["madura"] == ("kab-bangkalan", "kab-sampang", "kab-pamekasan", "kab-sumenep")
    assert set(groups["islands"]) == {"bawean", "kangean", "masalembu"}
    picked = [p for p in catalogue.products if set(product_facets(p)["region"]) & set(groups["islands"])]
    assert picked and all(p.island is not None for p in picked)
    assert {p.region.key for p in picked} <= {"kab-gresik", "kab-sumenep"}
    # Sumenep's mainland workshops (the keris of Aeng Tong-Tong) are Sumenep's and Madura's, not the islands'.
    mainland = [p for p in catalogue.by_region["kab-sumenep"] if p.island is None]
    assert mainland and not {p.slug for p in mainland} & {p.slug for p in picked}


def rings(d: str) -> list[list[tuple[int, int]]]:
    """The rings of a path as scripts/make_region_map.py writes it: 'M12 30l4-1 3 2z…' (whole units)."""
    out = []
    for start, steps in re.findall(r"M(-?\d+ -?\d+)l([^z]*)z", d):
        x, y = map(int, start.split())
        ring = [(x, y)]
        numbers = [int(n) for n in re.findall(r"-?\d+", steps)]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        out.append(ring)
    return out


def inside(x: float, y: float, d: str) -> bool:
    """Even-odd rule over every ring of the path."""
    hits = 0
    for ring in rings(d):
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                hits += 1
    return hits % 2 == 1


def test_the_outlines_are_every_region_of_the_reference_data_each_around_its_seat(catalogue: Catalogue) -> None:
    data = outlines()
    assert list(data["regions"]) == list(catalogue.ref.regions)
    assert [r["code"] for r in data["regions"].values()] == [r.code for r in catalogue.ref.regions.values()]
    p = data["projection"]
    for key, region in catalogue.ref.regions.items():
        # The seat's coordinates come from regions.yml, not from the boundaries the outlines were made of.
        x, y = (region.lon - p["lon0"]) * p["kx"], (p["lat0"] - region.lat) * p["ky"]
        assert inside(x, y, data["regions"][key]["d"]), key
        assert inside(*data["regions"][key]["label"], data["regions"][key]["d"]), key
    assert (ROOT / "plugins" / "search" / "LICENSE-east-java-regencies.txt").read_text().count("MIT License") == 1


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_map_shades_every_region_by_its_products_and_labels_do_not_collide(catalogue: Catalogue,
                                                                              lang: str) -> None:
    m = region_map(catalogue, lang)
    assert [s.region.key for s in m.shapes] == list(catalogue.ref.regions)
    for s in m.shapes:
        assert s.products == len(catalogue.by_region.get(s.region.key, ()))
        step = next(st for st in m.steps if st.low <= s.products <= st.high)
        assert s.step == step.index
        assert (s.step == 0) == (s.products == 0)
    assert m.steps[-1].high == max(s.products for s in m.shapes)

    def box(s) -> Box:
        width = len(s.label) * FONT * CHAR
        x0 = {"start": s.label_x, "end": s.label_x - width, "middle": s.label_x - width / 2}[s.anchor]
        return Box(x0, s.label_y - FONT * 0.8, x0 + width, s.label_y + FONT * 0.2)

    boxes = [box(s) for s in m.shapes]
    overlaps = [(a.region.key, b.region.key) for i, a in enumerate(m.shapes) for j, b in enumerate(m.shapes)
                if i < j and boxes[i].overlap(boxes[j]) > 0]
    assert overlaps == []
    assert all(0 <= b.x0 and b.x1 <= m.width and 0 <= b.y0 and b.y1 <= m.height for b in boxes)
    # A label inside its region sits on the region's own point; one outside is marked by a dot there.
    assert all(s.leader or (s.label_x == s.x) for s in m.shapes)


def test_the_built_map_links_every_region_with_its_counts(demo_site: Path, catalogue: Catalogue) -> None:
    for page, lang in (("wilayah/index.html", "id"), ("en/regions/index.html", "en")):
        text = (demo_site / page).read_text(encoding="utf-8")
        start = text.index('<svg viewBox="0 0')
        svg = text[start:text.index("</svg>", start)]
        links = dict(re.findall(r'<a href="([^"]+)" aria-label="([^"]+)"', svg))
        assert len(links) == len(catalogue.ref.regions) == 38
        prefix = "/en/regions/" if lang == "en" else "/wilayah/"
        for key, region in catalogue.ref.regions.items():
            label = html.unescape(links[f"{prefix}{key}/"])
            products = len(catalogue.by_region.get(key, ()))
            artisans = len(catalogue.artisans_by_region.get(key, ()))
            assert label.startswith(region.name[lang] + ":")
            assert re.search(rf"\b{artisans} (perajin|artisans?)\b", label), label
            assert re.search(rf"\b{products} (produk|products?)\b", label), label
        assert "http" not in svg  # drawn from the shipped data: nothing fetched


def test_only_product_pages_are_indexed_with_filters(demo_site: Path, catalogue: Catalogue) -> None:
    entry = json.loads((demo_site / "pagefind" / "pagefind-entry.json").read_text())
    assert {lang: v["page_count"] for lang, v in entry["languages"].items()} == {
        "id": len(catalogue.products), "en": len(catalogue.products)}
    records = {}
    for fragment in (demo_site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment  # Pagefind's own framing of a result's record
        record = json.loads(data[len(b"pagefind_dcd"):])
        records[fragment.name.split("_")[0], record["url"]] = record  # the product page it stands for
    assert sorted(records) == sorted((lang, f"/{prefix}{p.slug}/") for lang, prefix in
                                     (("id", "produk/"), ("en", "en/products/")) for p in catalogue.products)
    by_url = {f"/{prefix}{p.slug}/": p for prefix in ("produk/", "en/products/") for p in catalogue.products}
    for (_, url), record in records.items():
        assert {"category", "technique", "region", "availability"} <= set(record["filters"]), record
        # Every upper bound the lowest price is within; none for a price on request.
        assert record["filters"].get("price", []) == list(price_limits(by_url[url])), record
        assert {"title", "artisan", "region", "price", "image"} <= set(record["meta"]), record
    # The pages themselves carry nothing for Pagefind: it reads the records, not the site.
    assert not [p for p in demo_site.rglob("*.html") if "data-pagefind" in p.read_text(encoding="utf-8")]


def test_the_price_list_is_the_indexed_products_prices_newest_first(demo_site: Path, catalogue: Catalogue) -> None:
    lists = list((demo_site / "pagefind").glob("prices-*.json"))
    assert len(lists) == 1
    assert json.loads(lists[0].read_text()) == [p.sort_price for p in catalogue.products]  # newest first
    assert None in json.loads(lists[0].read_text())  # the demo has prices on request: null, sorted last
    for search_page in (demo_site / "cari" / "index.html", demo_site / "en" / "search" / "index.html"):
        assert f'data-prices="/pagefind/{lists[0].name}"' in search_page.read_text(encoding="utf-8")


def test_a_product_is_found_by_what_it_is_not_by_the_words_of_its_story(demo_site: Path,
                                                                      catalogue: Catalogue) -> None:
    def words(text: str) -> set[str]:
        return set(re.findall(r"\w+", html.unescape(re.sub(r"<[^>]+>", " ", text)).lower()))

    for product in catalogue.products:
        t = product.t("id")
        described = words(" ".join([t.title, t.summary, t.motif or "", " ".join(t.materials or ()),
                                    " ".join(product.tags), product.artisan.name["id"], product.region.name["id"],
                                    product.category.name["id"], product.technique.name["id"]]))
        fragment = next(f for f in (demo_site / "pagefind" / "fragment").glob("id_*")
                        if f'"/produk/{product.slug}/"'.encode() in gzip.decompress(f.read_bytes()))
        record = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
        indexed = words(record["content"])
        assert words(t.title) | words(t.summary) <= indexed, product.slug
        labels = words(" ".join(v for values in record["filters"].values() for v in values))  # dyes, certificates
        story_only = words(t.body_html) - described - labels
        assert story_only, product.slug  # every demo story says more than the facts
        assert not story_only & indexed, (product.slug, story_only & indexed)


@pytest.mark.parametrize(("name", "value"), [
    ("SEARCH_BUNDLE_DIR", "../elsewhere"),
    ("SEARCH_BUNDLE_DIR", ""),
    ("SEARCH_INDEX", "yes"),
])
def test_bad_search_settings_are_named_in_the_error(name: str, value: object) -> None:
    with pytest.raises(SearchIndexError, match=f"'{name}' must be .*got {re.escape(repr(value))}"):
        check_settings({name: value})


def _section_links(text: str, heading: str) -> list[str]:
    if f'aria-labelledby="{heading}"' not in text:
        return []
    section = text[text.index(f'aria-labelledby="{heading}"'):]
    section = section[:section.index("</section>")]
    return re.findall(r'<a href="/produk/([^/"]+)/"', section)


def test_related_items_on_product_pages_are_sensible(demo_site: Path, catalogue: Catalogue) -> None:
    """More from the artisan: same artisan; similar: same craft by another artisan; never the product itself."""
    by_slug = {p.slug: p for p in catalogue.products}
    checked = 0
    for product in catalogue.products:
        text = (demo_site / "produk" / product.slug / "index.html").read_text(encoding="utf-8")
        more = _section_links(text, "more-heading")
        similar = _section_links(text, "similar-heading")
        assert product.slug not in more + similar
        assert all(by_slug[s].artisan is product.artisan for s in more)
        assert all(by_slug[s].category is product.category and by_slug[s].artisan is not product.artisan
                   for s in similar)
        others = [p for p in catalogue.by_artisan[product.artisan.slug] if p is not product]
        assert len(set(more)) == min(len(others), 4)
        checked += bool(similar)
    assert checked, "no product page shows similar crafts"


def _bundle(folder: Path, lang: str, js: str = "pagefind") -> Path:
    bundle = folder / f"bundle-{lang}"
    (bundle / "fragment").mkdir(parents=True)
    (bundle / "pagefind.js").write_text(js)
    (bundle / "fragment" / f"{lang}_1.pf_fragment").write_text(lang)
    (bundle / "pagefind-entry.json").write_text(json.dumps(
        {"version": "1.4.0", "languages": {lang: {"hash": f"{lang}_1", "wasm": lang, "page_count": 1}}}))
    (folder / f"bundle-{lang}.span").write_text("10.0 10.5" if lang == "id" else "10.2 11.0")
    return bundle


def test_the_languages_indexes_become_one_bundle(tmp_path: Path) -> None:
    out = tmp_path / "out"
    target, seconds = merge_bundles([_bundle(tmp_path, "id"), _bundle(tmp_path, "en")], out, {})
    assert target == out / "pagefind"
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"id", "en"} and seconds == pytest.approx(1.0)
    assert sorted(p.name for p in (out / "pagefind" / "fragment").iterdir()) == ["en_1.pf_fragment",
                                                                                  "id_1.pf_fragment"]


@pytest.mark.parametrize("second", [("id", "pagefind"), ("en", "another pagefind")])
def test_bundles_that_do_not_fit_together_stop_the_build(tmp_path: Path, second: tuple[str, str]) -> None:
    first = _bundle(tmp_path / "a", "id")
    other = _bundle(tmp_path / "b", *second)
    with pytest.raises(SearchIndexError, match="pagefind"):
        merge_bundles([first, other], tmp_path / "out", {})
