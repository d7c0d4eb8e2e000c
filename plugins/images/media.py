"""Photos on object storage: with MEDIA_URL set, pages name every derivative under that address, by its content.

A derivative's object name is ``<photo digest, 16>-<width>x<height>-<key><suffix>``: the key (plan.py) is a hash
of the photo's content and of everything the derivative is made with, so a name never changes its bytes and the
bucket can serve it as immutable for a year. The key and suffix are also the derivative's name in the image cache
(its path in the build's store), so the cache file of any media URL is known without a table: the upload
(scripts/upload_media.py) and the printed catalogues (which read photos from disk, never the network) use that.
The leading digest and size are what the kiosk's service worker groups a photo's widths by (sw.js, VARIANT).

Nothing is placed in the output: the build writes a manifest of the derivatives its pages name, and
`make upload-media` puts those the bucket lacks. With the bucket's credentials set, the build also lists the
bucket once and makes no derivative the bucket already holds (pipeline._derive), so a machine without .cache/
costs only what changed.

Settings: MEDIA_URL ("" = photos stay on the site, as without this module), MEDIA_MANIFEST (default:
``media-upload/manifest.tsv`` under CACHE_PATH). The bucket comes from the environment, as the upload's:
MEDIA_S3_BUCKET, MEDIA_S3_ENDPOINT (empty for AWS), AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from buildkit.store import Store, intact, seal

from .plan import Derivative
from .settings import setting

logger = logging.getLogger(__name__)

CACHE_CONTROL = "public, max-age=31536000, immutable"
CONTENT_TYPES = {".avif": "image/avif", ".webp": "image/webp", ".jpg": "image/jpeg"}
# <digest 16>-<width>x<height>-<key 24><suffix>
OBJECT_NAME = re.compile(r"^[0-9a-f]{16}-\d+x\d+-(?P<cached>[0-9a-f]{24}\.(?:avif|webp|jpg))$")


class MediaSettingError(ValueError):
    """MEDIA_URL or MEDIA_MANIFEST has a value the build cannot use."""


@dataclass(frozen=True)
class Media:
    """Where derivatives are served from (``url``, ending in "/"), and the manifest the upload reads."""

    url: str
    manifest: Path

    @property
    def origin(self) -> str:
        """``scheme://host[:port]``: what the Content-Security-Policy allows images from."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    def href(self, digest: str, d: Derivative) -> str:
        return self.url + object_name(digest, d)

    def object_of(self, url: str) -> str | None:
        """The object name of a media URL, or None when ``url`` is not one."""
        if not url.startswith(self.url):
            return None
        name = url[len(self.url):]
        return name if OBJECT_NAME.match(name) else None


def object_name(digest: str, d: Derivative) -> str:
    return f"{digest[:16]}-{d.width}x{d.height}-{d.key}{d.suffix}"


def cached_name(name: str) -> str:
    """The image cache's name (``<key><suffix>``) of an object name."""
    match = OBJECT_NAME.match(name)
    if match is None:
        raise ValueError(f"not a derivative's object name: {name!r}")
    return match["cached"]


def load(settings: Mapping[str, Any], cache_dir: Path) -> Media | None:
    """The MEDIA_ settings, checked; None without MEDIA_URL."""
    url = setting(settings, "MEDIA_URL") or ""
    if not url:
        return None
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise MediaSettingError(f"MEDIA_URL: expected an http(s) address such as 'https://media.example.org/' or "
                                f"'http://127.0.0.1:9000/media/', got {url!r}")
    manifest = setting(settings, "MEDIA_MANIFEST") or cache_dir.parent / "media-upload" / "manifest.tsv"
    return Media(url if url.endswith("/") else url + "/", Path(manifest))


def csp_extra(settings: Mapping[str, Any], extra: Mapping[str, list[str]] | None) -> dict[str, list[str]] | None:
    """PUBLISH_CSP_EXTRA with the media origin allowed for images (pages) and fetches (the kiosk's worker
    precaches photos with fetch()); unchanged without MEDIA_URL."""
    url = setting(settings, "MEDIA_URL") or ""
    if not url:
        return dict(extra) if extra is not None else None
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    out = {key: list(value) for key, value in (extra or {}).items()}
    for directive in ("img-src", "connect-src"):
        sources = out.setdefault(directive, [])
        if origin not in sources:
            sources.append(origin)
    return out


def referenced(media: Media, image_sets: Iterable[Any]) -> dict[str, str]:
    """Object name → cache name of every derivative the ``image_sets`` name, in a stable order."""
    names: dict[str, str] = {}
    for image_set in image_sets:
        for rendition in image_set.roles.values():
            for variant in rendition.variants:
                name = media.object_of(variant.path)
                if name is not None:
                    names[name] = cached_name(name)
    return names


def write_manifest(media: Media, cache_files: Mapping[str, str]) -> None:
    """``<object name>\\t<cache file>`` a line, sorted, written whole (the upload reads it after the build)."""
    media.manifest.parent.mkdir(parents=True, exist_ok=True)
    tmp = media.manifest.with_name(f".{media.manifest.name}.{os.getpid()}.part")
    tmp.write_text("".join(f"{name}\t{path}\n" for name, path in sorted(cache_files.items())), encoding="utf-8")
    os.replace(tmp, media.manifest)


def read_manifest(path: Path) -> dict[str, Path]:
    out = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        name, sep, file = line.partition("\t")
        if not sep or not OBJECT_NAME.match(name):
            raise ValueError(f"{path}:{number}: expected '<object name>\\t<cache file>', got {line!r}")
        out[name] = Path(file)
    return out


@dataclass(frozen=True)
class Bucket:
    """The S3-compatible bucket the derivatives go to, from the environment (the standard AWS variables)."""

    name: str
    endpoint: str  # "" for AWS itself
    region: str

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Bucket | None:
        """None when MEDIA_S3_BUCKET is unset; the credentials are left to boto3 (AWS_ACCESS_KEY_ID, …)."""
        name = environ.get("MEDIA_S3_BUCKET", "").strip()
        if not name:
            return None
        return cls(name, environ.get("MEDIA_S3_ENDPOINT", "").strip(),
                   environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or "us-east-1")

    def client(self) -> Any:
        import boto3
        from botocore.config import Config

        # path-style: a bucket on a local endpoint (MinIO, rclone) or R2 has no DNS name of its own
        config = Config(s3={"addressing_style": "path"}, retries={"max_attempts": 3, "mode": "standard"})
        return boto3.client("s3", endpoint_url=self.endpoint or None, region_name=self.region, config=config)

    def names(self, client: Any = None) -> dict[str, int]:
        """Every object name in the bucket with its size, listed once (1,000 names a request)."""
        client = client or self.client()
        found: dict[str, int] = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=self.name):
            for item in page.get("Contents", ()):
                found[item["Key"]] = int(item["Size"])
        return found


def held_by_bucket(media: Media | None, environ: Mapping[str, str] = os.environ) -> dict[str, int]:
    """The cache names (``<key><suffix>``) of the derivatives the bucket holds, with their sizes: the build makes
    none of them again. Empty without MEDIA_URL or a bucket; a bucket that cannot be listed only costs time."""
    bucket = Bucket.from_environment(environ) if media is not None else None
    if bucket is None:
        return {}
    try:
        listed = bucket.names()
    except Exception as exc:  # noqa: BLE001 - botocore's errors have no common base worth naming; the build goes on
        logger.warning("media: could not list bucket %s (%s); every derivative the cache lacks is made here",
                       bucket.name, exc)
        return {}
    held = {}
    for name, size in listed.items():
        match = OBJECT_NAME.match(name)
        if match:
            held[match["cached"]] = size
    logger.info("media: bucket %s holds %d derivatives", bucket.name, len(held))
    return held


def fetch_missing(media: Media, cache_file: Path, name: str, environ: Mapping[str, str] = os.environ) -> bool:
    """Download object ``name`` into ``cache_file`` when the cache lacks it (a derivative only the bucket holds,
    wanted on disk by the printed catalogues); whether the file is there afterwards."""
    if intact(os.fspath(cache_file)):
        return True
    bucket = Bucket.from_environment(environ)
    if bucket is None:
        return False
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache_file.with_name(f".{cache_file.name}.{os.getpid()}.part")
    try:
        bucket.client().download_file(bucket.name, name, str(tmp))
    except Exception as exc:  # noqa: BLE001 - see held_by_bucket
        logger.warning("media: could not download %s from bucket %s: %s", name, bucket.name, exc)
        tmp.unlink(missing_ok=True)
        return False
    seal(tmp)  # as a derivative made here is (buildkit/store.py)
    os.replace(tmp, cache_file)
    return True


@dataclass(frozen=True)
class LocalFiles:
    """``local(url)``: the cache file of a media URL of one build (downloaded from the bucket if only it holds it),
    or None when ``url`` is not one (or there is no MEDIA_URL): the printed catalogues read photos from disk."""

    media: Media | None
    cache: Store  # the derivatives' kind, "photos"

    def __call__(self, url: str) -> Path | None:
        name = self.media.object_of(url) if self.media is not None else None
        if self.media is None or name is None:
            return None
        path = Path(self.cache.path(cached_name(name)))
        return path if fetch_missing(self.media, path, name) else None
