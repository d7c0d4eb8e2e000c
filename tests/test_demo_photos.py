"""The demo photo generator writes realistic, deterministic phone photos and only missing demo-* files."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from PIL import ExifTags, Image, ImageOps

from scripts.demo_scenes.look import look_for
from scripts.make_demo_photos import main
from scripts.photos import GENERATOR, gps_of, make_phone_photo

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


# What the photos show: keyed on the entry's words, so a product's photo shows its named colour and motif.
def _product(root: Path, slug: str, title: str, photos: list[str], captions: list[str] | None = None,
             category: str = "batik", motif: str = "Kawung") -> Path:
    folder = root / "products" / slug
    folder.mkdir(parents=True)
    lines = [f"title: {title}", "artisan: sanggar-contoh", f"category: {category}", f"motif: {motif}",
             f"photos: [{', '.join(photos)}]"]
    if captions:
        lines.append("captions: [" + ", ".join(captions) + "]")
    (folder / "index.id.md").write_text("---\n" + "\n".join(lines) + "\n---\nKain.\n", encoding="utf-8")
    return folder


def _hue_and_value(path: Path) -> tuple[float, float]:
    """Saturation-weighted mean hue (degrees) and mean value of the photo's middle, where the product lies."""
    with Image.open(path) as img:
        img.draft("RGB", (500, 400))
        small = ImageOps.exif_transpose(img).convert("RGB").resize((160, 120))
    w, h = small.size
    middle = small.crop((w // 4, h // 4, w * 3 // 4, h * 3 // 4)).convert("HSV")
    hsv = np.asarray(middle, dtype=np.float64).reshape(-1, 3)
    angle, sat = hsv[:, 0] / 255 * 2 * math.pi, hsv[:, 1]
    hue = math.degrees(math.atan2(float((sat * np.sin(angle)).sum()), float((sat * np.cos(angle)).sum())))
    return hue % 360, float(hsv[:, 2].mean()) / 255


@pytest.mark.parametrize(
    ("title", "low", "high", "max_value"),
    [
        ("Batik Tulis Kawung Merah", 340, 380, 1.0),  # red wraps round 0°
        ("Batik Tulis Parang Biru", 200, 250, 1.0),
        ("Batik Tulis Ceplok Hijau", 90, 165, 1.0),
        ("Batik Tulis Ceplok Sogan", 15, 45, 0.55),  # brown: an orange hue, dark
    ],
)
def test_named_colour_dominates_the_photo(content: Path, title: str, low: float, high: float, max_value: float) -> None:
    motif = title.split()[2]
    folder = _product(content, "kain-warna", title, ["demo-kain.jpg"], motif=motif)
    main(["--content", str(content), "--jobs", "1"])
    hue, value = _hue_and_value(folder / "demo-kain.jpg")
    hue = hue + 360 if hue < low else hue
    assert low <= hue <= high, f"{title}: mean hue {hue:.0f}°"
    assert value <= max_value


def _thumb(path: Path) -> list[int]:
    with Image.open(path) as img:
        img.draft("RGB", (400, 300))
        return list(ImageOps.exif_transpose(img).convert("L").resize((32, 24)).tobytes())


def test_photos_of_one_product_show_different_views(content: Path) -> None:
    folder = _product(content, "kain-tiga", "Batik Tulis Parang Merah", ["demo-kain.jpg", "demo-detail.jpg",
                      "demo-lipat.jpg", "demo-canting.jpg"],
                      ["Kain dibentangkan", "Detail motif parang", "Kain dilipat rapi", "Pembatik menorehkan malam"],
                      motif="Parang")
    main(["--content", str(content), "--jobs", "2"])
    thumbs = {name: _thumb(folder / name) for name in ("demo-kain.jpg", "demo-detail.jpg", "demo-lipat.jpg",
                                                        "demo-canting.jpg")}
    names = sorted(thumbs)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            diff = sum(abs(p - q) for p, q in zip(thumbs[a], thumbs[b], strict=True)) / len(thumbs[a])
            assert diff > 10, f"{a} and {b} look alike ({diff:.1f})"


def test_same_entry_same_bytes_in_another_tree(tmp_path: Path) -> None:
    made = []
    for name in ("a", "b"):
        root = tmp_path / name / "content"
        _product(root, "kain-sama", "Batik Tulis Kawung Biru", ["demo-kain.jpg", "demo-detail.jpg"])
        main(["--content", str(root), "--jobs", "2"])
        made.append([(root / "products" / "kain-sama" / n).read_bytes() for n in ("demo-kain.jpg", "demo-detail.jpg")])
    assert made[0] == made[1]
    assert made[0][0] != made[0][1]


def test_photos_of_an_older_generator_or_other_words_are_redrawn(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--content", str(content), "--jobs", "1"])
    photo = content / "products" / "kain-sogan" / "demo-a.jpg"
    with Image.open(photo) as img:  # what the previous generator wrote: no mark
        exif = img.getexif()
        del exif[ExifTags.Base.ImageDescription]
        img.save(photo, exif=exif.tobytes(), quality=80)
    untouched = (content / "artisans" / "sanggar-contoh" / "demo-p.jpg").read_bytes()
    capsys.readouterr()
    main(["--content", str(content), "--jobs", "1"])
    assert "1 created, 2 present, 3 refused, 1 of them redrawn" in capsys.readouterr().out
    with Image.open(photo) as img:
        assert str(img.getexif()[ExifTags.Base.ImageDescription]).startswith(GENERATOR)
    assert (content / "artisans" / "sanggar-contoh" / "demo-p.jpg").read_bytes() == untouched
    index = content / "products" / "kain-sogan" / "index.id.md"
    index.write_text(index.read_text(encoding="utf-8").replace("Kain Batik Sogan", "Kain Batik Biru"), encoding="utf-8")
    main(["--content", str(content), "--jobs", "1"])
    assert "2 created, 1 present, 3 refused, 2 of them redrawn" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("meta", "name", "caption", "expected"),
    [
        ({"category": "batik", "title": "Batik Tulis Kawung Merah Ati"}, "demo-kain.jpg", "",
         {"form": "cloth", "motif": "kawung", "ground": (118, 22, 28), "view": "full"}),
        ({"category": "batik", "title": "Batik Gajah Oling"}, "demo-x.jpg", "Kain dilipat bertumpuk",
         {"motif": "gajah-oling", "view": "folded"}),
        ({"category": "kayu", "title": "Topeng Malangan Gunungsari Hijau"}, "demo-topeng.jpg", "",
         {"form": "mask", "ground": (42, 116, 62)}),
        ({"category": "kulit", "title": "Dompet Kulit Hitam"}, "demo-slot.jpg", "Bagian dalam dengan slot kartu",
         {"form": "wallet", "view": "detail", "focus": "slot"}),
        ({"category": "tenun", "title": "Sarung Tenun Kotak", "summary": "berlatar ungu"}, "demo-a.jpg", "",
         {"form": "sarung", "motif": "kotak", "ground": (96, 44, 108)}),
        ({"category": "keramik", "title": "Vas Gerabah"}, "demo-b.jpg", "Perajin membentuk vas di meja putar",
         {"form": "vase", "view": "person"}),
        ({"category": "logam", "title": "Pendok Kuningan"}, "demo-c.jpg", "",
         {"form": "pendok", "ground": (70, 68, 66)}),  # "kuningan" is brass, not "kuning"
    ],
)
def test_look_follows_the_entry_words(meta: dict, name: str, caption: str, expected: dict) -> None:
    photos_index = 1 if caption else 0
    look = look_for(meta, name, photos_index, caption)
    assert {key: getattr(look, key) for key in expected} == expected
