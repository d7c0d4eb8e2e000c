"""Render a contributor's Markdown to HTML that is safe to publish, and say what had to be removed."""

from __future__ import annotations

from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

# What a story or product description may contain. Everything else is removed by nh3 and reported.
ALLOWED_TAGS = frozenset(
    {"p", "br", "hr", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "a", "blockquote", "code", "pre",
     "table", "thead", "tbody", "tr", "th", "td"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = frozenset({"https", "http", "mailto"})


def _converter() -> MarkdownIt:
    """CommonMark (what the web form's Markdown editor writes and previews), with tables and typographic quotes
    and dashes.

    markdown-it-py rather than Python-Markdown: CommonMark lets a list follow its paragraph without a blank line,
    as artisans write "Ukuran:" then "- 2 m", where Python-Markdown ran the items into the paragraph; and it renders
    the catalogue's bodies several times faster.
    """
    converter = MarkdownIt("commonmark", {"typographer": True}).enable(["table", "replacements", "smartquotes"])
    # Every link is made a link, whatever its scheme: nh3 below removes what is not allowed and _Inventory reports
    # it. markdown-it's own check would leave "[klik](javascript:…)" as text, and the contributor would never hear.
    converter.validateLink = lambda url: True
    converter.core.ruler.push("align_cells", _align_cells)
    return converter


def _align_cells(state: StateCore) -> None:
    """A table column's alignment (``|---:|``) as the ``align`` attribute the sanitiser keeps, not markdown-it's
    ``style``, which it removes and reports as something the contributor wrote."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open") and "style" in token.attrs:
            align = str(token.attrs.pop("style")).removeprefix("text-align:")
            token.attrs["align"] = align


_MARKDOWN = _converter()


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
    raw = _MARKDOWN.render(text)
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
