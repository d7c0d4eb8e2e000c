"""Ways in for artisans without git: the form's JSON Schema, and Decap CMS at /admin/ for council staff.

After the catalogue is written, this writes:
- ``theme/submit/schema.json``: the validator's models as JSON Schema plus reference data and messages
  (read by theme/static/js/submit/*.js on /gabung/ and /en/join/, which the catalogue's routes render);
- ``admin/``: Decap CMS (its dist bundle copied from node_modules), index.html and the generated config.yml.

Settings: SUBMISSION_SCHEMA_PATH, SUBMISSION_ADMIN_PATH, SUBMISSION_DECAP_BUNDLE, SUBMISSION_CMS_REPO,
SUBMISSION_CMS_BRANCH.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

import yaml
from catalogue.events import catalogue_written
from catalogue.model import LANGS
from catalogue.translations import load_translations

from .cms import build_config
from .jsonschema import build_schema

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent.parent

DEFAULTS: dict[str, Any] = {
    "SUBMISSION_SCHEMA_PATH": "theme/submit/schema.json",
    "SUBMISSION_ADMIN_PATH": "admin",
    "SUBMISSION_DECAP_BUNDLE": str(ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"),
    "SUBMISSION_CMS_REPO": "kriya-jatim/katalog",
    "SUBMISSION_CMS_BRANCH": "main",
}

ADMIN_HTML = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Kriya Jatim · CMS</title>
<link rel="cms-config-url" type="text/yaml" href="config.yml">
</head>
<body>
<script src="decap-cms.js"></script>
</body>
</html>
"""


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])


def write_files(generator: Any, written: list[Any] | None = None) -> None:
    settings = generator.settings
    output = Path(generator.output_path)
    ref = generator.catalogue.ref
    translations = {lang: load_translations(generator.translations_dir, lang) for lang in LANGS}
    doc = build_schema(ref, translations)
    schema_path = output / setting(settings, "SUBMISSION_SCHEMA_PATH")
    schema_path.parent.mkdir(parents=True, exist_ok=True)
    schema_path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    admin = output / setting(settings, "SUBMISSION_ADMIN_PATH")
    admin.mkdir(parents=True, exist_ok=True)
    config = build_config(doc, ref, setting(settings, "SUBMISSION_CMS_REPO"),
                          setting(settings, "SUBMISSION_CMS_BRANCH"), settings.get("SITEURL", ""))
    (admin / "config.yml").write_text(
        "# Generated from plugins/catalogue/schema.py by plugins/submission at build time; do not edit.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    (admin / "index.html").write_text(ADMIN_HTML, encoding="utf-8")
    bundle = Path(setting(settings, "SUBMISSION_DECAP_BUNDLE"))
    if bundle.is_file():
        shutil.copyfile(bundle, admin / "decap-cms.js")
    else:
        logger.warning("submission: %s is missing (run `npm install`); /admin/ will not load", bundle)


def register() -> None:
    catalogue_written.connect(write_files)
