"""The web app manifest, one per language, so the catalogue can be put on a tablet's home screen."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from catalogue.i18n.translations import load_translations
from catalogue.model.model import LANGS

from .config import ICON_SIZES, Kiosk


def N_(message: str) -> str:
    """Marks a message for extraction; it is translated when the manifest is written."""
    return message


DESCRIPTION = N_("East Java crafts from the makers themselves, also without a connection.")
# The start page of each language, relative to the site root (the catalogue's home routes).
START = {"id": "", "en": "en/"}


def manifest(lang: str, kiosk: Kiosk, name: str, description: str) -> dict[str, object]:
    """Every URL is relative to the manifest's own folder, so the site works under any SITEURL path."""
    here = posixpath.dirname(kiosk.manifest(lang))

    def rel(path: str) -> str:
        return posixpath.relpath(path or ".", here or ".") + ("/" if path.endswith("/") or not path else "")

    icons = []
    for size in ICON_SIZES:
        icons.append({"src": rel(kiosk.icon(size)), "sizes": f"{size}x{size}", "type": "image/png",
                      "purpose": "any"})
        icons.append({"src": rel(kiosk.icon(size, maskable=True)), "sizes": f"{size}x{size}", "type": "image/png",
                      "purpose": "maskable"})
    return {
        "id": rel(START[lang]),
        "name": name,
        "short_name": name,
        "description": description,
        "lang": lang,
        "start_url": rel(START[lang]),
        "scope": rel(""),  # the site root: one installed app covers both languages, like the service worker
        "display": "standalone",
        "background_color": kiosk.settings["KIOSK_BACKGROUND_COLOR"],
        "theme_color": kiosk.theme_color,
        "icons": icons,
    }


def write_manifests(output: Path, kiosk: Kiosk, name: str, translations_dir: Path) -> None:
    for lang in LANGS:
        description = load_translations(translations_dir, lang).gettext(DESCRIPTION)
        target = output / kiosk.manifest(lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(manifest(lang, kiosk, name, description), ensure_ascii=False, indent=1),
                          encoding="utf-8")
