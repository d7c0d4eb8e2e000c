"""Artisans, products and pages built from what reader.py read of their files, with the checks that look across
entries (the artisan a product names, tags, sizes in words, shop links, page slugs) and the fingerprints of what
each shows."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from ..model.links import both_languages, is_shop_home
from ..model.model import Artisan, Page, Product, Shipping, Storefront, Text
from ..model.problems import quote
from ..model.refdata import Names
from ..model.schema import SIZE_LETTERS, ArtisanFacts, ArtisanTranslation, PageText, ProductFacts, ProductTranslation
from .files import read_file, render_body, validate
from .frontmatter import EntryText
from .reader import Reader

# URL segments the catalogue itself uses; a page may not take them.
RESERVED_SLUGS = frozenset({"en", "produk", "products", "perajin", "artisans", "kategori", "categories", "wilayah",
                            "regions", "tag", "tags", "media", "theme", "gabung", "join", "pagefind"})

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


class Builder(Reader):
    """A Reader that builds each entry it reads into the model's Artisan, Product or Page."""

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
