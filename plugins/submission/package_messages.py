"""What `make import` says about a submission package, in English; translations live in the gettext catalogues."""

from __future__ import annotations

import gettext

from catalogue.model.messages import N_

# One entry per message key; the import's tests look for these words in English.
PACKAGE_MESSAGES: dict[str, str] = {
    "artisan": N_("artisan"),
    "product": N_("product {n}"),
    "english": N_("{where}, English"),
    "not_zip": N_("not a readable .zip package ({detail})"),
    "too_many": N_("{count} files; a package may hold at most {limit}"),
    "too_big": N_("{size} MB unpacked; at most {limit} MB"),
    "duplicate": N_("appears more than once in the package"),
    "link": N_("links are not allowed in a package"),
    "relative": N_("the path must be relative, with '/' only"),
    "outside": N_("'..' would write outside the entry folders"),
    "layout": N_("a package holds only paket.json, artisans/<slug>/<file> and products/<slug>/<file>"),
    "folder_name": N_("the folder name {got} must be lowercase letters, digits and '-'"),
    "file_kind": N_("only index.id.md, index.en.md and photos (JPEG, PNG, WebP, HEIC, AVIF) are allowed"),
    "file_large": N_("the file is too large ({size} KB)"),
    "bomb": N_("compressed {ratio}:1, refused as a zip bomb"),
    "size_lies": N_("the file is larger than its header says; refused"),
    "unpack": N_("cannot be unpacked ({detail})"),
    "empty": N_("the package holds no entries"),
    "manifest": N_("paket.json cannot be read: {detail}"),
    "not_photo": N_("not a photo that can be read ({detail})"),
    "photo_pixels": N_("the picture is too large ({width}×{height} pixels)"),
    "exists": N_("{entry} already exists in the catalogue; an import never replaces an entry"),
    "write": N_("{entry} cannot be written ({detail}); nothing was imported"),
    "nothing": N_("nothing imported: {count} problem(s) in {name}"),
}


def say(translations: gettext.NullTranslations | None, key: str, **params: object) -> str:
    """One message in the translations' language.

    >>> say(None, "product", n=2)
    'product 2'
    """
    template = PACKAGE_MESSAGES[key]
    if translations is not None:
        template = translations.gettext(template)
    return template.format(**{k: str(v) for k, v in params.items()})
