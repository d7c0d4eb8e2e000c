"""The precache list: every page written, then the files those pages load and the photos they show, within a cap."""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .config import Kiosk
from .shown import Shown

SW_SOURCE = Path(__file__).with_name("sw.js")
# Photo derivative names: <stem>-<width>x<height>-<digest>.<ext>.
WIDTH = re.compile(r"-(\d+)x\d+-[0-9a-f]+\.[a-z0-9]+$")


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


# The tags by which a page loads scripts, stylesheets, icons and the manifest (not its canonical and alternate
# links): read in every page that is precached, whose bytes are read for the version anyway, so that a script
# only some pages of a kind load (the approximate price's, on English product pages) is kept.
LOADS = re.compile(rb"<script\b[^>]*>|<link\b(?=[^>]*(?:stylesheet|icon|manifest|preload))[^>]*>", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)  # pages repeat the same few tags
def _loaded(tag: bytes) -> tuple[str, ...]:
    refs = _References()
    refs.feed(tag.decode("utf-8", "replace"))
    return tuple(refs.assets)


def representatives(written: Sequence[tuple[str, str, str]], offline: Sequence[str]) -> list[str]:
    """The offline pages and the first page of each kind in each language: pages of one kind share a template."""
    first: dict[tuple[str, str], str] = {}
    for lang, kind, save_as in written:
        first.setdefault((lang, kind), save_as)
    return list(dict.fromkeys([*offline, *first.values()]))


def collect(output: Path, written: Sequence[tuple[str, str, str]], kiosk: Kiosk, siteurl: str = "",
            shown: Shown | None = None) -> Plan:
    """Offline pages, the files pages load, the other pages, then photos narrowest first, until the cap.

    The stylesheet, scripts and icons come before the pages: a catalogue whose pages alone pass the cap still
    looks right offline.

    ``written`` are (language, route kind, save_as) of the pages; ``shown`` the photos and QR codes they show.
    No page is read for its photos: those come from ``shown``. The other files pages load come from one page
    of each kind in each language (all of it), and from the script and link tags of every page precached.
    Files left out by the cap are never read, nor are photo derivatives (their names change with their bytes).
    """
    shown = shown or Shown()
    root_path = urlsplit(siteurl).path.rstrip("/") + "/"
    offline = [str(p) for p in kiosk.settings["KIOSK_OFFLINE"].values()]
    pages = offline + [s for s in dict.fromkeys(save_as for _lang, _kind, save_as in written) if s not in offline]
    assets: dict[str, None] = {}
    images: dict[str, None] = dict.fromkeys(shown.images)
    fallbacks: dict[str, None] = dict.fromkeys(shown.fallbacks)
    exists: dict[str, bool] = {}

    def add(hrefs: Iterable[str], into: dict[str, None]) -> None:
        for href in hrefs:
            path = _local(href, root_path)
            if path and path not in exists:
                exists[path] = path in shown.placed or (output / path).is_file()
            if path and exists[path]:
                into[path] = None

    for save_as in representatives(written, offline):
        refs = _References()
        refs.feed((output / save_as).read_text(encoding="utf-8"))
        add(refs.assets, assets)
        add(refs.images, images)
        add(refs.fallbacks, fallbacks)
    for manifest in kiosk.settings["KIOSK_MANIFEST"].values():
        for icon in json.loads((output / manifest).read_text(encoding="utf-8"))["icons"]:
            assets[posixpath.normpath(posixpath.join(posixpath.dirname(manifest), icon["src"]))] = None

    cap = int(kiosk.settings["KIOSK_PRECACHE_MB"] * 1_000_000)
    plan = Plan()
    digest = hashlib.sha256()
    root = os.fspath(output)

    listed: set[str] = set()

    def take(url: str, path: str) -> bytes | None:
        """Precache ``path`` if it fits; its bytes when they were read (every file but a photo derivative)."""
        if path in listed:
            return None
        listed.add(path)
        placed = shown.placed.get(path)
        if placed is None:
            try:
                size = os.stat(os.path.join(root, path)).st_size
            except FileNotFoundError:  # a QR code or image a page names but the build did not make
                return None
        else:
            size = placed.size
        if plan.bytes + size > cap:  # a file left out is never read
            plan.skipped.append(url)
            return None
        data = None
        if placed is None:
            with open(os.path.join(root, path), "rb") as file:
                data = file.read()
        key = str(size).encode() if data is None else hashlib.sha256(data).digest()
        plan.files.append((url, size))
        plan.bytes += size
        digest.update(url.encode() + b"\0" + key)
        return data

    def take_pages(saved: list[str]) -> None:
        for save_as in saved:
            page = take(page_url(save_as), save_as)
            if page is not None:
                add((href for tag in LOADS.findall(page) for href in _loaded(tag)), assets)
        for path in list(assets):
            take(path, path)

    take_pages(pages[:len(offline)])
    take_pages(pages[len(offline):])

    def width(path: str) -> int:
        placed = shown.placed.get(path)
        return placed.width if placed else _width(path)

    for path in sorted(images, key=width):
        take(path, path)
    if kiosk.settings["KIOSK_PRECACHE_FALLBACKS"]:
        for path in sorted(fallbacks, key=width):
            if path not in images:
                take(path, path)
    # The worker's bytes change whenever a precached file does, so browsers install the new version.
    plan.version = digest.hexdigest()[:16]
    return plan


def worker_config(plan: Plan, kiosk: Kiosk) -> dict[str, Any]:
    return {
        "version": plan.version,
        # "./<path>": resolved against the worker's scope, and written as a URL path so that the publish pass,
        # which renames theme files to content-hashed names, rewrites these references like the pages' own.
        # (a photo on the media bucket keeps its absolute URL)
        "precache": [url if url == "./" or "://" in url else f"./{url}" for url, _size in plan.files],
        "bytes": plan.bytes,
        "offline": kiosk.settings["KIOSK_OFFLINE"],
        "runtimeEntries": kiosk.settings["KIOSK_RUNTIME_ENTRIES"],
        "media": list(kiosk.settings["KIOSK_MEDIA_PREFIXES"]),
        # Read by the worker as it installs: the search index is made after this list (plugins/search).
        "search": {"list": "./" + str(kiosk.settings["KIOSK_SEARCH_LIST"]).lstrip("/"),
                   "cap": int(kiosk.settings["KIOSK_SEARCH_MB"] * 1_000_000)},
    }


def write_service_worker(output: Path, plan: Plan, kiosk: Kiosk) -> None:
    source = SW_SOURCE.read_text(encoding="utf-8")
    config = json.dumps(worker_config(plan, kiosk), separators=(",", ":"))
    (output / kiosk.worker).write_text(source.replace("/*CONFIG*/{}", config, 1), encoding="utf-8")
