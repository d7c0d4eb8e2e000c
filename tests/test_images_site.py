"""Images in built sites: the demo's published files are stripped and never upscaled, the macro's HTML, bad photos."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from catalogue.reading.loader import load_catalogue
from PIL import Image, ImageOps

from scripts import build as build_script
from scripts import check as check_script

ROOT = Path(__file__).resolve().parent.parent
PICTURE = re.compile(r'<span class="image image--(\w+)[^"]*">(.*?)</span>', re.S)


def test_published_images_carry_no_metadata_and_are_never_upscaled(demo_site: Path) -> None:
    media = demo_site / "media"
    files = [p for p in media.rglob("*") if p.is_file()]
    assert files
    assert not (demo_site / "en" / "media").exists()  # written once for both languages
    originals = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "content").rglob("demo-*")}
    content = ROOT / "content"
    sources = {p.relative_to(content).with_suffix("").as_posix(): p for p in content.rglob("demo-*")}
    for path in files:
        raw = path.read_bytes()
        assert hashlib.sha256(raw).hexdigest() not in originals, path
        assert b"Exif\x00\x00" not in raw and b"http://ns.adobe.com/xap/" not in raw, path
        with Image.open(path) as im:
            assert not im.getexif() and not {"exif", "xmp", "icc_profile"} & set(im.info), path
            width = im.width
        stem = re.sub(r"-\d+x\d+-[0-9a-f]+$", "", path.relative_to(media).with_suffix("").as_posix())
        with Image.open(sources[stem]) as original:
            assert width <= ImageOps.exif_transpose(original).width, path
    for path in demo_site.rglob("*"):
        assert path.suffix.lower() not in {".heic", ".heif"}, path


def test_the_image_helper_writes_complete_accessible_markup(demo_site: Path) -> None:
    product = next((demo_site / "produk").glob("*/index.html"))
    html = product.read_text(encoding="utf-8")
    pictures = PICTURE.findall(html)
    gallery = [body for role, body in pictures if role == "gallery"]
    assert gallery
    for i, body in enumerate(gallery):
        img = re.search(r"<img [^>]*>", body).group(0)  # type: ignore[union-attr]
        for attribute in ("alt=", "width=", "height=", "srcset=", "sizes="):
            assert attribute in img
        assert re.search(r'alt="[^"]+"', img)
        if i == 0:
            assert 'fetchpriority="high"' in img and "loading=" not in img
        else:
            assert 'loading="lazy"' in img and 'decoding="async"' in img and "fetchpriority" not in img
        assert '<source type="image/avif"' in body and '<source type="image/webp"' in body
        assert re.search(r'<rect [^>]*fill="#[0-9a-f]{6}"', body)
    for _, body in pictures:
        assert "style=" not in body
    cards = [body for role, body in pictures if role == "card"]
    assert cards and all('loading="lazy"' in body for body in cards)


def test_phone_sized_files_stay_within_budget(demo_site: Path) -> None:
    media = demo_site / "media"
    # what a 360-px, 2-dppx phone fetches: a 360-px card, a 720-px main image, in AVIF
    cards = list(media.rglob("*-360x270-*.avif"))
    mains = list(media.rglob("*-720x*.avif"))
    assert cards and mains
    assert max(p.stat().st_size for p in cards) < 25 * 1024
    assert max(p.stat().st_size for p in mains) < 80 * 1024


def test_link_previews_and_print_get_each_products_first_photo_only(demo_site: Path) -> None:
    """The 1200-px JPEGs (Open Graph, the printed catalogue) are made for the photo they show, not every photo."""
    result = load_catalogue(Path(__file__).resolve().parent.parent / "content")
    assert result.catalogue is not None
    catalogue = result.catalogue
    wide = re.compile(r"-1200x\d+-[0-9a-f]+\.jpg$")
    for product in catalogue.products:
        folder = demo_site / "media" / "products" / product.slug
        stems = {Path(photo.key).stem: i for i, photo in enumerate(product.photos)}
        for file in folder.iterdir():
            if wide.search(file.name):
                stem = wide.sub("", file.name)
                assert stems.get(stem) == 0, f"{file.name}: a 1200-px JPEG of photo {stem} of {product.slug}"
        assert any(wide.search(f.name) for f in folder.iterdir()), product.slug


@pytest.fixture
def broken_photo(scenario) -> Path:  # type: ignore[no-untyped-def]
    content = scenario("base")
    folder = content / "products" / "kain-contoh"
    good = folder / "rusak.jpg"
    Image.new("RGB", (1600, 1200), (120, 80, 40)).save(good, quality=90)
    data = good.read_bytes()
    good.write_bytes(data[: len(data) // 3])  # cut off while sending
    index = folder / "index.id.md"
    index.write_text(index.read_text(encoding="utf-8").replace("photos: [demo-kain.jpg]",
                                                              "photos: [demo-kain.jpg, rusak.jpg]"), encoding="utf-8")
    return content


def test_a_damaged_photo_is_named_by_check_and_stops_the_build(broken_photo: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    from scripts import make_demo_photos

    make_demo_photos.main(["--content", str(broken_photo)])
    assert check_script.main(["--input", str(broken_photo), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"products/kain-contoh/index\.id\.md: photos\[2\]: photo 'rusak\.jpg' is damaged", out), out
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the last good site", encoding="utf-8")
    assert build_script.main(["--input", str(broken_photo), "--output", str(output)]) == 1
    assert "rusak.jpg" in capsys.readouterr().err
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "the last good site"


def test_the_image_helper_escapes_what_it_writes() -> None:
    """Alt texts come from contributors: written as the templates write their values, escaped."""
    from images.picture import Pictures
    from images.renditions import ImageSet, Rendition, Variant
    from markupsafe import Markup

    variants = tuple(Variant(f"media/p/foto-{w}.{ext}", w, w * 3 // 4, fmt) for w in (480, 960)
                     for fmt, ext in (("avif", "avif"), ("webp", "webp"), ("jpeg", "jpg")))
    photos = {"p/foto.jpg": ImageSet(4000, 3000, "#123456", {"portrait": Rendition("portrait", "100vw", 960, 720,
                                                                                  variants, "#123456")})}

    class Urls:
        siteurl = "https://example.org"

        def static(self, path: str) -> str:
            return f"{self.siteurl}/{path}"

    class Photo:
        key = "p/foto.jpg"

    pictures = Pictures(photos, Urls())
    assert pictures.fallbacks([Photo()], "portrait") == ["https://example.org/media/p/foto-960.jpg"]
    html = pictures(Photo(), "portrait", 'Bu Sri\'s "kawung" <batik>', lcp=True, **{"class": "a&b"})
    assert isinstance(html, Markup)
    assert 'alt="Bu Sri&#39;s &#34;kawung&#34; &lt;batik&gt;"' in html
    assert '<span class="image image--portrait a&amp;b">' in html
    avif = "https://example.org/media/p/foto-480.avif 480w, https://example.org/media/p/foto-960.avif 960w"
    assert f'<source type="image/avif" srcset="{avif}" sizes="100vw">' in html
    assert '<img src="https://example.org/media/p/foto-960.jpg"' in html and 'fetchpriority="high"' in html
    assert "loading=" not in html

