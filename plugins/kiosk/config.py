"""The kiosk's settings, checked once, and the `kiosk` template helper."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from buildkit.settings import values as every_setting
from images.settings import setting as image_setting

DEFAULTS: dict[str, Any] = {
    # Upper bound of what the service worker downloads at install, in MB (pages first, then photos).
    "KIOSK_PRECACHE_MB": 40,
    # Files cached while browsing beyond the precache (e.g. a JPEG an older browser asks for), at most.
    "KIOSK_RUNTIME_ENTRIES": 300,
    # The offline page per language, served when a page is neither cached nor reachable.
    "KIOSK_OFFLINE": {"id": "offline.html", "en": "en/offline.html"},
    "KIOSK_MANIFEST": {"id": "manifest.webmanifest", "en": "en/manifest.webmanifest"},
    "KIOSK_ICONS_DIR": "icons",
    # Brand colours (theme/static/css/site.css --brand and --paper).
    "KIOSK_THEME_COLOR": "#7a3b12",
    "KIOSK_BACKGROUND_COLOR": "#fbf7f1",
    # Also precache the formats only older browsers load (the <img> JPEG and the later <source>s)?
    # Off: a current browser never asks for them, and they are cached on demand if one does.
    "KIOSK_PRECACHE_FALLBACKS": False,
    # The photo roles (IMAGES_ROLES) pages show in a <picture>: the cards of the product grids, the product
    # galleries and their thumbnails, and the artisans' photos. The social and print images are for link previews
    # and paper.
    "KIOSK_PHOTO_ROLES": ("card", "gallery", "thumb", "portrait"),
    # Files under these folders are photos: precached after pages and static files, up to the cap.
    "KIOSK_MEDIA_PREFIXES": ("media/",),
    # The search index's list of files (written by plugins/search beside the index) and what the booth keeps of
    # it, in MB, on top of KIOSK_PRECACHE_MB: the index first, then a result's fragment per product.
    "KIOSK_SEARCH_LIST": "pagefind/offline.json",
    "KIOSK_SEARCH_MB": 30,
}

# Icon sizes written as PNG: the manifest's two required sizes, and Apple's home-screen size.
ICON_SIZES = (192, 512)
APPLE_TOUCH_SIZE = 180


class KioskSettingError(ValueError):
    """A KIOSK_ setting has a value the plugin can't use."""


def check_settings(settings: dict[str, Any]) -> dict[str, Any]:
    values = every_setting(settings, DEFAULTS)
    media_url = image_setting(settings, "MEDIA_URL")
    if media_url:  # photos on the media bucket (images/media.py) are photos too
        values["KIOSK_MEDIA_PREFIXES"] = (*values["KIOSK_MEDIA_PREFIXES"], media_url)
    cap = values["KIOSK_PRECACHE_MB"]
    if isinstance(cap, bool) or not isinstance(cap, (int, float)) or cap <= 0:
        raise KioskSettingError(f"KIOSK_PRECACHE_MB must be a positive number of megabytes such as 40, got {cap!r}")
    search_cap = values["KIOSK_SEARCH_MB"]
    if isinstance(search_cap, bool) or not isinstance(search_cap, (int, float)) or search_cap < 0:
        raise KioskSettingError(f"KIOSK_SEARCH_MB must be a number of megabytes such as 30 (0: no offline search), "
                                f"got {search_cap!r}")
    entries = values["KIOSK_RUNTIME_ENTRIES"]
    if isinstance(entries, bool) or not isinstance(entries, int) or entries < 0:
        raise KioskSettingError(f"KIOSK_RUNTIME_ENTRIES must be a whole number of files, got {entries!r}")
    roles = values["KIOSK_PHOTO_ROLES"]
    if not isinstance(roles, (list, tuple)) or not all(isinstance(r, str) for r in roles):
        raise KioskSettingError(f"KIOSK_PHOTO_ROLES must be a list of photo roles such as ['card', 'gallery'], "
                                f"got {roles!r}")
    for name in ("KIOSK_THEME_COLOR", "KIOSK_BACKGROUND_COLOR"):
        colour = values[name]
        if not (isinstance(colour, str) and len(colour) == 7 and colour.startswith("#")):
            raise KioskSettingError(f"{name} must be a colour written #rrggbb, got {colour!r}")
    return values


@dataclass(frozen=True)
class Kiosk:
    """The `kiosk` template helper: paths (from the site root) of the manifest, icons and worker."""

    settings: dict[str, Any]

    def manifest(self, lang: str) -> str:
        return str(self.settings["KIOSK_MANIFEST"][lang])

    def icon(self, size: int, maskable: bool = False) -> str:
        return f"{self.settings['KIOSK_ICONS_DIR']}/icon-{'maskable-' if maskable else ''}{size}.png"

    @property
    def apple_touch_icon(self) -> str:
        return self.icon(APPLE_TOUCH_SIZE)

    @property
    def worker(self) -> str:
        return "sw.js"

    @property
    def theme_color(self) -> str:
        return str(self.settings["KIOSK_THEME_COLOR"])
