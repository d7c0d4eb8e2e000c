"""The image pipeline on real photos made here: upright, sRGB, opaque, stripped, never upscaled, cached."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
from pathlib import Path

import pytest
from buildkit.store import Store
from catalogue.model.model import Photo
from images import pipeline, plan
from images.inspect import Inspector, inspect_photo
from images.settings import DEFAULT_FORMATS, ImageSettingsError, Limits, load_config
from PIL import ExifTags, Image, ImageCms, ImageDraw, ImageFilter
from pillow_heif import register_heif_opener

register_heif_opener()
RED, BLUE = (220, 20, 20), (20, 40, 200)
PAPER = (0xFB, 0xF7, 0xF1)
PRODUCT = frozenset({"product", "cover"})


def _exif(orientation: int = 1, gps: bool = True) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Kawi"
    if gps:
        pos = exif.get_ifd(ExifTags.IFD.GPSInfo)
        pos[ExifTags.GPS.GPSLatitudeRef] = "S"
        pos[ExifTags.GPS.GPSLatitude] = (7.0, 15.0, 30.0)
        pos[ExifTags.GPS.GPSLongitudeRef] = "E"
        pos[ExifTags.GPS.GPSLongitude] = (112.0, 45.0, 10.0)
    return exif


def upright_scene(size: tuple[int, int] = (1600, 1200)) -> Image.Image:
    """Blue picture with a red top-left corner and some texture (so it is not blurry)."""
    im = Image.new("RGB", size, BLUE)
    draw = ImageDraw.Draw(im)
    for x in range(0, size[0], 16):
        draw.line([(x, 0), (x, size[1])], fill=(200, 200, 60), width=3)
    draw.rectangle([0, 0, size[0] // 4, size[1] // 4], fill=RED)
    return im


def photo(path: Path) -> Photo:
    return Photo(path, f"products/x/{path.name}", None, hashlib.sha256(path.read_bytes()).hexdigest())


def derive(tmp_path: Path, *paths: Path, stats: pipeline.RunStats | None = None, **settings: object) -> dict:
    config = load_config({"CACHE_PATH": str(tmp_path / "cache"), **settings})
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    return pipeline.process([(photo(p), PRODUCT) for p in paths], out, config, stats=stats)


def open_variant(tmp_path: Path, variant) -> Image.Image:  # type: ignore[no-untyped-def]
    im = Image.open(tmp_path / "out" / variant.path)
    im.load()
    return im


def test_exif_orientation_is_applied_and_gps_never_published(tmp_path: Path) -> None:
    scene = upright_scene()
    stored = scene.transpose(Image.Transpose.ROTATE_90)  # what a phone held upright stores with Orientation 6
    src = tmp_path / "sideways.jpg"
    stored.save(src, quality=92, exif=_exif(6))
    images = derive(tmp_path, src)[f"products/x/{src.name}"]
    gallery = images.role("gallery")
    assert (images.width, images.height) == (1600, 1200)
    for variant in gallery.variants:
        im = open_variant(tmp_path, variant)
        assert im.width > im.height
        corner = im.convert("RGB").getpixel((im.width // 20, im.height // 20))
        far = im.convert("RGB").getpixel((im.width - 5, im.height - 5))
        assert corner[0] > 150 and corner[2] < 100, corner  # red stays top-left once upright
        assert far[0] < 230 or far[2] > 100
        assert not im.getexif() and "exif" not in im.info and "xmp" not in im.info and "icc_profile" not in im.info
        raw = (tmp_path / "out" / variant.path).read_bytes()
        assert b"Exif\x00\x00" not in raw and b"Kawi" not in raw


def test_formats_widths_and_never_wider_than_the_original(tmp_path: Path) -> None:
    src = tmp_path / "small.jpg"
    upright_scene((600, 450)).save(src, quality=90)
    images = derive(tmp_path, src)[f"products/x/{src.name}"]
    gallery, card, social = images.role("gallery"), images.role("card"), images.role("social")
    assert gallery.formats() == ["avif", "webp", "jpeg"]
    assert social.formats() == ["jpeg"]
    for rendition in (gallery, card, social, images.role("print")):
        for variant in rendition.variants:
            im = open_variant(tmp_path, variant)
            assert im.format == {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}[variant.format]
            assert im.size == (variant.width, variant.height)
            assert variant.width <= 600
    assert sorted({v.width for v in gallery.variants}) == [480, 600]
    assert all(v.width * 3 == v.height * 4 for v in card.variants)
    s = social.fallback()
    assert abs(s.width / s.height - 1200 / 630) < 0.01


def test_the_jpeg_fallback_is_made_at_the_largest_width_only_unless_asked_for_every_width(tmp_path: Path) -> None:
    src = tmp_path / "wide.jpg"
    upright_scene().save(src, quality=90)
    gallery = derive(tmp_path, src)[f"products/x/{src.name}"].role("gallery")
    widths = {fmt: sorted(v.width for v in gallery.variants if v.format == fmt) for fmt in gallery.formats()}
    assert widths == {"avif": [480, 720, 960], "webp": [480, 720, 960], "jpeg": [960]}
    assert gallery.fallback().width == 960 and gallery.srcset("jpeg").endswith("960w")

    roles = {"gallery": {"widths": [480, 960], "sizes": "100vw", "fallback_widths": "all"}}
    every = derive(tmp_path, src, IMAGES_ROLES=roles)[f"products/x/{src.name}"].role("gallery")
    assert sorted(v.width for v in every.variants if v.format == "jpeg") == [480, 960]


def test_transparency_is_laid_on_the_paper_colour(tmp_path: Path) -> None:
    im = Image.new("RGBA", (1000, 800), (0, 0, 0, 0))
    ImageDraw.Draw(im).rectangle([300, 200, 700, 600], fill=(200, 30, 30, 255))
    src = tmp_path / "cutout.png"
    im.save(src)
    images = derive(tmp_path, src)[f"products/x/{src.name}"]
    jpeg = open_variant(tmp_path, images.role("gallery").fallback())
    assert jpeg.mode == "RGB"
    assert all(abs(a - b) <= 4 for a, b in zip(jpeg.getpixel((5, 5)), PAPER, strict=True))
    centre = jpeg.getpixel((jpeg.width // 2, jpeg.height // 2))
    assert centre[0] > 150 and centre[1] < 80


def test_cmyk_and_embedded_profiles_become_plain_srgb(tmp_path: Path) -> None:
    cmyk = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (800, 600), (255, 0, 0, 0)).save(cmyk, quality=95)  # pure cyan ink
    tagged = tmp_path / "tagged.jpg"
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    upright_scene((800, 600)).save(tagged, quality=95, icc_profile=srgb)
    sets = derive(tmp_path, cmyk, tagged)
    cyan = open_variant(tmp_path, sets["products/x/cmyk.jpg"].role("gallery").fallback())
    assert cyan.mode == "RGB"
    r, g, b = cyan.getpixel((100, 100))
    assert r < 40 and g > 200 and b > 200
    for variant in sets["products/x/tagged.jpg"].role("gallery").variants:
        assert "icc_profile" not in open_variant(tmp_path, variant).info


def test_sixteen_bit_palette_and_animated_photos(tmp_path: Path) -> None:
    grey16 = tmp_path / "grey16.png"
    Image.new("I;16", (700, 500), 32768).save(grey16)
    anim = tmp_path / "anim.gif"
    frames = [Image.new("P", (700, 500), 0) for _ in range(2)]
    frames[0].putpalette([200, 30, 30] + [0] * 765)
    frames[1].putpalette([20, 200, 30] + [0] * 765)
    frames[0].save(anim, save_all=True, append_images=frames[1:], duration=100)
    sets = derive(tmp_path, grey16, anim)
    grey = open_variant(tmp_path, sets["products/x/grey16.png"].role("gallery").fallback()).getpixel((10, 10))
    assert all(110 < c < 145 for c in grey), grey  # half of 16-bit full scale is mid grey, not white
    first = open_variant(tmp_path, sets["products/x/anim.gif"].role("gallery").fallback()).getpixel((10, 10))
    assert first[0] > 150 and first[1] < 80, first


def test_heic_from_an_iphone(tmp_path: Path) -> None:
    src = tmp_path / "iphone.heic"
    upright_scene((1200, 900)).save(src, format="HEIF", quality=80, exif=_exif(1).tobytes())
    images = derive(tmp_path, src)[f"products/x/{src.name}"]
    assert (images.width, images.height) == (1200, 900)
    im = open_variant(tmp_path, images.role("gallery").largest("webp"))
    assert im.size == (960, 720) and not im.getexif()


def test_warm_run_decodes_nothing_and_changes_regenerate_only_what_they_affect(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jpg", tmp_path / "b.jpg"
    upright_scene().save(a, quality=90)
    upright_scene((1400, 1050)).rotate(180).save(b, quality=90)
    run = pipeline.RunStats()
    derive(tmp_path, a, b, stats=run)
    assert run.decoded == 2
    first = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}

    (tmp_path / "out").rename(tmp_path / "old-out")  # output deleted: the cache still serves everything
    derive(tmp_path, a, b, stats=run)
    assert run.decoded == 0 and run.encoded == 0
    again = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert again == first

    upright_scene((1500, 1000)).save(b, quality=80)  # the artisan replaced one photo
    derive(tmp_path, a, b, stats=run)
    assert run.decoded_keys == ["products/x/b.jpg"]

    webp = {**DEFAULT_FORMATS, "webp": {**DEFAULT_FORMATS["webp"], "quality": 60}}
    sets = derive(tmp_path, a, b, stats=run, IMAGES_FORMATS=webp)
    webp_files = sum(1 for s in sets.values() for r in s.roles.values() for v in r.variants if v.format == "webp")
    assert run.encoded == webp_files  # only the WebP files are made again


def test_the_cache_index_spares_a_stat_per_file_and_a_file_cleared_by_hand_is_made_again(
        tmp_path: Path, monkeypatch) -> None:
    a, b = tmp_path / "a.jpg", tmp_path / "b.jpg"
    upright_scene().save(a, quality=90)
    upright_scene((1400, 1050)).save(b, quality=90)
    derive(tmp_path, a, b)
    looked_at: list[str] = []
    real_stat = os.stat

    def stat(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if sys._getframe(1).f_code.co_filename == pipeline.__file__:  # the pipeline's own look at a cached file
            looked_at.append(os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)

    def variants(sets: dict) -> list:  # type: ignore[type-arg]
        return [v for s in sets.values() for r in s.roles.values() for v in r.variants]

    (tmp_path / "out").rename(tmp_path / "out-1")
    run = pipeline.RunStats()
    sets = derive(tmp_path, a, b, stats=run)
    assert looked_at == [] and run.decoded == 0
    for v in variants(sets):  # sizes from the index: those of the files placed
        assert real_stat(tmp_path / "out" / v.path).st_size == v.bytes

    gone = next(p for p in (tmp_path / "cache" / "images").rglob("*.webp"))
    gone.unlink()  # the cache cleared in part by hand: the index still lists the file
    (tmp_path / "out").rename(tmp_path / "out-2")
    sets = derive(tmp_path, a, b, stats=run)
    assert run.decoded == 1 and gone.is_file()
    for v in variants(sets):
        assert real_stat(tmp_path / "out" / v.path).st_size == v.bytes
    assert {p.name for p in (tmp_path / "out").rglob("*") if p.is_file()} == {
        Path(v.path).name for v in variants(sets)}

    looked_at.clear()
    (tmp_path / "out").rename(tmp_path / "out-3")
    derive(tmp_path, a, b)
    assert looked_at == []  # the index learnt the file made again


def test_files_placed_by_two_processes_are_those_one_process_places(tmp_path: Path, monkeypatch) -> None:
    sources = []
    for i, colour in enumerate((RED, BLUE, (30, 160, 60))):
        sources.append(tmp_path / f"p{i}.jpg")
        Image.new("RGB", (1200, 900), colour).save(sources[-1], quality=90)

    def placed(folder: str) -> dict[str, int]:
        out = tmp_path / folder
        out.mkdir()
        sets = pipeline.process([(photo(p), PRODUCT) for p in sources], out,
                                load_config({"CACHE_PATH": str(tmp_path / "cache")}))
        files = {f.relative_to(out).as_posix(): f.stat().st_ino for f in out.rglob("*") if f.is_file()}
        assert sorted(files) == sorted({v.path for s in sets.values() for r in s.roles.values() for v in r.variants})
        return files

    one = placed("one")
    monkeypatch.setattr(pipeline, "PLACE_IN_TWO_FROM", 5)  # two processes as soon as five files are to place
    pids = tmp_path / "pids"
    real_link = pipeline.link

    def link(source: str, target: str) -> bool:  # the real link, with the process that made it
        with open(pids, "a") as file:
            file.write(f"{os.getpid()} ")
        return real_link(source, target)

    monkeypatch.setattr(pipeline, "link", link)
    two = placed("two")
    made_by = pids.read_text().split()
    assert len(made_by) >= len(one) and str(os.getpid()) not in made_by  # placed by the other processes
    assert two == one  # the same names, each the same cached file (a hard link to it)


def test_derivative_keys_are_those_earlier_builds_cached_photos_under() -> None:
    """The key of a derivative is the sha256 of one JSON list; a photo cached before is found again."""
    config = load_config({})
    digest = hashlib.sha256(b"photo").hexdigest()
    plans = plan.plan((4032, 3024), digest, config, PRODUCT)
    assert plans and all(plans[name].derivatives for name in ("card", "gallery", "social", "print"))
    for role, made in plans.items():
        for d in made.derivatives:
            stable = [(k, v) for k, v in d.options if k != "max_threads"]
            text = json.dumps([plan.VERSION, digest, [round(b, 3) for b in d.box], d.width, d.height, d.format,
                               stable, config.background], default=str)
            assert d.key == hashlib.sha256(text.encode()).hexdigest()[:24], (role, d)


def test_a_plan_made_for_one_size_and_settings_is_never_given_for_other_settings() -> None:
    """Plans are kept per photo size, role and settings (plan._SHAPES): other settings plan afresh."""
    digest = hashlib.sha256(b"photo").hexdigest()
    wide = load_config({})
    narrow = load_config({"IMAGES_ROLES": {"card": {"widths": [200], "sizes": "100vw", "formats": ["jpeg"]}}})
    tinted = load_config({"IMAGES_BACKGROUND": "#000000"})
    assert len({wide.plan_key, narrow.plan_key, tinted.plan_key}) == 3
    assert load_config({}).plan_key == wide.plan_key  # the same settings read again: the same plans
    first = plan.plan((4032, 3024), digest, wide, PRODUCT)
    assert [(d.width, d.format) for d in plan.plan((4032, 3024), digest, narrow, PRODUCT)["card"].derivatives] == [
        (200, "jpeg")]
    assert plan.plan((4032, 3024), digest, tinted, PRODUCT)["card"].derivatives[0].key != first["card"].derivatives[
        0].key
    assert plan.plan((4032, 3024), digest, wide, PRODUCT) == first
    other = hashlib.sha256(b"another photo").hexdigest()
    assert [d.key for d in plan.plan((4032, 3024), other, wide, PRODUCT)["card"].derivatives] != [
        d.key for d in first["card"].derivatives]  # the same size: the same widths, keys of its own


def test_the_settings_key_is_the_same_in_every_process() -> None:
    """The cache's index keeps what photos were published as under it: a new process must find it again."""
    import subprocess

    roles = {"everywhere": {"widths": [480], "sizes": "100vw", "for": ["cover", "product", "artisan"]}}
    code = ("import sys; sys.path[:0] = sys.argv[1:]; from images.settings import load_config; "
            f"print(load_config({{}}).plan_key, load_config({{'IMAGES_ROLES': {roles!r}}}).plan_key)")
    plugins = str(Path(pipeline.__file__).resolve().parent.parent)
    keys = {subprocess.run([sys.executable, "-c", code, plugins], env={**os.environ, "PYTHONHASHSEED": str(seed)},
                           capture_output=True, text=True, check=True).stdout.strip() for seed in range(8)}
    assert keys == {f"{load_config({}).plan_key} {load_config({'IMAGES_ROLES': roles}).plan_key}"}


def test_what_a_photo_was_published_as_is_taken_from_the_index_until_its_name_or_showing_changes(
        tmp_path: Path, monkeypatch) -> None:
    a, b = tmp_path / "a.jpg", tmp_path / "b.jpg"
    upright_scene().save(a, quality=90)
    upright_scene((1400, 1050)).save(b, quality=90)
    first = derive(tmp_path, a, b)
    planned: list[tuple[int, int]] = []
    real_plan = pipeline.plan
    monkeypatch.setattr(pipeline, "plan", lambda size, *args: planned.append(size) or real_plan(size, *args))

    (tmp_path / "out").rename(tmp_path / "out-1")
    again = derive(tmp_path, a, b)
    assert planned == [] and again == first  # nothing planned: the sets as the last build made them
    for image_set in again.values():
        for rendition in image_set.roles.values():
            for v in rendition.variants:  # every file placed, under its name, with the size the set gives
                assert (tmp_path / "out" / v.path).stat().st_size == v.bytes

    (tmp_path / "out").rename(tmp_path / "out-2")
    config = load_config({"CACHE_PATH": str(tmp_path / "cache")})
    (tmp_path / "out").mkdir()
    moved = Photo(a, "products/y/a.jpg", None, hashlib.sha256(a.read_bytes()).hexdigest())
    sets = pipeline.process([(moved, frozenset({"artisan"})), (photo(b), PRODUCT)], tmp_path / "out", config)
    assert planned == [(1600, 1200)]  # a new name and another showing: that photo alone planned again
    assert set(sets["products/y/a.jpg"].roles) == {"portrait", "social"}  # the roles of an artisan's photo
    assert all(v.path.startswith("media/products/y/a-") for r in sets["products/y/a.jpg"].roles.values()
               for v in r.variants)
    assert sets["products/x/b.jpg"] == first["products/x/b.jpg"]
    index = Store(tmp_path / "cache" / "images", "photos").get(pipeline.INDEX, pipeline._Index)
    assert index is not None
    kept = index.published  # what the last build published, and nothing else
    assert sorted(name.split("|")[1:3] for name in kept) == [["products/x/b.jpg", "cover,product"],
                                                              ["products/y/a.jpg", "artisan"]]


def test_settings_are_checked_once_with_the_key_named() -> None:
    with pytest.raises(ImageSettingsError, match=r"IMAGES_ROLES\['card'\]\['widths'\]"):
        load_config({"IMAGES_ROLES": {"card": {"widths": "480", "sizes": "100vw"}}})
    with pytest.raises(ImageSettingsError, match="IMAGES_FORMATS"):
        load_config({"IMAGES_FORMATS": {"gif": {}}})
    with pytest.raises(ImageSettingsError, match="IMAGES_BACKGROUND"):
        load_config({"IMAGES_BACKGROUND": "white"})
    with pytest.raises(ImageSettingsError, match=r"\['gallery'\]\['fallback_widths'\]: expected 'largest' or 'all'"):
        load_config({"IMAGES_ROLES": {"gallery": {"widths": [480], "sizes": "100vw", "fallback_widths": "some"}}})


# -- inspection: what `make check` reports -----------------------------------------------------------------
def _jpeg_bytes(im: Image.Image) -> bytes:
    buffer = io.BytesIO()
    im.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def codes(path: Path, **limits: float) -> list[tuple[str, str]]:
    return [(f.code, f.severity) for f in inspect_photo(path, limits=Limits(**limits))]


def test_inspection_finds_unusable_photos(tmp_path: Path) -> None:
    good = tmp_path / "good.jpg"
    good.write_bytes(_jpeg_bytes(upright_scene()))
    truncated = tmp_path / "truncated.jpg"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    text = tmp_path / "text.jpg"
    text.write_text("this is not a photo", encoding="utf-8")
    bomb = tmp_path / "bomb.png"
    Image.new("1", (20000, 20000)).save(bomb)  # a few kilobytes, 400 megapixels once decoded
    assert codes(good) == []
    assert codes(truncated) == [("photo_damaged", "error")]
    assert codes(text) == [("photo_unreadable", "error")]
    assert bomb.stat().st_size < 200_000 and codes(bomb) == [("photo_pixels", "error")]
    assert codes(good, max_file_mb=0.01) == [("photo_file_large", "error")]


def test_inspection_warns_about_small_dark_and_blurry_photos(tmp_path: Path) -> None:
    small, dark, blurry = tmp_path / "small.jpg", tmp_path / "dark.jpg", tmp_path / "blurry.jpg"
    small.write_bytes(_jpeg_bytes(upright_scene((640, 480))))
    dark.write_bytes(_jpeg_bytes(upright_scene().point(lambda v: v // 12)))
    blurry.write_bytes(_jpeg_bytes(upright_scene().filter(ImageFilter.GaussianBlur(12))))
    assert codes(small) == [("photo_small", "warning")]
    assert codes(dark) == [("photo_dark", "warning")]
    assert codes(blurry) == [("photo_blurry", "warning")]


def test_a_photos_findings_are_read_from_the_cache_once_per_build(tmp_path: Path) -> None:
    dark = tmp_path / "dark.jpg"
    dark.write_bytes(_jpeg_bytes(Image.new("RGB", (1600, 1200), (6, 6, 6))))
    digest = hashlib.sha256(dark.read_bytes()).hexdigest()
    inspector = Inspector(Limits(), tmp_path / "cache")
    first = inspector(dark, digest)
    assert "photo_dark" in {f.code for f in first}
    assert inspector.store is not None and (inspector.store.hits, inspector.store.misses) == (0, 1)
    assert inspector(dark, digest) == first and inspector.store.hits == 0  # known in this build
    again = Inspector(Limits(), tmp_path / "cache")  # the next build: from the store
    assert again(dark, digest) == first and again.store is not None and again.store.hits == 1
    assert again.seconds > 0
