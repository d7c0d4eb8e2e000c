"""Run every benchmark side by side on this machine and print one `name: value` line per figure.

Usage: ``python -m scripts.bench [--only images,search,build] [--workdir DIR]``.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "plugins"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from scripts import benchmarks  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", default="", help="comma-separated benchmark modules")
    parser.add_argument("--workdir", default=None, help="keep the synthetic catalogues here")
    args = parser.parse_args(argv)
    wanted = {n for n in args.only.split(",") if n}
    names = [m.name for m in pkgutil.iter_modules(benchmarks.__path__) if not wanted or m.name in wanted]
    # Under .cache, on the project's own disk like a real build's output and caches: the system's temporary
    # folder can be another, smaller or slower, file system, which would weigh on the builds unevenly.
    (ROOT / ".cache").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kriya-bench-", dir=ROOT / ".cache") as tmp:
        workdir = Path(args.workdir or tmp)
        for name in sorted(names):
            module = importlib.import_module(f"scripts.benchmarks.{name}")
            for figure, value in module.run(workdir / name):
                print(f"{figure}: {value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
