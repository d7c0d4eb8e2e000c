"""The kiosk with its photos on a media bucket (MEDIA_URL, another origin than the pages): after one visit, with
the network and the bucket gone, pages show their photos from the service worker's cache. Two buckets: a real S3
endpoint that allows the site's origin (CORS), whose photos are kept as readable responses, and a plain web
server that sends no CORS headers, whose photos are kept as opaque responses and show all the same."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import build_site, make_scenario, serve
from images import media
from playwright.sync_api import Browser
from s3server import S3Server
from test_kiosk_browser import visible_images_loaded, worker_config

from scripts import upload_media


def _build(work: Path, media_url: str) -> Path:
    content = make_scenario("base", work)
    return build_site(content, work / "output", MEDIA_URL=media_url,
                      CACHE_PATH=str(work / "cache"),
                      MEDIA_MANIFEST=str(work / "manifest.tsv"))


@pytest.fixture(params=["cors", "opaque"])
def on_bucket(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Path, str, object]]:
    """(kind, site, media URL, stop): the base site built with MEDIA_URL, its photos on a media origin that
    ``stop()`` takes away."""
    if request.param == "cors":
        server = S3Server(tmp_path / "s3", public=True).start()
        try:
            site = _build(tmp_path, server.media_url)
            bucket = media.Bucket(server.bucket, server.endpoint, "us-east-1")
            report = upload_media.upload(tmp_path / "manifest.tsv", bucket, workers=2, client=server.client())
            assert report.uploaded
            yield request.param, site, server.media_url, server.stop
        finally:
            server.stop()
    else:
        folder = tmp_path / "plain"
        folder.mkdir()
        origin = serve(folder)  # a web server of its own, on another port: another origin, no CORS headers
        url = next(origin) + "/"
        site = _build(tmp_path, url)
        for name, path in media.read_manifest(tmp_path / "manifest.tsv").items():
            shutil.copyfile(path, folder / name)
        yield request.param, site, url, origin.close
        origin.close()


@pytest.mark.browser
def test_photos_on_a_media_bucket_show_offline_after_one_visit(
        browser: Browser, on_bucket: tuple[str, Path, str, object]) -> None:
    kind, site, media_url, stop = on_bucket
    config = worker_config(site)
    photos = [u for u in config["precache"] if u.startswith(media_url)]
    assert photos, "the worker precaches none of the bucket's photos"
    assert media_url in config["media"]
    for url in (u for u in config["precache"] if not u.startswith(media_url)):
        assert "://" not in url, url  # the pages and the site's own files stay on the site
    pages = serve(site)
    site_url = next(pages)
    context = browser.new_context(base_url=site_url, viewport={"width": 1024, "height": 768})
    try:
        page = context.new_page()
        page.goto("/")
        page.wait_for_selector("html[data-kiosk=ready]", timeout=120_000)
        kept = page.evaluate("""async (photos) => {
            const name = (await caches.keys()).find((n) => n.startsWith("kriya-precache-"));
            const cache = await caches.open(name);
            return Promise.all(photos.map(async (url) => {
                const response = await cache.match(url);
                return response ? response.type : null;
            }));
        }""", photos)
        # Readable responses where the bucket allows the site's origin; opaque ones where it sends no CORS headers.
        assert kept == [kind] * len(photos), kept
        page.reload()
        assert page.evaluate("() => !!navigator.serviceWorker.controller")

        stop()  # the bucket is gone …
        context.set_offline(True)  # … and so is the network
        for path in ("/en/products/kain-contoh/", "/produk/"):
            page.goto(path)
            loaded = visible_images_loaded(page)
            assert any(src.startswith(media_url) for src, _width in loaded), (path, loaded)
            assert all(width > 0 for _src, width in loaded), (path, loaded)  # the photos and the QR code
    finally:
        context.close()
        pages.close()
