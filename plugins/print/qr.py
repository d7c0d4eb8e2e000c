"""QR codes for print: a product's page in one language, tagged with the exhibition campaign, as vector SVG."""

from __future__ import annotations

from urllib.parse import urlencode

import segno

# The same three parameters on every printed code, so visits from a booth show up as one campaign.
CAMPAIGN = {"utm_source": "exhibition", "utm_medium": "print"}
QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def campaign_url(url: str, event: str) -> str:
    """``campaign_url("https://x.id/produk/a/", "kriyanusa-2026")``
    → ``https://x.id/produk/a/?utm_source=exhibition&utm_medium=print&utm_campaign=kriyanusa-2026``.
    """
    separator = "&" if "?" in url else "?"
    return url + separator + urlencode({**CAMPAIGN, "utm_campaign": event})


def qr_svg(data: str) -> str:
    """A data: URI of an SVG QR code with a viewBox and no fixed size: the print CSS sets its size.

    Error correction M survives a scuffed or folded card; segno raises it when that costs no extra size.
    """
    code = segno.make(data, error="m", micro=False)
    return code.svg_data_uri(scale=1, border=QUIET_ZONE, omitsize=True)
