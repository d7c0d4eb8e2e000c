"""Refuse to publish a site larger than its static host accepts: `python -m scripts.site_size output --limit-mb 1000`.

Every file counts with all its bytes, hard links included: the build links photo derivatives from its cache, but
an upload copies every byte of every file. GitHub Pages accepts a published site of at most 1 GB.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

GITHUB_PAGES_MB = 1000


def site_bytes(folder: Path) -> tuple[int, int, int]:
    """(bytes of every file, number of files, bytes under media/: the photo derivatives) of a built site."""
    total = files = photos = 0
    media = os.path.join(os.fspath(folder), "media", "")
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            size = os.stat(path).st_size
            total += size
            files += 1
            if path.startswith(media):
                photos += size
    return total, files, photos


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("output"))
    parser.add_argument("--limit-mb", type=float, default=GITHUB_PAGES_MB,
                        help="what the static host accepts, in MB (default: GitHub Pages' 1 GB)")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"site-size: {args.site}: no built site there", file=sys.stderr)
        return 2
    total, files, photos = site_bytes(args.site)
    line = (f"site-size: {args.site} is {total / 1e6:.1f} MB in {files} files ({photos / 1e6:.1f} MB of photo "
            f"derivatives under media/); the host accepts {args.limit_mb:.0f} MB")
    if total > args.limit_mb * 1e6:
        print(f"{line}.\nsite-size: too large to publish. Move the photos to a bucket (MEDIA_URL, "
              "make upload-media: see docs/scaling.md) or publish to a host that accepts more.", file=sys.stderr)
        return 1
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
