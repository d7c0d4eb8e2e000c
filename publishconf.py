"""Pelican settings for the published catalogue: `make publish`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: E402,F403

# The public address; hreflang, canonical and JSON-LD URLs become absolute.
SITEURL = os.environ.get("SITEURL", "https://kriyajatim.github.io")
RELATIVE_URLS = False
# Minify, fingerprint CSS/JS, precompress (gzip + brotli) and write _headers: plugins/publish.
PUBLISH_OPTIMIZE = True
# `make publish PUBLISH_PRECOMPRESS=0`: no .gz/.br copies, for a host that compresses by itself and ignores them
# (GitHub Pages: the publish workflow), so they do not count against its 1 GB.
_precompress = os.environ.get("PUBLISH_PRECOMPRESS") or "1"
if _precompress not in ("0", "1"):
    raise SystemExit(f"publishconf.py: PUBLISH_PRECOMPRESS: 1 (write .gz/.br copies) or 0 (the host compresses "
                     f"by itself), not {_precompress!r}")
PUBLISH_PRECOMPRESS = _precompress == "1"
# Photos on an S3-compatible bucket (plugins/images/media.py): `make publish MEDIA_URL=https://media.example/`
# names every derivative under that address and leaves none in output/; `make upload-media` then uploads them,
# before the pages are published. Empty: the photos stay on the site, under media/.
MEDIA_URL = os.environ.get("MEDIA_URL", "")
