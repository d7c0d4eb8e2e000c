"""Click through the built demo in Chromium: switch language, open a product, find its shop, switch back."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def allowed_hosts() -> list[str]:
    data = yaml.safe_load((ROOT / "content" / "data" / "storefronts.yml").read_text(encoding="utf-8"))
    return [host for platform in data.values() if not platform.get("any_host") for host in platform["hosts"]]


def test_switch_language_open_a_product_find_its_shop_and_switch_back(page: Page, base_url: str) -> None:
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "id")

    page.locator("a.lang-switch").click()
    page.wait_for_url(f"{base_url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    card = page.locator("main li.card a").first
    title = card.locator(".card__title").inner_text()
    card.click()
    page.wait_for_url(f"{base_url}/en/products/*/")
    expect(page.locator("h1")).to_have_text(title)
    slug = urlsplit(page.url).path.strip("/").split("/")[-1]

    shops = page.locator("ul.storefronts a:not(.button--whatsapp)")
    expect(shops.first).to_be_visible()
    href = shops.first.get_attribute("href") or ""
    parts = urlsplit(href)
    assert parts.scheme == "https"
    assert any(parts.hostname == h or (parts.hostname or "").endswith("." + h) for h in allowed_hosts()), href

    page.locator("a.lang-switch").click()
    page.wait_for_url(f"{base_url}/produk/{slug}/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    assert (ROOT / "content" / "products" / slug / "index.id.md").is_file()
