"""Put the photo derivatives a `make publish MEDIA_URL=…` build names into the media bucket: `make upload-media`.

Only the names the bucket lacks are uploaded (it is listed once); nothing is ever deleted or overwritten, since a
name never changes its bytes (plugins/images/media.py) and the live site may still show any of them. Run it
before the pages are published: pages then only name objects that exist, and an upload that fails half-way
leaves the live site as it was.

The bucket: MEDIA_S3_BUCKET, at MEDIA_S3_ENDPOINT (empty for AWS), with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
and AWS_REGION.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from images.media import CACHE_CONTROL, CONTENT_TYPES, Bucket, read_manifest  # noqa: E402

DEFAULT_MANIFEST = ROOT / ".cache" / "media-upload" / "manifest.tsv"


class UploadError(Exception):
    """The upload cannot start or finish; the message says what to do."""


@dataclass
class Report:
    uploaded: list[str] = field(default_factory=list)
    skipped: int = 0
    bytes: int = 0

    def line(self) -> str:
        return (f"upload-media: {len(self.uploaded)} uploaded ({self.bytes / 1e6:.1f} MB), "
                f"{self.skipped} skipped (already in the bucket)")


def upload(manifest: Path, bucket: Bucket, workers: int = 8, client: object = None) -> Report:
    """Upload every derivative of ``manifest`` the bucket lacks; raises UploadError (after the uploads that
    could be made) when a file is missing or an upload fails."""
    try:
        wanted = read_manifest(manifest)
    except FileNotFoundError:
        raise UploadError(f"{manifest}: no manifest; build the site first with "
                          "`make publish MEDIA_URL=<the bucket's public address>`") from None
    except ValueError as exc:
        raise UploadError(str(exc)) from None
    s3 = client or bucket.client()
    try:
        held = bucket.names(s3)
    except Exception as exc:  # noqa: BLE001 - botocore's errors (credentials, network, no such bucket)
        raise UploadError(f"could not list bucket {bucket.name!r}: {exc}") from None
    report = Report(skipped=sum(name in held for name in wanted))
    todo = sorted(name for name in wanted if name not in held)
    missing = [name for name in todo if not wanted[name].is_file()]
    if missing:
        raise UploadError(f"{len(missing)} derivative(s) neither in the image cache nor in the bucket, first "
                          f"{missing[0]} ({wanted[missing[0]]}); build the site again")

    def put(name: str) -> int:
        path = wanted[name]
        with open(path, "rb") as body:
            s3.put_object(Bucket=bucket.name, Key=name, Body=body, ContentType=CONTENT_TYPES[path.suffix],
                          CacheControl=CACHE_CONTROL)
        return path.stat().st_size

    failures = []
    with ThreadPoolExecutor(max(1, workers)) as pool:
        for name, result in zip(todo, pool.map(_attempt(put), todo), strict=True):
            if isinstance(result, Exception):
                failures.append((name, result))
            else:
                report.uploaded.append(name)
                report.bytes += result
    if failures:
        name, error = failures[0]
        raise UploadError(f"{report.line()}; {len(failures)} failed, first {name}: {error}. Do not publish the "
                          "pages until `make upload-media` succeeds")
    return report


def _attempt(put):  # type: ignore[no-untyped-def]
    def attempt(name: str) -> int | Exception:
        try:
            return put(name)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, the others still uploaded
            return exc
    return attempt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST,
                        help="the build's list of derivatives (default: .cache/media-upload/manifest.tsv)")
    parser.add_argument("--workers", type=int, default=8, help="uploads at once")
    args = parser.parse_args(argv)
    bucket = Bucket.from_environment()
    if bucket is None:
        print("upload-media: set MEDIA_S3_BUCKET (and MEDIA_S3_ENDPOINT unless the bucket is on AWS, "
              "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION)", file=sys.stderr)
        return 2
    try:
        report = upload(args.manifest, bucket, args.workers)
    except UploadError as exc:
        print(f"upload-media: {exc}", file=sys.stderr)
        return 1
    print(report.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
