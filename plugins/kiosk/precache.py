"""The precache list: every page written, then the files those pages reference, within a size cap."""

from __future__ import annotations

import functools
import hashlib
import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .config import Kiosk

SW_SOURCE = Path(__file__).with_name("sw.js")
# Derivative names: <stem>-<width>x<height>[-<digest>].<ext> (or the older <stem>-<width>.<ext>).
WIDTH = re.compile(r"-(\d+)(?:x\d+)?(?:-[0-9a-f]+)?\.[a-z0-9]+$")


@dataclass
class Plan:
    """What the service worker downloads at install: ``files`` as (path from the site root, bytes)."""

    files: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    bytes: int = 0
    version: str = ""


# The tags that load files, and their attributes. A scan of these is several times faster than a full HTML
# parse, which matters at 20,000 pages; the pages are our own templates' output, so their markup is regular.
TAG = re.compile(r"<(/?)(picture|source|img|link|script)\b([^>]*)>", re.IGNORECASE)
ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


class _References:
    """The local files a page loads: stylesheets, scripts, icons, manifest and images.

    Images are split in two: those a current browser picks (the first <source> of a <picture>, or an <img>
    outside one) and the fallbacks only older browsers load.
    """

    def __init__(self) -> None:
        self.assets: list[str] = []
        self.images: list[str] = []
        self.fallbacks: list[str] = []
        self._picture: list[bool] = []  # per open <picture>: has a <source> been taken yet

    @staticmethod
    def _srcset(value: str | None) -> list[str]:
        return [part.strip().split()[0] for part in (value or "").split(",") if part.strip()]

    def feed(self, page: str) -> None:
        for match in TAG.finditer(page):
            closing, tag, attrs = match.group(1), match.group(2).lower(), match.group(3)
            if closing:
                if tag == "picture" and self._picture:
                    self._picture.pop()
                continue
            values = {m.group(1).lower(): html.unescape(next(g for g in m.groups()[1:] if g is not None))
                      for m in ATTR.finditer(attrs)}
            self.handle_starttag(tag, values)

    def handle_starttag(self, tag: str, a: dict[str, str]) -> None:
        if tag == "picture":
            self._picture.append(False)
        elif tag == "source" and self._picture:
            target = self.fallbacks if self._picture[-1] else self.images
            target.extend(self._srcset(a.get("srcset")))
            self._picture[-1] = True
        elif tag == "img":
            in_picture = bool(self._picture) and self._picture[-1]
            target = self.fallbacks if in_picture else self.images
            target.extend([*(filter(None, [a.get("src")])), *self._srcset(a.get("srcset"))])
        elif tag == "link" and a.get("href"):
            rels = set((a.get("rel") or "").split())
            if rels & {"stylesheet", "icon", "apple-touch-icon", "manifest", "preload", "modulepreload"}:
                self.assets.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.assets.append(a["src"])


def page_url(save_as: str) -> str:
    """The address a page is visited at, from the site root: ``produk/x/index.html`` → ``produk/x/``."""
    if save_as == "index.html":
        return "./"
    return save_as.removesuffix("index.html")


@functools.lru_cache(maxsize=65536)  # every page repeats the same stylesheet, icons and shared photos
def _local(href: str, root_path: str) -> str | None:
    """``href`` as a path from the site root, or None when it points elsewhere."""
    parts = urlsplit(href)
    if parts.scheme not in ("", "http", "https") or href.startswith("data:"):
        return None
    path = unquote(parts.path)
    if not path.startswith(root_path):
        return None
    return path[len(root_path):].lstrip("/")


def _width(path: str) -> int:
    match = WIDTH.search(path)
    return int(match.group(1)) if match else 0


def collect(output: Path, written: list[str], kiosk: Kiosk, siteurl: str = "") -> Plan:
    """Pages (offline pages first), then their other files, then photos narrowest first, until the cap."""
    root_path = urlsplit(siteurl).path.rstrip("/") + "/"
    offline = [str(p) for p in kiosk.settings["KIOSK_OFFLINE"].values()]
    pages = offline + [s for s in dict.fromkeys(written) if s not in offline]
    assets: dict[str, None] = {}
    images: dict[str, None] = {}
    fallbacks: dict[str, None] = {}
    exists: dict[str, bool] = {}
    for save_as in pages:
        refs = _References()
        refs.feed((output / save_as).read_text(encoding="utf-8"))
        for found, into in ((refs.assets, assets), (refs.images, images), (refs.fallbacks, fallbacks)):
            for href in found:
                path = _local(href, root_path)
                if path and path not in exists:
                    exists[path] = (output / path).is_file()
                if path and exists[path]:
                    into[path] = None
    for manifest in kiosk.settings["KIOSK_MANIFEST"].values():
        for icon in json.loads((output / manifest).read_text(encoding="utf-8"))["icons"]:
            assets[posixpath.normpath(posixpath.join(posixpath.dirname(manifest), icon["src"]))] = None
    ordered = (
        [(page_url(s), s) for s in pages]
        + [(p, p) for p in assets]
        + [(p, p) for p in sorted(images, key=_width)]
    )
    if kiosk.settings["KIOSK_PRECACHE_FALLBACKS"]:
        ordered += [(p, p) for p in sorted(fallbacks, key=_width) if p not in images]
    cap = int(kiosk.settings["KIOSK_PRECACHE_MB"] * 1_000_000)
    plan = Plan()
    digest = hashlib.sha256()
    for url, path in ordered:
        size = (output / path).stat().st_size
        if plan.bytes + size > cap:  # a file left out is never read
            plan.skipped.append(url)
            continue
        data = (output / path).read_bytes()
        plan.files.append((url, len(data)))
        plan.bytes += len(data)
        digest.update(url.encode() + b"\0" + hashlib.sha256(data).digest())
    # The worker's bytes change whenever a precached file does, so browsers install the new version.
    plan.version = digest.hexdigest()[:16]
    return plan


def worker_config(plan: Plan, kiosk: Kiosk) -> dict[str, Any]:
    return {
        "version": plan.version,
        # "./<path>": resolved against the worker's scope, and written as a URL path so that the publish pass,
        # which renames theme files to content-hashed names, rewrites these references like the pages' own.
        "precache": [url if url == "./" else f"./{url}" for url, _size in plan.files],
        "bytes": plan.bytes,
        "offline": kiosk.settings["KIOSK_OFFLINE"],
        "runtimeEntries": kiosk.settings["KIOSK_RUNTIME_ENTRIES"],
        "media": list(kiosk.settings["KIOSK_MEDIA_PREFIXES"]),
    }


def write_service_worker(output: Path, plan: Plan, kiosk: Kiosk) -> None:
    source = SW_SOURCE.read_text(encoding="utf-8")
    config = json.dumps(worker_config(plan, kiosk), separators=(",", ":"))
    (output / kiosk.worker).write_text(source.replace("/*CONFIG*/{}", config, 1), encoding="utf-8")
