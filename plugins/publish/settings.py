"""The publish plugin's settings: every default in one place, read through buildkit's one reader."""

from __future__ import annotations

from typing import Any

from buildkit.settings import reader

DEFAULTS: dict[str, Any] = {
    "PUBLISH_OPTIMIZE": False,  # publishconf.py turns it on for `make publish`
    "PUBLISH_CSP_EXTRA": None,  # extra CSP sources, e.g. {"script-src": [csp.script_hash(code)]}
    "PUBLISH_CMS_PREFIX": "admin/",  # the staff CMS's folder (as SUBMISSION_ADMIN_PATH): its own, looser CSP
    "PUBLISH_MINIFY_SKIP": ("pagefind/",),  # Pagefind's files come minified
    "PUBLISH_FINGERPRINT_UNDER": ("theme/",),
    "PUBLISH_KEEP_NAMES": ("sw.js",),  # a service worker's URL must stay the same
    "PUBLISH_MEDIA_PREFIXES": ("media/",),
    "PUBLISH_PRECOMPRESS": True,
}

setting = reader(DEFAULTS)
