"""Render a contributor's Markdown to HTML that is safe to publish, and say what had to be removed."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import nh3

# What a story or product description may contain. Everything else is removed by nh3 and reported.
ALLOWED_TAGS = frozenset(
    {"p", "br", "hr", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "a", "blockquote", "code", "pre",
     "table", "thead", "tbody", "tr", "th", "td"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = frozenset({"https", "http", "mailto"})
MARKDOWN_EXTENSIONS = ["tables", "sane_lists", "smarty"]
# One converter, reset between texts: building a Markdown instance costs more than converting a short text.
_MARKDOWN = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")


class _Inventory(HTMLParser):
    """Collect tags, attributes and link schemes that the sanitiser would drop."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dropped: list[str] = []
        self.top_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self.top_heading = True
            return
        if tag not in ALLOWED_TAGS:
            self.dropped.append(f"<{tag}>")
            return
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
                self.dropped.append(f"<{tag} {name}=…>")
            elif name == "href" and value is not None:
                scheme = value.split(":", 1)[0].strip().lower() if ":" in value.split("/", 1)[0] else ""
                if scheme and scheme not in ALLOWED_SCHEMES:
                    self.dropped.append(f"{scheme}: link")


class RenderedText:
    """The safe HTML of one body, and what the contributor wrote that could not be kept."""

    def __init__(self, html: str, dropped: tuple[str, ...], top_heading: bool):
        self.html = html
        self.dropped = dropped
        self.top_heading = top_heading


def render_markdown(text: str) -> RenderedText:
    """Render ``text`` and sanitise it.

    >>> render_markdown("Halo <script>alert(1)</script>").dropped
    ('<script>',)
    """
    raw = _MARKDOWN.reset().convert(text)
    inventory = _Inventory()
    inventory.feed(raw)
    inventory.close()
    safe = nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="nofollow noopener noreferrer",
    )
    return RenderedText(safe, tuple(dict.fromkeys(inventory.dropped)), inventory.top_heading)
