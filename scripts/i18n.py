"""Extract every user-visible message into the gettext catalogues and report what is not translated yet.

English is the source language: the English catalogue takes each message as it is written, so only the
Indonesian catalogue needs a translator.  Usage: ``python -m scripts.i18n [--check]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "theme" / "translations"
POT = TRANSLATIONS / "messages.pot"
LANGS = ("id", "en")


def extract() -> None:
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(ROOT / "babel.cfg"),
         "-k", "N_", "--no-location", "--sort-output", "--omit-header", "-o", str(POT), str(ROOT)],
        check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
    )


def update(lang: str) -> list[str]:
    """Merge the template into ``lang``'s catalogue; return messages still untranslated."""
    po = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    with POT.open("rb") as fh:
        template = read_po(fh)
    if po.exists():
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        catalog.update(template, no_fuzzy_matching=True)
    else:
        po.parent.mkdir(parents=True, exist_ok=True)
        catalog = read_po(POT.open("rb"), locale=lang)
    catalog.obsolete.clear()
    catalog.fuzzy = False
    for message in catalog:
        if lang == "en" and message.id:
            message.string = message.id  # the source language translates to itself
    with po.open("wb") as fh:
        write_po(fh, catalog, omit_header=False, no_location=True, sort_output=True, width=100)
    return [str(m.id) for m in catalog if m.id and not _translated(m.string)]


def _translated(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail when a message has no translation")
    args = parser.parse_args(argv)
    extract()
    missing = {lang: update(lang) for lang in LANGS}
    for lang, ids in missing.items():
        for message in ids:
            print(f"theme/translations/{lang}: untranslated: {message!r}")
    total = sum(len(v) for v in missing.values())
    print(f"translations: {total} untranslated message(s)")
    return 1 if args.check and total else 0


if __name__ == "__main__":
    sys.exit(main())
