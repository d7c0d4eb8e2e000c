"""Extract every user-visible message into the gettext catalogues and report what is not translated yet.

English is the source language: the English catalogue takes each message as it is written, so only the
Indonesian catalogue needs a translator.  Usage: ``python -m scripts.i18n [--check]``; with --check nothing is
written, and a file is rewritten only when a message in it changed (not for a new extraction date).
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "theme" / "translations"
POT = TRANSLATIONS / "messages.pot"
LANGS = ("id", "en")


DATED = re.compile(rb'^"POT-Creation-Date: .*\\n"$', re.MULTILINE)


def _save(path: Path, data: bytes, write: bool) -> None:
    """Write ``data`` unless the file already says the same apart from its extraction date."""
    if not write or (path.exists() and DATED.sub(b"", path.read_bytes()) == DATED.sub(b"", data)):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def extract(write: bool = True) -> bytes:
    """The message template of the current templates and code (also saved as messages.pot when ``write``)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "messages.pot"
        subprocess.run(
            [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(ROOT / "babel.cfg"),
             "-k", "N_", "--no-location", "--sort-output", "--omit-header", "-o", str(out), str(ROOT)],
            check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        data = out.read_bytes()
    _save(POT, data, write)
    return data


def update(lang: str, pot: bytes, write: bool = True) -> list[str]:
    """Merge the template into ``lang``'s catalogue; return messages still untranslated."""
    po = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    template = read_po(io.BytesIO(pot))
    if po.exists():
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        catalog.update(template, no_fuzzy_matching=True)
    else:
        catalog = read_po(io.BytesIO(pot), locale=lang)
    catalog.obsolete.clear()
    catalog.fuzzy = False
    for message in catalog:
        if lang == "en" and message.id:
            message.string = message.id  # the source language translates to itself
    buffer = io.BytesIO()
    write_po(buffer, catalog, omit_header=False, no_location=True, sort_output=True, width=100)
    _save(po, buffer.getvalue(), write)
    return [str(m.id) for m in catalog if m.id and not _translated(m.string)]


def _translated(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail when a message has no translation")
    args = parser.parse_args(argv)
    pot = extract(write=not args.check)
    missing = {lang: update(lang, pot, write=not args.check) for lang in LANGS}
    for lang, ids in missing.items():
        for message in ids:
            print(f"theme/translations/{lang}: untranslated: {message!r}")
    total = sum(len(v) for v in missing.values())
    print(f"translations: {total} untranslated message(s)")
    return 1 if args.check and total else 0


if __name__ == "__main__":
    sys.exit(main())
