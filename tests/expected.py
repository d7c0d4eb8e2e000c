"""What a content tree says the built site must contain, read straight from the entry files with YAML."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


def front(path: Path) -> dict[str, Any]:
    """The YAML front matter of an entry file."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---"), path
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def data(content: Path, name: str) -> dict[str, Any]:
    return yaml.safe_load((content / "data" / f"{name}.yml").read_text(encoding="utf-8"))


def entries(content: Path, kind: str) -> list[str]:
    folder = content / kind
    return sorted(p.name for p in folder.iterdir() if (p / "index.id.md").is_file())


def name_in(value: Any, lang: str) -> str:
    """A reference-data name: either one string or {id: …, en: …}."""
    return value[lang] if isinstance(value, dict) else value


@dataclass
class Tree:
    content: Path

    @property
    def products(self) -> list[str]:
        return entries(self.content, "products")

    @property
    def artisans(self) -> list[str]:
        return entries(self.content, "artisans")

    @property
    def categories(self) -> list[str]:
        return list(data(self.content, "categories"))

    @property
    def regions(self) -> list[str]:
        return list(data(self.content, "regions"))

    @property
    def platforms(self) -> dict[str, Any]:
        return data(self.content, "storefronts")

    def page_slugs(self) -> dict[str, dict[str, str]]:
        """{page key: {lang: slug}} from content/pages/<key>/index.<lang>.md."""
        out: dict[str, dict[str, str]] = {}
        for folder in sorted((self.content / "pages").iterdir()):
            out[folder.name] = {lang: front(folder / f"index.{lang}.md")["slug"] for lang in ("id", "en")}
        return out

    def product(self, slug: str, lang: str = "id") -> dict[str, Any]:
        """A product's facts, with the English file's fields laid over them for ``lang == "en"``."""
        folder = self.content / "products" / slug
        facts = front(folder / "index.id.md")
        if lang == "en" and (folder / "index.en.md").is_file():
            facts = {**facts, **front(folder / "index.en.md")}
        return facts

    def artisan(self, slug: str) -> dict[str, Any]:
        return front(self.content / "artisans" / slug / "index.id.md")

    def storefronts(self, slug: str) -> list[dict[str, str]]:
        """The shop links a product page must show: its own, or else its artisan's."""
        own = self.product(slug).get("storefronts") or []
        return own or (self.artisan(self.product(slug)["artisan"]).get("storefronts") or [])
