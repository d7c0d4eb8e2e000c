"""What the templates receive for a photo: its derived files, grouped by role."""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields

# MIME type per derived format, in the order a <picture> should offer them (the last one is the <img> fallback).
FORMAT_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}


class _MadeAgainWhenLoaded:
    """Pickled as a call to the class with its fields (the image cache's index keeps photos' sets: cache.FileIndex).
    An instance its ``__init__`` made keeps its attributes compactly; one pickle filled in by its ``__dict__`` held
    them in a dictionary of their own, over half as much memory again."""

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return type(self), tuple(getattr(self, f.name) for f in fields(self))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Variant(_MadeAgainWhenLoaded):
    """One derived file: ``path`` is relative to the site root."""

    path: str
    width: int
    height: int
    format: str
    bytes: int = 0

    @property
    def type(self) -> str:
        return FORMAT_TYPES[self.format]


@dataclass(frozen=True)
class Rendition(_MadeAgainWhenLoaded):
    """A photo's variants for one role (card, gallery, portrait, social, print)."""

    role: str
    sizes: str
    width: int  # of the largest variant: the <img> width/height attributes
    height: int
    variants: tuple[Variant, ...]
    placeholder: str  # "#rrggbb", the photo's average colour

    def formats(self) -> list[str]:
        """Formats offered, best first; the last one (JPEG) is the fallback."""
        return list(self._formats)

    @functools.cached_property
    def _formats(self) -> tuple[str, ...]:  # asked for by every <picture> of the photo and by the kiosk
        present = {v.format for v in self.variants}
        return tuple(f for f in FORMAT_TYPES if f in present)

    def srcset(self, fmt: str, siteurl: str = "") -> str:
        # a variant on the media bucket (images/media.py) has an absolute URL for its path
        return ", ".join(f"{v.path if '://' in v.path else f'{siteurl}/{v.path}'} {v.width}w"
                         for v in self.variants if v.format == fmt)

    def fallback(self, siteurl: str = "") -> Variant:
        """The <img src>: the largest variant of the last format offered (JPEG)."""
        return self.largest(self.formats()[-1])

    def largest(self, fmt: str) -> Variant:
        return max((v for v in self.variants if v.format == fmt), key=lambda v: v.width)

    def at_most(self, width: int, fmt: str = "jpeg") -> Variant:
        """The widest ``fmt`` variant not wider than ``width`` (the narrowest when all are wider)."""
        fitting = [v for v in self.variants if v.format == fmt and v.width <= width]
        if fitting:
            return max(fitting, key=lambda v: v.width)
        return self.smallest(fmt)

    def smallest(self, fmt: str) -> Variant:
        return min((v for v in self.variants if v.format == fmt), key=lambda v: v.width)


@dataclass(frozen=True)
class ImageSet(_MadeAgainWhenLoaded):
    """Everything derived from one photo, by role; ``width``/``height`` are the upright original's."""

    width: int
    height: int
    placeholder: str
    roles: dict[str, Rendition]

    def role(self, name: str) -> Rendition:
        try:
            return self.roles[name]
        except KeyError:
            raise KeyError(f"role {name!r} is not made for this photo (made: {', '.join(self.roles)}); "
                           "see 'for' in IMAGES_ROLES") from None
