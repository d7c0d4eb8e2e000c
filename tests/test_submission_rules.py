"""One table of bad values, run through the Python validator and through the form's rules in Chromium."""

from __future__ import annotations

import json

import pytest
from catalogue.model.refdata import load_reference_data
from catalogue.model.schema import ArtisanFacts, ProductFacts, error_params
from conftest import ROOT, build_site, make_scenario, serve

REF = load_reference_data(ROOT / "content" / "data")
PRODUCT = {"title": "Batik Tulis", "summary": "Kain batik tulis.", "artisan": "perajin-contoh", "category": "batik",
           "technique": "batik-tulis", "availability": "ready", "photos": ["a.jpg"], "added": "2026-01-02"}
ARTISAN = {"name": "Batik Sekar", "summary": "Usaha batik.", "region": "kab-bangkalan", "village": "Tanjung Bumi",
           "crafts": ["batik"]}
# (model, changes, the field that must be reported)
CASES = [
    ("product", {"price": "Rp 350rb"}, "price"),
    ("product", {"price": "350.000"}, "price"),
    ("product", {"price": 0}, "price"),
    ("product", {"weight_g": "-3"}, "weight_g"),
    ("product", {"category": "lukisan"}, "category"),
    ("product", {"technique": "tenun-ikat"}, "technique"),
    ("product", {"availability": "soon"}, "availability"),
    ("product", {"availability": "made-to-order"}, "lead_time_days"),
    ("product", {"price": 100, "price_min": 50, "price_max": 90}, "price"),
    ("product", {"price_min": 500}, "price_max"),
    ("product", {"price_min": 900, "price_max": 500}, "price_min"),
    ("product", {"tags": ["Pewarna Alam"]}, "tags[1]"),
    ("product", {"title": "x" * 121}, "title"),
    ("product", {"title": "   "}, "title"),
    ("product", {"added": "2026-13-01"}, "added"),
    ("product", {"added": "2999-01-01"}, "added"),
    ("product", {"photos": []}, "photos"),
    ("product", {"photos": ["a.jpg", "a.jpg"]}, "photos"),
    ("product", {"certifications": ["halal"]}, "certifications"),
    ("product", {"dyes": "plastic"}, "dyes"),
    ("product", {"colour": "red"}, "colour"),
    ("artisan", {"region": "jakarta"}, "region"),
    ("artisan", {"crafts": []}, "crafts"),
    ("artisan", {"crafts": ["lukisan"]}, "crafts"),
    ("artisan", {"founded": 1700}, "founded"),
    ("artisan", {"founded": 2999}, "founded"),
    ("artisan", {"whatsapp": "12345"}, "whatsapp"),
    ("artisan", {"whatsapp": "+1 555 123 4567"}, "whatsapp"),
    ("artisan", {"instagram": "batik..sekar"}, "instagram"),
    ("artisan", {"storefronts": [{"platform": "tokopedia", "url": "http://www.tokopedia.com/x"}]},
     "storefronts[1].url"),
    ("artisan", {"storefronts": [{"platform": "tokopedia", "url": "https://tokopedia.com.evil.io/x"}]},
     "storefronts[1].url"),
    ("artisan", {"storefronts": [{"platform": "tokopedia", "url": "https://user@www.tokopedia.com/x"}]},
     "storefronts[1].url"),
    ("artisan", {"storefronts": [{"platform": "shopee", "url": "https://1.2.3.4/x"}]}, "storefronts[1].url"),
    ("artisan", {"storefronts": [{"platform": "tokopedia", "url": "https://www.tоkopedia.com/x"}]},
     "storefronts[1].url"),
    ("artisan", {"storefronts": [{"platform": "bukalapak", "url": "https://www.bukalapak.com/u/x"}]},
     "storefronts[1].url"),
    ("artisan", {"storefronts": [{"platform": "myspace", "url": "https://myspace.com/x"}]},
     "storefronts[1].platform"),
]
GOOD = [("product", {}), ("artisan", {}), ("product", {"price_min": 10, "price_max": 20, "tags": ["pewarna-alam"]}),
        ("artisan", {"whatsapp": "+62 812-3456-7890", "instagram": "@batik.sekar", "founded": 1990,
                     "storefronts": [{"platform": "tokopedia", "url": "https://www.tokopedia.com/sekar"}]})]


def python_problems(model: str, data: dict) -> set[tuple[str, str]]:
    """(field, message key) as `make check` reports them, cross checks included."""
    from catalogue.model.schema import field_name
    from pydantic import ValidationError

    cls = ProductFacts if model == "product" else ArtisanFacts
    try:
        facts = cls.model_validate(data, context={"ref": REF})
    except ValidationError as exc:
        return {(field_name(e["loc"]), error_params(cls, e)[0]) for e in exc.errors()}
    checks = getattr(facts, "cross_checks", None)
    return {(i.field, i.code) for i in checks(REF)} if checks else set()


@pytest.fixture(scope="session")
def rules_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("rules")
    output = build_site(make_scenario("base", root), root / "output")
    yield from serve(output)


@pytest.fixture(scope="session")
def base_url(rules_site):
    return rules_site


def browser_problems(page, model: str, data: dict) -> set[tuple[str, str]]:
    found = page.evaluate(
        "([model, data]) => fetch('/theme/submit/schema.json').then(r => r.json())"
        ".then(doc => new KriyaRules.Validator(doc).validate(model, data))", [model, data])
    return {(p["field"], p["code"]) for p in found}


@pytest.mark.browser
def test_the_form_rejects_what_the_validator_rejects_with_the_same_field_and_message(page):
    page.goto("/gabung/")
    mismatches = []
    for model, changes, fld in CASES:
        data = {**(PRODUCT if model == "product" else ARTISAN), **changes}
        expected = python_problems(model, json.loads(json.dumps(data)))
        got = browser_problems(page, model, data)
        assert fld in {f for f, _ in expected}, (model, changes, expected)
        if expected != got:
            mismatches.append((model, changes, sorted(expected), sorted(got)))
    assert not mismatches, "\n".join(map(str, mismatches))


@pytest.mark.browser
def test_the_form_accepts_what_the_validator_accepts(page):
    page.goto("/gabung/")
    for model, changes in GOOD:
        data = {**(PRODUCT if model == "product" else ARTISAN), **changes}
        assert python_problems(model, data) == set()
        assert browser_problems(page, model, data) == set(), (model, changes)


