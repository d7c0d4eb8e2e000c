"""A hostile entry never reaches a page: the validator refuses it, and what the sanitiser lets through is inert.

Two halves, since a refused entry cannot be built: (1) the validator refuses a body full of script, event
handlers, javascript: links, iframes, forms and styles; (2) an entry whose tricky Markdown is allowed (autolinks,
entity-encoded text, quotes nested in link titles, code) is built for real, the sanitised HTML of the hostile body is
written into that built page too, and Chromium opens it: no dialog, no script from the entry, no handler, no frame.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from catalogue.reading.markup import render_markdown
from conftest import FIXTURES, build_site, check_tree, serve

HOSTILE = """Kain batik.

<script>alert('script')</script>
<img src="x" onerror="alert('onerror')">
<svg onload="alert('svg')"><circle r="5"/></svg>
[klik](javascript:alert('link')) [klik](JaVaScRiPt:alert('case')) [klik]( javascript:alert('space'))
<a href="&#106;avascript&#58;alert('entity')">entity</a>
<a href="https://example.com" onclick="alert('onclick')">onclick</a>
<iframe src="javascript:alert('iframe')"></iframe>
<form action="https://evil.example/"><input name="pin" autofocus onfocus="alert('focus')"></form>
<style>body { display: none }</style>
<p style="background:url(javascript:alert('style'))">styled</p>
<object data="javascript:alert('object')"></object><embed src="javascript:alert('embed')">
<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')></style></mglyph></table></mtext></math>
<noscript><p title="</noscript><img src=x onerror=alert('noscript')>"></noscript>
<base href="javascript:alert('base')//"><meta http-equiv="refresh" content="0;url=javascript:alert('meta')">
"""
MARKER = "<p>PENANDA-HOSTILE</p>"


def test_validator_refuses_the_hostile_body(scenario) -> None:
    content = scenario("base")
    index = content / "products/kain-contoh/index.id.md"
    head = index.read_text().split("\n---\n")[0]
    index.write_text(f"{head}\n---\n{HOSTILE}")
    errors = [p for p in check_tree(content).errors]
    assert [(p.path, p.field, p.code) for p in errors] == [(index, "text", "html_not_allowed")]
    dropped = errors[0].params["got"]
    for kind in ("<script>", "<img>", "<svg>", "javascript: link", "<a onclick=…>", "<iframe>", "<form>", "<style>",
                 "<p style=…>", "<object>", "<embed>", "<math>", "<noscript>", "<base>", "<meta>"):
        assert kind in dropped


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self.hrefs += [value or "" for name, value in attrs if name == "href"]


def test_sanitised_html_has_no_active_content() -> None:
    found = _Elements()
    found.feed(render_markdown(HOSTILE).html)
    assert found.tags <= {"p", "a", "br"}
    assert found.attributes <= {"href", "rel", "title"}
    assert all(href.startswith("https://") for href in found.hrefs)


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base catalogue with the allowed-but-tricky product, built as `make html` does."""
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    shutil.copytree(FIXTURES / "base", content)
    shutil.copytree(Path(__file__).resolve().parent.parent / "content" / "data", content / "data")
    shutil.copytree(FIXTURES / "hostile-tricky", content, dirs_exist_ok=True)
    assert check_tree(content).errors == []  # the tricky entry is allowed: nothing in it is active
    output = build_site(content, root / "output")
    page = output / "produk" / "kain-contoh" / "index.html"
    built = page.read_text(encoding="utf-8")
    assert MARKER in built
    # The refused body, as the sanitiser would have left it, in the same real page.
    page.write_text(built.replace(MARKER, render_markdown(HOSTILE).html), encoding="utf-8")
    return output


@pytest.mark.browser
def test_tricky_and_hostile_text_stays_inert_in_chromium(tricky_site: Path, page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for url in serve(tricky_site):
        page.goto(f"{url}/produk/kain-contoh/")
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        body = page.locator("main section.prose")
        assert "Deskripsi kain dengan teks yang mencoba" in body.inner_text()
        found = page.evaluate("""() => {
            const main = document.querySelector('main section.prose');  // the entry's own text
            const all = [...main.querySelectorAll('*')];
            return {
              scripts: main.querySelectorAll('script').length
                       + [...document.scripts].filter(s => s.textContent.includes('alert(')).length,
              frames: main.querySelectorAll('iframe, object, embed, form, input, style, svg, math, base, meta').length,
              handlers: all.filter(el => [...el.attributes].some(a => a.name.startsWith('on'))).length,
              styled: all.filter(el => el.hasAttribute('style')).length,
              badLinks: [...main.querySelectorAll('a[href]')].map(a => a.protocol)
                        .filter(p => !['https:', 'http:', 'mailto:'].includes(p)),
            };
        }""")
        assert found["scripts"] == 0
        assert found["frames"] == 0
        assert found["handlers"] == 0
        assert found["styled"] == 0
        assert found["badLinks"] == []
        # The entity-encoded text is shown as text, not run.
        assert "<script>alert(" in body.inner_text()
        # Hovering the tricky links runs nothing either (a title with quotes stays one attribute).
        for link in body.locator("a[href^='https://example.com']").all():
            link.hover()
        page.wait_for_timeout(200)
        assert dialogs == []
