"""Reading a plugin's settings: each plugin names its defaults once (its DEFAULTS), and one helper reads them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


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
