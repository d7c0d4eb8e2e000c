"""Check every storefront listing of the catalogue and report, per artisan, the ones a buyer can no longer reach.

Usage: ``python -m scripts.linkcheck [--input content] [--timeout 10] [--per-host 2] [--concurrency 8]``.

Each URL gets a HEAD request (GET when the shop answers 405 or 501); redirects are followed by hand, up to
``MAX_HOPS``. A listing is
- dead: 404 or 410;
- failing: another 4xx/5xx, a timeout or a connection error;
- redirected away: it ends on another platform's host, or on the platform's home page (a removed listing);
- shop page (a warning, not a failure): a product links a shop's own page where its listing is expected, as
  `make check` warns (the ``listing`` patterns of storefronts.yml).
Only hosts of the known platforms (content/data/storefronts.yml) are contacted; an artisan's own website is
checked when it is HTTPS and not a local address. Exit status 1 when any listing has a problem.
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import ssl
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "plugins"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

MAX_HOPS = 5
USER_AGENT = "KriyaJatim-linkcheck/1.0 (+storefront link health of the East Java crafts catalogue)"
DEAD = (404, 410)


@dataclass(frozen=True)
class Listing:
    """One storefront URL as the catalogue shows it."""

    artisan: str  # slug
    artisan_name: str
    url: str
    platform: str  # key in storefronts.yml
    hosts: tuple[str, ...]  # the platform's own hosts (empty: any host)
    products: tuple[str, ...] = ()  # product slugs that link it; empty for the artisan's own storefront
    shop_home: bool = False  # a product links it, and it is a shop's page rather than that product's listing


@dataclass
class Outcome:
    listing: Listing
    verdict: str  # ok, dead, failing, redirected-away, shop-page, skipped
    detail: str = ""
    status: int | None = None
    final_url: str = ""
    hops: list[str] = field(default_factory=list)

    @property
    def problem(self) -> bool:
        return self.verdict in ("dead", "failing", "redirected-away")

    @property
    def reported(self) -> bool:
        """Listed in the report: a problem, or a shop page linked where a product's listing belongs."""
        return self.problem or self.verdict == "shop-page"


def _host_matches(host: str, hosts: Iterable[str]) -> bool:
    return any(host == h or host.endswith("." + h) for h in hosts)


def _is_local(host: str) -> bool:
    if host in ("localhost",) or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_unspecified


def allowed(listing: Listing, url: str, extra_hosts: frozenset[str] = frozenset()) -> bool:
    """May the check contact ``url``? Platform hosts, or HTTPS non-local hosts for own-website platforms.

    ``extra_hosts`` is a test setting: hosts contacted whatever the rules (the tests' 127.0.0.1 server).
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in extra_hosts:
        return parts.scheme in ("http", "https")
    if parts.scheme != "https" or not host or _is_local(host):
        return False
    return not listing.hosts or _host_matches(host, listing.hosts)


def listings_of(content: Path) -> list[Listing]:
    """Every distinct (artisan, storefront URL) of the catalogue in ``content``, with the products that link it."""
    from catalogue.model.links import is_shop_home
    from catalogue.reading.loader import load_catalogue

    result = load_catalogue(content)
    if result.catalogue is None:
        raise SystemExit("the catalogue has errors: run `make check` first")
    cat = result.catalogue
    found: dict[tuple[str, str], Listing] = {}

    def add(artisan, storefront, product: str | None) -> None:
        key = (artisan.slug, storefront.url)
        old = found.get(key)
        products = (old.products if old else ()) + ((product,) if product else ())
        platform = storefront.platform
        hosts = () if getattr(platform, "any_host", False) else tuple(platform.hosts)
        shop_home = bool(products) and is_shop_home(platform, storefront.url)
        found[key] = Listing(artisan.slug, artisan.name["id"], storefront.url, platform.key, hosts, products,
                             shop_home)

    for artisan in cat.artisans:
        for storefront in artisan.storefronts:
            add(artisan, storefront, None)
    for product in cat.products:
        for storefront in product.own_storefronts:
            add(product.artisan, storefront, product.slug)
    return sorted(found.values(), key=lambda x: (x.artisan, x.url))


class Checker:
    """Checks URLs with a global concurrency limit and a per-host limit, so no shop sees a burst from us."""

    def __init__(self, timeout: float = 10.0, per_host: int = 2, concurrency: int = 8,
                 extra_hosts: Iterable[str] = (), pause: float = 0.2):
        self.timeout = timeout
        self.per_host = per_host
        self.concurrency = concurrency
        self.extra_hosts = frozenset(extra_hosts)
        self.pause = pause  # seconds between two requests to the same host
        self._host_locks: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(self.per_host))
        self._guard = threading.Lock()
        self._context = ssl.create_default_context()

    def _slot(self, host: str) -> threading.Semaphore:
        with self._guard:
            return self._host_locks[host]

    def _request(self, method: str, url: str) -> tuple[int, str | None]:
        parts = urlsplit(url)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        kwargs = {"context": self._context} if parts.scheme == "https" else {}
        host = parts.hostname or ""
        with self._slot(host):
            conn = cls(host, parts.port, timeout=self.timeout, **kwargs)
            try:
                conn.request(method, path, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"})
                response = conn.getresponse()
                if method == "GET":
                    response.read(65536)
                return response.status, response.getheader("Location")
            finally:
                conn.close()
                time.sleep(self.pause)

    def check(self, listing: Listing) -> Outcome:
        url = listing.url
        if not allowed(listing, url, self.extra_hosts):
            return Outcome(listing, "skipped", "host not on the allowlist of storefront platforms")
        hops: list[str] = []
        for _ in range(MAX_HOPS + 1):
            try:
                status, location = self._request("HEAD", url)
                if status in (405, 501):
                    status, location = self._request("GET", url)
            except TimeoutError:
                return Outcome(listing, "failing", f"no answer within {self.timeout:g} s", final_url=url, hops=hops)
            except (OSError, http.client.HTTPException) as exc:
                return Outcome(listing, "failing", f"{exc.__class__.__name__}: {exc}", final_url=url, hops=hops)
            if status in (301, 302, 303, 307, 308) and location:
                target = urljoin(url, location)
                hops.append(f"{status} → {target}")
                away = self._away(listing, target)
                if away:
                    return Outcome(listing, "redirected-away", away, status, target, hops)
                if not allowed(listing, target, self.extra_hosts):
                    return Outcome(listing, "redirected-away", f"redirects to {target}", status, target, hops)
                url = target
                continue
            if status in DEAD:
                return Outcome(listing, "dead", f"HTTP {status}", status, url, hops)
            if status >= 400:
                return Outcome(listing, "failing", f"HTTP {status}", status, url, hops)
            if listing.shop_home:
                return Outcome(listing, "shop-page", "a product links the shop's page, not its own listing", status,
                               url, hops)
            return Outcome(listing, "ok", f"HTTP {status}", status, url, hops)
        return Outcome(listing, "failing", f"more than {MAX_HOPS} redirects", None, url, hops)

    def _away(self, listing: Listing, target: str) -> str:
        parts = urlsplit(target)
        host = (parts.hostname or "").lower()
        original = (urlsplit(listing.url).hostname or "").lower()
        hosts = listing.hosts or (original,)
        if host not in self.extra_hosts and not _host_matches(host, hosts):
            return f"redirects to another host: {target}"
        if host == original and host in self.extra_hosts and parts.port != urlsplit(listing.url).port:
            return f"redirects to another host: {target}"
        if parts.path in ("", "/") and not parts.query:
            return f"redirects to the platform's home page: {target}"
        return ""

    def run(self, listings: list[Listing]) -> list[Outcome]:
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            return list(pool.map(self.check, listings))


def report(outcomes: list[Outcome]) -> str:
    """One block per artisan with problems or warnings; then a summary line."""
    by_artisan: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        if o.reported:
            by_artisan[o.listing.artisan].append(o)
    lines = []
    for slug in sorted(by_artisan):
        first = by_artisan[slug][0].listing
        lines.append(f"{slug} ({first.artisan_name}):")
        for o in by_artisan[slug]:
            used = f" (products: {', '.join(o.listing.products)})" if o.listing.products else " (artisan storefront)"
            lines.append(f"  {o.verdict}: {o.listing.url} [{o.listing.platform}] {o.detail}{used}")
    counts = defaultdict(int)
    for o in outcomes:
        counts[o.verdict] += 1
    summary = ", ".join(f"{counts[v]} {v}" for v in ("ok", "dead", "failing", "redirected-away", "shop-page",
                                                         "skipped"))
    lines.append(f"{len(outcomes)} storefront links: {summary}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", default=str(ROOT / "content"))
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args(argv)
    from scripts import make_demo_photos

    make_demo_photos.main(["--content", args.input])  # entries whose demo photos are missing would be left out
    listings = listings_of(Path(args.input))
    outcomes = Checker(args.timeout, args.per_host, args.concurrency).run(listings)
    print(report(outcomes))
    return 1 if any(o.problem for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
