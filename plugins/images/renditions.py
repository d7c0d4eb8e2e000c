"""What the templates receive for a photo: its derived files, grouped by role."""

from __future__ import annotations

from dataclasses import dataclass

# MIME type per derived format, in the order a <picture> should offer them (the last one is the <img> fallback).
FORMAT_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}


@dataclass(frozen=True)
class Variant:
    """One derived file: ``path`` is relative to the site root."""

    path: str
    width: int
    height: int
    format: str
    bytes: int = 0


@dataclass(frozen=True)
class Rendition:
    """A photo's variants for one role (card, gallery, …)."""

    role: str
    sizes: str
    width: int
    height: int
    variants: tuple[Variant, ...]
    placeholder: str

    def formats(self) -> list[str]:
        return [f for f in FORMAT_TYPES if any(v.format == f for v in self.variants)]

    def srcset(self, fmt: str, siteurl: str = "") -> str:
        return ", ".join(f"{siteurl}/{v.path} {v.width}w" for v in self.variants if v.format == fmt)

    def fallback(self, siteurl: str = "") -> Variant:
        """The <img src>: the largest variant of the last format offered (JPEG)."""
        fmt = self.formats()[-1]
        return max((v for v in self.variants if v.format == fmt), key=lambda v: v.width)

    def largest(self, fmt: str) -> Variant:
        return max((v for v in self.variants if v.format == fmt), key=lambda v: v.width)


@dataclass(frozen=True)
class ImageSet:
    """Everything derived from one photo, by role."""

    width: int
    height: int
    placeholder: str
    roles: dict[str, Rendition]

    def role(self, name: str) -> Rendition:
        return self.roles[name]
