"""Original photos larger than the catalogue needs: reported by make check and make new-product, shrunk in place by
make shrink-photos (upright, no metadata, at most twice the widest derivative), the total against the limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_scenario
from images import sizes
from PIL import Image

from scripts import check, new_entry, shrink_photos
from scripts.photos import make_phone_photo


@pytest.fixture
def content(tmp_path: Path) -> Path:
    content = make_scenario("base", tmp_path)
    # a phone photo stored sideways (EXIF orientation 6) with GPS tags, 3024×4032 as shown
    make_phone_photo(content / "products" / "kain-contoh" / "besar.jpg", seed="oversized", size=(3024, 4032),
                     orientation=6)
    return content


def test_check_warns_of_an_oversized_photo_and_shrink_photos_makes_it_upright_and_small(
        content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    photo = content / "products" / "kain-contoh" / "besar.jpg"
    keep = sizes.keep_width()
    assert keep == 2400
    check.main(["--input", str(content), "--lang", "en"])
    out, err = capsys.readouterr()
    warned = [line for line in out.splitlines() if "besar.jpg: photos:" in line]
    assert len(warned) == 1 and "3024×4032 px" in warned[0] and "make shrink-photos" in warned[0]
    assert "in the repository" in err and "Git LFS" in err
    check.main(["--input", str(content)])  # Indonesian by default
    assert "lebih besar dari yang dibutuhkan" in capsys.readouterr().out
    before = photo.stat().st_size

    assert shrink_photos.main(["--input", str(content)]) == 0
    assert "1 of 1 oversized photos shrunk" in capsys.readouterr().out
    with Image.open(photo) as im:
        assert im.size == (2400, 3200)  # upright: the orientation is in the pixels now
        exif = im.getexif()
        assert exif.get(0x0112, 1) == 1 and 0x8825 not in exif  # no orientation to apply, no GPS
    assert photo.stat().st_size < before * 0.7 and photo.stat().st_size < sizes.MAX_PHOTO_MB * 1e6
    check.main(["--input", str(content), "--lang", "en"])
    assert "besar.jpg: photos:" not in capsys.readouterr().out
    assert shrink_photos.main(["--input", str(content)]) == 0
    assert "0 of 0 oversized" in capsys.readouterr().out


def test_new_product_lists_oversized_photos(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new_entry.main(["product", "--content", str(content), "--title", "Kain Baru",
                           "--artisan", "perajin-contoh", "--category", "batik"]) == 0
    err = capsys.readouterr().err
    assert "2400 px" in err and "besar.jpg: 3024×4032 px" in err and "make shrink-photos" in err
