"""Photos on object storage: a site built with MEDIA_URL names its photos on a real S3 endpoint (rclone serve s3),
`upload-media` puts exactly what the bucket lacks, a failed upload leaves the live site whole, and a machine
without the image cache makes no derivative the bucket holds."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, build_run, build_site, make_scenario
from images import media
from PIL import Image, ImageOps
from s3server import S3Server

from scripts import upload_media

TEXT = {".html", ".js", ".json", ".xml", ".webmanifest", ".txt", ""}


def media_urls(site: Path, base: str) -> set[str]:
    """Every media URL named anywhere in the site's text files (pages, feeds, sw.js, search records, _headers)."""
    pattern = re.compile(re.escape(base) + r"[0-9a-zA-Z._-]+")
    found: set[str] = set()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in TEXT:
            found.update(pattern.findall(path.read_text(encoding="utf-8", errors="replace")))
    return found


def settings(folder: Path, server: S3Server) -> dict[str, object]:
    return {"MEDIA_URL": server.media_url, "CACHE_PATH": str(folder / "cache"),
            "MEDIA_MANIFEST": str(folder / "cache" / "media-upload" / "manifest.tsv")}


def upload(folder: Path, server: S3Server, client: object = None) -> upload_media.Report:
    bucket = media.Bucket(server.bucket, server.endpoint, "us-east-1")
    return upload_media.upload(folder / "cache" / "media-upload" / "manifest.tsv", bucket, workers=2,
                               client=client or server.client())


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    server = S3Server(tmp_path_factory.mktemp("s3")).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, s3: S3Server) -> tuple[Path, Path, upload_media.Report]:
    """The base scenario built with MEDIA_URL and uploaded: (work folder, site, the upload's report)."""
    work = tmp_path_factory.mktemp("media-site")
    content = make_scenario("base", work)
    site = build_site(content, work / "output", **settings(work, s3))
    return work, site, upload(work, s3)


def test_every_photo_the_pages_name_is_in_the_bucket_with_its_type_and_cache_header(
        published: tuple[Path, Path, upload_media.Report], s3: S3Server) -> None:
    work, site, report = published
    assert not (site / "media").exists()
    assert not [p for p in site.rglob("*") if p.suffix in {".avif", ".webp", ".jpg"}]
    urls = media_urls(site, s3.media_url)
    manifest = media.read_manifest(work / "cache" / "media-upload" / "manifest.tsv")
    assert {u.removeprefix(s3.media_url) for u in urls} <= set(manifest)
    assert sorted(report.uploaded) == sorted(manifest) and report.skipped == 0
    client = s3.client()
    types = {".avif": "image/avif", ".webp": "image/webp", ".jpg": "image/jpeg"}
    for url in urls:
        head = client.head_object(Bucket=s3.bucket, Key=url.removeprefix(s3.media_url))
        assert head["ContentType"] == types[Path(url).suffix], url
        assert head["CacheControl"] == "public, max-age=31536000, immutable", url
        assert head["ContentLength"] == manifest[url.removeprefix(s3.media_url)].stat().st_size
    # what names photos names the media URLs: the <picture>, Open Graph, JSON-LD, the kiosk's precache, the CSP
    page = (site / "produk" / "kain-contoh" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<img src="' + re.escape(s3.media_url), page)
    assert re.search(r'<source type="image/avif" srcset="' + re.escape(s3.media_url), page)
    assert re.search(r'<meta property="og:image" content="' + re.escape(s3.media_url), page)
    jsonld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])
    images = [i for node in (jsonld if isinstance(jsonld, list) else jsonld.get("@graph", [jsonld]))
              for i in (node.get("image") or []) if isinstance(node, dict)]
    assert images and all(i.startswith(s3.media_url) for i in images)
    assert re.search(r"img-src [^;]*" + re.escape(s3.endpoint), html.unescape(page))
    worker = json.loads(re.search(r"const CONFIG = (\{.*?\});", (site / "sw.js").read_text())[1])
    assert any(u.startswith(s3.media_url) for u in worker["precache"]) and s3.media_url in worker["media"]
    assert "/media/" not in page.replace(s3.media_url, "")
    # nothing changed: nothing uploaded
    again = upload(work, s3)
    assert again.uploaded == [] and again.skipped == len(manifest)


def test_after_one_edit_only_the_changed_photo_is_uploaded_and_a_failed_upload_leaves_the_live_site_whole(
        published: tuple[Path, Path, upload_media.Report], s3: S3Server, tmp_path: Path) -> None:
    work, live, _ = published
    live_urls = media_urls(live, s3.media_url)
    before = set(media.read_manifest(work / "cache" / "media-upload" / "manifest.tsv"))
    content = tmp_path / "content"
    shutil.copytree(work / "content", content)
    product = content / "products" / "kain-contoh"
    text = product / "index.id.md"
    text.write_text(text.read_text(encoding="utf-8").replace("Deskripsi kain contoh.", "Deskripsi baru."), "utf-8")
    with Image.open(product / "demo-kain.jpg") as im:
        ImageOps.mirror(im).save(product / "demo-kain.jpg", quality=90, exif=im.getexif())
    folder = tmp_path / "next"
    shutil.copytree(work / "cache", folder / "cache")  # the publishing machine keeps its cache between runs
    site = build_site(content, folder / "output", **settings(folder, s3))
    after = media.read_manifest(folder / "cache" / "media-upload" / "manifest.tsv")
    changed = set(after) - before
    assert changed and len({name[:16] for name in changed}) == 1  # one photo's derivatives, nothing else

    # The upload fails half-way: the endpoint goes away after its first object.
    client = s3.client()
    puts = []

    def count(**_: object) -> None:
        puts.append(1)
        if len(puts) == 1:
            s3.stop()

    client.meta.events.register("after-call.s3.PutObject", count)
    try:
        with pytest.raises(upload_media.UploadError, match="Do not publish"):
            upload(folder, s3, client)
    finally:
        s3.start()
    # The pages were not published; the live site's photos are all still there, nothing was deleted.
    held = s3.client().list_objects_v2(Bucket=s3.bucket)
    names = {item["Key"] for item in held.get("Contents", [])}
    assert {u.removeprefix(s3.media_url) for u in live_urls} <= names
    assert before <= names

    report = upload(folder, s3)
    assert set(report.uploaded) | (names & changed) == changed
    assert not set(report.uploaded) & before
    again = upload(folder, s3)
    assert again.uploaded == []
    names = {item["Key"] for item in s3.client().list_objects_v2(Bucket=s3.bucket)["Contents"]}
    assert {u.removeprefix(s3.media_url) for u in media_urls(site, s3.media_url)} <= names


def test_a_machine_without_the_cache_makes_no_derivative_the_bucket_holds(
        published: tuple[Path, Path, upload_media.Report], s3: S3Server, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    work, live, _ = published
    for name, value in s3.environ().items():
        monkeypatch.setenv(name, value)
    content = tmp_path / "content"
    shutil.copytree(work / "content", content)
    overrides = {**settings(tmp_path, s3), "PRINT_ENABLED": True}
    site = tmp_path / "output"
    run = build_run(content, site, ROOT / "publishconf.py", **overrides).images.run
    assert run is not None and run.photos == 2 and run.encoded == 0
    assert media_urls(site, s3.media_url) == media_urls(live, s3.media_url)
    # the printed catalogue read its photo from the cache, fetched from the bucket (never by WeasyPrint itself)
    assert (site / "katalog.pdf").stat().st_size > 20_000
    files = [p for p in (tmp_path / "cache" / "images").rglob("*") if p.suffix == ".jpg"]
    assert files


def test_the_command_uploads_what_the_bucket_lacks_from_the_standard_variables_and_says_how_many(
        published: tuple[Path, Path, upload_media.Report], tmp_path: Path) -> None:
    # What `make upload-media` runs, with the bucket named only by the environment, into a bucket of its own.
    work, _, _ = published
    manifest = work / "cache" / "media-upload" / "manifest.tsv"
    wanted = len(media.read_manifest(manifest))
    server = S3Server(tmp_path / "s3").start()
    try:
        def run(environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
            env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "MEDIA_S3_"))}
            return subprocess.run([sys.executable, "-m", "scripts.upload_media", "--manifest", str(manifest)],
                                  cwd=ROOT, env={**env, **environ}, capture_output=True, text=True, timeout=300)

        unset = run({})
        assert unset.returncode == 2 and "MEDIA_S3_BUCKET" in unset.stderr
        first = run(server.environ())
        assert first.returncode == 0, first.stderr
        assert re.search(rf"upload-media: {wanted} uploaded \([0-9.]+ MB\), 0 skipped", first.stdout), first.stdout
        held = server.client().list_objects_v2(Bucket=server.bucket)["Contents"]
        assert len(held) == wanted
        again = run(server.environ())
        assert again.returncode == 0, again.stderr
        assert f"upload-media: 0 uploaded (0.0 MB), {wanted} skipped" in again.stdout, again.stdout
        wrong = run({**server.environ(), "AWS_SECRET_ACCESS_KEY": "not-the-secret"})
        assert wrong.returncode == 1 and "could not list bucket 'media'" in wrong.stderr, wrong.stderr
    finally:
        server.stop()
