"""The demo photo generator writes realistic, deterministic phone photos and only missing demo-* files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageOps

from scripts.make_demo_photos import main
from scripts.photos import gps_of, make_phone_photo

PRODUCT = """---
title: Kain Batik Sogan
artisan: sanggar-contoh
category: batik
photos: [demo-a.jpg, demo-b.png, real.jpg, ../demo-evil.jpg, demo-x/../../demo-evil2.jpg, 'demo-..\\\\evil3.jpg']
---
Kain batik tulis.
"""

ARTISAN = """---
name: Sanggar Contoh
region: kota-surabaya
crafts: [batik]
photo: demo-p.jpg
---
Cerita sanggar.
"""


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "products" / "kain-sogan").mkdir(parents=True)
    (root / "artisans" / "sanggar-contoh").mkdir(parents=True)
    (root / "products" / "kain-sogan" / "index.id.md").write_text(
        PRODUCT, encoding="utf-8"
    )
    (root / "artisans" / "sanggar-contoh" / "index.id.md").write_text(
        ARTISAN, encoding="utf-8"
    )
    return root


def _files(root: Path) -> set[Path]:
    return {p for p in root.parent.rglob("*") if p.is_file()}


def test_cli_creates_only_missing_demo_photos(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _files(content)
    assert main(["--content", str(content), "--jobs", "2"]) == 0
    assert "3 created, 0 present, 3 refused" in capsys.readouterr().out
    product, artisan = (
        content / "products" / "kain-sogan",
        content / "artisans" / "sanggar-contoh",
    )
    made = [product / "demo-a.jpg", product / "demo-b.png", artisan / "demo-p.jpg"]
    # nothing else, and nothing outside the entry folders
    assert _files(content) - before == set(made)
    assert not (product / "real.jpg").exists()
    for path in made:
        with Image.open(path) as img:
            exif = img.getexif()
            assert ExifTags.Base.Orientation in exif
            assert exif.get(ExifTags.Base.Make) and exif.get(ExifTags.Base.Model)
            assert exif.get_ifd(ExifTags.IFD.Exif).get(ExifTags.Base.DateTimeOriginal)
            upright = ImageOps.exif_transpose(img)
            assert max(upright.size) >= 3000 and min(upright.size) >= 2000
        assert gps_of(path) is not None
    lat, lon = gps_of(product / "demo-a.jpg")  # type: ignore[misc]
    assert -9 < lat < -6 and 110 < lon < 115  # East Java


def test_cli_second_run_changes_nothing(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--content", str(content), "--jobs", "1"])
    stamps = {p: p.stat().st_mtime_ns for p in _files(content)}
    capsys.readouterr()
    assert main(["--content", str(content)]) == 0
    assert "0 created, 3 present" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in _files(content)} == stamps


def test_cli_uses_region_position(content: Path) -> None:
    (content / "data").mkdir()
    (content / "data" / "regions.yml").write_text(
        "kota-surabaya:\n  lat: -7.2575\n  lon: 112.7521\n", encoding="utf-8"
    )
    main(["--content", str(content), "--jobs", "1"])
    lat, lon = gps_of(content / "artisans" / "sanggar-contoh" / "demo-p.jpg")  # type: ignore[misc]
    assert abs(lat - -7.2575) < 0.1 and abs(lon - 112.7521) < 0.1


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a = make_phone_photo(
        tmp_path / "a.jpg", seed="x", size=(640, 480), orientation=6, subject="tenun"
    )
    b = make_phone_photo(
        tmp_path / "b.jpg", seed="x", size=(640, 480), orientation=6, subject="tenun"
    )
    c = make_phone_photo(
        tmp_path / "c.jpg", seed="y", size=(640, 480), orientation=6, subject="tenun"
    )
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()


@pytest.mark.parametrize("orientation", range(1, 9))
def test_orientation_views_upright(tmp_path: Path, orientation: int) -> None:
    path = make_phone_photo(
        tmp_path / "o.jpg", seed="o", size=(300, 200), orientation=orientation
    )
    with Image.open(path) as img:
        assert img.getexif()[ExifTags.Base.Orientation] == orientation
        assert img.size == ((200, 300) if orientation >= 5 else (300, 200))
        assert ImageOps.exif_transpose(img).size == (300, 200)


@pytest.mark.parametrize("name", ["p.png", "p.webp", "p.heic", "p.jpeg"])
def test_formats_keep_position(tmp_path: Path, name: str) -> None:
    path = make_phone_photo(
        tmp_path / name, seed="f", size=(320, 240), orientation=8, gps=(-7.98, 112.63)
    )
    assert gps_of(path) == pytest.approx((-7.98, 112.63), abs=1e-5)
    with Image.open(path) as img:
        assert ImageOps.exif_transpose(img).size == (320, 240)


def test_no_gps(tmp_path: Path) -> None:
    assert (
        gps_of(make_phone_photo(tmp_path / "n.jpg", seed="n", size=(64, 48), gps=None))
        is None
    )


@pytest.mark.parametrize(
    "subject",
    [
        "batik",
        "tenun",
        "kulit",
        "kayu",
        "keramik",
        "anyaman",
        "logam",
        "bordir",
        "lain",
    ],
)
def test_every_subject_draws(tmp_path: Path, subject: str) -> None:
    path = make_phone_photo(
        tmp_path / "s.jpg", seed=subject, size=(400, 300), subject=subject
    )
    with Image.open(path) as img:
        assert img.size == (400, 300)
