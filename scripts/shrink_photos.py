"""Shrink the catalogue's original photos that are larger than it needs, in place: `make shrink-photos`.

Each is turned upright (its EXIF orientation applied to the pixels), made at most twice as wide as the widest
derivative (plugins/images/sizes.py), stripped of its metadata (GPS included) and saved again in its own format at
quality 90. Photos already small enough, and generated demo photos, are left alone. Git keeps the old versions:
commit the shrunk files, and the repository stops growing by their full size at every edit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from images import sizes  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=ROOT / "content")
    parser.add_argument("paths", nargs="*", type=Path, help="only these photos (default: every oversized photo)")
    args = parser.parse_args(argv)
    keep = sizes.keep_width()
    found = sizes.oversized(args.paths or sizes.photo_files(args.input), keep)
    saved = shrunk = 0
    for item in found:
        result = sizes.shrink(item.path, keep)
        if result is None:
            print(f"{item.path}: left as it is (convert a HEIC photo to JPEG first)", file=sys.stderr)
            continue
        before, after = result
        shrunk += 1
        saved += before - after
        print(f"{item.path}: {before / 1e6:.1f} MB → {after / 1e6:.1f} MB")
    print(f"shrink-photos: {shrunk} of {len(found)} oversized photos shrunk, {saved / 1e6:.1f} MB saved")
    return 0


if __name__ == "__main__":
    sys.exit(main())
