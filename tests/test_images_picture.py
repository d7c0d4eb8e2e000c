"""The image helper's choices for large photos: the first wide cover, and the sizes a page asks for."""

from __future__ import annotations

from types import SimpleNamespace

from catalogue.model.urls import DEFAULT_ROUTES, Urls
from images.picture import Pictures
from images.renditions import ImageSet, Rendition, Variant


def photo_set(width: int, height: int) -> ImageSet:
    variants = tuple(Variant(f"media/p-{w}.{fmt}", w, w * height // width, fmt)
                     for fmt in ("webp", "jpeg") for w in (480, 960))
    gallery = Rendition("gallery", "(min-width: 60rem) 36rem, 100vw", 960, 960 * height // width, variants, "#806040")
    return ImageSet(width, height, "#806040", {"gallery": gallery})


def product(key: str) -> SimpleNamespace:
    return SimpleNamespace(cover=SimpleNamespace(key=key))


PICTURES = Pictures({"tall": photo_set(3000, 4000), "wide": photo_set(4000, 3000), "square": photo_set(2000, 2000)},
                    Urls("id", "", DEFAULT_ROUTES, {}))


def test_the_first_product_whose_cover_is_at_least_as_wide_as_tall_is_chosen() -> None:
    tall, wide, square = product("tall"), product("wide"), product("square")
    assert PICTURES.wide_first([tall, wide, square]) is wide
    assert PICTURES.wide_first([tall, square, wide]) is square
    assert PICTURES.wide_first([tall]) is tall  # none is wide: the first all the same
    assert PICTURES.wide_first([]) is None


def test_a_page_can_give_the_sizes_its_large_photo_is_shown_at() -> None:
    own = PICTURES(product("wide").cover, "gallery", "Kain", lcp=True, sizes="(min-width: 60rem) 37rem, 100vw")
    usual = PICTURES(product("wide").cover, "gallery", "Kain")
    assert own.count('sizes="(min-width: 60rem) 37rem, 100vw"') == 2  # the <source> and the <img>
    assert 'sizes="(min-width: 60rem) 36rem, 100vw"' in usual and "37rem" not in usual
    assert 'fetchpriority="high"' in own and 'loading="lazy"' not in own
