"""Reading a plugin's settings: each plugin names its defaults once (its DEFAULTS), and one helper reads them;
and the one setting every stage shares, the build's cache folder (CACHE_PATH)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

# Where a build keeps what it made for the next one, when the settings do not say (CACHE_PATH): the project's
# .cache/, which the publish workflow keeps between its runs. Pelican gives CACHE_PATH a value of its own
# ("cache", beside the settings file), so a site's settings name it (pelicanconf.py: .cache).
DEFAULT_CACHE_PATH = Path(__file__).resolve().parents[2] / ".cache"
# The folder of each stage under CACHE_PATH: each holds that stage's kinds of the store (buildkit/store.py).
CACHE_STAGES = ("catalogue", "images")


class SettingsError(ValueError):
    """A setting shared by the stages has a value the build cannot use."""


def cache_folder(settings: Mapping[str, Any], stage: str) -> Path:
    """The folder ``stage`` (one of CACHE_STAGES) keeps its cache in: ``<CACHE_PATH>/<stage>``. CACHE_PATH is the
    one root of everything a build keeps; removing it makes the next build a full one.

    >>> cache_folder({"CACHE_PATH": "/tmp/site-cache"}, "images").as_posix()
    '/tmp/site-cache/images'
    """
    assert stage in CACHE_STAGES, stage
    root = settings.get("CACHE_PATH", DEFAULT_CACHE_PATH)
    if not isinstance(root, str | os.PathLike) or not os.fspath(root):
        raise SettingsError(f"CACHE_PATH: expected the folder the build keeps its cache in, such as '.cache', "
                            f"got {root!r}")
    return Path(root) / stage


def reader(defaults: Mapping[str, Any]) -> Callable[[Mapping[str, Any], str], Any]:
    """A ``setting(settings, name)`` for a plugin whose defaults are ``defaults``: the value Pelican's settings
    give ``name``, else its default. A name with no default is a mistake in the plugin and raises KeyError.

    >>> setting = reader({"SEARCH_INDEX": True})
    >>> setting({}, "SEARCH_INDEX"), setting({"SEARCH_INDEX": False}, "SEARCH_INDEX")
    (True, False)
    """
    def setting(settings: Mapping[str, Any], name: str) -> Any:
        return settings.get(name, defaults[name])

    return setting


def values(settings: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """Every setting ``defaults`` names, as Pelican's settings give it, else its default (for a plugin that checks
    them all at once).

    >>> values({"KIOSK_SEARCH_MB": 10}, {"KIOSK_SEARCH_MB": 30, "KIOSK_ICONS_DIR": "icons"})
    {'KIOSK_SEARCH_MB': 10, 'KIOSK_ICONS_DIR': 'icons'}
    """
    read = reader(defaults)
    return {name: read(settings, name) for name in defaults}
