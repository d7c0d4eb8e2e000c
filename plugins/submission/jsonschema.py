"""The validator's pydantic models as one JSON Schema document, for the form in the browser and the CMS.

Nothing here restates a rule: field types, required fields, literals and list sizes come from
``model_json_schema``; the limits hidden in the models' before-validators are read from those validators
(their constants and closures); allowed keys come from the reference data; messages from MESSAGES and the
theme's gettext catalogues. ``tests/test_submission_rules.py`` runs one table of bad values through both
the Python validator and the browser to prove they agree.
"""

from __future__ import annotations

import datetime as dt
import gettext
import inspect
from typing import Any

from catalogue.model import links, schema
from catalogue.model.messages import MESSAGES
from catalogue.model.refdata import ReferenceData
from pydantic.json_schema import GenerateJsonSchema, models_json_schema
from pydantic_core import core_schema

MODELS = {
    "product": schema.ProductFacts,
    "product_en": schema.ProductTranslation,
    "artisan": schema.ArtisanFacts,
    "artisan_en": schema.ArtisanTranslation,
}
# Fields whose allowed values are keys of a reference table, and the message key the validator gives.
REFERENCE_FIELDS = {
    "product": {"category": ("categories", "unknown_category"), "technique": ("techniques", "unknown_technique"),
                "certifications": ("certifications", "unknown_certification")},
    "artisan": {"region": ("regions", "unknown_region"), "island": ("islands", "unknown_island"),
                "crafts": ("categories", "unknown_category"),
                "certifications": ("certifications", "unknown_certification")},
    "storefront": {"platform": ("platforms", "unknown_platform")},
}
# Field validators that normalise a contact: the browser applies the same patterns (see links.py).
CONTACT_FIELDS = {"whatsapp": "whatsapp", "instagram": "instagram"}


def _closure(fn: Any) -> dict[str, Any]:
    names = fn.__code__.co_freevars
    return {n: c.cell_contents for n, c in zip(names, fn.__closure__ or (), strict=False)}


def _first_int_compared(fn: Any, op: str) -> int | None:
    """The number a validator compares the value with (``year < 1800``), read from its source."""
    import re

    match = re.search(rf"<\s*(\d+)|{op}\s*(\d+)", inspect.getsource(fn))
    return int(match.group(1) or match.group(2)) if match else None


def js_pattern(pattern: str) -> str:
    """A Python pattern as the browser's RegExp reads it: Python's end of text, ``\\Z``, is JavaScript's ``$``
    (without the m flag ``$`` there matches only at the very end)."""
    return pattern.replace("\\Z", "$")


def _constraints(fn: Any) -> dict[str, Any]:
    """JSON Schema for one of schema.py's before-validators, or {} for one it does not know."""
    if fn is schema._rupiah:
        return {"type": "integer", "exclusiveMinimum": 0, "maximum": schema.MAX_RUPIAH, "x-code": "rupiah"}
    limits = {schema._count: schema.MAX_COUNT, schema._grams: schema.MAX_GRAMS, schema._days: schema.MAX_DAYS}
    if fn in limits:
        return {"type": "integer", "exclusiveMinimum": 0, "maximum": limits[fn], "x-code": "whole_number"}
    if fn is schema._dispatch_days:
        low, high = schema.DISPATCH_DAYS
        return {"type": "integer", "minimum": low, "maximum": high, "x-code": "days_range"}
    if fn is schema._year:
        return {"type": "integer", "minimum": _first_int_compared(fn, "<"), "x-not-future": "year",
                "x-code": "year_range"}
    if fn is schema._date:
        return {"type": "string", "format": "date", "x-not-future": "date", "x-code": "date"}
    if fn is schema._tag:
        return {"type": "string", "pattern": js_pattern(schema.TAG.pattern), "x-code": "tag"}
    if fn.__name__ == "check" and "limit" in _closure(fn):
        return {"type": "string", "minLength": 1, "maxLength": _closure(fn)["limit"], "x-code": "text",
                "x-collapse-spaces": True}
    return {}


def _whole_schema(fn: Any) -> dict[str, Any] | None:
    """JSON Schema for a before-validator that accepts other shapes than the type it returns (a Measure from a
    number, a range written as text or a list; a size label from a letter or a number): it replaces the type's."""
    number = {"type": "number", "exclusiveMinimum": 0}
    if fn is schema._measure:
        return {"anyOf": [number, {"type": "string", "pattern": f"{schema.MEASURE_RANGE.pattern}|"
                                                                f"{schema.MEASURE_CHOICES.pattern}"},
                          {"type": "array", "items": number, "minItems": 2}], "x-code": "measure"}
    if fn is schema._size_label:
        return {"anyOf": [{"type": "string", "enum": [*schema.SIZE_LETTERS, schema.ONE_SIZE]},
                          {"type": "integer", "exclusiveMinimum": 0, "maximum": 99}], "x-code": "size_label"}
    return None


class _Generator(GenerateJsonSchema):
    def function_before_schema(self, schema_: core_schema.BeforeValidatorFunctionSchema) -> dict[str, Any]:
        whole = _whole_schema(schema_["function"]["function"])
        if whole is not None:
            return whole
        inner = self.generate_inner(schema_["schema"])
        return {**inner, **_constraints(schema_["function"]["function"])}


def _simplify(node: Any) -> Any:
    """Drop pydantic's ``anyOf: [X, null]`` for optional fields: the form leaves an empty field out."""
    if isinstance(node, list):
        return [_simplify(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: _simplify(v) for k, v in node.items()}
    options = node.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        other = next(o for o in options if o != {"type": "null"})
        rest = {k: v for k, v in node.items() if k != "anyOf"}
        node = {**other, **rest}
    return node


def _messages(translations: dict[str, gettext.NullTranslations]) -> dict[str, dict[str, str]]:
    return {lang: {code: t.gettext(text) for code, text in MESSAGES.items()} for lang, t in translations.items()}


def _reference(ref: ReferenceData) -> dict[str, Any]:
    def names(n: Any) -> dict[str, str]:
        return {"id": n.id, "en": n.en}

    return {
        "categories": {k: {"name": names(c.name)} for k, c in ref.categories.items()},
        "techniques": {k: {"name": names(t.name), "category": t.category} for k, t in ref.techniques.items()},
        "regions": {k: {"name": names(r.name), "short": r.short} for k, r in ref.regions.items()},
        "islands": {k: {"name": names(i.name), "region": i.region} for k, i in ref.islands.items()},
        "certifications": {k: {"name": names(c.name)} for k, c in ref.certifications.items()},
        "platforms": {
            k: {"name": names(p.name), "hosts": list(p.hosts), "any_host": p.any_host,
                "path": p.path.pattern if p.path is not None else None,
                "closed": names(p.closed) if p.closed is not None else None}
            for k, p in ref.platforms.items()
        },
    }


def _contacts() -> dict[str, Any]:
    # The patterns links.py applies; the browser's checks mirror normalise_whatsapp/normalise_instagram.
    return {
        "whatsapp": {"separators": links.WHATSAPP_SEPARATORS.pattern},
        "instagram": {"pattern": js_pattern(links.INSTAGRAM_HANDLE.pattern)},
        "host_label": js_pattern(links.HOST_LABEL.pattern),
    }


def product_rules(ref: ReferenceData) -> list[dict[str, Any]]:
    """ProductFacts.cross_checks as JSON Schema: each rule names the field and message key it reports.

    The technique lists come from techniques.yml; the shared cases in tests/test_submission_rules.py
    keep these in step with cross_checks.
    """
    rules: list[dict[str, Any]] = []
    for category in ref.categories:
        techniques = sorted(k for k, t in ref.techniques.items() if t.category == category)
        rules.append({"field": "technique", "code": "technique_category",
                      "if": {"required": ["category", "technique"], "properties": {"category": {"const": category}}},
                      "then": {"properties": {"technique": {"enum": techniques}}}})
    rules += [
        {"field": "price", "code": "price_both",
         "if": {"required": ["price"]}, "then": {"not": {"anyOf": [{"required": ["price_min"]},
                                                                 {"required": ["price_max"]}]}}},
        {"field": "price_min", "code": "price_half_range",
         "if": {"required": ["price_max"]}, "then": {"required": ["price_min"]}},
        {"field": "price_max", "code": "price_half_range",
         "if": {"required": ["price_min"]}, "then": {"required": ["price_max"]}},
        {"field": "price_min", "code": "price_range", "x-less-than": ["price_min", "price_max"]},
        {"field": "lead_time_days", "code": "lead_time",
         "if": {"required": ["availability"], "properties": {"availability": {"const": "made-to-order"}}},
         "then": {"required": ["lead_time_days"]}},
        {"field": "photos", "code": "photo_repeated", "then": {"properties": {"photos": {"uniqueItems": True}}}},
    ]
    return rules


def build_schema(ref: ReferenceData, translations: dict[str, gettext.NullTranslations],
                 today: dt.date | None = None) -> dict[str, Any]:
    """The whole document: one ``$defs`` entry per model, reference data, contact rules and messages."""
    _, top = models_json_schema([(m, "validation") for m in MODELS.values()], schema_generator=_Generator,
                                ref_template="#/$defs/{model}")
    defs = _simplify(top["$defs"])
    for kind, fields in REFERENCE_FIELDS.items():
        model = {"product": "ProductFacts", "artisan": "ArtisanFacts", "storefront": "StorefrontLink"}[kind]
        for fld, (table, code) in fields.items():
            keys = sorted(_reference(ref)[table])
            prop = defs[model]["properties"][fld]
            target = prop["items"] if prop.get("type") == "array" else prop
            target.update({"enum": keys, "x-code": code, "x-reference": table})
    for fld, code in CONTACT_FIELDS.items():
        defs["ArtisanFacts"]["properties"][fld].update({"x-contact": fld, "x-code": code})
    defs["StorefrontLink"]["properties"]["url"]["x-storefront"] = "platform"
    defs["ProductFacts"]["x-rules"] = product_rules(ref)
    for model in MODELS.values():
        for name, prop in defs[model.__name__]["properties"].items():
            if prop.get("minItems"):  # the message key the validator gives an empty list, per field
                error = {"type": "too_short", "loc": (name,), "input": [], "ctx": {}}
                prop["x-code-min-items"] = schema.error_params(model, error)[0]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "kriya-jatim-entries.json",
        "title": "Kriya Jatim entries",
        "description": "Generated from plugins/catalogue/model/schema.py at build time; do not edit.",
        "x-models": {key: f"#/$defs/{m.__name__}" for key, m in MODELS.items()},
        "x-generated": (today or dt.date.today()).isoformat(),
        "x-summary-warning": schema.SUMMARY_LIMIT,
        "x-reference": _reference(ref),
        "x-contacts": _contacts(),
        "x-messages": _messages(translations),
        "$defs": defs,
    }
