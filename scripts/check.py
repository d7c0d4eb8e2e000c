"""Validate the content without building: one ``path: field: message`` line per problem, in Indonesian or English.

Usage: ``python -m scripts.check [--input content] [--lang id|en]``; exits 1 when there is an error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from catalogue.loader import load_catalogue  # noqa: E402
from catalogue.messages import SUMMARY, WARNING  # noqa: E402
from catalogue.translations import load_translations  # noqa: E402



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", default=str(ROOT / "content"))
    parser.add_argument("--lang", choices=("id", "en"), default="id")
    parser.add_argument("--translations", default=str(ROOT / "theme" / "translations"))
    args = parser.parse_args(argv)
    translations = load_translations(Path(args.translations), args.lang)
    result = load_catalogue(Path(args.input), ROOT / ".cache" / "catalogue")
    for problem in result.errors:
        print(problem.line(translations))
    for problem in result.warnings:
        line = problem.line(translations)
        path, rest = line.split(": ", 1)
        print(f"{path}: {rest} ({translations.gettext(WARNING)})")
    cat = result.catalogue
    entries = (len(cat.products) + len(cat.artisans)) if cat else 0
    print(translations.gettext(SUMMARY).format(errors=len(result.errors), warnings=len(result.warnings), entries=entries),
          file=sys.stderr)
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
