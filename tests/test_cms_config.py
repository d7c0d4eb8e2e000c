"""Decap CMS's config.yml is generated from the validator's schema and matches our folder layout."""

from __future__ import annotations

import yaml
from catalogue.i18n.translations import load_translations
from catalogue.model.refdata import load_reference_data
from catalogue.model.schema import ArtisanFacts, ProductFacts
from conftest import ROOT
from submission.cms import build_config
from submission.jsonschema import build_schema


def _config() -> dict:
    ref = load_reference_data(ROOT / "content" / "data")
    translations = {lang: load_translations(ROOT / "theme" / "translations", lang) for lang in ("id", "en")}
    doc = build_schema(ref, translations)
    # Round-trip through YAML as the plugin writes it.
    return yaml.safe_load(yaml.safe_dump(build_config(doc, ref, "owner/repo", "main"), allow_unicode=True))


def test_the_config_has_our_layout_backends_and_workflow():
    config = _config()
    assert config["backend"] == {"name": "github", "repo": "owner/repo", "branch": "main"}
    assert "local_backend" not in config  # Sveltia ignores it (with a warning): it opens a local clone itself
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["id", "en"], "default_locale": "id"}
    collections = {c["name"]: c for c in config["collections"]}
    assert collections["products"]["folder"] == "content/products"
    assert collections["artisans"]["folder"] == "content/artisans"
    for c in collections.values():
        assert c["path"] == "{{slug}}/index" and c["media_folder"] == "" and c["i18n"] is True


def test_every_schema_field_is_in_the_cms_with_choices_from_the_reference_data():
    collections = {c["name"]: c for c in _config()["collections"]}
    ref = load_reference_data(ROOT / "content" / "data")
    for name, model in (("products", ProductFacts), ("artisans", ArtisanFacts)):
        fields = {f["name"]: f for f in collections[name]["fields"]}
        assert set(model.model_fields) <= set(fields)
        for fname, info in model.model_fields.items():
            assert fields[fname]["required"] == info.is_required(), fname
    products = {f["name"]: f for f in collections["products"]["fields"]}
    artisans = {f["name"]: f for f in collections["artisans"]["fields"]}
    assert [o["value"] for o in products["category"]["options"]] == list(ref.categories)
    assert [o["value"] for o in artisans["region"]["options"]] == list(ref.regions)
    assert artisans["crafts"]["multiple"] is True
    platform = {f["name"]: f for f in artisans["storefronts"]["fields"]}["platform"]
    assert [o["value"] for o in platform["options"]] == list(ref.platforms)
    # Only what the English file may hold is translated; Decap writes the facts to index.id.md alone.
    assert products["title"]["i18n"] is True and products["materials"]["i18n"] is True
    assert products["price"]["i18n"] is False and products["photos"]["i18n"] is False
    assert artisans["summary"]["i18n"] is True and artisans["region"]["i18n"] is False


def test_what_staff_leave_alone_is_not_written_as_a_value_the_validator_rejects():
    config = _config()
    # `motif: ''` and `weight_g: null` would fail `make check`: empty optional fields are left out.
    assert config["output"] == {"omit_empty_optional_fields": True}
    assert config["media_libraries"]["default"]["config"]["slugify_filename"] is True
    products = {f["name"]: f for f in {c["name"]: c for c in config["collections"]}["products"]["fields"]}
    # A product's own shipping answer is yes, no or not said (the artisan's then): never a `false` by default.
    assert products["ships_indonesia"]["widget"] == "select"
    assert [o["value"] for o in products["ships_indonesia"]["options"]] == [True, False]
    assert products["custom_size"]["widget"] == "boolean"  # a plain yes/no whose default is no
    assert products["ships_abroad"]["options"] == ["yes", "no", "ask"]
    assert products["photos"] | {"min": 1} == products["photos"] and products["photos"]["multiple"] is True
    assert products["photos"]["widget"] == "image"
    assert products["artisan"]["widget"] == "relation" and products["artisan"]["collection"] == "artisans"
    assert products["added"]["default"] == "{{now}}" and products["added"]["format"] == "YYYY-MM-DD"


def test_the_build_writes_the_admin_and_the_schema(tmp_path, scenario):
    from conftest import build_site

    output = build_site(scenario("base"), tmp_path / "output")
    config = yaml.safe_load((output / "admin/config.yml").read_text(encoding="utf-8"))
    assert {c["name"] for c in config["collections"]} == {"products", "artisans"}
    html = (output / "admin/index.html").read_text(encoding="utf-8")
    assert '<script src="sveltia-cms.js"></script>' in html and "<style" not in html
    # The CMS's own policy, not the catalogue's (publish.csp.CMS_EXTRA says why), and no script but the bundle.
    from publish.csp import cms_policy
    from submission import FONT_CDN, FONTS

    assert f'<meta http-equiv="Content-Security-Policy" content="{cms_policy()}">' in html
    assert html.count("<script") == 1
    # Sveltia is one file, written with its fonts' URLs pointing at admin/fonts/ instead of jsDelivr: the policy
    # allows fonts from this origin only.
    bundle = ROOT / "node_modules" / "@sveltia" / "cms" / "dist" / "sveltia-cms.js"
    source, written = bundle.read_text(encoding="utf-8"), (output / "admin/sveltia-cms.js").read_text(encoding="utf-8")
    assert FONT_CDN in source and FONT_CDN not in written and "cdn.jsdelivr.net" not in written
    assert "font-src 'self';" in cms_policy() and "jsdelivr" not in cms_policy()
    for remote, local in FONTS.items():
        name = local.rsplit("/", 1)[1]
        source = source.replace(FONT_CDN + remote, "fonts/" + name)
        assert (output / "admin/fonts" / name).read_bytes() == (ROOT / "node_modules" / local).read_bytes()
        assert (output / "admin/fonts" / name).read_bytes()[:4] == b"wOF2"
    assert written == source  # nothing else changed
    assert bundle.read_text(encoding="utf-8").count(FONT_CDN) == len(FONTS)  # node_modules' copy untouched
    assert (output / "theme/submit/schema.json").is_file()


def test_without_the_cms_bundle_admin_says_what_to_run(tmp_path, scenario):
    from conftest import build_site
    from htmlpage import parse

    output = build_site(scenario("base"), tmp_path / "output",
                        SUBMISSION_CMS_BUNDLE=str(tmp_path / "node_modules" / "missing" / "cms.js"))
    page = parse(output / "admin/index.html")
    text = page.find("main").text
    assert "CMS belum dipasang" in text and "The CMS is not set up" in text
    assert text.count("npm ci") == 2 and "make html" in text  # the commands, in both languages
    assert not page.find_all("script")  # a page to read, not a blank one waiting for a missing script
    assert page.find("section").closest_lang() == "en"
