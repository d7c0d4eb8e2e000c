"""QR codes of every product page, per language, as SVG files under the output."""

from __future__ import annotations

import hashlib
import html
import os
import re
from pathlib import Path
from typing import Any

import zxingcpp
from buildkit.hardlinks import keep, prune, reuse
from catalogue.model.model import LANGS
from catalogue.model.urls import Route

from .links import QrCode, Sharing

# The quiet zone the QR standard asks for, in modules; a phone on a booth screen needs it to find the code.
BORDER = 4
DARK_RUN = re.compile(rb"\x00+")


def qr_svg(data: str) -> tuple[bytes, int]:
    """An SVG QR code holding ``data`` (error correction M, no fixed size) and its width in modules.

    zxing-cpp (zint) encodes it: it picks the mask the standard's penalty rules prefer, like segno, in C, about
    eight times faster — a catalogue of 10,000 products has 20,000 of these to make. The SVG is drawn here:
    one path of dark runs, a viewBox only (the page decides the size) and the data as its title.

    >>> svg, modules = qr_svg("https://example.org/")
    >>> svg.startswith(b"<svg"), modules
    (True, 33)
    """
    code = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = memoryview(code.to_image(scale=1, add_quiet_zones=False))
    size = image.shape[0]
    pixels = image.tobytes()  # one byte per module, row after row; 0 is dark
    runs = []
    for y in range(size):
        row = y * size
        for run in DARK_RUN.finditer(pixels, row, row + size):  # dark modules side by side, found in C
            length = run.end() - run.start()
            runs.append(f"M{run.start() - row + BORDER} {y + BORDER}h{length}v1h-{length}z")
    total = size + 2 * BORDER
    title = html.escape(data, quote=False)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total} {total}"><title>{title}</title>'
           f'<path fill="#fff" d="M0 0h{total}v{total}H0z"/><path d="{"".join(runs)}"/></svg>')
    return svg.encode(), total


def write_qr_codes(catalogue: Any, sharing: Sharing, output: Path, langs: tuple[str, ...] = LANGS,
                   cache: Path | None = None) -> None:
    """Write one QR code per product in each of ``langs``, and record it in ``sharing.qr_codes``.

    With a ``cache`` folder, a code made once is kept there under a digest of its URL and placed again as a hard
    link: a warm build of 10,000 products encodes none of its 20,000 codes and makes no new file for them.
    """
    pattern = sharing.settings["SHARING_QR_PATH"]
    folders: set[Path] = set()
    cached: dict[str, int] = {}
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        prune(cache)  # codes of addresses no build has used for two weeks
        cached = _listed(cache)
    for product in catalogue.products:
        for lang in langs:
            url = sharing.campaign_url(lang, Route("product", product.slug))
            rel = pattern.format(lang=lang, key=product.slug)
            target = output / rel
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            sharing.qr_codes[(lang, product.slug)] = QrCode(rel, url, _place(url, target, cache, cached))


# Bump when qr_svg draws differently, or the cache names its files otherwise: cached codes are then made again.
CACHE_VERSION = 2
# A cached code's name: the digest of its URL, and its width in modules, which the page needs to size it.
CACHED = re.compile(r"([0-9a-f]{32})-(\d+)\.svg")


def _listed(cache: Path) -> dict[str, int]:
    """The codes in ``cache``: their URL's digest and their width, from one listing of the folder (opening each
    file for its width took more than placing it)."""
    found = {}
    for name in os.listdir(cache):
        match = CACHED.fullmatch(name)
        if match:
            found[match.group(1)] = int(match.group(2))
    return found


def _place(url: str, target: Path, cache: Path | None, cached: dict[str, int]) -> int:
    """Put the code of ``url`` at ``target`` (from the cache when it is there: ``cached`` lists it); returns its
    width in modules."""
    digest = hashlib.sha256(f"{CACHE_VERSION} {url}".encode()).hexdigest()[:32]
    if cache is not None and digest in cached:
        try:
            reuse(cache / f"{digest}-{cached[digest]}.svg", target)  # replaces a code left by an earlier build
            return cached[digest]
        except FileNotFoundError:  # pruned by another build meanwhile
            pass
    svg, modules = qr_svg(url)
    target.unlink(missing_ok=True)  # a code left by an earlier build may be a link into the cache
    target.write_bytes(svg)
    if cache is not None:
        # whole or not at all: the other language's process may read the cache meanwhile
        keep(target, cache / f"{digest}-{modules}.svg")
    return modules
