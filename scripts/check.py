"""Validate the content without building: one ``path: field: message`` line per problem, in Indonesian or English.

Usage: ``python -m scripts.check [--input content] [--lang id|en] [--format text|github] [PATH ...]``; exits 1 when
there is an error. ``--format github`` prints workflow annotations (``::error file=…,line=…::``) placed on the line of
the field, and appends a table to ``$GITHUB_STEP_SUMMARY``. PATHs (files or folders, e.g. from pre-commit) limit the
report to the entries they belong to; the whole tree is still read, since entries refer to each other.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from buildkit.settings import cache_folder  # noqa: E402
from catalogue.i18n.translations import load_translations  # noqa: E402
from catalogue.model.messages import SUMMARY, WARNING  # noqa: E402
from catalogue.model.problems import Problem, display_path, printable  # noqa: E402
from catalogue.reading.files import ENTRY_FILE_LIMIT_KB  # noqa: E402
from catalogue.reading.frontmatter import FENCE, SAFE_LOADER, FrontMatterError, _refuse_hostile  # noqa: E402
from catalogue.reading.loader import load_catalogue  # noqa: E402
from images import sizes  # noqa: E402
from images.inspect import Inspector  # noqa: E402

FIELD_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class Located:
    """A problem with the file a reviewer opens and the line of its field there (None: the whole file)."""

    problem: Problem
    file: str
    line: int | None
    message: str


def field_path(field: str) -> list[str | int]:
    """``storefronts[2].url`` → ``['storefronts', 1, 'url']`` (the validator counts from 1)."""
    return [name if name else int(index) - 1 for name, index in FIELD_PART.findall(field)]


def field_line(path: Path, field: str) -> int | None:
    """The 1-based line where ``field`` is written in the entry file ``path``, or None when it can't be told."""
    if path.is_symlink() or not path.is_file() or path.stat().st_size > ENTRY_FILE_LIMIT_KB * 1024:
        return None
    try:
        lines = path.read_text(encoding="utf-8").lstrip("\ufeff").splitlines(keepends=True)
    except (OSError, UnicodeDecodeError):
        return None
    if not lines or lines[0].strip() != FENCE:
        return 1
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == FENCE), None)
    if end is None:
        return 1
    if field == "text":
        return min(end + 2, len(lines)) if end + 1 < len(lines) else end + 1
    block = "".join(lines[1:end])
    try:
        _refuse_hostile(block)
        node = yaml.compose(block, Loader=SAFE_LOADER)
    except (yaml.YAMLError, FrontMatterError, RecursionError):
        return 1
    line = 1
    for part in field_path(field):
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None)
            if found is None:
                break
            line = found[0].start_mark.line + 2  # +1 for counting from 1, +1 for the opening '---'
            node = found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 2
        else:
            break
    return line


def locate(problem: Problem, message: str, root: Path) -> Located:
    line = field_line(problem.path, problem.field) if problem.path.suffix == ".md" else None
    if problem.params.get("line", "").isdigit():
        line = int(problem.params["line"])  # YAML that cannot be read: the parser's own line
    # Escaped: a file name or a field may hold characters a terminal or a workflow log would act on.
    return Located(problem, printable(display_path(problem.path, root)), line, printable(message))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(item: Located) -> str:
    """One GitHub workflow command; the PR's "Files changed" view shows it on that line."""
    kind = "error" if item.problem.severity == "error" else "warning"
    props = [f"file={_escape_property(item.file)}"]
    if item.line is not None:
        props.append(f"line={item.line}")
    props.append(f"title={_escape_property(printable(item.problem.field))}")
    return f"::{kind} {','.join(props)}::{_escape_data(printable(item.problem.field) + ': ' + item.message)}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def step_summary(items: list[Located], closing: str, warning_word: str) -> str:
    """A Markdown table of every problem for the job's summary page."""
    out = [f"### {_cell(closing)}", ""]
    if items:
        out += ["| | file | line | field | problem |", "|---|---|---|---|---|"]
        for item in items:
            mark = "❌" if item.problem.severity == "error" else f"⚠️ {warning_word}"
            field = _cell(printable(item.problem.field))
            out.append(f"| {mark} | `{_cell(item.file)}` | {item.line or ''} | `{field}` | {_cell(item.message)} |")
    return "\n".join(out) + "\n"


def _within(path: Path, limits: list[Path]) -> bool:
    resolved = path.absolute()
    return any(resolved == limit or limit in resolved.parents or resolved in limit.parents for limit in limits)


def _entry_folders(paths: list[str], content: Path) -> list[Path]:
    """The entry folders (content/<kind>/<slug>) that the given files or folders belong to."""
    content = content.absolute()
    out = []
    for raw in paths:
        path = Path(raw).absolute()
        try:
            rel = path.relative_to(content)
        except ValueError:
            continue
        out.append(content.joinpath(*rel.parts[:2]) if len(rel.parts) >= 2 else path)
    return out


def _photo_sizes(content: Path, translations: Any, args: argparse.Namespace, warning_word: str) -> int:
    """Warn of photos larger than the catalogue needs and say what all of them weigh against the repository's
    limit (images/sizes.py); the number of warnings."""
    photos = sizes.photo_files(content)
    if args.paths:
        limits = _entry_folders(args.paths, content)
        photos = [p for p in photos if _within(p, limits)]
    keep = sizes.keep_width()
    found = sizes.oversized(photos, keep)
    root = Path.cwd()
    for item in found:
        message = translations.gettext(sizes.OVERSIZED).format(**item.params(keep))
        shown = display_path(item.path, root)
        if args.format == "github":
            print(f"::warning file={shown}::photos: {message}")
        else:
            print(f"{shown}: photos: {message} ({warning_word})")
    count, total = sizes.total_bytes(photos)
    if count:
        print(translations.gettext(sizes.TOTAL).format(
            count=count, mb=f"{total / 1e6:.1f}", share=f"{total / 1e6 / sizes.REPOSITORY_MB:.0%}",
            limit=sizes.REPOSITORY_MB), file=sys.stderr)
    return len(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", default=str(ROOT / "content"))
    parser.add_argument("--lang", choices=("id", "en"), default="id")
    parser.add_argument("--translations", default=str(ROOT / "theme" / "translations"))
    parser.add_argument("--format", choices=("text", "github"), default="text")
    parser.add_argument("--summary", help="append a Markdown table here (default with --format github: "
                                          "$GITHUB_STEP_SUMMARY)")
    parser.add_argument("paths", nargs="*", help="report only the entries these files or folders belong to")
    args = parser.parse_args(argv)
    translations = load_translations(Path(args.translations), args.lang)
    content = Path(args.input)
    # The build's own look at each photo, with the default limits, sharing its findings with the build's.
    result = load_catalogue(content, cache_folder({}, "catalogue"), [Inspector(cache_dir=cache_folder({}, "images"))])
    problems = result.errors + result.warnings
    if args.paths:
        limits = _entry_folders(args.paths, content)
        problems = [p for p in problems if _within(p.path, limits)]
    root = Path.cwd()
    warning_word = translations.gettext(WARNING)
    items = [locate(p, p.message(translations), root) for p in problems]
    for item in items:
        if args.format == "github":
            print(annotation(item))
        else:
            suffix = "" if item.problem.severity == "error" else f" ({warning_word})"
            print(f"{item.file}: {printable(item.problem.field)}: {item.message}{suffix}")
    errors = sum(1 for p in problems if p.severity == "error")
    oversized = _photo_sizes(content, translations, args, warning_word)
    cat = result.catalogue
    entries = (len(cat.products) + len(cat.artisans)) if cat else 0
    closing = translations.gettext(SUMMARY).format(errors=errors, warnings=len(problems) - errors + oversized,
                                                   entries=entries)
    print(closing, file=sys.stderr)
    summary = args.summary or (os.environ.get("GITHUB_STEP_SUMMARY") if args.format == "github" else None)
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(step_summary(items, closing, warning_word))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
