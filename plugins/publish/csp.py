"""The Content-Security-Policy the catalogue works under, as a <meta> tag value and as an HTTP header value."""

from __future__ import annotations

import base64
import hashlib
import re

# 'wasm-unsafe-eval' lets the search index (WebAssembly) compile; it allows no JavaScript eval.
DIRECTIVES: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "worker-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
# Directives browsers ignore (with a console error) in a <meta> tag: only in the header.
HEADER_ONLY: dict[str, list[str]] = {"frame-ancestors": ["'none'"], "upgrade-insecure-requests": []}

# The staff CMS (Sveltia, under /admin/) gets its own, looser policy; every catalogue page keeps the strict one.
# Sveltia is a prebuilt Svelte bundle we cannot change, and it does not run without:
# - 'unsafe-inline' styles: its components set style attributes at run time;
# - connect-src to the GitHub API (REST and GraphQL, where it reads and commits) and GitHub's status page (it
#   warns staff of an outage), data: (it reads its own inline logo with fetch) and blob: (it reads a photo
#   staff pick back from the object URL it made of it, to save it beside the entry);
# - (its fonts, which it would load from jsDelivr, are served from /admin/fonts/: plugins/submission.FONTS);
#   its check for a newer release on unpkg.com stays blocked: staff update through package.json, not the CMS;
# - the signed-in member's GitHub avatar (blob: and data: images, for photos picked before they are saved, every
#   page allows already).
# Scripts still load only from this origin (no inline script, no CDN, no eval), and /admin/ shows no
# visitor-submitted content.
CMS_EXTRA: dict[str, list[str]] = {
    "style-src": ["'unsafe-inline'"],
    "connect-src": ["https://api.github.com", "https://www.githubstatus.com", "data:", "blob:"],
    "img-src": ["https://avatars.githubusercontent.com"],
    "media-src": ["blob:"],
}


def script_hash(code: str) -> str:
    """The CSP source for one inline script, e.g. ``'sha256-…'``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def policy(extra: dict[str, list[str]] | None = None, header: bool = False) -> str:
    """The policy string; ``extra`` adds sources (``{"script-src": [script_hash(code)]}``)."""
    directives = {k: list(v) for k, v in DIRECTIVES.items()}
    for key, sources in (extra or {}).items():
        directives.setdefault(key, []).extend(s for s in sources if s not in directives.get(key, []))
    if header:
        directives.update(HEADER_ONLY)
    return "; ".join(" ".join([k, *v]).strip() for k, v in directives.items())


def cms_policy(header: bool = False) -> str:
    """The staff CMS's policy (see CMS_EXTRA): the catalogue's, plus what Sveltia needs."""
    return policy(CMS_EXTRA, header=header)


INLINE_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.S | re.I)


def inline_scripts(html: str) -> list[str]:
    """Executable inline scripts in a page (JSON-LD and other data blocks are not executed, so not counted)."""
    found = []
    for m in INLINE_SCRIPT.finditer(html):
        attrs = m["attrs"]
        if re.search(r"\bsrc\s*=", attrs):
            continue
        kind = re.search(r"""\btype\s*=\s*["']?([^"'\s>]+)""", attrs)
        if kind and kind[1].lower() not in ("text/javascript", "module", "application/javascript"):
            continue
        found.append(m["code"])
    return found
