"""`make linkcheck` against a local server that answers 200, 404, 410, redirects and never-ending requests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scripts import make_demo_photos
from scripts.linkcheck import Checker, Listing, allowed, listings_of, report

HOSTS = ("tokopedia.com",)


class Shop(BaseHTTPRequestHandler):
    """A storefront platform: each path answers one way; /only-get refuses HEAD with 405."""

    seen: list[tuple[str, str]] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass

    def _answer(self) -> None:
        Shop.seen.append((self.command, self.path))
        path = self.path
        origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        if path == "/slow":
            time.sleep(3)
        if path in ("/ok", "/moved-target", "/slow"):
            self.send_response(200)
        elif path == "/only-get":
            self.send_response(405 if self.command == "HEAD" else 200)
        elif path == "/gone":
            self.send_response(404)
        elif path == "/removed":
            self.send_response(410)
        elif path == "/broken":
            self.send_response(500)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/moved-target")
        elif path == "/to-home":
            self.send_response(302)
            self.send_header("Location", origin + "/")
        elif path == "/elsewhere":
            self.send_response(302)
            self.send_header("Location", "https://example.org/landing")
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = _answer  # noqa: N815 - the stdlib's names
    do_GET = _answer  # noqa: N815


@pytest.fixture(scope="module")
def shop() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Shop)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _listing(url: str, artisan: str = "perajin-a") -> Listing:
    return Listing(artisan, artisan.replace("-", " ").title(), url, "tokopedia", HOSTS, ("kain-a",))


def _check(shop: str, *paths: str) -> dict[str, object]:
    checker = Checker(timeout=1.0, per_host=2, concurrency=4, extra_hosts={"127.0.0.1"}, pause=0)
    outcomes = checker.run([_listing(shop + p) for p in paths])
    return {o.listing.url.removeprefix(shop): o for o in outcomes}


def test_each_answer_gets_its_verdict(shop: str) -> None:
    got = _check(shop, "/ok", "/gone", "/removed", "/broken", "/moved", "/to-home", "/elsewhere", "/slow",
                 "/only-get")
    verdicts = {path: o.verdict for path, o in got.items()}
    assert verdicts == {
        "/ok": "ok", "/gone": "dead", "/removed": "dead", "/broken": "failing", "/moved": "ok",
        "/to-home": "redirected-away", "/elsewhere": "redirected-away", "/slow": "failing", "/only-get": "ok",
    }
    assert "home page" in got["/to-home"].detail and "another host" in got["/elsewhere"].detail
    assert "within 1 s" in got["/slow"].detail
    assert got["/moved"].final_url.endswith("/moved-target")


def test_head_first_then_get_when_the_shop_refuses_head(shop: str) -> None:
    Shop.seen.clear()
    _check(shop, "/only-get", "/ok")
    assert ("HEAD", "/only-get") in Shop.seen and ("GET", "/only-get") in Shop.seen
    assert ("GET", "/ok") not in Shop.seen


def test_report_groups_problems_by_artisan(shop: str) -> None:
    checker = Checker(timeout=1.0, extra_hosts={"127.0.0.1"}, pause=0)
    outcomes = checker.run([_listing(shop + "/gone", "perajin-a"), _listing(shop + "/ok", "perajin-a"),
                            _listing(shop + "/to-home", "perajin-b")])
    text = report(outcomes)
    assert "perajin-a (Perajin A):\n  dead: " in text and "/ok" not in text
    assert "perajin-b (Perajin B):\n  redirected-away: " in text and "(products: kain-a)" in text
    assert text.endswith("3 storefront links: 1 ok, 1 dead, 0 failing, 1 redirected-away, 0 shop-page, 0 skipped")


def test_a_product_linking_a_shop_page_is_reported_as_a_warning(shop: str) -> None:
    checker = Checker(timeout=1.0, extra_hosts={"127.0.0.1"}, pause=0)
    home = Listing("perajin-a", "Perajin A", shop + "/ok", "tokopedia", HOSTS, ("kain-a",), shop_home=True)
    outcomes = checker.run([home, _listing(shop + "/ok", "perajin-b")])
    assert [o.verdict for o in outcomes] == ["shop-page", "ok"]
    assert not any(o.problem for o in outcomes)  # a warning: the run does not fail for it
    text = report(outcomes)
    assert "perajin-a (Perajin A):\n  shop-page: " in text and "perajin-b" not in text
    assert text.endswith("2 storefront links: 1 ok, 0 dead, 0 failing, 0 redirected-away, 1 shop-page, 0 skipped")


def test_listings_know_a_product_link_to_a_shop_page(scenario) -> None:
    content: Path = scenario("defect-storefront-shop-home")
    make_demo_photos.main(["--content", str(content)])
    listings = {x.url: x for x in listings_of(content)}
    assert listings["https://www.tokopedia.com/perajincontoh"].shop_home  # the artisan's link, named by a product
    assert not listings["https://shopee.co.id/Kain-Batik-Contoh-i.123456.789012"].shop_home


def test_only_storefront_hosts_are_contacted(shop: str) -> None:
    # Without the test setting, the local server is off limits, as is any host the platform does not own.
    assert not allowed(_listing(shop + "/ok"), shop + "/ok")
    assert not allowed(_listing("https://evil.example/x"), "https://evil.example/x")
    assert not allowed(_listing("http://tokopedia.com/x"), "http://tokopedia.com/x")
    assert allowed(_listing("https://www.tokopedia.com/x"), "https://www.tokopedia.com/x")
    Shop.seen.clear()
    outcomes = Checker(timeout=1.0, pause=0).run([_listing(shop + "/gone")])
    assert outcomes[0].verdict == "skipped" and not Shop.seen


def test_listings_come_from_the_catalogue(scenario) -> None:
    content: Path = scenario("base")
    make_demo_photos.main(["--content", str(content)])
    listings = listings_of(content)
    assert listings, "no storefront found in the base catalogue"
    artisans = {p.name for p in (content / "artisans").iterdir()}
    assert {x.artisan for x in listings} <= artisans
    assert all(x.url.startswith("https://") and x.hosts for x in listings if x.platform != "website")
