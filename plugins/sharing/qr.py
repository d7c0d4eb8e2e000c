"""QR codes of every product page, per language, as SVG files under the output."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import zxingcpp
from buildkit.store import Store, key
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
                   store: Store | None = None) -> None:
    """Write one QR code per product in each of ``langs``, and record it in ``sharing.qr_codes``.

    With a ``store`` (kind "qr"), a code made once is kept there under its URL and placed again as a hard link,
    with its width in modules kept beside it (one entry per language: opening each code for its width took more
    than placing it). A warm build of 10,000 products encodes none of its 20,000 codes.
    """
    store = store or Store(None, "qr")
    pattern = sharing.settings["SHARING_QR_PATH"]
    folders: set[Path] = set()
    for lang in langs:
        widths_key = key("widths", lang, pattern, str(sharing.base))
        widths = store.get(widths_key, dict) or {}
        used = {}
        for product in catalogue.products:
            url = sharing.campaign_url(lang, Route("product", product.slug))
            rel = pattern.format(lang=lang, key=product.slug)
            target = output / rel
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            code = key(QR_VERSION, url)
            modules = used[code] = _place(code, url, target, store, widths.get(code))
            sharing.qr_codes[(lang, product.slug)] = QrCode(rel, url, modules)
        if used != widths:
            store.put(widths_key, used)


QR_VERSION = "2"  # bump when qr_svg draws differently: kept codes are then made again


def _place(code: str, url: str, target: Path, store: Store, modules: int | None) -> int:
    """Put the code of ``url`` at ``target``, from the store when it holds it; returns its width in modules."""
    if modules is not None and store.place(code, ".svg", target):  # replaces a code left by an earlier build
        return modules
    svg, modules = qr_svg(url)
    target.unlink(missing_ok=True)  # a code left by an earlier build may be a link into the store
    target.write_bytes(svg)
    store.keep(code, ".svg", target)
    return modules
