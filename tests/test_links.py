"""The storefront URL, WhatsApp and Instagram checks, on examples and on generated inputs (hypothesis)."""

from __future__ import annotations

from pathlib import Path

import pytest
from catalogue.model.links import (
    LinkError,
    check_storefront_url,
    host_allowed,
    is_shop_home,
    normalise_instagram,
    normalise_whatsapp,
)
from catalogue.model.problems import Problem
from catalogue.model.refdata import load_reference_data
from hypothesis import assume, given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
REF = load_reference_data(ROOT / "content" / "data")
TOKOPEDIA = REF.platforms["tokopedia"]
WEBSITE = REF.platforms["website"]

label = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
hostname = st.lists(label, min_size=2, max_size=4).map(".".join)


def _code(platform, url: str) -> str | None:
    try:
        check_storefront_url(platform, url)
    except LinkError as exc:
        return exc.code
    return None


@pytest.mark.parametrize("url", [
    "https://www.tokopedia.com/perajincontoh",
    "https://tokopedia.com/perajincontoh/kain-batik-tulis",
    "https://tokopedia.link/AbC12",
    "https://shop-id.tokopedia.com/view/product/1234567",
    "https://WWW.TOKOPEDIA.COM/perajincontoh",
    "https://www.tokopedia.com./perajincontoh",
])
def test_good_tokopedia_links(url: str) -> None:
    assert _code(TOKOPEDIA, url) is None


@pytest.mark.parametrize(("url", "code"), [
    ("http://www.tokopedia.com/toko", "url_scheme"),
    ("javascript:alert(1)", "url_scheme"),
    ("//www.tokopedia.com/toko", "url_scheme"),
    ("https://tokopedia.com.evil.io/toko", "url_host"),
    ("https://evil.io/tokopedia.com/toko", "url_host"),
    ("https://evil.io#@tokopedia.com", "url_host"),
    ("https://faketokopedia.com/toko", "url_host"),
    ("https://www.t\u043ekopedia.com/toko", "url_idn"),
    ("https://xn--tkopedia-3fg.com/toko", "url_idn"),
    ("https://tokopedia\uff0ecom/toko", "url_idn"),
    ("https://user:pass@www.tokopedia.com/toko", "url_credentials"),
    ("https://www.tokopedia.com@evil.io/toko", "url_credentials"),
    ("https://203.0.113.7/toko", "url_ip"),
    ("https://[2001:db8::1]/toko", "url_ip"),
    ("https://www.tokopedia.com:8443/toko", "url_malformed"),
    ("https://www.tokopedia.com/toko\n", "url_malformed"),
    ("https://www.tokopedia.com/a/b/c/d", "url_shape"),
    ("https://www.tokopedia.com%2eevil.io/toko", "url_malformed"),
])
def test_bad_links_are_refused_with_the_reason(url: str, code: str) -> None:
    assert _code(TOKOPEDIA, url) == code


# A product's own link: the shop's page (True) or one product's listing (False), per platform.
SHOP_HOME = [
    ("tokopedia", "https://www.tokopedia.com/ratoebubatik", True),
    ("tokopedia", "https://www.tokopedia.com/ratoebubatik/", True),
    ("tokopedia", "https://www.tokopedia.com/ratoebubatik/batik-tulis-gentongan-merah-ati", False),
    ("tokopedia", "https://shop-id.tokopedia.com/view/product/1234567", False),
    ("tokopedia", "https://tokopedia.link/AbC12", False),  # a short link: its target is not known
    ("shopee", "https://shopee.co.id/shopname", True),
    ("shopee", "https://shopee.co.id/shop/123456", True),
    ("shopee", "https://shopee.co.id/Batik-Tulis-Sekar-Jagad-i.284617390.7291046385", False),
    ("shopee", "https://shopee.co.id/product/284617390/7291046385", False),
    ("shopee", "https://id.shp.ee/AbC12", False),
    ("lazada", "https://www.lazada.co.id/shop/mulia-leather-tanggulangin/", True),
    ("lazada", "https://www.lazada.co.id/products/dompet-kulit-i7382910465.html", False),
    ("etsy", "https://www.etsy.com/shop/TirtaGintangan", True),
    ("etsy", "https://www.etsy.com/listing/1614728390/woven-bamboo-pendant-lampshade", False),
    ("etsy", "https://www.etsy.com/uk/listing/1614728390", False),
    ("instagram", "https://www.instagram.com/batik.sekar/", True),
    ("instagram", "https://www.instagram.com/p/C4rNw8vSq1T/", False),
    ("tiktok", "https://www.tiktok.com/@jetislestari", True),
    ("tiktok", "https://www.tiktok.com/@jetislestari/video/7301234567890", False),
    ("facebook", "https://www.facebook.com/gedogsrirejeki", True),
    ("facebook", "https://www.facebook.com/marketplace/item/123456789", False),
    ("blibli", "https://www.blibli.com/merchant/toko/TOK-12345", True),
    ("blibli", "https://www.blibli.com/p/kain-batik/ps--TOK-12345-00001", False),
    ("website", "https://batik-sekar.id/", False),  # an own website: any page may be the product
    ("whatsapp", "https://wa.me/6281234567890", False),
]


@pytest.mark.parametrize(("platform", "url", "home"), SHOP_HOME)
def test_shop_home_is_told_from_a_product_listing(platform: str, url: str, home: bool) -> None:
    assert _code(REF.platforms[platform], url) is None, "the example must be an accepted link"
    assert is_shop_home(REF.platforms[platform], url) is home


def test_website_accepts_any_real_host_but_no_ip() -> None:
    assert _code(WEBSITE, "https://batik-sekar.id/koleksi") is None
    assert _code(WEBSITE, "https://10.0.0.1/") == "url_ip"
    assert _code(WEBSITE, "http://batik-sekar.id/") == "url_scheme"


def test_closed_platform_reason_in_both_languages() -> None:
    with pytest.raises(LinkError) as caught:
        check_storefront_url(REF.platforms["bukalapak"], "https://www.bukalapak.com/u/toko")
    problem = Problem(Path("x.md"), "storefronts[1].url", caught.value.code, caught.value.params)
    assert REF.platforms["bukalapak"].closed.en in problem.message()  # no translations: English


@given(hostname)
def test_any_host_not_allowed_or_subdomain_is_refused(host: str) -> None:
    assume(not any(host == a or host.endswith("." + a) for a in TOKOPEDIA.hosts))
    assert _code(TOKOPEDIA, f"https://{host}/toko") in {"url_host", "url_malformed", "url_ip"}


@given(hostname, st.sampled_from(TOKOPEDIA.hosts))
def test_lookalike_prefixes_and_suffixes_are_refused(extra: str, allowed: str) -> None:
    # tokopedia.com.evil.io: the allowed name followed by more labels is someone else's site.
    assert _code(TOKOPEDIA, f"https://{allowed}.{extra}/toko") in {"url_host", "url_malformed"}
    glued = f"{extra.split('.')[0]}{allowed}"
    assume(not host_allowed(glued, TOKOPEDIA.hosts))
    assert _code(TOKOPEDIA, f"https://{glued}/toko") == "url_host"


@given(st.lists(label, min_size=0, max_size=3), st.sampled_from(TOKOPEDIA.hosts))
def test_every_subdomain_of_an_allowed_host_is_accepted(labels: list[str], allowed: str) -> None:
    host = ".".join([*labels, allowed])
    assume(len(host) < 250)
    assert _code(TOKOPEDIA, f"https://{host}/toko") is None


@given(hostname, st.text(alphabet="abc:@", min_size=1, max_size=6))
def test_userinfo_never_passes(host: str, userinfo: str) -> None:
    assert _code(TOKOPEDIA, f"https://{userinfo}@www.tokopedia.com/toko") is not None
    assert _code(TOKOPEDIA, f"https://www.tokopedia.com{userinfo}@{host}/toko") is not None


@given(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))
def test_ip_addresses_are_refused(a: int, b: int, c: int, d: int) -> None:
    assert _code(WEBSITE, f"https://{a}.{b}.{c}.{d}/") == "url_ip"


mobile = st.from_regex(r"8[1-9][0-9]{7,10}", fullmatch=True)
separator = st.sampled_from(["", " ", "-", ".", " - "])


def _spell(digits: str, sep: str, groups: list[int]) -> str:
    out, i = [], 0
    for size in groups:
        if i >= len(digits):
            break
        out.append(digits[i:i + size])
        i += size
    if i < len(digits):
        out.append(digits[i:])
    return sep.join(out)


@given(mobile, separator, st.lists(st.integers(1, 4), min_size=1, max_size=5),
       st.sampled_from(["0", "+62", "62", "+62 ", "+62 (0)"]))
def test_every_valid_mobile_number_normalises_to_628(rest: str, sep: str, groups: list[int], prefix: str) -> None:
    spelled = prefix + _spell(rest, sep, groups)
    normalised = normalise_whatsapp(spelled)
    assert normalised == "62" + rest
    assert normalised.startswith("628")
    # Round trip: the normalised number, and its 0… and +62 spellings, normalise to the same digits.
    assert normalise_whatsapp(normalised) == normalised
    assert normalise_whatsapp("0" + normalised[2:]) == normalised
    assert normalise_whatsapp("+" + normalised) == normalised


@given(st.from_regex(r"0[1-79][0-9]{7,11}", fullmatch=True))
def test_numbers_that_are_not_mobile_are_refused(number: str) -> None:
    with pytest.raises(LinkError):
        normalise_whatsapp(number)


@given(st.from_regex(r"08[0-9]{0,6}|08[0-9]{12,15}", fullmatch=True))
def test_too_short_or_too_long_numbers_are_refused(number: str) -> None:
    with pytest.raises(LinkError):
        normalise_whatsapp(number)


@pytest.mark.parametrize("value", [None, 6.2, True, "0812-3456-789a", "+1 202 555 0100", ""])
def test_whatsapp_rejects_non_numbers(value: object) -> None:
    with pytest.raises(LinkError):
        normalise_whatsapp(value)


@pytest.mark.parametrize(("handle", "name"), [
    ("@batik.sekar", "batik.sekar"), ("batik_sekar", "batik_sekar"),
    ("https://www.instagram.com/batik.sekar/", "batik.sekar"),
])
def test_instagram_handles(handle: str, name: str) -> None:
    assert normalise_instagram(handle) == name


@pytest.mark.parametrize("handle", ["batik sekar", ".batik", "batik.", "ba..tik", "a" * 31, "batik<script>", 12,
                                    "https://evil.io/batik"])
def test_bad_instagram_handles(handle: object) -> None:
    with pytest.raises(LinkError):
        normalise_instagram(handle)


@given(st.text(min_size=1, max_size=40))
def test_an_accepted_instagram_handle_is_safe_in_a_url(text: str) -> None:
    try:
        name = normalise_instagram(text)
    except LinkError:
        return
    assert all(c.isascii() and (c.isalnum() or c in "._") for c in name)
