"""Parts of every page that are the same on all pages of one language, rendered once per language and build.

The site header and footer and the head's site-wide links were rendered again on every page: about a tenth of
all rendering, for the same bytes on every page. A fragment is rendered with the language's
context only (settings, lang, urls, catalogue…, never a page's own values). What changes from page to page is a
slot: the partial writes ``{{ slot("name") }}`` and the page passes the value, which is escaped into it.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

MARK = "\ue000"  # private-use characters, never in the catalogue's text: a slot's place in a rendered fragment
SLOT = MARK + "{}\ue001"


class FragmentError(RuntimeError):
    """A fragment was asked for without a value for one of its slots."""


class Fragments:
    """``fragment(template, **slots)`` in the templates; one per language and build (render_language)."""

    def __init__(self, env: Any, context: dict[str, Any]):
        self.env = env
        self.context = {**context, "slot": SLOT.format}
        self.rendered: dict[str, str] = {}

    def __call__(self, template: str, **slots: Any) -> Markup:
        text = self.rendered.get(template)
        if text is None:
            text = self.rendered[template] = self.env.get_template(template).render(self.context)
        for name, value in slots.items():
            text = text.replace(SLOT.format(name), str(escape(value)))
        if MARK in text:
            missing = text.split(MARK, 1)[1].split("\ue001", 1)[0]
            raise FragmentError(f"{template}: no value given for its slot {missing!r}")
        return Markup(text)
