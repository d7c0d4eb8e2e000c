"""Render the print templates with the theme's gettext catalogues and lay them out as A4 PDFs with WeasyPrint."""

from __future__ import annotations

import gettext
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

logger = logging.getLogger(__name__)

LABELS_PER_SHEET = 8  # 2 × 4 cards of 96.5 × 67 mm, fixed by theme/templates/print/labels.css


class LocalFetcher(URLFetcher):
    """Lets a print document read data: URIs and files inside the built site, and nothing else:
    no request leaves the machine, and an entry cannot pull in a file from elsewhere. ``media_file`` gives the
    image cache's file of a photo on the media bucket (images.media.LocalFiles), read instead of the network."""

    def __init__(self, root: Path, media_file: Callable[[str], Path | None] | None = None):
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)
        self.root = root.resolve()
        self.media_file = media_file

    def fetch(self, url: str, headers: Any = None) -> Any:
        local = self.media_file(url) if self.media_file is not None else None
        if local is not None:
            return super().fetch(local.as_uri(), headers)
        if url.startswith("file:"):
            from urllib.request import url2pathname

            path = Path(url2pathname(url.split("?")[0].removeprefix("file://"))).resolve()
            if not path.is_relative_to(self.root):
                raise FatalURLFetchingError(f"print documents may only use files of the built site, not {path}")
        return super().fetch(url, headers)


def environment(templates: Path) -> jinja2.Environment:
    """The theme's templates with gettext, like the site's own environment (same extension, same escaping)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,  # a misspelt variable stops the print, not a blank on paper
    )


class Renderer:
    """One per build: the Jinja environment, fonts and stylesheets are shared by every document."""

    def __init__(self, templates: Path, output: Path, media_file: Callable[[str], Path | None] | None = None):
        self.env = environment(templates)
        self.templates = templates
        self.output = output
        self.fonts = FontConfiguration()
        self.fetcher = LocalFetcher(output, media_file)
        self._css: dict[str, CSS] = {}

    def stylesheet(self, name: str) -> CSS:
        if name not in self._css:
            self._css[name] = CSS(filename=str(self.templates / "print" / name), font_config=self.fonts,
                                  url_fetcher=self.fetcher)
        return self._css[name]

    def render(self, template: str, stylesheet: str, target: Path, translations: gettext.NullTranslations,
               **context: Any) -> int:
        """Write ``target`` (under the output folder) and return its number of pages."""
        self.env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
        html = self.env.get_template(f"print/{template}").render(**context)
        document = HTML(string=html, base_url=str(self.output) + "/", url_fetcher=self.fetcher).render(
            stylesheets=[self.stylesheet(stylesheet)], font_config=self.fonts)
        target.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(target)
        return len(document.pages)
