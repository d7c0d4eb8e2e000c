"""Checks for the links and contacts an entry gives: storefront URLs, WhatsApp numbers, Instagram names."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult, urlsplit

from .problems import quote
from .refdata import Names, Platform

WHATSAPP_SEPARATORS = re.compile(r"[\s\-.()/]")
INSTAGRAM_HANDLE = re.compile(r"^(?!.*\.\.)(?!\.)[A-Za-z0-9._]{1,30}(?<!\.)\Z")
INSTAGRAM_URL = re.compile(r"^https://(www\.)?instagram\.com/(?P<name>[^/?#]+)/?\Z")
HOST_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\Z")


class LinkError(ValueError):
    """A link or contact that must not be published; ``code`` is a key of MESSAGES."""

    def __init__(self, code: str, **params: str):
        self.code = code
        self.params = params
        super().__init__(code)


def _split(url: str) -> SplitResult:
    if not isinstance(url, str) or not url or any(c.isspace() or ord(c) < 32 for c in url):
        raise LinkError("url_malformed", got=quote(url))
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:
        raise LinkError("url_malformed", got=quote(url)) from exc
    return parts


def _check_host(host: str, url: str) -> str:
    if not host:
        raise LinkError("url_malformed", got=quote(url))
    if not host.isascii() or any(label.startswith("xn--") for label in host.split(".")):
        # Internationalised names can imitate a marketplace letter for letter (tоkopedia with a Cyrillic о).
        raise LinkError("url_idn", got=quote(host))
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        raise LinkError("url_ip")
    labels = host.split(".")
    if len(labels) < 2 or not all(HOST_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        raise LinkError("url_malformed", got=quote(url))
    return host


def host_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    """True when ``host`` is one of ``allowed`` or a subdomain of one.

    >>> host_allowed("www.tokopedia.com", ("tokopedia.com",))
    True
    >>> host_allowed("tokopedia.com.evil.io", ("tokopedia.com",))
    False
    """
    return any(host == a or host.endswith("." + a) for a in allowed)


def both_languages(name: str, names: Names) -> dict[str, str]:
    # Both languages travel with the problem; the reader's is picked when it is shown (problems.localised).
    return {f"{name}.id": names.id, f"{name}.en": names.en}


def check_storefront_url(platform: Platform, url: str) -> str:
    """Return ``url`` when it is a safe link to ``platform``; raise LinkError otherwise."""
    if platform.closed is not None:
        raise LinkError("platform_closed", **both_languages("platform", platform.name),
                        **both_languages("reason", platform.closed))
    parts = _split(url)
    if parts.scheme.lower() != "https":
        raise LinkError("url_scheme", got=quote(url))
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise LinkError("url_credentials")
    if parts.port not in (None, 443):
        raise LinkError("url_malformed", got=quote(url))
    host = _check_host((parts.hostname or "").lower().rstrip("."), url)
    if not platform.any_host and not host_allowed(host, platform.hosts):
        raise LinkError("url_host", **both_languages("platform", platform.name),
                        hosts=", ".join(platform.hosts), got=quote(host))
    if platform.path is not None and not platform.path.fullmatch(parts.path or "/"):
        raise LinkError("url_shape", **both_languages("platform", platform.name), got=quote(url))
    return url


def is_shop_home(platform: Platform, url: str) -> bool:
    """True when ``url`` (already checked) leads to a shop's page on ``platform`` rather than one product's listing:
    https://www.tokopedia.com/ratoebubatik is the shop, https://www.tokopedia.com/ratoebubatik/batik-tulis-… a
    product (the ``listing`` pattern of content/data/storefronts.yml)."""
    if platform.listing is None:
        return False  # an own website, a WhatsApp chat: no shop page to tell apart
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if host_allowed(host, platform.short_hosts):
        return False
    return not platform.listing.fullmatch(parts.path or "/")


def normalise_whatsapp(number: object) -> str:
    """Return an Indonesian mobile number as wa.me wants it: digits starting with 62.

    >>> normalise_whatsapp("+62 812-3456-7890")
    '6281234567890'
    >>> normalise_whatsapp("0812 3456 7890")
    '6281234567890'
    """
    if isinstance(number, int) and not isinstance(number, bool):
        number = str(number)
    if not isinstance(number, str):
        raise LinkError("whatsapp", got=quote(number))
    digits = WHATSAPP_SEPARATORS.sub("", number.strip())
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("620"):
        digits = "62" + digits[3:]  # +62 (0)812…: the trunk 0 written after the country code
    elif digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    # Indonesian mobile numbers: 08 followed by 8 to 11 digits, i.e. 628 + 8..11 digits.
    if not digits.isdigit() or not digits.startswith("628") or not 11 <= len(digits) <= 14:
        raise LinkError("whatsapp", got=quote(number))
    return digits


def normalise_instagram(handle: object) -> str:
    """Return an Instagram name without '@' or the site's address.

    >>> normalise_instagram("@batik.sekar")
    'batik.sekar'
    """
    if not isinstance(handle, str):
        raise LinkError("instagram", got=quote(handle))
    name = INSTAGRAM_URL.sub(r"\g<name>", handle.strip()).removeprefix("@")
    if not INSTAGRAM_HANDLE.match(name):
        raise LinkError("instagram", got=quote(handle))
    return name
