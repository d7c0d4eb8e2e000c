"""Print: the demo catalogue's production build with its PDFs; seconds for the PDFs and each document's size.

Usage: ``python -m scripts.bench --only printing``.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT, ROOT / "plugins"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from scripts import make_demo_photos  # noqa: E402
from scripts.build import build  # noqa: E402


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def run(workdir: Path) -> list[tuple[str, str]]:
    content = ROOT / "content"
    make_demo_photos.main(["--content", str(content)])
    records = _Records()
    log = logging.getLogger("print")
    log.addHandler(records)
    log.setLevel(logging.INFO)
    try:
        started = time.perf_counter()
        build(ROOT / "publishconf.py", content, workdir / "output", {"PRINT_ENABLED": True})
        total = time.perf_counter() - started
    finally:
        log.removeHandler(records)
    figures = [("print demo build with PDFs (s)", f"{total:.1f}")]
    for line in records.lines:  # "print: katalog.pdf, 18 page(s), 4421 kB in 8.8 s", "print: PDFs written in 11.6 s"
        name, _, detail = line.removeprefix("print: ").partition(", ")
        if name.startswith("PDFs written in"):
            figures.append(("print PDFs, both languages (s)", name.removeprefix("PDFs written in ").removesuffix(" s")))
        elif detail:
            figures.append((f"print {name}", detail))
    return figures
