"""QR codes of every product page, per language, as SVG files under the output."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import segno
from catalogue.model import LANGS
from catalogue.urls import Route

from .links import QrCode, Sharing

# The quiet zone the QR standard asks for, in modules; a phone on a booth screen needs it to find the code.
BORDER = 4


def qr_svg(data: str) -> tuple[bytes, int]:
    """An SVG QR code holding ``data`` (error correction M, no fixed size) and its width in modules.

    >>> svg, modules = qr_svg("https://example.org/")
    >>> svg.startswith(b"<svg"), modules
    (True, 29)
    """
    code = segno.make(data, error="m", micro=False)
    out = io.BytesIO()
    # omitsize: a viewBox only, so the page decides how large it is shown; light: readable on dark screens too.
    code.save(out, kind="svg", xmldecl=False, svgns=True, border=BORDER, dark="#000", light="#fff",
              omitsize=True, title=data)
    return out.getvalue(), code.symbol_size(border=BORDER)[0]


def write_qr_codes(catalogue: Any, sharing: Sharing, output: Path) -> None:
    """Write one QR code per product and language, and record it in ``sharing.qr_codes``."""
    sharing.qr_codes.clear()
    pattern = sharing.settings["SHARING_QR_PATH"]
    for product in catalogue.products:
        for lang in LANGS:
            url = sharing.campaign_url(lang, Route("product", product.slug))
            svg, modules = qr_svg(url)
            rel = pattern.format(lang=lang, key=product.slug)
            target = output / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists() or target.read_bytes() != svg:
                target.write_bytes(svg)
            sharing.qr_codes[(lang, product.slug)] = QrCode(rel, url, modules)
