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
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "plugins"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from scripts.build import build  # noqa: E402


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
    from catalogue.problems import CatalogueError
    from pelican.log import init as init_logging
    from print import PrintError, PrintSettingsError, SelectionError

    init_logging(level=logging.WARNING, fatal="errors")
    logging.getLogger("print").setLevel(logging.INFO)
    started = time.perf_counter()
    try:
        build(Path(args.settings), Path(args.input), Path(args.output),
              overrides(args.category, args.region, args.artisan, args.event))
    except CatalogueError as exc:
        for problem in exc.problems:
            print(problem.line(), file=sys.stderr)
        print(f"print stopped: {len(exc.problems)} problem(s) in the content; {args.output} was left as it was. "
              "Run `make check` for the full list.", file=sys.stderr)
        return 1
    except (PrintError, PrintSettingsError, SelectionError) as exc:
        print(f"print stopped: {exc}; {args.output} was left as it was.", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - any failure must leave the last good site in place
        traceback.print_exc()
        print(f"print failed ({exc.__class__.__name__}: {exc}); {args.output} was left as it was.", file=sys.stderr)
        return 1
    print(f"built {args.output} with its printed catalogues in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
