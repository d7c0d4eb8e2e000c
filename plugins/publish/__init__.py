"""Publishing: the Content-Security-Policy for templates, and, with PUBLISH_OPTIMIZE, the production pass.

Settings (prefix PUBLISH_):
- PUBLISH_OPTIMIZE: False in development; publishconf.py turns it on for `make publish`.
- PUBLISH_CSP_EXTRA: extra CSP sources, e.g. {"script-src": [csp.script_hash(code)]} for a hashed inline script.
- PUBLISH_FINGERPRINT_UNDER: folders whose fonts, CSS and JS get content hashes in their names (default ("theme/",)).
- PUBLISH_KEEP_NAMES: files never renamed (default ("sw.js",): a service worker's URL must stay the same).
- PUBLISH_MINIFY_SKIP: folders not minified (vendored, already minified files).
- PUBLISH_MEDIA_PREFIXES: folders of photo derivatives, cached for a week in _headers.
- PUBLISH_PRECOMPRESS: write ``.gz`` and ``.br`` beside every text file (default True), for a host that serves
  them as they are (nginx's gzip_static). Off for a host that compresses by itself and ignores them (GitHub Pages,
  Cloudflare Pages, Netlify): they would be a third of the bytes it stores for nothing.
- PUBLISH_CMS_PREFIX: the staff CMS's folder (default "admin/", as SUBMISSION_ADMIN_PATH): its own, looser CSP
  in _headers (csp.CMS_EXTRA says why), and left unminified.

Templates get ``PUBLISH_CSP`` (the <meta> policy) in their context.
"""

from __future__ import annotations

import logging
from pathlib import Path

from images.media import csp_extra
from images.settings import setting as image_setting
from pelican import signals

from .csp import policy
from .settings import setting

log = logging.getLogger(__name__)


def _initialized(pelican) -> None:
    settings = pelican.settings
    settings.setdefault("PUBLISH_OPTIMIZE", False)
    if image_setting(settings, "MEDIA_URL"):  # photos come from the media bucket's origin (images/media.py)
        settings["PUBLISH_CSP_EXTRA"] = csp_extra(settings, setting(settings, "PUBLISH_CSP_EXTRA"))
    settings["PUBLISH_CSP"] = policy(setting(settings, "PUBLISH_CSP_EXTRA"))


def _finalized(pelican) -> None:
    if not setting(pelican.settings, "PUBLISH_OPTIMIZE"):
        return
    from .assets import publish

    report = publish(Path(pelican.output_path), pelican.settings)
    log.info(report.line())


def register() -> None:
    signals.initialized.connect(_initialized)
    signals.finalized.connect(_finalized)
