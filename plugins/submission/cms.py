"""Sveltia CMS for council staff: config.yml generated from the same schema as the validator and the form.

Sveltia reads Decap's configuration format (https://decapcms.org/docs/configuration-options/); what it does not
support is left out (``local_backend``: Sveltia works on a local clone through the browser instead)."""

from __future__ import annotations

from typing import Any

from catalogue.model.refdata import ReferenceData

# JSON Schema type → widget, for fields that are not a reference key.
WIDGETS = {"string": "string", "integer": "number", "boolean": "boolean"}
# The fields the English file may hold (the translation models in the schema) are `i18n: true`; the facts are
# `i18n: false`, so the CMS writes them to index.id.md only. (`duplicate` would copy them into index.en.md, empty
# optional ones as `null`, which the validator rejects there.)
BODY = {"label": "Cerita / Story", "name": "body", "widget": "markdown", "required": False, "i18n": True}


def _options(table: dict[str, Any]) -> list[dict[str, str]]:
    return [{"label": f"{v['name']['id']} / {v['name']['en']}" if v["name"]["id"] != v["name"]["en"]
             else v["name"]["id"], "value": k} for k, v in table.items()]


def _field(name: str, prop: dict[str, Any], required: bool, translated: set[str], doc: dict[str, Any],
           media: bool) -> dict[str, Any]:
    ref = doc["x-reference"]
    prop = _resolve(doc, prop)
    out: dict[str, Any] = {"label": prop.get("title", name), "name": name, "required": required,
                           "i18n": name in translated}
    items = _resolve(doc, prop.get("items", {})) if prop.get("type") == "array" else None
    table = (items or prop).get("x-reference")
    if table:
        out.update(widget="select", options=_options(ref[table]), multiple=items is not None)
    elif name == "artisan":
        # The artisan's folder name, picked from the artisans the repository holds (not typed).
        out.update(widget="relation", collection="artisans", value_field="{{slug}}", search_fields=["name"],
                   display_fields=["name"])
    elif name == "photos":
        # One image field holding a list: Sveltia writes `photos: [a.jpg, b.jpg]` (a list widget around an image
        # field wrote `photos:` with no value).
        out.update(widget="image", multiple=True, choose_url=False, min=prop.get("minItems", 0))
    elif name == "photo" and media:
        out.update(widget="image", choose_url=False)
    elif prop.get("enum"):
        out.update(widget="select", options=list(prop["enum"]))
    elif prop.get("format") == "date":
        out.update(widget="datetime", date_format="YYYY-MM-DD", time_format=False, format="YYYY-MM-DD",
                   picker_utc=True, default="{{now}}")
    elif prop.get("type") == "boolean" and "default" in prop and prop["default"] is None:
        # Yes, no or not said: the boolean widget writes `false` for a box left alone, which would override the
        # artisan's answer (ships_indonesia); a select left empty writes nothing.
        out.update(widget="select", options=[{"label": "Ya / Yes", "value": True},
                                             {"label": "Tidak / No", "value": False}])
    elif items is not None and items.get("properties"):
        out.update(widget="list", fields=[
            {k2: v2 for k2, v2 in _field(k, v, k in items.get("required", []), set(), doc, media).items()
             if k2 != "i18n"}
            for k, v in items["properties"].items()])
    elif items is not None:
        out.update(widget="list")
    elif prop.get("type") == "object" and prop.get("properties"):
        # dimensions: one text box per measurement (250, 105-125 or 25, 30, 35), checked by the validator
        out.update(widget="object", collapsed=True, fields=[
            {k2: v2 for k2, v2 in _field(k, v, False, set(), doc, media).items() if k2 != "i18n"}
            for k, v in prop["properties"].items()])
    else:
        out["widget"] = WIDGETS.get(prop.get("type", "string"), "string")
        if out["widget"] == "number":
            out.update(value_type="int", min=(prop.get("exclusiveMinimum", -1) + 1) if "exclusiveMinimum" in prop
                       else prop.get("minimum"), max=prop.get("maximum"))
        if prop.get("pattern"):
            out["pattern"] = [prop["pattern"], prop.get("x-code", "")]
    if prop.get("maxLength") and out["widget"] in ("string", "text"):
        out["hint"] = f"≤ {prop['maxLength']}"
    return {k: v for k, v in out.items() if v is not None}


def _resolve(doc: dict[str, Any], prop: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in prop:
        prop = doc["$defs"][prop["$ref"].split("/")[-1]]
    return prop


def _fields(doc: dict[str, Any], model: str, translation: str) -> list[dict[str, Any]]:
    facts = doc["$defs"][model]
    translated = set(doc["$defs"][translation]["properties"])
    fields = [_field(k, v, k in facts.get("required", []), translated, doc, True)
              for k, v in facts["properties"].items()]
    return [*fields, BODY]


def build_config(doc: dict[str, Any], ref: ReferenceData, repo: str, branch: str,
                 site_url: str = "") -> dict[str, Any]:
    """The whole config.yml as a mapping (Decap's format, which Sveltia reads)."""
    del ref  # the reference data is already in ``doc``
    common = {
        "create": True,
        "format": "frontmatter",
        "extension": "md",
        "path": "{{slug}}/index",
        "media_folder": "",
        "public_folder": "",
        "i18n": True,
    }
    products = {**common, "name": "products", "label": "Produk / Products", "label_singular": "Produk",
                "folder": "content/products", "summary": "{{title}}",
                "identifier_field": "title", "fields": _fields(doc, "ProductFacts", "ProductTranslation")}
    artisans = {**common, "name": "artisans", "label": "Perajin / Artisans", "label_singular": "Perajin",
                "folder": "content/artisans", "summary": "{{name}}", "identifier_field": "name",
                "fields": _fields(doc, "ArtisanFacts", "ArtisanTranslation")}
    config: dict[str, Any] = {
        "backend": {"name": "github", "repo": repo, "branch": branch},
        "media_folder": "content/media",
        "i18n": {"structure": "multiple_files", "locales": ["id", "en"], "default_locale": "id"},
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [products, artisans],
        # Optional fields left empty are left out, as people write entries: the validator rejects `motif: ''`.
        "output": {"omit_empty_optional_fields": True},
        # Photo names as the site's URLs: `Foto Kain (1).JPG` is saved as `foto-kain-1.jpg`.
        "media_libraries": {"default": {"config": {"slugify_filename": True}}},
    }
    if site_url:
        config["site_url"] = site_url
    return config
