"""What the pages show, known from the plugins that placed it, so the precache list need not read every page."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Placed(NamedTuple):
    """A file placed under a name that changes with its content: its size stands for its bytes. (A tuple: a
    large catalogue has hundreds of thousands of them.)"""

    width: int
    size: int


@dataclass
class Shown:
    """Files pages show, as paths from the site root.

    ``images``: what a current browser loads (the first <source> of a <picture>, or an <img> outside one);
    ``fallbacks``: the other formats of a <picture>, only older browsers load; ``placed``: the photo
    derivatives among them, with their width and size.
    """

    images: list[str] = field(default_factory=list)
    fallbacks: list[str] = field(default_factory=list)
    placed: dict[str, Placed] = field(default_factory=dict)


def photos(image_sets: Iterable[Any], roles: Sequence[str]) -> Shown:
    """Every variant of the ``roles`` pages show in a <picture> (plugins/images/picture.py).

    A rendition's first format is its first <source> (or its <img> when it has one format); the others are
    the later <source>s and the <img>. Every photo is shown: each product's photos on its page, its cover in
    the product list's cards, each artisan's photo on their page.
    """
    shown = Shown()
    for image_set in image_sets:
        for role in roles:
            rendition = image_set.roles.get(role)
            if rendition is None:
                continue
            first = rendition.formats()[0]
            for variant in rendition.variants:
                (shown.images if variant.format == first else shown.fallbacks).append(variant.path)
                shown.placed[variant.path] = Placed(variant.width, variant.bytes)
    return shown


def qr_codes(sharing: Any, written: Iterable[tuple[str, Any, str]]) -> list[str]:
    """The QR code on each product page written (partials/product/qr.html), named as SHARING_QR_PATH names it.

    The codes are made in the processes that render the pages, so they are named here rather than looked up.
    """
    if sharing is None or not sharing.base:
        return []
    pattern = sharing.settings["SHARING_QR_PATH"]
    return [pattern.format(lang=lang, key=route.key) for lang, route, _save_as in written if route.kind == "product"]


def shown_by(context: Mapping[str, Any], written: Sequence[tuple[str, Any, str]], roles: Sequence[str],
             listed: Shown | None = None) -> Shown:
    """Photos (from the images plugin's ``images``) and QR codes (``sharing``) the ``written`` pages show;
    ``listed``: what photos() listed of those photos already (it is completed here)."""
    shown = listed if listed is not None else photos(context.get("images", {}).values(), roles)
    shown.images[:0] = qr_codes(context.get("sharing"), written)
    return shown
