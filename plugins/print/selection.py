"""Which products a printed catalogue holds: all of them, or one category, region or artisan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FILTERS = ("category", "region", "artisan")


class SelectionError(ValueError):
    """A selection names a key the catalogue does not have, or matches no product."""


@dataclass(frozen=True)
class Selection:
    """Products matching every key given; ``Selection(category="batik")`` prints katalog-batik.pdf."""

    category: str | None = None
    region: str | None = None
    artisan: str | None = None

    @classmethod
    def from_setting(cls, value: Any) -> Selection:
        if not isinstance(value, dict) or not value or any(k not in FILTERS for k in value) \
                or not all(isinstance(v, str) and v for v in value.values()):
            raise SelectionError(
                f"PRINT_SELECTIONS: expected entries such as {{'category': 'batik'}} with keys among "
                f"{', '.join(FILTERS)}, got {value!r}")
        return cls(**value)

    @property
    def keys(self) -> tuple[tuple[str, str], ...]:
        return tuple((name, value) for name in FILTERS if (value := getattr(self, name)) is not None)

    @property
    def suffix(self) -> str:
        return "".join(f"-{value}" for _, value in self.keys)

    def check(self, catalogue: Any) -> None:
        """Raise SelectionError naming the unknown key and the keys that exist."""
        known = {
            "category": catalogue.ref.categories,
            "region": catalogue.ref.regions,
            "artisan": {a.slug: a for a in catalogue.artisans},
        }
        for name, value in self.keys:
            if value not in known[name]:
                raise SelectionError(f"{name.upper()}: no {name} {value!r} in the catalogue; known: "
                                     f"{', '.join(sorted(known[name]))}")
        if not self.products(catalogue):
            what = ", ".join(f"{name.upper()}={value}" for name, value in self.keys)
            raise SelectionError(f"{what}: no product matches, so there is nothing to print")

    def matches(self, product: Any) -> bool:
        return ((self.category is None or product.category.key == self.category)
                and (self.region is None or product.region.key == self.region)
                and (self.artisan is None or product.artisan.slug == self.artisan))

    def products(self, catalogue: Any) -> tuple[Any, ...]:
        return tuple(p for p in catalogue.products if self.matches(p))
