"""Read the content tree into a Catalogue, collecting every problem in one pass."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from buildkit.forked import Forks, start_in_forks
from pydantic import BaseModel

from ..model.links import both_languages, is_shop_home
from ..model.model import Artisan, Catalogue, Page, Product, Shipping, Storefront, Text
from ..model.problems import Problem, quote
from ..model.refdata import Names, ReferenceData, ReferenceDataError, load_reference_data
from ..model.schema import (
    SIZE_LETTERS,
    ArtisanFacts,
    ArtisanTranslation,
    PageText,
    ProductFacts,
    ProductTranslation,
)
from .entrycache import DigestCache, EntryCache
from .files import Report, read_file, render_body, validate
from .frontmatter import EntryText
from .reader import PhotoCheck, Reader

# URL segments the catalogue itself uses; a page may not take them.
RESERVED_SLUGS = frozenset({"en", "produk", "products", "perajin", "artisans", "kategori", "categories", "wilayah",
                            "regions", "tag", "tags", "media", "theme", "gabung", "join", "pagefind"})


@dataclass
class LoadResult:
    catalogue: Catalogue | None
    problems: list[Problem] = field(default_factory=list)
    reused: int = 0  # artisans and products taken from the entry cache instead of being read again

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


# Words a size written as text may hold in any language: units, clothing sizes, the "x" of 30 x 20 cm.
SIZE_NEUTRAL_WORDS = frozenset({"mm", "cm", "m", "g", "kg", "ml", "l", "x", *(s.lower() for s in SIZE_LETTERS)})


def _size_words(size: str | None) -> list[str]:
    """The words of a size written as text that are not numbers, units or clothing sizes: what would show in
    Indonesian on the English page ('S sampai XXL atau ukuran khusus' → sampai, atau, ukuran, khusus)."""
    words = re.findall(r"[^\W\d_]+", size or "")
    return list(dict.fromkeys(w for w in words if w.lower() not in SIZE_NEUTRAL_WORDS))


def fingerprint(*parts: EntryText | str | None) -> str:
    """A short hash of what an entry says (both files, its photos, what it shows of others)."""
    digest = hashlib.sha256()
    for part in parts:
        text = part if isinstance(part, str) else "" if part is None else f"{sorted(part.meta.items())!r}{part.body}"
        digest.update(text.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()[:20]


def _front_matter(entry: EntryText | None) -> str | None:
    return None if entry is None else repr(sorted(entry.meta.items()))


class _Loader(Reader):
    def shipping(self, facts: Any, en: Any, en_path: Path) -> Shipping:
        note = {"id": facts.shipping_note} if facts.shipping_note else {}
        if en is not None and en.shipping_note:
            note["en"] = en.shipping_note
        elif en is not None and note:
            self.report.add(en_path, "shipping_note", "shipping_note_untranslated", "warning")
        return Shipping(facts.ships_indonesia, facts.ships_abroad, facts.dispatch_days, note)

    def storefronts(self, links: list[Any]) -> tuple[Storefront, ...]:
        return tuple(Storefront(self.ref.platforms[s.platform], s.url) for s in links)

    def artisan(self, folder: Path) -> Artisan | None:
        parsed = self.parse(folder, ArtisanFacts, ArtisanTranslation)
        if parsed is None:
            return None
        index, entry, facts, body_id, en, en_entry, en_path, body_en = parsed
        photo = self.photo(folder, facts.photo, "photo", index, None) if facts.photo else None
        name = Names(facts.name, en.name if en is not None and en.name else facts.name)
        texts = {
            "id": Text(facts.name, facts.summary, body_id),
            "en": Text(name.en, en.summary, body_en) if en is not None
            else Text(facts.name, facts.summary, body_id, fallback=True),
        }
        if self.report.count(index) or (en is not None and self.report.count(en_path)):
            return None
        return Artisan(
            slug=folder.name, name=name, region=self.ref.regions[facts.region],
            island=self.ref.islands[facts.island] if facts.island else None, village=facts.village,
            crafts=tuple(self.ref.categories[c] for c in facts.crafts), founded=facts.founded, photo=photo,
            whatsapp=facts.whatsapp, instagram=facts.instagram, storefronts=self.storefronts(facts.storefronts),
            certifications=tuple(self.ref.certifications[c] for c in facts.certifications),
            shipping=self.shipping(facts, en, en_path), texts=texts, source=folder,
            fingerprint=fingerprint(entry, en_entry, photo.digest if photo else ""),
        )

    def product(self, folder: Path, artisans: dict[str, Artisan], artisan_slugs: set[str]) -> Product | None:
        parsed = self.parse(folder, ProductFacts, ProductTranslation)
        if parsed is None:
            return None
        index, entry, facts, body_id, en, en_entry, en_path, body_en = parsed
        for issue in facts.cross_checks(self.ref):
            self.report.add(index, issue.field, issue.code, **issue.params)
        if facts.artisan not in artisan_slugs:
            self.report.add(index, "artisan", "unknown_artisan", got=facts.artisan)
        for i, tag in enumerate(facts.tags):
            if tag not in self.ref.tags:
                self.report.add(index, f"tags[{i + 1}]", "unknown_tag", "warning", got=quote(tag))
        words = _size_words(facts.size)
        if words and en is not None and en.size is None:
            self.report.add(index, "size", "size_words", "warning", words=", ".join(words))
        for i, link in enumerate(facts.storefronts):
            platform = self.ref.platforms[link.platform]
            if is_shop_home(platform, link.url):
                # The artisan's storefronts already lead to the shop: a product's own link should open the piece.
                self.report.add(index, f"storefronts[{i + 1}].url", "storefront_home", "warning",
                                **both_languages("platform", platform.name), got=quote(link.url))
        for fld, captions in (("captions", facts.captions), ("captions", en.captions if en else [])):
            if captions and len(captions) != len(facts.photos):
                self.report.add(index if captions is facts.captions else en_path, fld, "captions_count",
                                captions=len(captions), photos=len(facts.photos))
        photos = []
        for i, name in enumerate(facts.photos):
            caption = None
            if i < len(facts.captions):
                en_caps = en.captions if en is not None else []
                caption = Names(facts.captions[i], en_caps[i] if i < len(en_caps) else facts.captions[i])
            photo = self.photo(folder, name, f"photos[{i + 1}]", index, caption)
            if photo is not None:
                photos.append(photo)
        if self.report.count(index) or (en is not None and self.report.count(en_path)):
            return None
        if en is not None:
            # Texts index.en.md may give: without them the English page shows the Indonesian ones.
            for fld, given in (("materials", en.materials is not None), ("captions", bool(en.captions))):
                if getattr(facts, fld) and not given:
                    self.report.add(en_path, fld, "fact_untranslated", "warning", field=fld)
        if facts.artisan not in artisans:
            return None  # the artisan's own entry has errors, reported there
        id_text = Text(facts.title, facts.summary, body_id, motif=facts.motif, materials=tuple(facts.materials),
                       size=facts.size)
        en_text = (
            Text(en.title, en.summary, body_en, motif=en.motif or facts.motif,
                 materials=tuple(en.materials) if en.materials is not None else tuple(facts.materials),
                 size=en.size or facts.size)
            if en is not None else Text(facts.title, facts.summary, body_id, fallback=True, motif=facts.motif,
                                         materials=tuple(facts.materials), size=facts.size)
        )
        return Product(
            slug=folder.name, artisan=artisans[facts.artisan], category=self.ref.categories[facts.category],
            technique=self.ref.techniques[facts.technique], dyes=facts.dyes, size=facts.size,
            dimensions=facts.dimensions, sizes=tuple(facts.sizes), custom_size=facts.custom_size,
            weight_g=facts.weight_g, price=facts.price, price_min=facts.price_min, price_max=facts.price_max,
            availability=facts.availability, lead_time_days=facts.lead_time_days, photos=tuple(photos),
            own_storefronts=self.storefronts(facts.storefronts), tags=tuple(facts.tags),
            tag_names=tuple(self.ref.tag(t) for t in facts.tags), added=facts.added,
            certifications=tuple(self.ref.certifications[c] for c in facts.certifications),
            featured=facts.featured, texts={"id": id_text, "en": en_text}, source=folder,
            own_shipping=self.shipping(facts, en, en_path),
            fingerprint=fingerprint(entry, en_entry, *(p.digest for p in photos), artisans[facts.artisan].fingerprint),
            # What its card shows comes from the front matter, the cover and the artisan, never from the story:
            # editing a product's story makes its own pages again, not every list and related item showing it.
            card_fingerprint=fingerprint(_front_matter(entry), _front_matter(en_entry),
                                         photos[0].digest if photos else "", artisans[facts.artisan].fingerprint),
        )

    def page(self, folder: Path, taken: dict[str, set[str]]) -> Page | None:
        texts: dict[str, Text] = {}
        slugs: dict[str, str] = {}
        for lang in ("id", "en"):
            path = folder / f"index.{lang}.md"
            if lang == "en" and not path.exists():
                self.report.add(path, "file", "translation_missing", "warning")
                texts["en"] = Text(texts["id"].title, texts["id"].summary, texts["id"].body_html, fallback=True)
                slugs["en"] = slugs["id"]
                continue
            entry = read_file(path, self.report)
            if entry is None:
                return None
            meta: PageText | None = validate(PageText, entry.meta, path, self.ref, self.report)
            body = render_body(entry.body, path, self.report)
            if meta is None:
                return None
            if meta.slug in RESERVED_SLUGS or meta.slug in taken[lang]:
                self.report.add(path, "slug", "page_slug", got=quote(meta.slug))
            taken[lang].add(meta.slug)
            texts[lang] = Text(meta.title, meta.summary or "", body)
            slugs[lang] = meta.slug
        return Page(folder.name, Names(slugs["id"], slugs["en"]), texts, folder)


READ_AHEAD_FROM = 200  # entries to read before a second process is worth starting
READ_AHEAD_PARTS = 8

_KINDS = (("artisans", ArtisanFacts, ArtisanTranslation), ("products", ProductFacts, ProductTranslation))


class _ReadAhead(NamedTuple):
    """What a reading process sends back of one part: the entry cache's records it made, the photo digests it
    made (DigestCache.hashed), and what it read of each entry (_Loader.keys)."""

    records: list[tuple[str, tuple[int, bytes]]]
    digests: dict[str, list]  # type: ignore[type-arg]
    keys: dict[str, tuple[str, tuple[int, ...], tuple[int, ...] | None]]


def _read_ahead(loader: Reader, todo: list[tuple[Path, type[BaseModel], type[BaseModel]]], *,
                unchecked: bool) -> Forks | None:
    """Start reading the artisans and products the entry cache lacks in two processes at once, into the cache (a
    cold build of 10,000 products spends most of its loading time in YAML, pydantic, Markdown and nh3, one entry
    at a time); the processes' ``results()`` are the records they made.

    ``unchecked``: ``todo`` is every entry, and each process skips those the cache holds (it reads their files to
    know). Otherwise ``todo`` holds only the entries the cache lacks.

    Only the cache's records come back, with the key and stamps of the files read of every entry: the loader
    then takes every entry from the cache, in order, as on a warm build, so its checks across entries and the
    order of its messages stay as they are; by that key while its files keep those stamps. What is reported while
    reading ahead is dropped: an entry's warnings come back with its record, and an entry with errors is not
    cached, so the loader reads it again and reports them.
    """
    cache = loader.cache
    if cache.file is None or (os.cpu_count() or 1) < 2 or len(todo) < READ_AHEAD_FROM:
        return None
    quiet = Reader(loader.root, loader.ref, Report(), loader.hashes, cache)
    # Eight parts for two processes, each taking the next part when done with one: a process that shares its core
    # (with the build's own, importing Pelican meanwhile) reads fewer, and both end together.
    parts = {f"part {i + 1} of {READ_AHEAD_PARTS}": todo[i::READ_AHEAD_PARTS] for i in range(READ_AHEAD_PARTS)}

    def read(part: str) -> list[_ReadAhead]:
        before = set(cache.used)  # a process reads several parts: each sends back its own records only
        hashed = set(quiet.hashes.hashed)
        keys = {}
        for folder, facts, translation in parts[part]:
            key = quiet.key_of(folder, facts)
            if key is None:
                continue  # the loader reads it again, and reports why it cannot be used
            index = os.fspath(folder / "index.id.md")
            keys[index] = (key, *quiet.stamps[index])
            if not unchecked or not cache.has(key):
                parsed = quiet.parse(folder, facts, translation)
                if parsed is not None:
                    quiet.hash_photos(folder, parsed)
        digests = {k: v for k, v in quiet.hashes.hashed.items() if k not in hashed}
        return [_ReadAhead(cache.added_since(before), digests, keys)]

    return start_in_forks(read, list(parts), 2, "reading the entries")


def _missing(loader: Reader) -> list[tuple[Path, type[BaseModel], type[BaseModel]]]:
    """The entries the cache lacks; their files' bytes are kept for the loader's own read of them."""
    if loader.cache.file is None:
        return []
    quiet = Reader(loader.root, loader.ref, Report(), loader.hashes, loader.cache)  # entries() reports nothing
    return [(folder, facts, translation) for kind, facts, translation in _KINDS
            for folder in quiet.entries(kind) if loader.unread(folder, facts)]


class ReadAhead:
    """The reading read_ahead() started for one content folder and cache: the load_catalogue() of that folder and
    cache it is given to goes on from there, once; ``stop()`` abandons it (what a load does with one of another
    folder or cache, and a build that failed before its catalogue was loaded)."""

    def __init__(self, where: tuple[Path, Path | None], ref: ReferenceData, hashes: DigestCache, cache: EntryCache,
                 reading: Forks | None):
        self.where = where
        self.sources = (ref, hashes, cache)
        self.reading = reading
        self.taken = False

    def take(self, root: Path, cache_dir: Path | None) -> ReadAhead | None:
        """Itself, for the first load of its folder and cache; None (and stopped) for any other."""
        if self.taken or self.where != _where(root, cache_dir):
            self.stop()
            return None
        self.taken = True
        return self

    def stop(self) -> None:
        self.taken = True
        if self.reading is not None:
            self.reading.stop()


def _where(root: Path, cache_dir: Path | None) -> tuple[Path, Path | None]:
    return root.resolve(), None if cache_dir is None else Path(cache_dir).resolve()


def _sources(root: Path, cache_dir: Path | None) -> tuple[ReferenceData, DigestCache, EntryCache]:
    """What a load starts from besides the entries; raises ReferenceDataError."""
    ref = load_reference_data(root / "data")
    return ref, DigestCache(cache_dir), EntryCache(cache_dir, root, root / "data")


def read_ahead(root: Path, cache_dir: Path | None) -> ReadAhead | None:
    """Start reading the entries of ``root`` now, for the ``load_catalogue(root, cache_dir, read=…)`` that follows.

    scripts/build.py calls this before it imports Pelican: the two reading processes start a tenth of a second
    after the build does, and read while Pelican and the plugins are imported and set up; it hands what this returns
    to the catalogue's generator (the CATALOGUE_READ_AHEAD setting). A load of another folder or cache stops them,
    and reads as it would have without them.
    """
    try:
        ref, hashes, cache = _sources(root, cache_dir)
    except ReferenceDataError:
        return None  # load_catalogue reports it, in the same words as when nothing was started
    quiet = Reader(root, ref, Report(), hashes, cache)
    every = [(folder, facts, translation) for kind, facts, translation in _KINDS for folder in quiet.entries(kind)]
    return ReadAhead(_where(root, cache_dir), ref, hashes, cache, _read_ahead(quiet, every, unchecked=True))


def load_catalogue(root: Path, cache_dir: Path | None = None, photo_checks: Sequence[PhotoCheck] = (),
                   read: ReadAhead | None = None) -> LoadResult:
    """Read every entry under ``root`` (the content folder); never raises for a contributor's mistake.

    ``cache_dir`` keeps photo digests and parsed entries (entrycache.py) between runs; each of ``photo_checks``
    looks at every photo an entry names (the images plugin's Inspector: can it be decoded, is it dark, …);
    ``read`` is what read_ahead() started for this folder and cache, if anything.
    """
    report = Report()
    early = read.take(root, cache_dir) if read is not None else None
    if early is not None:
        ref, hashes, cache = early.sources
    else:
        try:
            ref, hashes, cache = _sources(root, cache_dir)
        except ReferenceDataError as exc:
            report.add(root / "data", "data", "reference_data", detail=str(exc))
            return LoadResult(None, report.problems)
    loader = _Loader(root, ref, report, hashes, cache, photo_checks)
    reading = early.reading if early is not None else _read_ahead(loader, _missing(loader), unchecked=False)
    if reading is not None:
        parts = reading.results()
        cache.add_read_ahead([record for part in parts for record in part.records])
        for part in parts:
            hashes.learn(part.digests)
            loader.keys.update(part.keys)
    artisan_dirs = loader.entries("artisans")
    artisans = {a.slug: a for a in (loader.artisan(d) for d in artisan_dirs) if a is not None}
    slugs = {d.name for d in artisan_dirs}
    products = [p for p in (loader.product(d, artisans, slugs) for d in loader.entries("products")) if p is not None]
    taken: dict[str, set[str]] = {"id": set(), "en": set()}
    pages = {p.key: p for p in (loader.page(d, taken) for d in loader.entries("pages")) if p is not None}
    hashes.save()
    cache.save()
    catalogue = Catalogue.assemble(ref, products, list(artisans.values()), pages)
    return LoadResult(catalogue, report.problems, cache.hits)
