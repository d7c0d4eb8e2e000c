"""Search at the booth with the network off: the kiosk's worker keeps each language's Pagefind index and fragments
(listed by the search plugin in pagefind/offline.json), so a word finds its products and a filter narrows them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from catalogue.reading.loader import load_catalogue
from conftest import ROOT, serve
from playwright.sync_api import Browser, Page


@pytest.fixture
def kiosk_url(demo_site: Path) -> Iterator[str]:
    # A server of its own: the service worker and its caches belong to this origin only.
    yield from serve(demo_site)


def test_the_offline_list_names_every_index_file_of_both_languages_in_order(demo_site: Path) -> None:
    bundle = demo_site / "pagefind"
    listing = json.loads((bundle / "offline.json").read_text(encoding="utf-8"))
    listed = [path for path, _size in listing["files"]]
    on_disk = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*")
               if p.is_file() and p.name != "offline.json" and p.suffix not in (".gz", ".br")}
    assert set(listed) == on_disk
    assert listing["bytes"] == sum((bundle / p).stat().st_size for p in listed)
    for lang in ("id", "en"):
        assert any(re.match(rf"fragment/{lang}_", p) for p in listed)
        assert any(re.match(rf"index/{lang}_", p) for p in listed)
    # The index before the fragments: a cap cuts results' details, never the ability to search.
    first_fragment = next(i for i, p in enumerate(listed) if p.endswith(".pf_fragment"))
    assert all(p.endswith(".pf_fragment") for p in listed[first_fragment:])
    print(f"offline search: {len(listed)} files, {listing['bytes']} bytes")


def results(page: Page) -> set[str]:
    page.locator("#search-status").filter(has_text=re.compile(r"\d|Tidak|No ")).wait_for()
    more = page.locator("#search-more")
    while more.is_visible():
        count = page.locator("#search-list li").count()
        more.click()
        page.locator("#search-list li").nth(count).wait_for()
    return {re.sub(r"^https?://[^/]+", "", h)
            for h in page.locator("#search-list li a").evaluate_all("as => as.map(a => a.href)")}


@pytest.mark.browser
def test_search_and_a_filter_work_at_the_kiosk_with_the_network_off(browser: Browser, demo_site: Path,
                                                                   kiosk_url: str) -> None:
    catalogue = load_catalogue(ROOT / "content").catalogue
    assert catalogue is not None
    word = "batik"
    expected = {f"/en/products/{p.slug}/" for p in catalogue.products
                if word in re.findall(r"[a-z]+", p.t("en").title.lower())}
    narrowed = {f"/en/products/{p.slug}/" for p in catalogue.products
                if word in re.findall(r"[a-z]+", p.t("en").title.lower()) and p.shipping.abroad == "yes"}
    assert expected and narrowed and narrowed < expected, "the demo needs a word whose products a filter narrows"

    context = browser.new_context(base_url=kiosk_url, viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.goto("/")
    page.wait_for_selector("html[data-kiosk=ready]", timeout=120_000)
    kept = page.evaluate("""async () => {
        const names = await caches.keys();
        const cache = await caches.open(names.find((n) => n.startsWith("kriya-precache-")));
        return (await cache.keys()).map((r) => new URL(r.url).pathname).filter((p) => p.startsWith("/pagefind/"));
    }""")
    listing = json.loads((demo_site / "pagefind" / "offline.json").read_text(encoding="utf-8"))
    assert {f"/pagefind/{path}" for path, _size in listing["files"]} <= set(kept)  # both languages, all of it

    context.set_offline(True)
    page.goto(f"/en/search/?q={word}")
    found = results(page)
    assert expected <= found, found  # Pagefind's stemming may find more; never fewer
    assert all(p.startswith("/en/products/") for p in found)
    # A laptop-wide window: the filters stand open beside the results.
    page.get_by_role("group", name="Shipping").get_by_role("checkbox", name=re.compile(r"^Ships abroad \(")).check()
    page.wait_for_url(re.compile("shipping="))
    assert results(page) == {p for p in found if p in {f"/en/products/{x.slug}/" for x in catalogue.products
                                                       if x.shipping.abroad == "yes"}}
    context.close()
