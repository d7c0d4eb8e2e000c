"""Publishing steps on a built site folder: minify, fingerprint static assets, precompress, write _headers."""

from __future__ import annotations

import gzip
import hashlib
import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import brotli
import minify_html
import rcssmin
import rjsmin
from buildkit.forked import in_forks

from .csp import cms_policy, policy
from .settings import setting

TEXT_SUFFIXES = (".html", ".css", ".js", ".mjs", ".svg", ".json", ".xml", ".txt", ".webmanifest", ".ics", ".csv")
FINGERPRINT_SUFFIXES = (".css", ".js")
FONT_SUFFIXES = (".woff2",)
YEAR = 31536000


@dataclass
class PublishReport:
    minified: int = 0
    fingerprinted: dict[str, str] = field(default_factory=dict)  # old path → new path, relative to the site
    compressed: int = 0
    saved_bytes: int = 0

    def line(self) -> str:
        return (f"publish: {self.minified} files minified, {len(self.fingerprinted)} assets fingerprinted, "
                f"{self.compressed} files precompressed (gzip + brotli)")


def minify_svg(text: str) -> str:
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"<\?xml[^>]*\?>", "", text)
    text = re.sub(r">\s+<", "><", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def minify_html_text(text: str) -> str:
    return minify_html.minify(
        text, minify_css=True, minify_js=False, keep_closing_tags=True, keep_html_and_head_opening_tags=True,
        keep_comments=False, keep_ssi_comments=False, preserve_brace_template_syntax=False,
        remove_processing_instructions=False, keep_input_type_text_attr=True,
    )


MINIFIERS = {
    ".css": rcssmin.cssmin,
    ".js": rjsmin.jsmin,
    ".mjs": rjsmin.jsmin,
    ".svg": minify_svg,
    ".html": minify_html_text,
}


def _replace_text(path: Path, text: str, **options: str) -> None:
    """Write ``path`` anew (a new file renamed over it), never through the old file: a page or QR code in the
    output can be a hard link to the build's cache, which must keep the unminified bytes it was stored with."""
    tmp = path.with_name(f".{path.name}.publish")
    tmp.write_text(text, encoding="utf-8", **options)
    os.replace(tmp, path)


def _files(site: Path, suffixes: Iterable[str]) -> list[Path]:
    suffixes = tuple(suffixes)
    return sorted(p for p in site.rglob("*") if p.is_file() and p.name.endswith(suffixes))


def minify(site: Path, skip: Iterable[str] = (), suffixes: Iterable[str] = tuple(MINIFIERS)) -> int:
    """Minify HTML, CSS, JS and SVG in place; files under a ``skip`` prefix (vendored, already minified) are kept."""
    skip = tuple(skip)
    count = 0
    for path in _files(site, suffixes):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(skip) or path.name.endswith((".min.js", ".min.css")):
            continue
        text = path.read_text(encoding="utf-8")
        smaller = MINIFIERS[path.suffix](text)
        if len(smaller) < len(text):
            _replace_text(path, smaller)
            count += 1
    return count


def fingerprint(site: Path, under: Iterable[str], keep: Iterable[str]) -> dict[str, str]:
    """Rename fonts, CSS and JS under ``under`` to ``name.<hash>.ext`` and rewrite every reference in the site's text.

    Files named in ``keep`` (e.g. the service worker, whose URL must not change) keep their names.
    Fonts are renamed first, then JavaScript, so stylesheets and pages that name a font or a script carry its
    final name (a stylesheet names its fonts relatively, ``url(../fonts/x.woff2)``: see _rewrite_css_urls).
    """
    keep = set(keep)
    renamed: dict[str, str] = {}
    texts = _files(site, TEXT_SUFFIXES)
    for suffixes in (FONT_SUFFIXES, (".js", ".mjs"), (".css",)):
        for prefix in under:
            folder = site / prefix
            if not folder.is_dir():
                continue
            for path in _files(folder, suffixes):
                rel = path.relative_to(site).as_posix()
                if rel in keep or path.name in keep or re.search(r"\.[0-9a-f]{10}\.", path.name):
                    continue
                if path.suffix in FONT_SUFFIXES:
                    data = path.read_bytes()
                else:
                    text = _rewrite(path.read_text(encoding="utf-8"), renamed)
                    if path.suffix == ".css":
                        text = _rewrite_css_urls(text, rel, renamed)
                    data = text.encode("utf-8")
                digest = hashlib.sha256(data).hexdigest()[:10]
                new = path.with_name(f"{path.stem}.{digest}{path.suffix}")
                new.write_bytes(data)
                path.unlink()
                renamed[rel] = new.relative_to(site).as_posix()
    if renamed:
        for path in texts:
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
            new_text = _rewrite(text, renamed)
            if new_text != text:
                _replace_text(path, new_text, errors="surrogateescape")
    return renamed


def _rewrite(text: str, renamed: dict[str, str]) -> str:
    for old, new in renamed.items():
        # Only whole URL paths: "/theme/css/site.css" followed by a quote, ?, #, ) or whitespace.
        text = re.sub(rf"(?<=/){re.escape(old)}(?=[\"'?#)\s>,;])", new, text)
    return text


CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")


def _rewrite_css_urls(text: str, css: str, renamed: dict[str, str]) -> str:
    """Relative ``url()`` references in the stylesheet at site path ``css`` that point at a renamed file."""
    folder = posixpath.dirname(css)

    def swap(m: re.Match[str]) -> str:
        ref = m[2].strip()
        if ref.startswith(("/", "#")) or ":" in ref:
            return m[0]
        path = re.split(r"[?#]", ref, maxsplit=1)[0]
        tail = ref[len(path):]
        new = renamed.get(posixpath.normpath(posixpath.join(folder, path)))
        if new is None:
            return m[0]
        return f"url({m[1]}{posixpath.relpath(new, folder)}{tail}{m[1]})"

    return CSS_URL.sub(swap, text)


def _compress(path: Path) -> int:
    data = path.read_bytes()
    saved = 0
    for suffix, packed in ((".gz", gzip.compress(data, compresslevel=9, mtime=0)),
                           (".br", brotli.compress(data, quality=11))):
        if len(packed) < len(data):
            path.with_name(path.name + suffix).write_bytes(packed)
            saved = max(saved, len(data) - len(packed))
    return saved


def precompress(site: Path) -> tuple[int, int]:
    """Write ``.gz`` and ``.br`` beside every text file they make smaller; returns (files, bytes saved by brotli)."""
    files = _files(site, TEXT_SUFFIXES)
    shares = [str(share) for share in range(os.cpu_count() or 1)]  # every n-th file: shares of a like size
    saved = in_forks(lambda share: [_compress(path) for path in files[int(share)::len(shares)]], shares,
                     what="compressing the site")
    return sum(1 for s in saved if s), sum(saved)


def headers_file(site: Path, renamed: dict[str, str], media: Iterable[str], csp_extra: dict | None = None,
                 cms: str = "admin/") -> str:
    """A ``_headers`` file (Netlify, Cloudflare Pages): the CSP for every path, long caching for fingerprinted files.

    The staff CMS under ``cms`` gets its own policy (csp.CMS_EXTRA). Cloudflare Pages joins the values of every
    rule that matches, and two policies both apply, so ``! Content-Security-Policy`` first drops the site-wide one;
    Netlify takes the later rule's value.
    """
    lines = [
        "/*",
        f"  Content-Security-Policy: {policy(csp_extra, header=True)}",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
        "  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()",
        "",
        f"/{cms.strip('/')}/*",
        "  ! Content-Security-Policy",
        f"  Content-Security-Policy: {cms_policy(header=True)}",
        "  X-Robots-Tag: noindex",
        "",
    ]
    for new in sorted(renamed.values()):
        lines += [f"/{new}", f"  Cache-Control: public, max-age={YEAR}, immutable", ""]
    for prefix in media:
        lines += [f"/{prefix.strip('/')}/*", "  Cache-Control: public, max-age=604800, stale-while-revalidate=86400",
                  ""]
    text = "\n".join(lines)
    (site / "_headers").write_text(text, encoding="utf-8")
    return text


def publish(site: Path, settings: dict) -> PublishReport:
    report = PublishReport()
    cms = setting(settings, "PUBLISH_CMS_PREFIX")
    # Decap's bundle comes minified; rjsmin would take long over its megabytes for nothing.
    skip = (*setting(settings, "PUBLISH_MINIFY_SKIP"), cms)
    # Assets first, so their hashes are of what is served; pages last, once they name the hashed files.
    report.minified = minify(site, skip, suffixes=(".css", ".js", ".mjs", ".svg"))
    report.fingerprinted = fingerprint(site, setting(settings, "PUBLISH_FINGERPRINT_UNDER"),
                                       setting(settings, "PUBLISH_KEEP_NAMES"))
    report.minified += minify(site, skip, suffixes=(".html",))
    headers_file(site, report.fingerprinted, setting(settings, "PUBLISH_MEDIA_PREFIXES"),
                 setting(settings, "PUBLISH_CSP_EXTRA"), cms)
    if setting(settings, "PUBLISH_PRECOMPRESS"):
        report.compressed, report.saved_bytes = precompress(site)
    return report
