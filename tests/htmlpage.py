"""A small reader for built pages (standard library only): elements with their attributes and text, and JSON-LD."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The visible text inside, with white space collapsed."""
        parts: list[str] = []

        def walk(node: Element) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif child.tag not in ("script", "style"):
                    walk(child)

        walk(self)
        return " ".join("".join(parts).split())

    def iter(self) -> list[Element]:
        out: list[Element] = []
        for child in self.children:
            if isinstance(child, Element):
                out.append(child)
                out.extend(child.iter())
        return out

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        """Elements by tag and attributes; ``class_="x"`` matches one of the classes."""
        out = []
        for el in self.iter():
            if tag is not None and el.tag != tag:
                continue
            ok = True
            for name, want in attrs.items():
                name = name.rstrip("_").replace("_", "-")
                have = el.attrs.get(name)
                if have is None or (name == "class" and want not in have.split()) or (name != "class" and have != want):
                    ok = False
                    break
            if ok:
                out.append(el)
        return out

    def find(self, tag: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}>"
        return found[0]

    def closest_lang(self) -> str | None:
        node: Element | None = self
        while node is not None:
            if "lang" in node.attrs:
                return node.attrs["lang"]
            node = node.parent
        return None


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(el)
        if tag not in VOID:
            self.current = el

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(source: str | Path) -> Element:
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root


def jsonld(doc: Element) -> list[dict[str, Any]]:
    """Every JSON-LD block of a page, parsed (a block that is not valid JSON fails the test)."""
    return [json.loads("".join(c for c in el.children if isinstance(c, str)))
            for el in doc.find_all("script", type="application/ld+json")]


def alternates(doc: Element) -> dict[str, str]:
    return {el.attrs["hreflang"]: el.attrs["href"] for el in doc.find_all("link", rel="alternate")
            if "hreflang" in el.attrs}


def file_for(site: Path, url_path: str) -> Path:
    """The output file a root-relative URL path is served from."""
    rel = url_path.split("#")[0].split("?")[0].lstrip("/")
    target = site / rel
    return target / "index.html" if rel == "" or rel.endswith("/") else target


# Folders that hold files, not catalogue pages: photos, theme assets, the search index, the staff's CMS.
NOT_PAGES = ("media", "theme", "pagefind", "admin")


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of the catalogue in a built site."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in NOT_PAGES)
