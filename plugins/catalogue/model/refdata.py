"""Reference data shipped in content/data: regions, categories, techniques, certifications, storefronts, tags."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..reading.frontmatter import SAFE_LOADER

LANGS = ("id", "en")
# Kinds of storefront, each with a button of its own look (partials/helper/storefronts.html): a shop where the
# buyer pays, a chat with the artisan, a social profile.
PLATFORM_KINDS = ("marketplace", "chat", "social")
DATA_FILES = ("regions", "categories", "techniques", "certifications", "storefronts", "tags")


class ReferenceDataError(ValueError):
    """A file in content/data is missing or malformed."""


@dataclass(frozen=True)
class Names:
    """A text in both languages."""

    id: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


@dataclass(frozen=True)
class Island:
    """An island (or group of islands) at sea that belongs to a regency, such as Bawean of Gresik: a place an
    artisan may name within its region, so that what is made there can be told from the regency's mainland."""

    key: str
    region: str
    name: Names
    short: str = ""  # the name a card shows before its regency's ("Bawean · Gresik"); regions.yml's ``short``


@dataclass(frozen=True)
class Region:
    key: str
    code: str
    kind: str  # "kabupaten" or "kota"
    name: Names
    short: str
    lat: float
    lon: float
    island: str = "java"  # the main island the regency lies on: java or madura
    islands: tuple[Island, ...] = ()  # its islands at sea (regions.yml's ``islands``), in the file's order


@dataclass(frozen=True)
class Category:
    key: str
    name: Names
    description: Names  # a sentence or two: the page's meta description, the printed catalogue's section
    intro: Names  # the paragraph that opens the category's page, written in both languages


@dataclass(frozen=True)
class Technique:
    key: str
    category: str
    name: Names


@dataclass(frozen=True)
class Certification:
    key: str
    name: Names
    description: Names


@dataclass(frozen=True)
class Tag:
    """A word products are grouped by, with its label in each language (content/data/tags.yml)."""

    key: str
    name: Names


@dataclass(frozen=True)
class Platform:
    """A storefront platform and the hosts its links may point to."""

    key: str
    name: Names
    hosts: tuple[str, ...]
    path: re.Pattern[str] | None
    any_host: bool = False
    closed: Names | None = None
    listing: re.Pattern[str] | None = None  # the paths of one product's listing; None: not told apart
    short_hosts: tuple[str, ...] = ()  # short links: where they lead cannot be told from the link
    kind: str = "marketplace"  # what its button looks like: marketplace, chat or social (PLATFORM_KINDS)


@dataclass(frozen=True)
class ReferenceData:
    regions: dict[str, Region] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    techniques: dict[str, Technique] = field(default_factory=dict)
    certifications: dict[str, Certification] = field(default_factory=dict)
    platforms: dict[str, Platform] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)

    @property
    def islands(self) -> dict[str, Island]:
        """Every region's islands at sea by key, in the order of regions.yml."""
        return {i.key: i for region in self.regions.values() for i in region.islands}

    def tag(self, key: str) -> Tag:
        """The tag ``key``, or one named by its key in both languages when tags.yml lacks it (make check warns)."""
        return self.tags.get(key) or Tag(key, Names(key, key))


def _island(region: str, key: str, value: Any) -> Island:
    where = f"regions.yml: {region}: islands: {key}"
    name = _names(value.get("name") if isinstance(value, dict) else None, f"{where}: name")
    # Without a short name of its own, cards name an island in full (the Indonesian name is the proper one).
    return Island(key, region, name, str(value.get("short") or name.id))


def _names(value: Any, where: str) -> Names:
    if isinstance(value, str):
        return Names(value, value)
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return Names(value["id"], str(value.get("en") or value["id"]))
    raise ReferenceDataError(f"{where}: expected a text or {{id: …, en: …}}, got {value!r}")


TAG_KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")

INTRO_LIMIT = 600  # characters: a short paragraph above the products, not an article


def _both(value: Any, where: str, limit: int) -> Names:
    """A text written in both languages (``{id: …, en: …}``), each at most ``limit`` characters."""
    if not isinstance(value, dict):
        raise ReferenceDataError(f"{where}: expected {{id: …, en: …}} with a text in each language, got {value!r}")
    for lang in LANGS:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise ReferenceDataError(f"{where}: {lang}: expected a text, got {text!r}")
        if len(text) > limit:
            raise ReferenceDataError(f"{where}: {lang}: at most {limit} characters, got {len(text)}")
    return Names(value["id"].strip(), value["en"].strip())


def _platform_kind(value: Any, where: str) -> str:
    if value not in PLATFORM_KINDS:
        raise ReferenceDataError(f"{where}: expected one of {', '.join(PLATFORM_KINDS)}, got {value!r}")
    return str(value)


def _load(folder: Path, name: str) -> dict[str, dict[str, Any]]:
    path = folder / f"{name}.yml"
    try:
        # libyaml's safe loader: the same plain data as yaml.safe_load, in a tenth of the time (at the build's
        # start, before the entries can be read).
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}  # noqa: S506 - a safe loader
    except FileNotFoundError as exc:
        raise ReferenceDataError(f"{path}: file is missing") from exc
    except yaml.YAMLError as exc:
        raise ReferenceDataError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ReferenceDataError(f"{path}: expected a mapping of key: {{fields}}")
    return {str(k): v for k, v in data.items()}


def load_reference_data(folder: Path) -> ReferenceData:
    """Read every reference file in ``folder`` (``content/data``)."""
    # tags.yml may be absent from an older content tree: every tag is then shown by its key, and make check says so.
    raw = {name: _load(folder, name) for name in DATA_FILES if name != "tags" or (folder / "tags.yml").exists()}
    raw.setdefault("tags", {})
    try:
        regions = {
            k: Region(
                key=k,
                code=str(v["code"]),
                kind=str(v["kind"]),
                name=_names(v["name"], f"regions.yml: {k}: name"),
                short=str(v.get("short") or k),
                lat=float(v["lat"]),
                lon=float(v["lon"]),
                island=str(v.get("island", "java")),
                islands=tuple(_island(k, str(ik), iv) for ik, iv in (v.get("islands") or {}).items()),
            )
            for k, v in raw["regions"].items()
        }
        categories = {
            k: Category(k, _names(v["name"], f"categories.yml: {k}"), _names(v.get("description", ""), k),
                        _both(v.get("intro"), f"categories.yml: {k}: intro", INTRO_LIMIT))
            for k, v in raw["categories"].items()
        }
        techniques = {
            k: Technique(k, str(v["category"]), _names(v["name"], f"techniques.yml: {k}"))
            for k, v in raw["techniques"].items()
        }
        certifications = {
            k: Certification(k, _names(v["name"], k), _names(v.get("description", ""), k))
            for k, v in raw["certifications"].items()
        }
        platforms = {
            k: Platform(
                key=k,
                name=_names(v["name"], f"storefronts.yml: {k}: name"),
                hosts=tuple(str(h).lower() for h in v.get("hosts") or ()),
                path=re.compile(v["path"]) if v.get("path") else None,
                any_host=bool(v.get("any_host", False)),
                closed=_names(v["closed"], f"storefronts.yml: {k}: closed") if v.get("closed") else None,
                listing=re.compile(v["listing"]) if v.get("listing") else None,
                short_hosts=tuple(str(h).lower() for h in v.get("short_hosts") or ()),
                kind=_platform_kind(v.get("kind", "marketplace"), f"storefronts.yml: {k}: kind"),
            )
            for k, v in raw["storefronts"].items()
        }
        tags = {k: Tag(k, _names(v["name"], f"tags.yml: {k}: name")) for k, v in raw["tags"].items()}
    except ReferenceDataError:
        raise  # already says where and what (a ValueError too, so not wrapped below)
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ReferenceDataError(f"{folder}: malformed reference data: {exc!r}") from exc
    seen: dict[str, str] = {}
    for region in regions.values():
        for isle in region.islands:
            if not TAG_KEY.match(isle.key) or isle.key in regions or isle.key in seen:
                raise ReferenceDataError(f"regions.yml: {region.key}: islands: {isle.key}: expected a key of "
                                         "lowercase letters and '-', not a region's and not another island's")
            seen[isle.key] = region.key
    for t in techniques.values():
        if t.category not in categories:
            raise ReferenceDataError(f"techniques.yml: {t.key}: unknown category {t.category!r}")
    return ReferenceData(regions, categories, techniques, certifications, platforms, tags)
