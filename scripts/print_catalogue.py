"""Build the site with its printed catalogues: an A4 PDF per language, and sheets of booth labels.

QR codes point to the public address (publishconf.py's SITEURL), so this is the production build.
Usage: ``python -m scripts.print_catalogue [--category batik] [--region kab-bangkalan] [--artisan batik-rato-ebu]
[--event kriyanusa-2026] [--settings publishconf.py] [--input content] [--output output]``; a selection
adds e.g. katalog-batik.pdf and en/catalogue-batik.pdf beside the whole catalogue.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "plugins"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from scripts.build import run, stop_on_signals  # noqa: E402


def overrides(category: str | None = None, region: str | None = None, artisan: str | None = None,
              event: str | None = None) -> dict[str, object]:
    """The settings a print build adds: ``overrides(category="batik")`` also prints that one category."""
    selection = {k: v for k, v in (("category", category), ("region", region), ("artisan", artisan)) if v}
    out: dict[str, object] = {"PRINT_ENABLED": True}
    if selection:
        out["PRINT_SELECTIONS"] = [selection]
    if event:
        out["PRINT_EVENT"] = event
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--settings", default=str(ROOT / "publishconf.py"))
    parser.add_argument("--input", default=str(ROOT / "content"))
    parser.add_argument("--output", default=str(ROOT / "output"))
    parser.add_argument("--category", help="also print this category only, e.g. batik")
    parser.add_argument("--region", help="also print this region only, e.g. kab-bangkalan")
    parser.add_argument("--artisan", help="also print this artisan only, e.g. batik-rato-ebu")
    parser.add_argument("--event", help="utm_campaign of the QR codes, e.g. kriyanusa-2026")
    args = parser.parse_args(argv)
    from print import PrintError, PrintSettingsError, SelectionError

    logging.getLogger("print").setLevel(logging.INFO)
    return run(Path(args.settings), Path(args.input), Path(args.output),
               overrides(args.category, args.region, args.artisan, args.event), verb="print",
               expected=(PrintError, PrintSettingsError, SelectionError),
               done="built {output} with its printed catalogues in {seconds:.1f} s")


if __name__ == "__main__":
    stop_on_signals()
    sys.exit(main())
