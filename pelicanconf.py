"""Pelican settings for Kriya Jatim in development: `make html`, `make serve`."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "plugins"))

SITENAME = "Kriya Jatim"
SITEURL = ""
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"

PATH = "content"
THEME = str(HERE / "theme")
PLUGIN_PATHS = [str(HERE / "plugins")]
# Order is signal order: the catalogue loads and validates entries, then images derive the photos it names;
# search starts Pagefind once the pages are written and waits for it after the kiosk's precache list (the two
# overlap) and before publish minifies the pages.
PLUGINS = ["catalogue", "images", "print", "submission", "currency", "sharing", "kiosk", "search", "publish"]
# Absolute URLs for the sitemap, feeds and QR codes while SITEURL is empty: `make serve`'s address.
SHARING_SITEURL = "http://127.0.0.1:8000"

# The catalogue plugin writes every page; Pelican's article, page and static generators have nothing to do.
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []  # originals are never copied: the images plugin writes stripped derivatives
DIRECT_TEMPLATES: list[str] = []
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = ""
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
READERS = {"rst": None, "md": None, "markdown": None, "mkd": None, "mdown": None}

JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n", "jinja2.ext.do"],
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
}

# Everything a build keeps for the next one (read entries, photo derivatives, rendered pages, search indexes), one
# folder per stage in it (plugins/buildkit/settings.py); removing it makes the next build a full one.
CACHE_PATH = str(HERE / ".cache")
# The council that runs the catalogue, in every page's footer (the demo's own address and number).
CATALOGUE_CONTACT = {"email": "katalog@kriyajatim.example", "whatsapp": "0812-3000-2026"}

DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
RELATIVE_URLS = False
