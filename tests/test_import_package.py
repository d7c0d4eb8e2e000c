"""`make import` on submission packages: valid ones become entries; hostile or wrong ones write nothing."""

from __future__ import annotations

import io
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, check_tree

from scripts import import_entries
from scripts.import_entries import ImportError_
from scripts.import_entries import import_entries as run_import
from scripts.photos import make_phone_photo


def _jpeg(tmp: Path, name: str = "p.jpg", seed: str = "x") -> bytes:
    return make_phone_photo(tmp / name, seed=seed, size=(800, 600)).read_bytes()


def _entry_files(tmp: Path, product: str = "tas-anyaman-baru", artisan: str = "perajin-contoh") -> dict[str, bytes]:
    return {
        f"products/{product}/index.id.md": (
            "---\ntitle: Tas Anyaman Baru\nsummary: Tas anyaman bambu buatan tangan.\n"
            f"artisan: {artisan}\ncategory: anyaman\ntechnique: anyam-tangan\navailability: ready\n"
            "photos: [foto-1.jpg]\nadded: 2026-01-02\n---\nDianyam dengan tangan.\n").encode(),
        f"products/{product}/index.en.md": b"---\ntitle: New Woven Bag\nsummary: A hand-woven bamboo bag.\n---\n",
        f"products/{product}/foto-1.jpg": _jpeg(tmp),
    }


def _zip(path: Path, files: dict[str, bytes], *, symlinks: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
    return path


def _tree(path: Path) -> set[str]:
    return {p.relative_to(path).as_posix() for p in path.rglob("*")}


def test_a_valid_package_becomes_entries_that_pass_check(scenario, tmp_path):
    content = scenario("base")
    package = _zip(tmp_path / "kiriman.zip", _entry_files(tmp_path))
    created = run_import(package, content)
    assert len(created) == 1 and "products/tas-anyaman-baru" in created[0]
    assert (content / "products/tas-anyaman-baru/foto-1.jpg").is_file()
    result = check_tree(content)
    assert not result.errors, [p.line() for p in result.errors]
    assert "tas-anyaman-baru" in {p.slug for p in result.catalogue.products}


def test_the_command_line_prints_what_it_created(scenario, tmp_path):
    content = scenario("base")
    package = _zip(tmp_path / "kiriman.zip", _entry_files(tmp_path))
    run = subprocess.run([sys.executable, "-m", "scripts.import_entries", str(package), "--input", str(content)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "created" in run.stdout and "tas-anyaman-baru" in run.stdout


@pytest.mark.parametrize("name", ["../../evil.md", "products/../../evil.md", "/etc/evil.md",
                                  "products/x/../../../evil.jpg", "C:/evil.md", "products\\x\\index.id.md"])
def test_zip_slip_paths_are_refused(scenario, tmp_path, name):
    content = scenario("base")
    before = _tree(content)
    package = _zip(tmp_path / "slip.zip", {**_entry_files(tmp_path), name: b"x"})
    with pytest.raises(ImportError_) as err:
        run_import(package, content)
    assert any(name in line for line in err.value.problems)
    assert _tree(content) == before
    assert not (tmp_path / "evil.md").exists()


def test_symlinks_are_refused(scenario, tmp_path):
    content = scenario("base")
    before = _tree(content)
    package = _zip(tmp_path / "link.zip", _entry_files(tmp_path),
                   symlinks={"products/tas-anyaman-baru/foto-2.jpg": "/etc/passwd"})
    with pytest.raises(ImportError_) as err:
        run_import(package, content)
    assert any("links are not allowed" in line for line in err.value.problems)
    assert _tree(content) == before


def test_a_zip_bomb_is_refused_before_it_is_unpacked(scenario, tmp_path):
    content = scenario("base")
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in _entry_files(tmp_path).items():
            zf.writestr(name, data)
        zf.writestr("products/tas-anyaman-baru/foto-2.jpg", b"\0" * (import_entries.MAX_FILE_BYTES + 1))
    with pytest.raises(ImportError_) as err:
        run_import(path, content)
    assert any("too large" in line or "zip bomb" in line for line in err.value.problems)


def test_a_member_larger_than_its_header_says_is_cut_off(scenario, tmp_path, monkeypatch):
    # A forged directory claiming a small size: reading stops at the limit whatever the header says.
    monkeypatch.setattr(import_entries, "MAX_FILE_BYTES", 50_000)
    content = scenario("base")
    files = _entry_files(tmp_path)
    big = make_phone_photo(tmp_path / "big.jpg", seed="big", size=(1600, 1200), quality=95).read_bytes()
    assert len(big) > 50_000
    files["products/tas-anyaman-baru/foto-1.jpg"] = big
    path = _zip(tmp_path / "forged.zip", files)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as zf:
        info = zf.getinfo("products/tas-anyaman-baru/foto-1.jpg")
    assert info.file_size == len(big)
    # Patch the central directory entry's uncompressed size of the photo down to 1000 bytes.
    name = info.filename.encode()
    at = raw.find(b"PK\x01\x02", 0)
    while at >= 0:
        if raw[at + 46: at + 46 + len(name)] == name:
            raw[at + 24: at + 28] = (1000).to_bytes(4, "little")
        at = raw.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(raw))
    with pytest.raises(ImportError_):
        run_import(path, content)
    assert not (content / "products/tas-anyaman-baru").exists()


def test_too_many_files_are_refused(scenario, tmp_path):
    content = scenario("base")
    files = _entry_files(tmp_path)
    for i in range(import_entries.MAX_FILES):
        files[f"products/tas-anyaman-baru/x{i}.jpg"] = b"x"
    with pytest.raises(ImportError_) as err:
        run_import(_zip(tmp_path / "many.zip", files), content)
    assert "at most" in err.value.problems[0]


def test_a_photo_that_is_not_a_picture_is_refused(scenario, tmp_path):
    content = scenario("base")
    files = _entry_files(tmp_path)
    files["products/tas-anyaman-baru/foto-1.jpg"] = b"<html><script>alert(1)</script></html>"
    with pytest.raises(ImportError_) as err:
        run_import(_zip(tmp_path / "fake.zip", files), content)
    assert any("not a photo" in line and "foto-1.jpg" in line for line in err.value.problems)
    assert not (content / "products/tas-anyaman-baru").exists()


def test_other_files_are_refused(scenario, tmp_path):
    content = scenario("base")
    files = {**_entry_files(tmp_path), "products/tas-anyaman-baru/run.sh": b"#!/bin/sh", "README.txt": b"hi"}
    with pytest.raises(ImportError_) as err:
        run_import(_zip(tmp_path / "other.zip", files), content)
    assert len([line for line in err.value.problems if "run.sh" in line or "README.txt" in line]) == 2


def test_an_existing_entry_is_never_overwritten(scenario, tmp_path):
    content = scenario("base")
    original = (content / "products/kain-contoh/index.id.md").read_bytes()
    package = _zip(tmp_path / "again.zip", _entry_files(tmp_path, product="kain-contoh"))
    with pytest.raises(ImportError_) as err:
        run_import(package, content)
    assert any("already exists" in line for line in err.value.problems)
    assert (content / "products/kain-contoh/index.id.md").read_bytes() == original


def test_every_validator_problem_is_reported_and_nothing_is_written(scenario, tmp_path):
    content = scenario("base")
    files = _entry_files(tmp_path)
    files["products/tas-anyaman-baru/index.en.md"] = b"---\nsummary: A bag.\n---\n"
    files["products/tas-anyaman-baru/index.id.md"] = files["products/tas-anyaman-baru/index.id.md"].replace(
        b"category: anyaman", b"category: anyaman\nprice: Rp 350rb")
    with pytest.raises(ImportError_) as err:
        run_import(_zip(tmp_path / "bad.zip", files), content)
    text = "\n".join(err.value.problems)
    assert "products/tas-anyaman-baru/index.id.md: price:" in text
    assert "products/tas-anyaman-baru/index.en.md: title:" in text
    assert not (content / "products/tas-anyaman-baru").exists()


def test_a_file_that_is_not_a_zip_is_refused(scenario, tmp_path):
    content = scenario("base")
    fake = tmp_path / "kiriman.zip"
    fake.write_bytes(b"not a zip")
    with pytest.raises(ImportError_) as err:
        run_import(fake, content)
    assert "not a readable .zip" in err.value.problems[0]
