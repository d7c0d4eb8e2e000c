"""Ways in for artisans without git: the form's JSON Schema, and Sveltia CMS at /admin/ for council staff.

After the catalogue is written, this writes:
- ``theme/submit/schema.json``: the validator's models as JSON Schema plus reference data and messages
  (read by theme/static/js/submit/*.js on /gabung/ and /en/join/, which the catalogue's routes render);
- ``admin/``: Sveltia CMS (its one-file bundle, with its fonts served from admin/fonts/), index.html and the generated
  config.yml. index.html carries the CMS's own Content-Security-Policy (publish.csp.cms_policy: inline styles and
  GitHub's API, which no catalogue page gets) and loads the bundle with a plain <script src>: no CDN, no inline
  script. docs/cms.md says why Sveltia and how staff sign in (a GitHub personal access token; no OAuth server).

Settings: SUBMISSION_SCHEMA_PATH, SUBMISSION_ADMIN_PATH, SUBMISSION_CMS_BUNDLE, SUBMISSION_CMS_REPO,
SUBMISSION_CMS_BRANCH.

Editing locally without GitHub: `make serve`, open http://127.0.0.1:8000/admin/ in Chrome or Edge and choose
"Work with Local Repository", then the catalogue's folder (the browser's File System Access API; no server).
"""

from __future__ import annotations

import html
import json
import logging
from pathlib import Path
from typing import Any

import yaml
from buildkit.settings import reader
from buildkit.store import link
from catalogue.events import pages_rendering
from catalogue.i18n.translations import load_translations
from catalogue.model.model import LANGS
from publish.csp import cms_policy

from .cms import build_config
from .jsonschema import build_schema

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent.parent
# libyaml's emitter when present: the same config.yml as PyYAML's own, a quarter of the time (12 ms → 3 ms).
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

DEFAULTS: dict[str, Any] = {
    "SUBMISSION_SCHEMA_PATH": "theme/submit/schema.json",
    "SUBMISSION_ADMIN_PATH": "admin",
    "SUBMISSION_CMS_BUNDLE": str(ROOT / "node_modules" / "@sveltia" / "cms" / "dist" / "sveltia-cms.js"),
    "SUBMISSION_CMS_REPO": "kriya-jatim/katalog",
    "SUBMISSION_CMS_BRANCH": "main",
}

ADMIN_HTML = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Kriya Jatim · CMS</title>
<link rel="icon" href="../theme/favicon.svg" type="image/svg+xml">
<link rel="cms-config-url" type="text/yaml" href="config.yml">
</head>
<body>
<script src="sveltia-cms.js"></script>
</body>
</html>
"""


# /admin/ when the CMS bundle is not installed: what to run, in Indonesian and English (no script, no style).
SETUP_HTML = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Kriya Jatim · CMS belum dipasang / CMS not set up</title>
</head>
<body>
<main>
<h1>CMS belum dipasang</h1>
<p>Berkas CMS ({bundle}) belum ada. Di folder katalog, jalankan:</p>
<pre><code>npm ci
make html</code></pre>
<p>(atau <code>make serve</code>, yang memasangnya sendiri bila npm tersedia). Perlu Node.js 20 dan npm
(<code>apt-get install nodejs npm</code>). Lalu buka lagi halaman ini.</p>
<section lang="en">
<h2>The CMS is not set up</h2>
<p>The CMS bundle ({bundle}) is missing. In the catalogue's folder, run:</p>
<pre><code>npm ci
make html</code></pre>
<p>(or <code>make serve</code>, which sets it up itself where npm is installed). It needs Node.js 20 and npm
(<code>apt-get install nodejs npm</code>). Then open this page again.</p>
</section>
</main>
</body>
</html>
"""


setting = reader(DEFAULTS)


# Sveltia's fonts (its interface, its code font and Material Symbols, which draws every icon) are @font-face
# rules inside the bundle pointing at jsDelivr, with no option to change them. The same files are on npm,
# pinned in package.json: /admin/ serves them itself and the bundle is written with their URLs replaced, so the
# CMS's policy allows fonts from this origin only.
FONT_CDN = "https://cdn.jsdelivr.net/fontsource/fonts/"
FONTS = {
    "source-sans-3:vf@5.3.0/latin-wght-normal.woff2":
        "@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2",
    "noto-mono@5.3.0/latin-400-normal.woff2": "@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2",
    "material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2":
        "@fontsource-variable/material-symbols-outlined/files/material-symbols-outlined-latin-wght-normal.woff2",
}


def write_bundle(bundle: Path, admin: Path) -> None:
    """Sveltia's one-file script (its ES-module build and source maps, 19 MB, stay behind) with its fonts from
    fonts/ beside it, and those fonts. A font URL the bundle no longer holds (a new Sveltia release) stops the
    build: left alone, the policy would block its fonts and every icon."""
    code = bundle.read_text(encoding="utf-8")
    (admin / "fonts").mkdir(exist_ok=True)
    for remote, local in FONTS.items():
        if FONT_CDN + remote not in code:
            raise RuntimeError(f"submission: {bundle} no longer loads {FONT_CDN + remote}; update FONTS "
                               "(plugins/submission/__init__.py) and the @fontsource packages in package.json")
        font = ROOT / "node_modules" / local
        code = code.replace(FONT_CDN + remote, "fonts/" + font.name)
        link(font, admin / "fonts" / font.name)
    if FONT_CDN in code:
        raise RuntimeError(f"submission: {bundle} loads a font from {FONT_CDN} that FONTS does not name")
    target = admin / bundle.name
    if not target.is_file() or target.read_text(encoding="utf-8") != code:
        target.unlink(missing_ok=True)  # never write through a link into node_modules
        target.write_text(code, encoding="utf-8")


def write_files(generator: Any) -> None:
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
        "# Generated from plugins/catalogue/model/schema.py by plugins/submission at build time; do not edit.\n"
        + yaml.dump(config, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    (admin / "index.html").write_text(ADMIN_HTML.format(csp=html.escape(cms_policy(), quote=False)), encoding="utf-8")
    bundle = Path(setting(settings, "SUBMISSION_CMS_BUNDLE"))
    if bundle.is_file():
        write_bundle(bundle, admin)
    else:
        # Not a blank page: staff opening /admin/ read what to run, in both languages.
        (admin / "index.html").write_text(SETUP_HTML.format(bundle=html.escape(str(bundle))), encoding="utf-8")
        logger.warning("submission: %s is missing (run `npm ci`, or `make html` where npm is installed); /admin/ "
                       "says so", bundle)


def register() -> None:
    # pages_rendering: the form's files need the reference data only; written while the pages are rendered.
    pages_rendering.connect(write_files)
