"""Import entries from a submission package (.zip from the form) or a spreadsheet export (.csv).

Usage: ``python -m scripts.import_entries SRC [--input content] [--lang en|id]``; ``make import SRC=…``.

Everything is checked first, on a staging copy of the content tree with the new entries added, by the
same validator as ``make check``. Nothing is written when there is any problem; an existing entry is never
overwritten. Writing is all or nothing too: every entry is written into a staging folder inside content/ first,
then the folders are renamed into place, and renamed back if any rename fails. The columns of the CSV are
described in docs/import.md (template: docs/import-template.csv).

A package from the form holds ``paket.json`` (the form's language and the order of its products), the artisan
and any number of products. Its problems are named ``kiriman.zip: product 2: price: …`` in the form's language.
A package whose artisan is already in the catalogue (the same folder name, or the same name) adds its products
to that artisan.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from PIL import Image, UnidentifiedImageError

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "plugins"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from catalogue.i18n.translations import load_translations  # noqa: E402
from catalogue.reading.files import PHOTO_SUFFIXES, SLUG  # noqa: E402
from catalogue.reading.loader import load_catalogue  # noqa: E402
from images.inspect import Inspector  # noqa: E402
from submission.package_messages import say  # noqa: E402

try:  # HEIC photos from phones
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - pillow-heif is in requirements.txt
    pass

KINDS = ("artisans", "products")
ENTRY_FILES = ("index.id.md", "index.en.md")
MANIFEST = "paket.json"
MAX_FILES = 200
MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_TOTAL_BYTES = 300 * 1024 * 1024
MAX_MB = MAX_TOTAL_BYTES // 2**20
MAX_RATIO = 100  # uncompressed / compressed, for any one member
MAX_PIXELS = 60_000_000
TEXT_LIMIT = 256 * 1024


class ImportError_(Exception):
    """The input cannot be imported; ``problems`` lists every reason."""

    def __init__(self, problems: list[str], lang: str = "en"):
        self.problems = problems
        self.lang = lang
        super().__init__("\n".join(problems))


@dataclass
class Batch:
    """New entries as files in memory: {"products/<slug>/index.id.md": bytes, …} and where each came from."""

    files: dict[str, bytes] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # entry folder → "row 3", or "kiriman.zip: product 2"
    lang: str | None = None  # the language the form was used in (a package's paket.json)
    joined: list[str] = field(default_factory=list)  # artisans already in the catalogue the products were added to

    def entries(self) -> list[str]:
        return sorted({"/".join(p.split("/")[:2]) for p in self.files})


def _translations(lang: str) -> Any:
    return load_translations(ROOT / "theme" / "translations", lang)


# -- photos --------------------------------------------------------------------------------------------
def check_photo(name: str, data: bytes, tr: Any = None) -> str | None:
    """None when ``data`` is a real picture Pillow can decode, else why not."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.width * im.height > MAX_PIXELS:
                return f"{name}: {say(tr, 'photo_pixels', width=im.width, height=im.height)}"
            im.verify()
        with Image.open(io.BytesIO(data)) as im:
            im.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        return f"{name}: {say(tr, 'not_photo', detail=exc.__class__.__name__)}"
    return None


# -- submission packages ----------------------------------------------------------------------------
def _member_problem(info: zipfile.ZipInfo, tr: Any) -> str | None:
    name = info.filename
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return f"{name}: {say(tr, 'link')}"
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":") or "\x00" in name:
        return f"{name}: {say(tr, 'relative')}"
    parts = PurePosixPath(name).parts
    if any(p in ("..", ".") for p in parts):
        return f"{name}: {say(tr, 'outside')}"
    if info.is_dir() or name == MANIFEST:
        return None
    if len(parts) != 3 or parts[0] not in KINDS:
        return f"{name}: {say(tr, 'layout')}"
    if not SLUG.match(parts[1]):
        return f"{name}: {say(tr, 'folder_name', got=repr(parts[1]))}"
    suffix = PurePosixPath(parts[2]).suffix.lower()
    if parts[2] not in ENTRY_FILES and (suffix not in PHOTO_SUFFIXES or parts[2].startswith(".")):
        return f"{name}: {say(tr, 'file_kind')}"
    if info.file_size > (TEXT_LIMIT if parts[2] in ENTRY_FILES else MAX_FILE_BYTES):
        return f"{name}: {say(tr, 'file_large', size=info.file_size // 1024)}"
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1024 * 1024:
        return f"{name}: {say(tr, 'bomb', ratio=info.file_size // info.compress_size)}"
    return None


def _read_limited(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, tr: Any) -> bytes:
    # The sizes in the zip's directory can lie: stop reading at the limit whatever they say.
    with zf.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ImportError_([f"{info.filename}: {say(tr, 'size_lies')}"])
    return data


def _manifest(zf: zipfile.ZipFile, lang: str | None) -> tuple[str | None, list[str], str | None]:
    """The package's language, its products' folder names in the form's order, and a problem reading it."""
    if MANIFEST not in zf.namelist():
        return lang, [], None
    try:
        data = json.loads(_read_limited(zf, zf.getinfo(MANIFEST), TEXT_LIMIT, None).decode("utf-8"))
        form_lang = data.get("lang")
        products = data.get("products", [])
        if form_lang not in (None, "id", "en") or not isinstance(products, list):
            raise ValueError("lang must be id or en, products a list of folder names")
        return lang or form_lang, [str(p) for p in products], None
    except (ValueError, AttributeError, ImportError_, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        return lang, [], str(exc)


def read_package(path: Path, lang: str | None = None) -> Batch:
    """Every entry of a package, checked for what a package may hold; ``lang`` (else the package's) names the
    language its problems are given in."""
    problems: list[str] = []
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportError_([f"{path.name}: {say(_translations(lang or 'en'), 'not_zip', detail=exc)}"]) from exc
    with zf:
        lang, order, manifest_problem = _manifest(zf, lang)
        tr = _translations(lang or "en")
        if manifest_problem:
            problems.append(f"{path.name}: {say(tr, 'manifest', detail=manifest_problem)}")
        infos = zf.infolist()
        if len(infos) > MAX_FILES:
            raise ImportError_([f"{path.name}: {say(tr, 'too_many', count=len(infos), limit=MAX_FILES)}"])
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL_BYTES:
            raise ImportError_([f"{path.name}: {say(tr, 'too_big', size=total // 2**20, limit=MAX_MB)}"])
        names = [i.filename for i in infos]
        for dup in sorted({n for n in names if names.count(n) > 1}):
            problems.append(f"{dup}: {say(tr, 'duplicate')}")
        for info in infos:
            problem = _member_problem(info, tr)
            if problem:
                problems.append(problem)
        if problems:
            raise ImportError_(problems)
        batch = Batch(lang=lang)
        read = 0
        for info in infos:
            if info.is_dir() or info.filename == MANIFEST:
                continue
            limit = TEXT_LIMIT if info.filename.endswith(".md") else MAX_FILE_BYTES
            try:
                data = _read_limited(zf, info, limit, tr)
            except ImportError_ as exc:
                problems += exc.problems
                continue
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
                problems.append(f"{info.filename}: {say(tr, 'unpack', detail=exc)}")
                continue
            read += len(data)
            if read > MAX_TOTAL_BYTES:
                raise ImportError_([f"{path.name}: {say(tr, 'too_big', size=read // 2**20, limit=MAX_MB)}"])
            if not info.filename.endswith(".md"):
                problem = check_photo(info.filename, data, tr)
                if problem:
                    problems.append(problem)
            batch.files[info.filename] = data
    if problems:
        raise ImportError_(problems)
    if not batch.files:
        raise ImportError_([f"{path.name}: {say(tr, 'empty')}"])
    products = [e.split("/")[1] for e in batch.entries() if e.startswith("products/")]
    numbered = [p for p in order if p in products] + sorted(p for p in products if p not in order)
    for entry in batch.entries():
        kind, slug = entry.split("/")
        where = say(tr, "product", n=numbered.index(slug) + 1) if kind == "products" else say(tr, "artisan")
        batch.origin[entry] = f"{path.name}: {where}"
    return batch


def _front_matter_of(path: Path) -> dict[str, Any]:
    try:
        return _front_matter_of_bytes(path.read_bytes())
    except OSError:
        return {}


def _same_name(name: Any) -> str:
    return " ".join(str(name).split()).casefold()


def join_known_artisans(batch: Batch, content: Path) -> None:
    """A package's artisan already in the catalogue (its folder, or an artisan of the same name) is not written
    again: its products are added to the artisan there."""
    by_name = {_same_name(_front_matter_of(folder / "index.id.md").get("name", "")): folder.name
               for folder in sorted((content / "artisans").glob("*")) if folder.is_dir()}
    for entry in [e for e in batch.entries() if e.startswith("artisans/")]:
        slug = entry.split("/")[1]
        known = slug if os.path.isdir(content / entry) else by_name.get(
            _same_name(_front_matter_of_bytes(batch.files.get(f"{entry}/index.id.md", b"")).get("name", "")))
        if known is None:
            continue
        for rel in [r for r in batch.files if r.startswith(entry + "/")]:
            del batch.files[rel]
        batch.origin.pop(entry, None)
        batch.joined.append(known)
        if known != slug:  # the same artisan under another folder name: the products name the one there
            for rel, data in list(batch.files.items()):
                if rel.startswith("products/") and rel.endswith("/index.id.md"):
                    batch.files[rel] = _artisan_line(data, slug, known)


def _front_matter_of_bytes(data: bytes) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
        meta = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else None
    except (UnicodeDecodeError, yaml.YAMLError, IndexError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _artisan_line(data: bytes, old: str, new: str) -> bytes:
    """index.id.md with its ``artisan:`` line naming ``new`` instead of ``old`` (the rest byte for byte)."""
    pattern = re.compile(rb'^artisan:[ \t]*["\']?' + re.escape(old.encode()) + rb'["\']?[ \t]*$', re.MULTILINE)
    return pattern.sub(b"artisan: " + new.encode(), data, count=1)


# -- spreadsheets --------------------------------------------------------------------------------------
LIST_SEPARATOR = ";"
PRODUCT_COLUMNS = {  # column → front matter field of products/<slug>/index.id.md
    "product_title": "title", "product_summary": "summary", "category": "category", "technique": "technique",
    "motif": "motif", "materials": "materials", "dyes": "dyes", "size": "size", "weight_g": "weight_g",
    "price": "price", "price_min": "price_min", "price_max": "price_max", "availability": "availability",
    "lead_time_days": "lead_time_days", "photos": "photos", "captions": "captions", "tags": "tags",
    "added": "added", "certifications": "certifications",
    # A product's own shipping, only where it differs from its artisan's.
    "product_ships_indonesia": "ships_indonesia", "product_ships_abroad": "ships_abroad",
    "product_dispatch_days": "dispatch_days", "product_shipping_note": "shipping_note",
}
PRODUCT_EN_COLUMNS = {"product_title_en": "title", "product_summary_en": "summary", "motif_en": "motif",
                      "materials_en": "materials", "captions_en": "captions",
                      "product_shipping_note_en": "shipping_note"}
ARTISAN_COLUMNS = {"artisan_name": "name", "artisan_summary": "summary", "region": "region", "village": "village",
                   "crafts": "crafts", "founded": "founded", "artisan_photo": "photo", "whatsapp": "whatsapp",
                   "instagram": "instagram", "artisan_certifications": "certifications",
                   "ships_indonesia": "ships_indonesia", "ships_abroad": "ships_abroad",
                   "dispatch_days": "dispatch_days", "shipping_note": "shipping_note"}
ARTISAN_EN_COLUMNS = {"artisan_summary_en": "summary", "artisan_name_en": "name", "shipping_note_en": "shipping_note"}
TEXT_COLUMNS = {"product_story": "products/id", "product_story_en": "products/en",
                "artisan_story": "artisans/id", "artisan_story_en": "artisans/en"}
OTHER_COLUMNS = ("product_slug", "artisan_slug", "storefront_platforms", "storefront_urls")
LISTS = {"materials", "photos", "captions", "tags", "certifications", "crafts"}
COLUMNS = (*OTHER_COLUMNS, *PRODUCT_COLUMNS, *PRODUCT_EN_COLUMNS, *ARTISAN_COLUMNS, *ARTISAN_EN_COLUMNS,
           *TEXT_COLUMNS)


YES_NO = {"true": True, "ya": True, "yes": True, "false": False, "tidak": False, "no": False}
YES_NO_ASK = {"true": "yes", "ya": "yes", "yes": "yes", "false": "no", "tidak": "no", "no": "no", "ask": "ask",
              "tanya": "ask", "tanyakan": "ask"}


def _cell(column: str, value: str) -> Any:
    value = value.strip()
    if column.removeprefix("product_") == "ships_indonesia":
        return YES_NO.get(value.lower(), value)
    if column.removeprefix("product_") == "ships_abroad":
        return YES_NO_ASK.get(value.lower(), value)
    if column.removesuffix("_en").removeprefix("artisan_") in LISTS or column in LISTS:
        return [v.strip() for v in value.split(LIST_SEPARATOR) if v.strip()]
    return value


def _front_matter(meta: dict[str, Any], body: str) -> bytes:
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    return f"---\n{text}---\n{body.strip()}\n".encode()


def _fields(row: dict[str, str], columns: dict[str, str]) -> dict[str, Any]:
    return {fld: _cell(col, row[col]) for col, fld in columns.items() if (row.get(col) or "").strip()}


def _storefronts(row: dict[str, str], where: str, problems: list[str]) -> list[dict[str, str]]:
    platforms = [p.strip() for p in (row.get("storefront_platforms") or "").split(LIST_SEPARATOR) if p.strip()]
    urls = [u.strip() for u in (row.get("storefront_urls") or "").split(LIST_SEPARATOR) if u.strip()]
    if len(platforms) != len(urls):
        problems.append(f"{where}: storefront_platforms: {len(platforms)} platform(s) for {len(urls)} link(s)")
    return [{"platform": p, "url": u} for p, u in zip(platforms, urls, strict=False)]


def _csv_rows(name: str, text: str) -> list[tuple[int, dict[str, str]]]:
    """The rows of a spreadsheet export as (row number, {column: cell}), blank rows left out; raises ImportError_
    naming the file, the row and the column of every problem of its shape: a column named twice, a row with more
    cells than the header, quotes that never close.

    The separator (',', ';' or tab, as spreadsheets in Indonesian export) is the one the header uses, or ','
    when the header has one column; every other rule is the standard one (RFC 4180: a quote inside a quoted
    cell is written twice). csv.Sniffer guessed those rules from the header alone, and without a quote there it
    read a doubled quote as the end of the cell.
    """
    header = text.splitlines()[0] if text else ""
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    separator = max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","
    try:
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True))
    except csv.Error as exc:
        raise ImportError_([f"{name}: row {_csv_line(text, exc)}: {exc}"]) from exc
    numbered = [(number, row) for number, row in enumerate(table, start=1) if any(cell.strip() for cell in row)]
    if len(numbered) < 2:
        raise ImportError_([f"{name}: no rows"])
    columns = [c.strip() for c in numbered[0][1]]
    problems = []
    for i, column in enumerate(columns):
        if column in columns[:i]:
            problems.append(f"{name}: row 1: {column or '(empty)'}: the column is named twice (columns "
                            f"{columns.index(column) + 1} and {i + 1}); keep one")
    rows = []
    for number, row in numbered[1:]:
        if len(row) > len(columns):
            extra = [cell for cell in row[len(columns):] if cell.strip()]
            if extra:
                problems.append(f"{name}: row {number}: {len(row)} cells for {len(columns)} columns; the extra "
                                f"ones ({', '.join(repr(c) for c in extra[:3])}) have no column")
        rows.append((number, {column: row[i] if i < len(row) else "" for i, column in enumerate(columns)}))
    if problems:
        raise ImportError_(problems)
    return rows


def _csv_line(text: str, exc: csv.Error) -> str:
    """The row the csv module stopped at, from its message ("… line 4"), or '?'."""
    found = str(exc).rsplit("line ", 1)
    return found[1].strip(")") if len(found) == 2 and found[1].strip(")").isdigit() else "?"


def read_csv(path: Path, content: Path) -> Batch:
    """One row per product, the artisan's columns repeated (or filled once) on each of their rows."""
    problems: list[str] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportError_([f"{path.name}: cannot be read as UTF-8 text ({exc})"]) from exc
    rows = _csv_rows(path.name, text)
    unknown = [c for c in rows[0][1] if c not in COLUMNS]
    if unknown:
        problems.append(f"{path.name}: unknown column(s) {', '.join(unknown)}; see docs/import.md")
    photo_dir = path.parent
    batch = Batch()
    artisans: dict[str, tuple[int, dict[str, str]]] = {}
    for number, row in rows:
        where = f"{path.name}: row {number}"
        product = (row.get("product_slug") or "").strip()
        artisan = (row.get("artisan_slug") or "").strip()
        for name, slug in (("product_slug", product), ("artisan_slug", artisan)):
            if not SLUG.match(slug):
                problems.append(f"{where}: {name}: {slug!r} must be lowercase letters, digits and '-', "
                                "such as batik-gajah-oling")
        if not SLUG.match(product) or not SLUG.match(artisan):
            continue
        folder = f"products/{product}"
        if folder in batch.origin:
            problems.append(f"{where}: product_slug: {product} is also on {batch.origin[folder]}")
            continue
        batch.origin[folder] = where
        facts = {"title": None, "summary": None, "artisan": artisan, **_fields(row, PRODUCT_COLUMNS)}
        facts = {k: v for k, v in facts.items() if v is not None or k in ("title", "summary")}
        facts = {k: v for k, v in facts.items() if v is not None}
        links = _storefronts(row, where, problems)
        if links and not _fields(row, ARTISAN_COLUMNS):
            facts["storefronts"] = links
        batch.files[f"{folder}/index.id.md"] = _front_matter(facts, row.get("product_story", ""))
        english = _fields(row, PRODUCT_EN_COLUMNS)
        if english:
            batch.files[f"{folder}/index.en.md"] = _front_matter(english, row.get("product_story_en", ""))
        for photo in facts.get("photos", []):
            _add_photo(batch, folder, photo, photo_dir, where, "photos", problems)
        artisan_fields = _fields(row, ARTISAN_COLUMNS)
        if not artisan_fields:
            continue  # an artisan already in the catalogue, or filled on another row
        if artisan in artisans and artisans[artisan][1] != artisan_fields:
            problems.append(f"{where}: artisan columns differ from row {artisans[artisan][0]} for {artisan}; "
                            "fill them the same, or only once")
            continue
        if artisan in artisans:
            continue
        artisans[artisan] = (number, artisan_fields)
        afolder = f"artisans/{artisan}"
        batch.origin[afolder] = where
        if links:
            artisan_fields = {**artisan_fields, "storefronts": links}
        batch.files[f"{afolder}/index.id.md"] = _front_matter(artisan_fields, row.get("artisan_story", ""))
        a_en = _fields(row, ARTISAN_EN_COLUMNS)
        if a_en:
            batch.files[f"{afolder}/index.en.md"] = _front_matter(a_en, row.get("artisan_story_en", ""))
        if artisan_fields.get("photo"):
            _add_photo(batch, afolder, artisan_fields["photo"], photo_dir, where, "artisan_photo", problems)
    if problems:
        raise ImportError_(problems)
    return batch


def _add_photo(batch: Batch, folder: str, name: str, photo_dir: Path, where: str, column: str,
               problems: list[str]) -> None:
    if "/" in name or "\\" in name or name.startswith(".") or Path(name).suffix.lower() not in PHOTO_SUFFIXES:
        problems.append(f"{where}: {column}: {name!r} must be a photo file name (JPEG, PNG, WebP, HEIC, AVIF) "
                        f"in {photo_dir}")
        return
    path = photo_dir / name
    if path.is_symlink() or not path.is_file():
        problems.append(f"{where}: {column}: {name} is not a file in {photo_dir}")
        return
    if path.stat().st_size > MAX_FILE_BYTES:
        problems.append(f"{where}: {column}: {name} is larger than {MAX_FILE_BYTES // 2**20} MB")
        return
    data = path.read_bytes()
    problem = check_photo(name, data)
    if problem:
        problems.append(f"{where}: {column}: {problem}")
        return
    batch.files[f"{folder}/{name}"] = data


# -- staging, validation, writing ---------------------------------------------------------------------
def _copy_tree(src: Path, dest: Path) -> None:
    def link_or_copy(a: str, b: str) -> None:
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)

    shutil.copytree(src, dest, symlinks=True, copy_function=link_or_copy)


def validate(batch: Batch, content: Path, lang: str = "en") -> list[str]:
    """Every problem the new entries would have in the catalogue, or [] when they can be written."""
    tr = _translations(lang)
    problems = []
    for entry in batch.entries():
        if os.path.lexists(content / entry):  # (os.path: a name too long for the file system is "not there")
            problems.append(f"{batch.origin.get(entry, entry)}: {say(tr, 'exists', entry=entry)}")
    if problems:
        return problems
    with tempfile.TemporaryDirectory(prefix="kriya-import-") as tmp:
        staging = Path(tmp) / "content"
        _copy_tree(content, staging)
        try:
            _write_files(batch, staging)
        except OSError as exc:  # a name the file system refuses, say: reported, never half written
            name = Path(exc.filename or "")
            name = name.relative_to(staging) if staging in name.parents else name
            entry = "/".join(name.parts[:2])
            return [f"{batch.origin.get(entry, entry)}: {say(tr, 'write', entry=entry, detail=exc.strerror or exc)}"]
        result = load_catalogue(staging, photo_checks=[Inspector()])  # as `make check` and the build read it
        new = {staging / e for e in batch.entries()}
        for problem in result.errors:
            folder = problem.path if problem.path in new else next((n for n in new if n in problem.path.parents), None)
            if folder is None:
                continue
            rel = problem.path.relative_to(staging).as_posix()
            origin = batch.origin.get(folder.relative_to(staging).as_posix(), "")
            if origin and batch.lang is not None:  # a package: `kiriman.zip: product 2: price: …`
                where = say(tr, "english", where=origin) if rel.endswith("index.en.md") else origin
                problems.append(f"{where}: {problem.field}: {problem.message(tr)}")
                continue
            prefix = f"{origin}: " if origin else ""
            problems.append(f"{prefix}{rel}: {problem.field}: {problem.message(tr)}")
    return problems


def _write_files(batch: Batch, root: Path) -> None:
    for rel, data in batch.files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def write(batch: Batch, content: Path) -> list[str]:
    """Write every new entry folder, all or nothing, and return what was created.

    The entries are written whole into one staging folder inside content/ (so renaming is atomic, on the same
    file system), then each folder is renamed into place; if any rename fails, those already moved are renamed
    back and the staging folder removed, so content/ is as it was. A rename never replaces a folder that
    appeared meanwhile: it fails, and everything is undone.
    """
    content.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=content))
    moved: list[tuple[Path, Path]] = []
    try:
        _write_files(batch, staging)
        for entry in batch.entries():
            (staging / entry).chmod(0o755)
            target = content / entry
            target.parent.mkdir(parents=True, exist_ok=True)
            if os.path.lexists(target):
                raise FileExistsError(17, "already exists", str(target))
            (staging / entry).rename(target)
            moved.append((staging / entry, target))
    except OSError:
        for back, target in reversed(moved):
            target.rename(back)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    created = []
    for _, target in moved:
        files = sorted(p.name for p in target.iterdir())
        created.append(f"created {target}/ ({', '.join(files)})")
    return created


def import_entries(src: Path, content: Path, lang: str | None = None) -> list[str]:
    """Read, check and write; raises ImportError_ with every problem and then writes nothing.

    ``lang`` is the language of the problems; by default a package's own (the form's), else English.
    """
    if src.suffix.lower() == ".zip":
        batch = read_package(src, lang)
        join_known_artisans(batch, content)
    elif src.suffix.lower() in (".csv", ".tsv", ".txt"):
        batch = read_csv(src, content)
    else:
        raise ImportError_([f"{src.name}: expected a .zip package from the form or a .csv spreadsheet export"])
    lang = lang or batch.lang or "en"
    problems = validate(batch, content, lang)
    if problems:
        raise ImportError_(problems, lang)
    try:
        created = write(batch, content)
    except OSError as exc:
        raise ImportError_([say(_translations(lang), "write", entry=exc.filename or "", detail=exc.strerror or exc)],
                           lang) from exc
    return created + [f"added to artisans/{slug}/ (already in the catalogue)" for slug in batch.joined]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("src", help="a submission package (.zip) or a spreadsheet export (.csv)")
    parser.add_argument("--input", default=os.environ.get("INPUTDIR") or str(ROOT / "content"))
    parser.add_argument("--lang", choices=("id", "en"), default=None,
                        help="the language of the problems (default: the package's own, else English)")
    args = parser.parse_args(argv)
    src = Path(args.src)
    if not src.is_file():
        print(f"{src}: no such file", file=sys.stderr)
        return 2
    try:
        created = import_entries(src, Path(args.input), args.lang)
    except ImportError_ as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        print(say(_translations(exc.lang), "nothing", count=len(exc.problems), name=src.name), file=sys.stderr)
        return 1
    for line in created:
        print(line)
    print(f"{len(created)} entr{'y' if len(created) == 1 else 'ies'} imported; run `make check` and `make html`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
