"""Both gettext catalogues translate every message, and the built pages show the interface in their language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from catalogue.model.messages import MESSAGES, SUMMARY, WARNING
from conftest import ROOT
from htmlpage import Element, parse, site_pages

TRANSLATIONS = ROOT / "theme" / "translations"
LANGS = ("id", "en")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")
# What a message key looks like if one leaks onto a page untranslated: unknown_region, nav.products, {title}.
RAW_KEY = re.compile(r"^[a-z]+(?:[._][a-z]+)+$|%\([a-z_]+\)[sd]|\{[a-z_]+\}|\bN_\(|\b_\(")


def read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=lang)


def messages(catalog: Catalog) -> dict[str | tuple[str, ...], object]:
    return {m.id: m for m in catalog if m.id}


@pytest.fixture(scope="module")
def template() -> Catalog:
    return read(TRANSLATIONS / "messages.pot")


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_translates_every_message_of_the_template(template: Catalog, lang: str) -> None:
    catalog = read(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)
    wanted, have = messages(template), messages(catalog)
    assert len(wanted) > 50
    assert set(wanted) - set(have) == set(), "run `python -m scripts.i18n` and translate the new messages"
    assert set(have) - set(wanted) == set(), "messages no longer in the template"
    for msgid in wanted:
        message = have[msgid]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, f"{lang}: {msgid!r} is not translated"
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        # Same placeholders in every form, so formatting can never fail or drop a value.
        expected = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) <= expected, f"{lang}: {text!r} has unknown placeholders"
            if len(ids) == 1:
                assert set(PLACEHOLDER.findall(text)) == expected, f"{lang}: {text!r} lost a placeholder"


def test_indonesian_is_really_translated(template: Catalog) -> None:
    catalog = messages(read(TRANSLATIONS / "id" / "LC_MESSAGES" / "messages.po", "id"))
    same = [m for m in catalog if isinstance(m, str) and catalog[m].string == m and len(m.split()) > 2]
    assert same == [], "Indonesian msgstr copied from the English text"


def test_every_validator_message_is_in_the_template(template: Catalog) -> None:
    ids = set(messages(template))
    assert {*MESSAGES.values(), SUMMARY, WARNING} - ids == set()


def visible_strings(doc: Element) -> list[str]:
    out = []
    for el in doc.iter():
        if el.tag in ("script", "style"):
            continue
        for child in el.children:
            if isinstance(child, str) and child.strip():
                out.append(" ".join(child.split()))
        for attr in ("aria-label", "alt", "title", "placeholder"):
            if el.attrs.get(attr):
                out.append(el.attrs[attr])
        if el.tag == "meta" and el.attrs.get("name") == "description":
            out.append(el.attrs["content"])
    return out


def test_no_page_shows_a_raw_message_or_an_untranslated_interface_string(demo_site: Path, template: Catalog) -> None:
    id_catalog = messages(read(TRANSLATIONS / "id" / "LC_MESSAGES" / "messages.po", "id"))
    # English interface strings that must not appear on an Indonesian page (whole texts, not words inside others).
    english = {m for m in id_catalog if isinstance(m, str) and not PLACEHOLDER.search(m)
               and id_catalog[m].string != m}
    pages = site_pages(demo_site)
    assert pages
    problems = []
    for path in pages:
        lang = "en" if path.relative_to(demo_site).parts[0] == "en" else "id"
        for text in visible_strings(parse(path)):
            if RAW_KEY.search(text):
                problems.append(f"{path.relative_to(demo_site)}: raw message {text!r}")
            if lang == "id" and text in english:
                problems.append(f"{path.relative_to(demo_site)}: English text {text!r}")
    assert problems == []


def test_navigation_is_in_the_pages_language(demo_site: Path) -> None:
    id_catalog = messages(read(TRANSLATIONS / "id" / "LC_MESSAGES" / "messages.po", "id"))
    nav = {lang: [a.text for a in parse(demo_site / path).find("header").find("nav").find_all("a")]
           for lang, path in (("id", "index.html"), ("en", "en/index.html"))}
    assert len(nav["en"]) >= 4
    assert "Products" in nav["en"] and "Artisans" in nav["en"]
    assert nav["id"] == [id_catalog[text].string for text in nav["en"]]
    assert nav["id"] != nav["en"]
    assert "Produk" in nav["id"] and "Perajin" in nav["id"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_templates_gettext_gives_what_jinjas_own_gives(lang: str) -> None:
    from catalogue.i18n.translations import load_translations, template_gettext
    from jinja2 import DictLoader, Environment

    source = ('{{ _("Products") }}|{{ _("Products") }}|{{ _("More from %(name)s", name="<Sanggar & Co>") }}|'
              '{{ _("Photos of %(title)s", title=title) }}|{{ gettext("100%% cotton") }}|'
              '{{ _("Not in the catalogue") }}')
    translations = load_translations(TRANSLATIONS, lang)
    rendered = []
    for ours in (False, True):
        env = Environment(loader=DictLoader({"t.html": source}), autoescape=True, extensions=["jinja2.ext.i18n"])
        env.install_gettext_translations(translations, newstyle=True)
        if ours:
            env.globals["_"] = env.globals["gettext"] = template_gettext(translations)
        rendered.append(env.get_template("t.html").render(title='Kain "Sekar" <Jagad>'))
    assert rendered[0] == rendered[1]
    assert "&lt;Sanggar &amp; Co&gt;" in rendered[1] and "100% cotton" in rendered[1]
    if lang == "id":
        assert rendered[1].startswith("Produk|Produk|")
